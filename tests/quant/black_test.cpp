#include "zerodte/quant/black.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "reference_csv.hpp"
#include "zerodte/quant/normal.hpp"
#include "zerodte/quant/normalised_black.hpp"

namespace zerodte::quant {
namespace {

using testing::read_reference_csv;

OptionType parse_type(const std::string& s) {
  return s == "call" ? OptionType::kCall : OptionType::kPut;
}

EuropeanInputs inputs_of(const testing::CsvRow& r) {
  return {parse_type(r.str("type")),
          r.num("spot"),
          r.num("strike"),
          r.num("t_years"),
          r.num("r"),
          r.num("q"),
          r.num("vol")};
}

TEST(Black, HaugEuropeanValues) {
  const auto rows =
      read_reference_csv("reference-values/options-pricing/quantlib_european_bsm_values_haug.csv");
  ASSERT_EQ(rows.size(), 43u);
  for (const auto& r : rows) {
    const auto in = inputs_of(r);
    EXPECT_NEAR(bsm_price(in), r.num("expected_value"), r.num("tolerance"));
    EXPECT_DOUBLE_EQ(bsm_greeks(in).price, bsm_price(in));
  }
}

TEST(Black, HaugGreekValues) {
  const auto rows =
      read_reference_csv("reference-values/options-pricing/quantlib_european_bsm_greeks_haug.csv");
  ASSERT_EQ(rows.size(), 11u);
  for (const auto& r : rows) {
    const auto g = bsm_greeks(inputs_of(r));
    const std::string& name = r.str("greek");
    double got = 0.0;
    if (name == "delta")
      got = g.delta;
    else if (name == "elasticity")
      got = g.delta * r.num("spot") / g.price;
    else if (name == "gamma")
      got = g.gamma;
    else if (name == "vega")
      got = g.vega;
    else if (name == "theta")
      got = g.theta;
    else if (name == "theta per day")
      got = g.theta / 365.0;
    else if (name == "rho")
      got = g.rho;
    else if (name == "dividendRho")
      got = g.dividend_rho;
    else
      FAIL() << "unknown greek " << name;
    EXPECT_NEAR(got, r.num("expected"), r.num("tolerance")) << name;
  }
}

// py_vollib grid: q = 0, K = 1000, S 100..2200, t in {0.5, 0.1, 0.01}, v in {0.3, 2}.
TEST(Black, PyVollibGrid) {
  const auto rows = read_reference_csv("reference-values/options-pricing/py_vollib_test_data.csv");
  ASSERT_EQ(rows.size(), 101u);
  for (const auto& r : rows) {
    for (const OptionType type : {OptionType::kCall, OptionType::kPut}) {
      const bool call = type == OptionType::kCall;
      const EuropeanInputs in{type,       r.num("S"), r.num("K"), r.num("t"),
                              r.num("R"), 0.0,        r.num("v")};
      const auto g = bsm_greeks(in);
      const double price = call ? r.num("call_vals") : r.num("bs_put");
      EXPECT_NEAR(g.price, price, 1e-6 + 1e-9 * price);
      EXPECT_NEAR(g.delta, r.num(call ? "CD" : "PD"), 1e-6);
      EXPECT_NEAR(g.gamma, r.num(call ? "CG" : "PG"), 1e-6);
      EXPECT_NEAR(g.theta / 365.0, r.num(call ? "CT" : "PT") / 365.0, 1e-6);
      EXPECT_NEAR(g.vega * 0.01, r.num(call ? "CV" : "PV") * 0.01, 1e-6);
      EXPECT_NEAR(g.rho * 0.01, r.num(call ? "CR" : "PR") * 0.01, 1e-6);
    }
  }
}

// Independent reference for the normalised Black function: b(x, s) = int_0^s vega(x, u) du,
// integrated in long double with composite Gauss-Legendre (positive integrand, no cancellation).
long double normalised_black_by_quadrature(double x, double s) {
  static const long double kNodes[5] = {0.0L, 0.5384693101056830910363144L,
                                        -0.5384693101056830910363144L, 0.9061798459386639927976269L,
                                        -0.9061798459386639927976269L};
  static const long double kWeights[5] = {
      0.5688888888888888888888889L, 0.4786286704993664680412915L, 0.4786286704993664680412915L,
      0.2369268850561890875142640L, 0.2369268850561890875142640L};
  // The integrand is negligible below u where x^2/(2u^2) > x^2/(2 s^2) + 60.
  const long double lo =
      x == 0 ? 0.0L : std::abs(x) / std::sqrt((long double)x * x / ((long double)s * s) + 120.0L);
  // Panels equally spaced in log(u): the integrand switches on sharply near u ~ |x|.
  const int panels = 3000;
  const long double v0 = std::log(x == 0 ? (long double)s * 1e-12L : lo);
  const long double h = (std::log((long double)s) - v0) / panels;
  long double sum = 0.0L;
  for (int p = 0; p < panels; ++p) {
    const long double mid = v0 + (p + 0.5L) * h;
    for (int i = 0; i < 5; ++i) {
      const long double u = std::exp(mid + 0.5L * h * kNodes[i]);
      sum += kWeights[i] * u * std::exp(-0.5L * ((long double)x * x / (u * u) + u * u / 4.0L));
    }
  }
  return sum * 0.5L * h / std::sqrt(2.0L * 3.14159265358979323846264338327950288L);
}

TEST(Black, NormalisedBlackFullRelativePrecision) {
  double worst = 0.0;
  for (double x : {-1e-8, -1e-4, -0.003, -0.05, -0.3, -1.0, -3.0}) {
    for (double s : {1e-5, 1e-4, 1e-3, 0.01, 0.05, 0.2, 0.7, 2.0, 6.0}) {
      const long double ref = normalised_black_by_quadrature(x, s);
      if (ref < 1e-290L) continue;
      const double got = normalised_black_otm(x, s);
      const double rel = std::abs((long double)got / ref - 1.0L);
      worst = std::max(worst, rel);
      EXPECT_LT(rel, 1e-13) << "x=" << x << " s=" << s << " got " << got << " ref " << (double)ref;
    }
  }
  RecordProperty("worst_relative_error", std::to_string(worst));
}

// The Taylor branch for h = x/s < -1.5 (forward recurrence over the Mills-ratio derivatives to
// h = -2.5, below that Miller's backward recurrence started from the asymptotic ratio at a depth
// that depends on h and t) against the same quadrature, over t = s/2 up to the branch's limit
// 0.3 |h|.
TEST(Black, NormalisedBlackBackwardRecurrenceRegion) {
  double worst = 0.0;
  for (double h : {-1.5001, -2.4999, -2.5001, -4.0, -7.0, -12.0, -25.0}) {
    for (double t : {1e-6, 1e-3, 0.02, 0.1, 0.3, 0.6, 1.5}) {
      if (t > 0.3 * -h) continue;
      const double s = 2.0 * t;
      const double x = h * s;
      const long double ref = normalised_black_by_quadrature(x, s);
      if (ref < 1e-290L) continue;
      const double got = normalised_black_otm(x, s);
      const double rel = std::abs((long double)got / ref - 1.0L);
      worst = std::max(worst, rel);
      EXPECT_LT(rel, 1e-13) << "h=" << h << " t=" << t << " got " << got << " ref " << (double)ref;
    }
  }
  RecordProperty("worst_relative_error", std::to_string(worst));
}

TEST(Black, NormalisedBlackWithVegaIsBitIdentical) {
  for (double x : {0.0, -1e-8, -0.01, -0.3, -2.0, -10.0, -60.0}) {
    for (double s : {0.0, 1e-6, 1e-3, 0.05, 0.4, 1.0, 3.0, 12.0}) {
      double vega = -1.0;
      const double b = normalised_black_otm_vega(x, s, vega);
      EXPECT_EQ(b, normalised_black_otm(x, s)) << x << " " << s;
      EXPECT_EQ(vega, normalised_vega(x, s)) << x << " " << s;
    }
  }
}

TEST(Black, PutCallParityAndLimits) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int i = 0; i < 2000; ++i) {
    EuropeanInputs c{OptionType::kCall,
                     100.0,
                     100.0 * std::exp(std::log(5.0) * (2 * u(rng) - 1)),
                     std::exp(std::log(1.0 / 31557600.0) + u(rng) * std::log(2 * 31557600.0)),
                     0.1 * u(rng),
                     0.05 * u(rng),
                     0.01 + 4.99 * u(rng)};
    EuropeanInputs p = c;
    p.type = OptionType::kPut;
    const double parity =
        c.spot * std::exp(-c.dividend * c.years) - c.strike * std::exp(-c.rate * c.years);
    EXPECT_NEAR(bsm_price(c) - bsm_price(p), parity, 1e-12 * std::max(c.spot, c.strike));
    EXPECT_GE(bsm_price(c), 0.0);
  }
  // Expiry: intrinsic, delta as a step.
  const auto g = bsm_greeks({OptionType::kPut, 95.0, 100.0, 0.0, 0.05, 0.0, 0.2});
  EXPECT_DOUBLE_EQ(g.price, 5.0);
  EXPECT_DOUBLE_EQ(g.delta, -1.0);
  EXPECT_DOUBLE_EQ(g.gamma, 0.0);
}

