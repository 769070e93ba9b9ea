#pragma once
// Rolling Pearson correlation between two aligned return series (SPY/QQQ/IWM, seed 002), with the
// rolling regression y = alpha + beta*x and a divergence z-score: the newest y is compared with
// what the PREVIOUS window's fit predicts from the newest x, in units of that window's residual
// standard deviation, so the observation never vouches for itself.
#include <cstdint>
#include <span>
#include <vector>

#include "zerodte/analytics/ring_buffer.hpp"

namespace zerodte::analytics {

class RollingCorrelation {
 public:
  explicit RollingCorrelation(int window);
  // Adds one aligned pair (e.g. minute log returns of two tickers at the same bar time).
  bool update(double x, double y);
  [[nodiscard]] bool ready() const { return pairs_.full(); }
  [[nodiscard]] double correlation() const;
  [[nodiscard]] double beta() const;             // cov(x, y) / var(x)
  [[nodiscard]] double alpha() const;            // mean(y) - beta * mean(x)
  [[nodiscard]] double residual_stddev() const;  // of the in-window fit (n-2 dof)
  // z-score of the newest pair against the fit of the window before it (NaN until available).
  [[nodiscard]] double divergence_z() const { return divergence_z_; }
  [[nodiscard]] double last_residual() const { return last_residual_; }

 private:
  void resync();
  struct Moments {
    double n = 0, mx = 0, my = 0, vx = 0, vy = 0, cxy = 0;  // population moments
  };
  [[nodiscard]] Moments moments() const;
  struct Pair {
    double x = 0, y = 0;
  };
  RingBuffer<Pair> pairs_;
  double sx_ = 0, sy_ = 0, sxx_ = 0, syy_ = 0, sxy_ = 0;  // raw sums (resynced)
  std::uint32_t since_resync_ = 0;
  double divergence_z_;
  double last_residual_;
};

// Pairwise rolling correlations of N aligned return series (seed 002's correlation matrix):
// one RollingCorrelation per pair i < j, y = series j regressed on x = series i.
class CorrelationMatrix {
 public:
  CorrelationMatrix(std::size_t n_series, int window);
  // One aligned observation per series (same bar time); returns ready().
  bool update(std::span<const double> returns);
  [[nodiscard]] bool ready() const { return pairs_.front().ready(); }
  [[nodiscard]] std::size_t size() const { return n_; }
  [[nodiscard]] const RollingCorrelation& pair(std::size_t i, std::size_t j) const;
  [[nodiscard]] double correlation(std::size_t i, std::size_t j) const;  // 1 on the diagonal

 private:
  std::size_t n_;
  std::vector<RollingCorrelation> pairs_;  // (0,1), (0,2), ..., (1,2), ...
};

}  // namespace zerodte::analytics
