#pragma once
// Streaming RSI (Wilder), MACD (TA-Lib seeding) and Stochastic (TA-Lib STOCH with SMA smoothing).
#include <cstdint>

#include "zerodte/analytics/moving_averages.hpp"
#include "zerodte/analytics/rolling_extremum.hpp"

namespace zerodte::analytics {

// RSI(n), Wilder: the first average gain/loss is the simple mean of the first n changes (output
// after n+1 inputs, TA-Lib lookback n); then avg = (avg*(n-1) + x)/n. RSI = 100*g/(g+l), and 0
// when g+l == 0 (as TA-Lib).
class Rsi {
 public:
  explicit Rsi(int period);
  bool update(double close);
  [[nodiscard]] bool ready() const { return changes_ >= period_; }
  [[nodiscard]] double value() const;
  void reset();

 private:
  int period_;
  int changes_ = 0;
  bool has_prev_ = false;
  double prev_ = 0;
  double gain_ = 0;
  double loss_ = 0;
};

// MACD(fast, slow, signal). kTaLib (default): the slow EMA is seeded with the SMA of the first
// `slow` closes; the fast EMA with the SMA of the `fast` closes ending at that same bar (TA-Lib
// aligns both seeds on bar slow-1); the signal EMA with the SMA of the first `signal` MACD values;
// all outputs appear together after slow+signal-1 bars (lookback 33 for 12/26/9).
// kFirstValue (Tulip/spreadsheet): every EMA is seeded with its first input, outputs from bar
// slow-1.
enum class MacdSeed : std::uint8_t { kTaLib, kFirstValue };

struct MacdConfig {
  int fast = 12;
  int slow = 26;
  int signal = 9;
  MacdSeed seed = MacdSeed::kTaLib;
  double fast_alpha = 0;  // 0 = 2/(fast+1)
  double slow_alpha = 0;  // 0 = 2/(slow+1)
};

class Macd {
 public:
  explicit Macd(MacdConfig cfg = {});
  bool update(double close);
  [[nodiscard]] bool ready() const { return signal_.ready(); }
  [[nodiscard]] double macd() const { return macd_; }
  [[nodiscard]] double signal() const { return signal_.value(); }
  [[nodiscard]] double histogram() const { return macd_ - signal_.value(); }
  void reset();

 private:
  MacdConfig cfg_;
  Ema fast_;
  Ema slow_;
  Ema signal_;
  int count_ = 0;
  double macd_ = 0;
};

// Stochastic: fast %K over `k_period` = 100*(close-LL)/(HH-LL) (0 when HH == LL, as TA-Lib);
// slow %K = SMA(fast %K, k_slowing); %D = SMA(slow %K, d_period). TA-Lib STOCH with SMA types.
struct StochasticConfig {
  int k_period = 14;
  int k_slowing = 3;
  int d_period = 3;
};

class Stochastic {
 public:
  explicit Stochastic(StochasticConfig cfg = {});
  bool update(double high, double low, double close);
  [[nodiscard]] bool ready() const { return d_.ready(); }
  [[nodiscard]] double k() const { return k_.value(); }
  [[nodiscard]] double d() const { return d_.value(); }
  void reset();

 private:
  RollingExtremum highest_;
  RollingExtremum lowest_;
  Sma k_;
  Sma d_;
};

}  // namespace zerodte::analytics