// Second-order Greeks against central differences of the first-order ones.
TEST(Black, SecondOrderGreeksMatchFiniteDifferences) {
  for (const OptionType type : {OptionType::kCall, OptionType::kPut}) {
    const EuropeanInputs in{type, 4300.0, 4280.0, 2.0 / 365.0, 0.05, 0.015, 0.18};
    const auto g = bsm_greeks(in);
    const double hv = 1e-5;
    auto bump_vol = [&](double dv) {
      auto b = in;
      b.vol += dv;
      return bsm_greeks(b);
    };
    auto bump_t = [&](double dt) {
      auto b = in;
      b.years += dt;
      return bsm_greeks(b);
    };
    auto bump_s = [&](double ds) {
      auto b = in;
      b.spot += ds;
      return bsm_greeks(b);
    };
    EXPECT_NEAR(g.vanna, (bump_vol(hv).delta - bump_vol(-hv).delta) / (2 * hv),
                1e-5 * std::abs(g.vanna) + 1e-7);
    EXPECT_NEAR(g.vomma, (bump_vol(hv).vega - bump_vol(-hv).vega) / (2 * hv),
                1e-5 * std::abs(g.vomma) + 1e-5);
    const double ht = 1e-7;
    EXPECT_NEAR(g.charm, -(bump_t(ht).delta - bump_t(-ht).delta) / (2 * ht),
                1e-4 * std::abs(g.charm) + 1e-6);
    EXPECT_NEAR(g.theta, -(bump_t(ht).price - bump_t(-ht).price) / (2 * ht),
                1e-5 * std::abs(g.theta));
    const double hs = 1e-3;
    EXPECT_NEAR(g.gamma, (bump_s(hs).delta - bump_s(-hs).delta) / (2 * hs), 1e-6 * g.gamma);
    EXPECT_NEAR(g.delta, (bump_s(hs).price - bump_s(-hs).price) / (2 * hs), 1e-7);
  }
}

