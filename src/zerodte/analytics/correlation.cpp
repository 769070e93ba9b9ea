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

}  // namespace zerodte::analytics
