#include "zerodte/quant/rational_cubic.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace zerodte::quant::rational_cubic {

namespace {

constexpr double kMinControl = -(1.0 - 1.4901161193847656e-08);  // -(1 - sqrt(eps))
constexpr double kMaxControl = 2.0 / (DBL_EPSILON * DBL_EPSILON);

bool is_zero(double x) {
  return std::abs(x) < DBL_MIN;
}

double minimum_control(double d_l, double d_r, double s, bool prefer_shape) {
  const bool monotonic = d_l * s >= 0 && d_r * s >= 0;
  const bool convex = d_l <= s && s <= d_r;
  const bool concave = d_l >= s && s >= d_r;
  if (!monotonic && !convex && !concave) return kMinControl;
  const double d_r_m_d_l = d_r - d_l;
  const double d_r_m_s = d_r - s;
  const double s_m_d_l = s - d_l;
  double r1 = -DBL_MAX;
  double r2 = r1;
  if (monotonic) {
    if (!is_zero(s)) {
      r1 = (d_r + d_l) / s;
    } else if (prefer_shape) {
      r1 = kMaxControl;
    }
  }
  if (convex || concave) {
    if (!(is_zero(s_m_d_l) || is_zero(d_r_m_s))) {
      r2 = std::max(std::abs(d_r_m_d_l / d_r_m_s), std::abs(d_r_m_d_l / s_m_d_l));
    } else if (prefer_shape) {
      r2 = kMaxControl;
    }
  } else if (monotonic && prefer_shape) {
    r2 = kMaxControl;
  }
  return std::max(kMinControl, std::max(r1, r2));
}

}  // namespace

double interpolate(double x, double x_l, double x_r, double y_l, double y_r, double d_l, double d_r,
                   double r) {
  const double h = x_r - x_l;
  if (std::abs(h) <= 0) return 0.5 * (y_l + y_r);
  const double t = (x - x_l) / h;
  if (!(r >= kMaxControl)) {
    const double omt = 1.0 - t;
    const double t2 = t * t;
    const double omt2 = omt * omt;
    return (y_r * t2 * t + (r * y_r - h * d_r) * t2 * omt + (r * y_l + h * d_l) * t * omt2 +
            y_l * omt2 * omt) /
           (1.0 + (r - 3.0) * t * omt);
  }
  return y_r * t + y_l * (1.0 - t);
}

double convex_control_left(double x_l, double x_r, double y_l, double y_r, double d_l, double d_r,
                           double second_derivative_l, bool prefer_shape) {
  const double h = x_r - x_l;
  const double numerator = 0.5 * h * second_derivative_l + (d_r - d_l);
  double r = 0.0;
  if (!is_zero(numerator)) {
    const double denominator = (y_r - y_l) / h - d_l;
    r = is_zero(denominator) ? (numerator > 0 ? kMaxControl : kMinControl)
                             : numerator / denominator;
  }
  return std::max(r, minimum_control(d_l, d_r, (y_r - y_l) / h, prefer_shape));
}

double convex_control_right(double x_l, double x_r, double y_l, double y_r, double d_l, double d_r,
                            double second_derivative_r, bool prefer_shape) {
  const double h = x_r - x_l;
  const double numerator = 0.5 * h * second_derivative_r + (d_r - d_l);
  double r = 0.0;
  if (!is_zero(numerator)) {
    const double denominator = d_r - (y_r - y_l) / h;
    r = is_zero(denominator) ? (numerator > 0 ? kMaxControl : kMinControl)
                             : numerator / denominator;
  }
  return std::max(r, minimum_control(d_l, d_r, (y_r - y_l) / h, prefer_shape));
}

}  // namespace zerodte::quant::rational_cubic
