#pragma once
// A rolling baseline over the last N samples (mean and standard deviation in O(1) per sample)
// with outlier detection: a sample is an outlier when the baseline holds at least min_samples
// and the sample lies more than z_limit standard deviations from the baseline mean. Outliers are
// scored against the baseline before they join it, so one spike does not hide itself.
#include <cstddef>
#include <vector>

namespace zerodte::overseer {

class RollingBaseline {
 public:
  explicit RollingBaseline(std::size_t window = 100, std::size_t min_samples = 20,
                           double z_limit = 4.0);

  // Adds a sample; returns its z-score against the baseline before it was added (0 while the
  // baseline has fewer than min_samples samples or zero spread).
  double add(double x);
  [[nodiscard]] bool is_outlier(double z) const { return z > z_limit_ || z < -z_limit_; }
  [[nodiscard]] double zscore(double x) const;

  [[nodiscard]] std::size_t count() const { return count_; }
  [[nodiscard]] double mean() const;
  [[nodiscard]] double stddev() const;
  [[nodiscard]] bool ready() const { return count_ >= min_samples_; }

 private:
  std::vector<double> ring_;
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  std::size_t min_samples_;
  double z_limit_;
  double sum_ = 0;
  double sum_sq_ = 0;
};

}  // namespace zerodte::overseer
