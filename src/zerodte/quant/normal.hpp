#pragma once
// Normal distribution functions accurate in the tails (relative precision near 1e-15 down to the
// underflow limit): the CDF is built on erfc, never on 1 - erf.
#include <cmath>
#include <numbers>

namespace zerodte::quant {

inline constexpr double kInvSqrt2Pi = 0.3989422804014326779399460599343819;  // 1/sqrt(2 pi)
inline constexpr double kSqrt2Pi = 2.5066282746310005024157652848110453;
inline constexpr double kInvSqrt2 = 0.7071067811865475244008443621048490;

// Standard normal density.
inline double norm_pdf(double z) {
  return kInvSqrt2Pi * std::exp(-0.5 * z * z);
}

// Standard normal CDF, Phi(z) = erfc(-z/sqrt 2)/2: full relative precision for z -> -inf.
inline double norm_cdf(double z) {
  return 0.5 * std::erfc(-z * kInvSqrt2);
}

// exp(-(a^2 + b^2)/2) with the squares' rounding errors compensated (fma), so the result keeps
// full relative precision even when the exponent is large (|a| ~ 30).
double exp_neg_half_sum_sq(double a, double b);

// Scaled complementary error function erfcx(x) = exp(x^2) erfc(x), accurate for all x (for
// large negative x it overflows like 2 exp(x^2)).
double erfcx(double x);

// Mills-type ratio M(z) = Phi(z)/phi(z) = integral_0^inf exp(z u - u^2/2) du.
inline double mills_ratio(double z) {
  return kSqrt2Pi * 0.5 * erfcx(-z * kInvSqrt2);
}

// Inverse of norm_cdf on (0, 1): Acklam's rational approximation refined by one Halley step on
// the erfc-based CDF (relative error ~1e-15). p <= 0 -> -inf, p >= 1 -> +inf, NaN -> NaN.
double inverse_norm_cdf(double p);

// Bivariate standard normal CDF P(X <= a, Y <= b) with correlation rho in [-1, 1]
// (Drezner-Wesolowsky/Genz method with 6/12/20-point Gauss-Legendre; absolute error ~1e-15).
double bivariate_norm_cdf(double a, double b, double rho);

}  // namespace zerodte::quant