TEST(Black, Black76MatchesBsmOnForwardAndHasForwardRho) {
  const double F = 4310.0, K = 4300.0, T = 0.01, r = 0.05, v = 0.2;
  const auto g = black76_greeks(OptionType::kCall, F, K, T, r, v);
  const double df = std::exp(-r * T);
  const double d1 = (std::log(F / K) + 0.5 * v * v * T) / (v * std::sqrt(T));
  const double d2 = d1 - v * std::sqrt(T);
  EXPECT_NEAR(g.price, df * (F * norm_cdf(d1) - K * norm_cdf(d2)), 1e-10);
  EXPECT_NEAR(g.delta, df * norm_cdf(d1), 1e-14);
  EXPECT_NEAR(g.rho, -T * g.price, 1e-12);
}

// One second to expiry, deep OTM: finite, tiny, and monotone in strike.
TEST(Black, OneSecondToExpiry) {
  const double T = 1.0 / (365.0 * 86400.0);
  double prev = 1e300;
  for (double k = 4300.0; k < 4310.0; k += 0.25) {
    const auto g = bsm_greeks({OptionType::kCall, 4300.0, k, T, 0.05, 0.0, 0.3});
    EXPECT_TRUE(std::isfinite(g.price) && std::isfinite(g.gamma) && std::isfinite(g.theta));
    EXPECT_LE(g.price, prev);
    prev = g.price;
  }
}

}  // namespace
}  // namespace zerodte::quant
