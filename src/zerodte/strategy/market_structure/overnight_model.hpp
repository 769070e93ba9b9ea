#pragma once
// Seed 003 "1DTE overnight" decision logic:
//   end-of-day regime: analytics::MarketRegimeClassifier over the day's minute bars must say
//     trending with confidence >= min_regime_confidence; the direction is the sign of the day's
//     move (last close vs the session's first open), which must be >= min_day_move_pct;
//   implied vs realized gap: the realized vol of the last rv_window minute returns (annualised,
//     analytics::CloseToCloseVol) minus the 1DTE ATM implied vol must be >= min_iv_rv_gap, i.e.
//     the option is cheap for the movement the tape shows (a long call/put carried overnight);
//   sizing: allot position_pct of equity in premium, never taking margin in use (premium paid
//     for long options) above margin_cap_pct of equity (35%).
#include <cstdint>
#include <string>

#include "zerodte/analytics/realized_vol.hpp"
#include "zerodte/analytics/regime.hpp"

namespace zerodte::strategy::market_structure {

struct OvernightConfig {
  double min_regime_confidence = 0.5;
  double min_day_move_pct = 0.3;
  double min_iv_rv_gap = 0.02;  // annualised vol points (0.02 = 2 vol points)
  int rv_window = 30;
  double position_pct = 10.0;
  double margin_cap_pct = 35.0;
  // End-of-day regime: the EMA's move over the last 30 minutes (not 5) in ATRs.
  analytics::MarketRegimeConfig regime{.slope_bars = 30};
};

struct OvernightSignal {
  int direction = 0;  // +1 buy a call, -1 buy a put, 0 stay out
  double day_move_pct = 0;
  double realized_vol = 0;
  double implied_vol = 0;
  double gap = 0;  // realized - implied
  analytics::MarketRegime regime;
  std::string reason;
};

class OvernightModel {
 public:
  explicit OvernightModel(OvernightConfig cfg = {});
  void new_day();  // the next bar opens the session
  void on_bar(double open, double high, double low, double close, double liquidity_score);
  [[nodiscard]] OvernightSignal evaluate(double implied_vol) const;
  [[nodiscard]] double last_close() const { return last_close_; }

 private:
  OvernightConfig cfg_;
  analytics::MarketRegimeClassifier regime_;
  analytics::CloseToCloseVol rv_;
  double day_open_ = 0;
  double last_close_ = 0;
};

struct MarginSizing {
  std::int64_t contracts = 0;
  std::string reason;
};
MarginSizing overnight_contracts(const OvernightConfig& cfg, double equity, double margin_in_use,
                                 double premium, std::int64_t multiplier);

}  // namespace zerodte::strategy::market_structure
