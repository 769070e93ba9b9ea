#pragma once
// Seed 003 "Swing trades" decision logic, on daily bars:
//   higher-timeframe regime: close above (below) EMA(trend_period) and that EMA rising (falling)
//     over slope_days by at least min_slope_atr x ATR(14) -> up (down) trend; otherwise none;
//   setup (pullback in the trend): RSI(rsi_period) touched <= pullback_rsi (>= 100-pullback_rsi
//     for shorts) within the last setup_lookback days, and today closed back in the trend's
//     direction (close above / below the previous close);
//   liquidity: mean daily volume over the trend period >= min_avg_volume (seed: "liquidity
//     score > B"); a setup that fails it comes back with blocked = true;
//   plan: stop = reference -/+ stop_atr x ATR(14), target = reference +/- target_atr x ATR;
//     quantity = risk_pct of equity / (stop distance), laddered 25/50/25 at the reference, one and
//     two ladder_step_atr x ATR better (limits good for entry_days days);
//   portfolio heat (sum of open risk to the stops) must stay <= max_heat_pct with the new swing,
//     and at most max_open swings.
#include <array>
#include <cstdint>
#include <string>

#include "zerodte/analytics/directional.hpp"
#include "zerodte/analytics/moving_averages.hpp"
#include "zerodte/analytics/oscillators.hpp"
#include "zerodte/analytics/ring_buffer.hpp"

namespace zerodte::strategy::market_structure {

struct SwingConfig {
  int trend_period = 50;
  int slope_days = 5;
  double min_slope_atr = 0.1;
  int rsi_period = 14;
  double pullback_rsi = 40;
  int setup_lookback = 3;
  double min_avg_volume = 1'000'000;
  double stop_atr = 1.5;
  double target_atr = 3.0;
  double ladder_step_atr = 0.5;
  std::array<double, 3> ladder{0.25, 0.50, 0.25};
  int entry_days = 2;
  int min_hold_days = 5;  // after this, exit when not in profit
  int max_hold_days = 10;
  double risk_pct = 2.0;
  double max_heat_pct = 20.0;
  int max_open = 3;
};

struct SwingSetup {
  int direction = 0;  // +1 long, -1 short, 0 none
  double reference = 0;
  double atr = 0;
  double stop = 0;
  double target = 0;
  double rsi = 0;
  double ema = 0;
  bool blocked = false;  // the pullback setup formed but a filter (liquidity) refused it
  std::string reason;
};

class SwingSetupDetector {
 public:
  explicit SwingSetupDetector(SwingConfig cfg = {});
  // One daily bar; returns the setup it completes (direction 0 with the reason otherwise).
  SwingSetup update(double high, double low, double close, double volume);
  [[nodiscard]] int trend() const { return trend_; }
  [[nodiscard]] double atr() const { return atr_.value(); }

 private:
  SwingConfig cfg_;
  analytics::Ema ema_;
  analytics::Rsi rsi_;
  analytics::Atr atr_;
  analytics::Sma volume_;
  analytics::RingBuffer<double> ema_hist_;
  analytics::RingBuffer<double> rsi_hist_;
  double prev_close_ = 0;
  int trend_ = 0;
};

struct LadderRung {
  double limit = 0;
  std::int64_t quantity = 0;
};

struct SwingPlan {
  std::array<LadderRung, 3> rungs{};
  std::int64_t quantity = 0;
  double risk = 0;  // quantity x stop distance
  std::string reason;
};

// Sizes the ladder; quantity 0 with the reason when heat or the swing count forbid it.
SwingPlan plan_swing(const SwingConfig& cfg, const SwingSetup& setup, double equity,
                     double open_heat, int open_swings, double tick = 0.01);

}  // namespace zerodte::strategy::market_structure
