#pragma once
// Rolling Pearson correlation between two aligned return series (SPY/QQQ/IWM, seed 002), with the
// rolling regression y = alpha + beta*x and a divergence z-score: the newest y is compared with
// what the PREVIOUS window's fit predicts from the newest x, in units of that window's residual
// standard deviation, so the observation never vouches for itself.
#include <cstdint>

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

}  // namespace zerodte::analytics
