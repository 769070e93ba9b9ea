#include "zerodte/quant/normalised_black.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "zerodte/quant/normal.hpp"

namespace zerodte::quant {

namespace {

constexpr int kMaxOrder = 47;   // highest derivative of the Mills ratio used (odd)
constexpr int kMaxDepth = 255;  // h < -1.5: n_top <= 47 + 8 + 134
// The forward recurrence from M_0 = M(h), M_1 = 1 + h M(h) loses only what M_1's cancellation
// costs down to h = -2.5: Taylor sums within 9.1e-16 relative of a deep long-double reference
// for t in [1e-6, 0.3 |h|] (1.3e-15 at -2.75, 3.8e-15 at -3.5), as at h = -1.5 (6.4e-16).
// Below it, the backward recurrence (whose depth grows like 1/h^2) takes over.
constexpr double kForwardLimit = -2.5;

struct Reciprocals {
  double v[kMaxDepth + 1];
  constexpr Reciprocals() : v{} {
    for (int i = 1; i <= kMaxDepth; ++i)
      v[i] = 1.0 / i;
  }
};
constexpr Reciprocals kReciprocals;

// Highest odd order the Taylor sum below needs for 1e-17 at (h, t), with slack: for h <= -1.5
// the terms M_k t^k / k! shrink at least like (t / |h|)^2 per odd order. On a dense grid
// (h in [-60, -1.5], t in [1e-6, 0.3 |h|]) the series stopped at least 4 orders below this.
int taylor_order(double h, double t) {
  const double r = t / std::max(-h, 1.0);
  if (!(r < 0.9)) return kMaxOrder;
  const int k = 7 + 2 * static_cast<int>(std::ceil(39.1 / (-2.0 * std::log(r))));
  return std::min(k, kMaxOrder) | 1;
}

// Derivatives M_k(h) = d^k/dh^k Phi(h)/phi(h) = int_0^inf u^k e^{hu - u^2/2} du, k = 0..top,
// for h < kForwardLimit (above that the caller runs the forward recurrence M_{k+1} = h M_k + k
// M_{k-1}, which cancels for large |h|). Here the recurrence runs backwards (Miller), where every
// step adds positive numbers, and is normalised by M_0. It starts from the asymptotic ratio
// M_{n+1}/M_n ~ (h + sqrt(h^2 + 4(n+1)))/2 rather than from M_{n+1} = 0, which cuts the depth:
// n_top = top + 8 + 300/h^2 keeps the Taylor sum within ~5.6e-16 relative of a 3000/h^2-deep
// long-double reference on the grid above (measured; the zero start needed 47 + 8 + 420/h^2
// whatever t). Steps multiply by a table of 1/n (the division's latency dominated the loop).
void mills_derivatives(double h, int top, std::array<double, kMaxOrder + 1>& m) {
  const double m0 = mills_ratio(h);
  const int n_top = std::min(top + 8 + static_cast<int>(std::ceil(300.0 / (h * h))), kMaxDepth);
  double above = 0.5 * (h + std::sqrt(h * h + 4.0 * (n_top + 1)));  // M_{n+1}, scale M_n = 1
  double cur = 1.0;                                                 // M_n
  for (int n = n_top; n >= 1; --n) {
    const double below = (above - h * cur) * kReciprocals.v[n];  // M_{n-1}
    if (n - 1 <= top) m[n - 1] = below;
    if (n <= top) m[n] = cur;
    above = cur;
    cur = below;
    if (cur > 1e250) {  // rescale everything computed so far
      above *= 1e-250;
      cur *= 1e-250;
      for (int k = n - 1; k <= top; ++k)
        m[k] *= 1e-250;
    }
  }
  const double scale = m0 / m[0];
  for (int k = 0; k <= top; ++k)
    m[k] *= scale;
}

}  // namespace

double normalised_intrinsic_call(double x) {
  if (x <= 0.0) return 0.0;
  return 2.0 * std::sinh(0.5 * x);
}

double normalised_vega(double x, double s) {
  if (!(s > 0.0)) return 0.0;
  return kInvSqrt2Pi * exp_neg_half_sum_sq(x / s, 0.5 * s);
}

namespace {

// normalised_black_otm and, when `vega` is given, normalised_vega(x, s) (bit-identical to it:
// where the price needs exp(-(h^2 + t^2)/2) anyway, the vega reuses it instead of a second exp).
double black_otm(double x, double s, double* vega) {
  if (vega != nullptr) *vega = 0.0;
  if (!(s > 0.0)) return 0.0;
  const double t = 0.5 * s;
  if (x == 0.0) {
    if (vega != nullptr) *vega = normalised_vega(x, s);
    return std::erf(t * kInvSqrt2);
  }
  const double h = x / s;
  const bool taylor = t <= 0.3 * std::max(1.0, -h);
  if (!taylor && h + t > 0.0) {
    // High variance (t > 0.3): Phi(h + t) > 1/2 and the subtraction loses at most two bits.
    if (vega != nullptr) *vega = normalised_vega(x, s);
    return std::exp(0.5 * x) * norm_cdf(h + t) - std::exp(-0.5 * x) * norm_cdf(h - t);
  }
  if (h * h > 1500.0) {  // below the smallest double
    if (vega != nullptr) *vega = normalised_vega(x, s);
    return 0.0;
  }
  const double e = exp_neg_half_sum_sq(h, t);  // = exp_neg_half_sum_sq(x / s, 0.5 * s)
  if (vega != nullptr) *vega = kInvSqrt2Pi * e;
  if (taylor) {
    // M(h + t) - M(h - t) = 2 sum_{k odd} M_k(h) t^k / k!
    double sum = 0.0;
    double tk = t;  // t^k / k!
    if (h >= kForwardLimit) {
      // Forward recurrence M_{k+1} = h M_k + k M_{k-1} from M_0 = M(h), M_1 = 1 + h M(h) (stable
      // for h >= kForwardLimit), run only as far as the series needs.
      double m_prev = mills_ratio(h);  // M_{k-1}
      double m_k = 1.0 + h * m_prev;   // M_k, k = 1
      for (int k = 1; k <= kMaxOrder; k += 2) {
        const double term = m_k * tk;
        sum += term;
        if (term <= 1e-17 * sum) break;
        tk *= t * t / ((k + 1.0) * (k + 2.0));
        const double m_next = h * m_k + k * m_prev;  // M_{k+1}
        m_prev = m_next;
        m_k = h * m_next + (k + 1) * m_k;  // M_{k+2}
      }
      return 2.0 * kInvSqrt2Pi * e * sum;
    }
    const int top = taylor_order(h, t);
    std::array<double, kMaxOrder + 1> m;
    mills_derivatives(h, top, m);
    for (int k = 1; k <= top; k += 2) {
      const double term = m[k] * tk;
      sum += term;
      if (term <= 1e-17 * sum) break;
      tk *= t * t / ((k + 1.0) * (k + 2.0));
    }
    return 2.0 * kInvSqrt2Pi * e * sum;
  }
  return kInvSqrt2Pi * e * (mills_ratio(h + t) - mills_ratio(h - t));
}

}  // namespace

double normalised_black_otm(double x, double s) {
  return black_otm(x, s, nullptr);
}

double normalised_black_otm_vega(double x, double s, double& vega) {
  return black_otm(x, s, &vega);
}

double normalised_black_call(double x, double s) {
  if (x > 0.0) return normalised_intrinsic_call(x) + normalised_black_otm(-x, s);
  return normalised_black_otm(x, s);
}

}  // namespace zerodte::quant
