#include "zerodte/overseer/rolling_baseline.hpp"

#include <algorithm>
#include <cmath>

#include "zerodte/core/assert.hpp"

namespace zerodte::overseer {

RollingBaseline::RollingBaseline(std::size_t window, std::size_t min_samples, double z_limit)
    : ring_(std::max<std::size_t>(window, 2)),
      min_samples_(std::min(std::max<std::size_t>(min_samples, 2), ring_.size())),
      z_limit_(z_limit) {}

double RollingBaseline::mean() const {
  return count_ == 0 ? 0 : sum_ / static_cast<double>(count_);
}

double RollingBaseline::stddev() const {
  if (count_ < 2) return 0;
  const double n = static_cast<double>(count_);
  const double var = (sum_sq_ - sum_ * sum_ / n) / (n - 1);
  return var > 0 ? std::sqrt(var) : 0;
}

double RollingBaseline::zscore(double x) const {
  if (!ready()) return 0;
  const double sd = stddev();
  const double m = mean();
  // A flat baseline: any different value is infinitely far; report a large finite score.
  if (sd <= 1e-12 * std::max(1.0, std::abs(m))) return x == m ? 0 : (x > m ? 1e9 : -1e9);
  return (x - m) / sd;
}

double RollingBaseline::add(double x) {
  ZDTE_ASSERT(std::isfinite(x), "baseline sample must be finite");
  const double z = zscore(x);
  if (count_ == ring_.size()) {
    const double old = ring_[head_];
    sum_ -= old;
    sum_sq_ -= old * old;
  } else {
    ++count_;
  }
  ring_[head_] = x;
  head_ = (head_ + 1) % ring_.size();
  sum_ += x;
  sum_sq_ += x * x;
  if (head_ == 0) {  // once per lap: recompute the sums so rounding never accumulates
    sum_ = 0;
    sum_sq_ = 0;
    for (std::size_t i = 0; i < count_; ++i) {
      sum_ += ring_[i];
      sum_sq_ += ring_[i] * ring_[i];
    }
  }
  return z;
}

}  // namespace zerodte::overseer
