#pragma once
// Rolling mean/variance over the last n values (sliding Welford update, exact recompute every
// kResyncEvery updates) and Bollinger Bands as TA-Lib BBANDS: middle = SMA(n) (or EMA(n) with
// TA-Lib seeding), bands = middle +/- k * population standard deviation of the last n closes.
#include <cstdint>

#include "zerodte/analytics/moving_averages.hpp"

namespace zerodte::analytics {

class RollingMoments {
 public:
  explicit RollingMoments(int period);
  bool update(double x);
  [[nodiscard]] bool ready() const { return window_.full(); }
  [[nodiscard]] double mean() const { return mean_; }
  [[nodiscard]] double population_variance() const;
  [[nodiscard]] double sample_variance() const;  // n-1 denominator
  [[nodiscard]] std::size_t count() const { return window_.size(); }
  void reset();

 private:
  void resync();
  RingBuffer<double> window_;
  double mean_ = 0;
  double m2_ = 0;  // sum of squared deviations from the mean
  std::uint32_t since_resync_ = 0;
};

enum class BandBasis : std::uint8_t { kSma, kEma };

struct BollingerConfig {
  int period = 20;
  double k_up = 2.0;
  double k_down = 2.0;
  BandBasis basis = BandBasis::kSma;
};

class Bollinger {
 public:
  explicit Bollinger(BollingerConfig cfg = {});
  bool update(double close);
  [[nodiscard]] bool ready() const { return moments_.ready(); }
  [[nodiscard]] double middle() const;
  [[nodiscard]] double stddev() const;
  [[nodiscard]] double upper() const { return middle() + cfg_.k_up * stddev(); }
  [[nodiscard]] double lower() const { return middle() - cfg_.k_down * stddev(); }
  void reset();

 private:
  BollingerConfig cfg_;
  RollingMoments moments_;
  Ema ema_;
};

}  // namespace zerodte::analytics
