#include "zerodte/quant/normal.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace zerodte::quant {
namespace {

TEST(Normal, CdfKnownValuesAndTails) {
  EXPECT_DOUBLE_EQ(norm_cdf(0.0), 0.5);
  EXPECT_NEAR(norm_cdf(1.0), 0.8413447460685429, 3e-16);
  EXPECT_NEAR(norm_cdf(-1.96), 0.024997895148220435, 2e-17);
  // Phi(-10) = 7.61985302416047e-24, Phi(-30) = 4.906713927148187e-198 (relative 1e-14).
  EXPECT_NEAR(norm_cdf(-10.0) / 7.619853024160527e-24, 1.0, 1e-13);
  EXPECT_NEAR(norm_cdf(-30.0) / 4.906713927148187e-198, 1.0, 1e-13);
}

TEST(Normal, ErfcxMatchesDefinitionAndAsymptotics) {
  for (double x = -5.0; x < 25.0; x += 0.37) {
    const double direct = std::exp(x * x) * std::erfc(x);
    EXPECT_NEAR(erfcx(x) / direct, 1.0, 1e-13) << x;
  }
  // Continuity across the switch to the asymptotic series at 26.
  EXPECT_NEAR(erfcx(25.999999) / erfcx(26.0), 1.0, 1e-7);
  EXPECT_NEAR(erfcx(1e6) * 1e6 * std::sqrt(std::numbers::pi), 1.0, 1e-12);
}

TEST(Normal, InverseCdfRoundTrips) {
  for (double p :
       {1e-300, 1e-100, 1e-20, 1e-8, 0.001, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.975, 0.999999}) {
    const double z = inverse_norm_cdf(p);
    EXPECT_NEAR(norm_cdf(z) / p, 1.0, 2e-16 * std::max(1.0, z * z)) << p;  // Phi is z^2-conditioned
  }
  EXPECT_NEAR(inverse_norm_cdf(0.975), 1.959963984540054, 1e-14);
  EXPECT_TRUE(std::isinf(inverse_norm_cdf(0.0)));
}

// Reference by brute-force integration of phi(x) * Phi((b - rho x)/sqrt(1 - rho^2)).
double bvn_by_quadrature(double a, double b, double rho) {
  const double lo = -12.0;
  const double hi = std::min(a, 12.0);
  const int n = 20000;  // Simpson
  const double h = (hi - lo) / n;
  double sum = 0.0;
  for (int i = 0; i <= n; ++i) {
    const double x = lo + i * h;
    const double f = norm_pdf(x) * norm_cdf((b - rho * x) / std::sqrt(1 - rho * rho));
    sum += f * (i == 0 || i == n ? 1 : (i % 2 ? 4 : 2));
  }
  return sum * h / 3.0;
}

TEST(Normal, BivariateMatchesQuadratureAndIdentities) {
  EXPECT_NEAR(bivariate_norm_cdf(0, 0, 0.5), 0.25 + std::asin(0.5) / (2 * std::numbers::pi), 1e-15);
  EXPECT_NEAR(bivariate_norm_cdf(0.3, -0.7, 0.0), norm_cdf(0.3) * norm_cdf(-0.7), 1e-15);
  EXPECT_NEAR(bivariate_norm_cdf(0.3, -0.7, 1.0), norm_cdf(-0.7), 1e-15);
  EXPECT_NEAR(bivariate_norm_cdf(0.3, 0.7, -1.0), norm_cdf(0.3) + norm_cdf(0.7) - 1, 1e-15);
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(-4.0, 4.0);
  std::uniform_real_distribution<double> ur(-0.999, 0.999);
  for (int i = 0; i < 40; ++i) {
    const double a = u(rng);
    const double b = u(rng);
    const double rho = ur(rng);
    EXPECT_NEAR(bivariate_norm_cdf(a, b, rho), bvn_by_quadrature(a, b, rho), 2e-12)
        << a << " " << b << " " << rho;
  }
}

}  // namespace
}  // namespace zerodte::quant
