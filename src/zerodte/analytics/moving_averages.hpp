#pragma once
// Streaming moving averages with TA-Lib's definitions and warm-ups (O(1) per update, no
// allocation after construction).
//   Sma(n):  mean of the last n values; first value after n inputs (TA-Lib lookback n-1).
//   Ema(n):  alpha = 2/(n+1). Seed kSma (TA-Lib default): the first output is the SMA of the first
//            n inputs. Seed kFirstValue (Tulip / Metastock): seeded with the first input and
//            producing from the first input on.
//   Wma(n):  weights 1..n, newest heaviest; first value after n inputs.
// Running sums are recomputed exactly from the window every kResyncEvery updates so rounding
// cannot drift over millions of bars.
#include <cstdint>

#include "zerodte/analytics/ring_buffer.hpp"

namespace zerodte::analytics {

inline constexpr std::uint32_t kResyncEvery = 4096;

class Sma {
 public:
  explicit Sma(int period);
  bool update(double x);  // returns ready()
  [[nodiscard]] bool ready() const { return window_.full(); }
  [[nodiscard]] double value() const { return sum_ / static_cast<double>(period_); }
  [[nodiscard]] int period() const { return period_; }
  [[nodiscard]] static int lookback(int period) { return period - 1; }
  void reset();

 private:
  int period_;
  RingBuffer<double> window_;
  double sum_ = 0;
  std::uint32_t since_resync_ = 0;
};

enum class EmaSeed : std::uint8_t { kSma, kFirstValue };

class Ema {
 public:
  explicit Ema(int period, EmaSeed seed = EmaSeed::kSma);
  // Explicit smoothing factor (e.g. Tulip's 0.15/0.075 MACD); period still sets the warm-up.
  Ema(int period, double alpha, EmaSeed seed);
  bool update(double x);
  [[nodiscard]] bool ready() const { return ready_; }
  [[nodiscard]] double value() const { return value_; }
  [[nodiscard]] int period() const { return period_; }
  [[nodiscard]] double alpha() const { return alpha_; }
  void reset();

 private:
  int period_;
  double alpha_;
  EmaSeed seed_;
  int count_ = 0;
  double seed_sum_ = 0;
  double value_ = 0;
  bool ready_ = false;
};

class Wma {
 public:
  explicit Wma(int period);
  bool update(double x);
  [[nodiscard]] bool ready() const { return window_.full(); }
  [[nodiscard]] double value() const { return weighted_ / divisor_; }
  void reset();

 private:
  void resync();
  int period_;
  double divisor_;
  RingBuffer<double> window_;
  double sum_ = 0;
  double weighted_ = 0;
  std::uint32_t since_resync_ = 0;
};

}  // namespace zerodte::analytics
