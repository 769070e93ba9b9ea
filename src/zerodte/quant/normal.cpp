#include "zerodte/quant/normal.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace zerodte::quant {

double exp_neg_half_sum_sq(double a, double b) {
  const double a2 = a * a;
  const double a2_err = std::fma(a, a, -a2);
  const double b2 = b * b;
  const double b2_err = std::fma(b, b, -b2);
  const double sum = a2 + b2;  // two-sum error term
  const double bv = sum - a2;
  const double sum_err = (a2 - (sum - bv)) + (b2 - bv);
  const double tail = a2_err + b2_err + sum_err;
  return std::exp(-0.5 * sum) * (1.0 - 0.5 * tail);
}

namespace {

// erfcx for x >= 0.
double erfcx_nonneg(double x) {
  if (x < 26.0) {
    const double x2 = x * x;
    const double x2_err = std::fma(x, x, -x2);
    return std::exp(x2) * (1.0 + x2_err) * std::erfc(x);
  }
  // Asymptotic series 1/(x sqrt(pi)) * sum (-1)^n (2n-1)!! / (2x^2)^n: for x >= 26 eight terms
  // leave a relative error below 1e-18.
  const double inv2x2 = 0.5 / (x * x);
  double term = 1.0;
  double sum = 1.0;
  for (int n = 1; n <= 8; ++n) {
    term *= -(2.0 * n - 1.0) * inv2x2;
    sum += term;
  }
  constexpr double kInvSqrtPi = 0.5641895835477562869480794515607726;
  return kInvSqrtPi / x * sum;
}

}  // namespace

double erfcx(double x) {
  if (std::isnan(x)) return x;
  if (x >= 0.0) return erfcx_nonneg(x);
  if (x < -26.7) return std::numeric_limits<double>::infinity();
  const double x2 = x * x;
  const double x2_err = std::fma(x, x, -x2);
  return 2.0 * std::exp(x2) * (1.0 + x2_err) - erfcx_nonneg(-x);
}

double inverse_norm_cdf(double p) {
  if (std::isnan(p)) return p;
  if (p <= 0.0) return -std::numeric_limits<double>::infinity();
  if (p >= 1.0) return std::numeric_limits<double>::infinity();
  // Acklam's approximation (relative error < 1.2e-9).
  constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                          1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                          6.680131188771972e+01, -1.328068155288572e+01};
  constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                          -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                          3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  double x = 0.0;
  if (p < kLow || p > 1.0 - kLow) {
    const bool upper = p > 0.5;
    const double q = std::sqrt(-2.0 * std::log(upper ? 1.0 - p : p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    if (upper) x = -x;
  } else {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  }
  // One Halley step on f(x) = Phi(x) - p, working on the smaller tail for precision.
  for (int i = 0; i < 2; ++i) {
    double e = 0.0;
    if (x <= 0.0) {
      e = norm_cdf(x) - p;
    } else {
      e = (1.0 - p) - norm_cdf(-x);
    }
    const double u = e * kSqrt2Pi * std::exp(0.5 * x * x);
    x -= u / (1.0 + 0.5 * x * u);
  }
  return x;
}

namespace {

// Positive half of the n-point Gauss-Legendre rule on [-1, 1].
template <int N>
struct GaussLegendre {
  std::array<double, N / 2> x{};
  std::array<double, N / 2> w{};
  GaussLegendre() {
    for (int i = 0; i < N / 2; ++i) {
      double z = std::cos(std::numbers::pi * (i + 0.75) / (N + 0.5));
      double dp = 0.0;
      for (int it = 0; it < 100; ++it) {
        double p0 = 1.0;
        double p1 = z;
        for (int k = 2; k <= N; ++k) {
          const double p2 = ((2.0 * k - 1.0) * z * p1 - (k - 1.0) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        dp = N * (z * p1 - p0) / (z * z - 1.0);
        const double dz = p1 / dp;
        z -= dz;
        if (std::abs(dz) < 1e-17) break;
      }
      x[i] = z;
      w[i] = 2.0 / ((1.0 - z * z) * dp * dp);
    }
  }
};

const GaussLegendre<6> kGl6;
const GaussLegendre<12> kGl12;
const GaussLegendre<20> kGl20;

// Upper orthant probability P(X > h, Y > k) (Genz's BVND).
double bvn_upper(double h, double k, double r) {
  constexpr double kTwoPi = 2.0 * std::numbers::pi;
  const double* xs = nullptr;
  const double* ws = nullptr;
  int lg = 0;
  if (std::abs(r) < 0.3) {
    xs = kGl6.x.data(), ws = kGl6.w.data(), lg = 3;
  } else if (std::abs(r) < 0.75) {
    xs = kGl12.x.data(), ws = kGl12.w.data(), lg = 6;
  } else {
    xs = kGl20.x.data(), ws = kGl20.w.data(), lg = 10;
  }
  double hk = h * k;
  double bvn = 0.0;
  if (std::abs(r) < 0.925) {
    const double hs = 0.5 * (h * h + k * k);
    const double asr = std::asin(r);
    for (int i = 0; i < lg; ++i) {
      for (const double sgn : {-1.0, 1.0}) {
        const double sn = std::sin(asr * (sgn * xs[i] + 1.0) * 0.5);
        bvn += ws[i] * std::exp((sn * hk - hs) / (1.0 - sn * sn));
      }
    }
    return bvn * asr / (2.0 * kTwoPi) + norm_cdf(-h) * norm_cdf(-k);
  }
  if (r < 0.0) {
    k = -k;
    hk = -hk;
  }
  if (std::abs(r) < 1.0) {
    const double as = (1.0 - r) * (1.0 + r);
    double a = std::sqrt(as);
    const double bs = (h - k) * (h - k);
    const double c = (4.0 - hk) / 8.0;
    const double d = (12.0 - hk) / 16.0;
    bvn = a * std::exp(-(bs / as + hk) * 0.5) *
          (1.0 - c * (bs - as) * (1.0 - d * bs / 5.0) / 3.0 + c * d * as * as / 5.0);
    if (hk > -160.0) {
      const double b = std::sqrt(bs);
      bvn -= std::exp(-hk * 0.5) * kSqrt2Pi * norm_cdf(-b / a) * b *
             (1.0 - c * bs * (1.0 - d * bs / 5.0) / 3.0);
    }
    a *= 0.5;
    for (int i = 0; i < lg; ++i) {
      for (const double sgn : {-1.0, 1.0}) {
        const double xsq = (a * (sgn * xs[i] + 1.0)) * (a * (sgn * xs[i] + 1.0));
        const double rs = std::sqrt(1.0 - xsq);
        bvn += a * ws[i] * std::exp(-(bs / xsq + hk) * 0.5) *
               (std::exp(-hk * (1.0 - rs) / (2.0 * (1.0 + rs))) / rs -
                (1.0 + c * xsq * (1.0 + d * xsq)));
      }
    }
    bvn = -bvn / kTwoPi;
  }
  if (r > 0.0) return bvn + norm_cdf(-std::max(h, k));
  bvn = -bvn;
  if (k > h) {
    if (h < 0.0) {
      bvn += norm_cdf(k) - norm_cdf(h);
    } else {
      bvn += norm_cdf(-h) - norm_cdf(-k);
    }
  }
  return bvn;
}

}  // namespace

double bivariate_norm_cdf(double a, double b, double rho) {
  rho = std::clamp(rho, -1.0, 1.0);
  return std::max(0.0, bvn_upper(-a, -b, rho));
}

}  // namespace zerodte::quant
