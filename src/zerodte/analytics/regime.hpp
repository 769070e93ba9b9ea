#pragma once
// Volatility and market regimes.
//
// VolRegime (seed 004 section 5.1): VIX < 15 low, < 20 normal, < 25 elevated, < 30 high, else
// extreme (thresholds configurable); a VIX rise of at least `spike_change` (relative, over the
// caller's lookback, default +20%) moves the regime up one level. The seed's position-size
// multipliers (1.25/1.00/0.75/0.50/0.25) come with it.
//
// MarketRegimeClassifier (seed 003): blends three inputs, each with its own confidence in [0, 1]:
//   volatility percentile: rank of the current realized vol among the last `vol_lookback` values
//                          (confidence = share of the lookback filled);
//   moving-average slope:  |EMA(n) change over `slope_bars`| / ATR(14) (trend strength; its
//                          confidence grows with the distance from the threshold);
//   liquidity score:       from the order book (its confidence = the score itself).
// state = trending when the trend strength >= threshold and the vol percentile is below
// `max_trend_vol_pct`, else mean-reverting; confidence = the weakest input's confidence.
#include <array>
#include <cstdint>
#include <string_view>

#include "zerodte/analytics/directional.hpp"
#include "zerodte/analytics/moving_averages.hpp"
#include "zerodte/analytics/realized_vol.hpp"

namespace zerodte::analytics {

enum class VolRegime : std::uint8_t { kLow, kNormal, kElevated, kHigh, kExtreme };
std::string_view to_string(VolRegime r);

struct VolRegimeConfig {
  std::array<double, 4> thresholds{15, 20, 25, 30};
  double spike_change = 0.20;
};

VolRegime classify_vix(double vix, double vix_change, const VolRegimeConfig& cfg = {});
double position_size_multiplier(VolRegime r);

enum class MarketState : std::uint8_t { kUnknown, kTrending, kMeanReverting };
std::string_view to_string(MarketState s);

struct MarketRegime {
  MarketState state = MarketState::kUnknown;
  double confidence = 0;
  double vol_percentile = 0;
  double trend_strength = 0;
  double liquidity = 0;
  double vol_confidence = 0, trend_confidence = 0, liquidity_confidence = 0;
};

struct MarketRegimeConfig {
  int ema_period = 20;
  int slope_bars = 5;
  int vol_window = 20;
  int vol_lookback = 250;
  double periods_per_year = 252.0 * 390.0;
  double trend_threshold = 1.0;  // EMA move over slope_bars, in ATRs
  double max_trend_vol_pct = 0.95;
};

class MarketRegimeClassifier {
 public:
  explicit MarketRegimeClassifier(MarketRegimeConfig cfg = {});
  // One bar plus the current liquidity score (from book_metrics; 1 when not available).
  const MarketRegime& update(double high, double low, double close, double liquidity_score);
  [[nodiscard]] const MarketRegime& regime() const { return regime_; }

 private:
  MarketRegimeConfig cfg_;
  Ema ema_;
  Atr atr_;
  CloseToCloseVol vol_;
  RingBuffer<double> ema_history_;
  RingBuffer<double> vol_history_;
  MarketRegime regime_;
};

}  // namespace zerodte::analytics
