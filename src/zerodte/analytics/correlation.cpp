#include "zerodte/analytics/correlation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "zerodte/analytics/moving_averages.hpp"

namespace zerodte::analytics {

RollingCorrelation::RollingCorrelation(int window)
    : pairs_(static_cast<std::size_t>(window)),
      divergence_z_(std::numeric_limits<double>::quiet_NaN()),
      last_residual_(std::numeric_limits<double>::quiet_NaN()) {
  ZDTE_ASSERT(window >= 3, "correlation window must be >= 3");
}

void RollingCorrelation::resync() {
  // Exact sums of the window (the running sums drift by rounding otherwise).
  sx_ = sy_ = sxx_ = syy_ = sxy_ = 0;
  for (std::size_t i = 0; i < pairs_.size(); ++i) {
    const Pair& p = pairs_[i];
    sx_ += p.x, sy_ += p.y, sxx_ += p.x * p.x, syy_ += p.y * p.y, sxy_ += p.x * p.y;
  }
}

bool RollingCorrelation::update(double x, double y) {
  if (ready()) {
    const double sd = residual_stddev();
    last_residual_ = y - (alpha() + beta() * x);
    divergence_z_ = sd > 0 ? last_residual_ / sd : std::numeric_limits<double>::quiet_NaN();
  }
  Pair out;
  if (pairs_.push(Pair{x, y}, &out)) {
    sx_ += x - out.x, sy_ += y - out.y;
    sxx_ += x * x - out.x * out.x, syy_ += y * y - out.y * out.y, sxy_ += x * y - out.x * out.y;
    if (++since_resync_ >= kResyncEvery / 8) {
      since_resync_ = 0;
      resync();
    }
  } else {
    sx_ += x, sy_ += y, sxx_ += x * x, syy_ += y * y, sxy_ += x * y;
  }
  return ready();
}

RollingCorrelation::Moments RollingCorrelation::moments() const {
  const double n = static_cast<double>(pairs_.size());
  Moments m;
  m.n = n;
  m.mx = sx_ / n, m.my = sy_ / n;
  m.vx = std::max(0.0, sxx_ / n - m.mx * m.mx);
  m.vy = std::max(0.0, syy_ / n - m.my * m.my);
  m.cxy = sxy_ / n - m.mx * m.my;
  return m;
}

double RollingCorrelation::correlation() const {
  const Moments m = moments();
  const double d = std::sqrt(m.vx * m.vy);
  return d > 0 ? std::clamp(m.cxy / d, -1.0, 1.0) : 0.0;
}

double RollingCorrelation::beta() const {
  const Moments m = moments();
  return m.vx > 0 ? m.cxy / m.vx : 0.0;
}

double RollingCorrelation::alpha() const {
  const Moments m = moments();
  return m.my - (m.vx > 0 ? m.cxy / m.vx : 0.0) * m.mx;
}

double RollingCorrelation::residual_stddev() const {
  const Moments m = moments();
  const double ssr = m.n * (m.vy - (m.vx > 0 ? m.cxy * m.cxy / m.vx : 0.0));
  return m.n > 2 && ssr > 0 ? std::sqrt(ssr / (m.n - 2)) : 0.0;
}

CorrelationMatrix::CorrelationMatrix(std::size_t n_series, int window) : n_(n_series) {
  ZDTE_ASSERT(n_series >= 2, "a correlation matrix needs at least two series");
  pairs_.reserve(n_series * (n_series - 1) / 2);
  for (std::size_t k = 0; k < n_series * (n_series - 1) / 2; ++k)
    pairs_.emplace_back(window);
}

bool CorrelationMatrix::update(std::span<const double> r) {
  ZDTE_ASSERT(r.size() == n_, "one return per series");
  std::size_t k = 0;
  for (std::size_t i = 0; i < n_; ++i)
    for (std::size_t j = i + 1; j < n_; ++j)
      pairs_[k++].update(r[i], r[j]);
  return ready();
}

const RollingCorrelation& CorrelationMatrix::pair(std::size_t i, std::size_t j) const {
  ZDTE_ASSERT(i < j && j < n_, "pair(i, j) needs i < j < size()");
  // Index of (i, j) in row-major upper-triangle order.
  const std::size_t k = i * n_ - i * (i + 1) / 2 + (j - i - 1);
  return pairs_[k];
}

double CorrelationMatrix::correlation(std::size_t i, std::size_t j) const {
  if (i == j) return 1.0;
  return i < j ? pair(i, j).correlation() : pair(j, i).correlation();
}

}  // namespace zerodte::analytics
