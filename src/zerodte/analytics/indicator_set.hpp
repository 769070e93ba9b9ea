#pragma once
// The full streaming indicator set for one instrument and timeframe: what
// `zerodte analytics indicators` prints and what the benchmark times. One update per closed bar,
// O(1) work, no allocation. Values are NaN while an indicator is warming up.
#include <cmath>
#include <cstdint>
#include <limits>

#include "zerodte/analytics/bollinger.hpp"
#include "zerodte/analytics/directional.hpp"
#include "zerodte/analytics/moving_averages.hpp"
#include "zerodte/analytics/oscillators.hpp"
#include "zerodte/analytics/realized_vol.hpp"
#include "zerodte/analytics/rolling_extremum.hpp"
#include "zerodte/analytics/volume_indicators.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::analytics {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A bar as the indicators see it (doubles; money stays fixed-point outside analytics).
struct BarInput {
  core::Timestamp ts;            // bar open time
  std::int64_t session_key = 0;  // changes when a new session starts (e.g. local date days)
  double open = 0;
  double high = 0;
  double low = 0;
  double close = 0;
  double volume = 0;
};

struct IndicatorValues {
  double sma_20 = kNaN;
  double ema_9 = kNaN;
  double ema_20 = kNaN;
  double rsi_14 = kNaN;
  double macd = kNaN;
  double macd_signal = kNaN;
  double macd_hist = kNaN;
  double bb_upper = kNaN;
  double bb_middle = kNaN;
  double bb_lower = kNaN;
  double atr_14 = kNaN;
  double adx_14 = kNaN;
  double plus_di_14 = kNaN;
  double minus_di_14 = kNaN;
  double vwap = kNaN;
  double stoch_k = kNaN;
  double stoch_d = kNaN;
  double obv = kNaN;
  double volume_ratio_20 = kNaN;
  double rv_close_20 = kNaN;
  double rv_parkinson_20 = kNaN;
  double hour_high = kNaN;
  double hour_low = kNaN;
};

struct IndicatorSetConfig {
  double periods_per_year = 252.0 * 390.0;  // minute bars of a regular US session
  core::Duration extremum_span = std::chrono::hours(1);
  int extremum_max_samples = 3600;  // bound on samples inside the span (1-second bars)
  WilderSeed adx_seed = WilderSeed::kWilderSum;
};

class IndicatorSet {
 public:
  explicit IndicatorSet(IndicatorSetConfig cfg = {});
  // Feeds one closed bar and refreshes values().
  const IndicatorValues& update(const BarInput& bar);
  [[nodiscard]] const IndicatorValues& values() const { return values_; }
  [[nodiscard]] std::uint64_t bars() const { return bars_; }

 private:
  Sma sma20_;
  Ema ema9_;
  Ema ema20_;
  Rsi rsi14_;
  Macd macd_;
  Bollinger bb_;
  Atr atr14_;
  Adx adx14_;
  Vwap vwap_;
  Stochastic stoch_;
  Obv obv_;
  VolumeRatio vol_ratio_;
  CloseToCloseVol rv_close_;
  ParkinsonVol rv_parkinson_;
  RollingExtremum hour_high_;
  RollingExtremum hour_low_;
  std::int64_t session_key_ = std::numeric_limits<std::int64_t>::min();
  std::uint64_t bars_ = 0;
  IndicatorValues values_;
};

}  // namespace zerodte::analytics
