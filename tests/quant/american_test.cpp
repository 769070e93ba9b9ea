#include "zerodte/quant/american.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "reference_csv.hpp"

namespace zerodte::quant {
namespace {

using testing::read_reference_csv;

EuropeanInputs inputs_of(const testing::CsvRow& r) {
  return {r.str("type") == "call" ? OptionType::kCall : OptionType::kPut,
          r.num("spot"),
          r.num("strike"),
          r.num("t_years"),
          r.num("r"),
          r.num("q"),
          r.num("vol")};
}

// QuantLib's Bjerksund-Stensland (1993) test values, its tolerance 5e-5.
TEST(American, BjerksundStensland1993Values) {
  const auto rows = read_reference_csv(
      "reference-values/options-pricing/quantlib_american_bjerksund_stensland_values.csv");
  ASSERT_EQ(rows.size(), 8u);
  for (const auto& r : rows) {
    EXPECT_NEAR(bjerksund_stensland_1993(inputs_of(r)), r.num("expected_value"),
                r.num("quantlib_test_tolerance"))
        << r.str("source_note");
  }
}

// Barone-Adesi-Whaley (Haug p.24) and Ju (1999) tables: values of other approximations, so we
// compare the Leisen-Reimer tree (accurate to ~1e-4 at 801 steps) and BS2002 with a tolerance
// that covers those approximations' own error, and report the worst deviation.
void check_table(const char* file, double tree_tol, double bs_tol, double rel_tol) {
  const auto rows = read_reference_csv(std::string("reference-values/options-pricing/") + file);
  double worst_tree = 0.0, worst_bs = 0.0;
  for (const auto& r : rows) {
    const auto in = inputs_of(r);
    const double expected = r.num("expected_value");
    const double tree = leisen_reimer(in, 801);
    const double bs = bjerksund_stensland_2002(in);
    worst_tree = std::max(worst_tree, std::abs(tree - expected));
    worst_bs = std::max(worst_bs, std::abs(bs - expected));
    EXPECT_NEAR(tree, expected, tree_tol + rel_tol * expected)
        << file << " " << r.str("type") << " K=" << in.strike << " S=" << in.spot
        << " T=" << in.years;
    EXPECT_NEAR(bs, expected, bs_tol + 2 * rel_tol * expected) << file;
    EXPECT_GE(bs + 1e-12, bjerksund_stensland_1993(in));
    EXPECT_GE(bs + 1e-12, bsm_price(in));
  }
  std::printf("%s: worst |LR801 - table| %.3g, worst |BS2002 - table| %.3g\n", file, worst_tree,
              worst_bs);
}

TEST(American, BaroneAdesiWhaleyTable) {
  check_table("quantlib_american_baw_values_haug.csv", 5e-2, 6e-2, 0.0);
}

TEST(American, JuTable) {
  check_table("quantlib_american_ju_values.csv", 1e-2, 1e-2, 1.5e-2);
}

TEST(American, TreeConvergesToEuropeanWhenNoEarlyExercise) {
  const EuropeanInputs call{OptionType::kCall, 100.0, 105.0, 0.5, 0.05, 0.0, 0.25};
  EXPECT_NEAR(leisen_reimer(call, 1001), bsm_price(call), 2e-5);
  EXPECT_NEAR(bjerksund_stensland_2002(call), bsm_price(call), 1e-12);
}

TEST(American, Bs2002CloseToTreeOnGrid) {
  double worst = 0.0;
  for (const OptionType type : {OptionType::kCall, OptionType::kPut}) {
    for (double m : {0.8, 0.95, 1.0, 1.05, 1.2}) {
      for (double T : {1.0 / 365, 0.1, 0.5, 2.0}) {
        for (double vol : {0.1, 0.3, 0.8}) {
          const EuropeanInputs in{type, 100.0, 100.0 * m, T, 0.05, 0.03, vol};
          const double tree = leisen_reimer(in, 1501);
          const double bs = bjerksund_stensland_2002(in);
          worst = std::max(worst, std::abs(bs - tree) / std::max(tree, 0.01));
          EXPECT_NEAR(bs, tree, 1.5e-2 * tree + 2e-3)
              << static_cast<int>(type) << " " << m << " " << T << " " << vol;
        }
      }
    }
  }
  std::printf("BS2002 vs LR1501: worst relative deviation %.3g\n", worst);
}

// Independent check of the 2002 formula itself: it is the exact value of the strategy "exercise
// the call when S >= I2 before t1 and S >= I1 after"; value that strategy with a fine CRR tree.
TEST(American, Bs2002IsTheValueOfItsTwoStepStrategy) {
  const double S = 100, K = 80, T = 2, r = 0.05, q = 0.03, b = r - q, v = 0.3;
  const double v2 = v * v;
  const double beta = (0.5 - b / v2) + std::sqrt((b / v2 - 0.5) * (b / v2 - 0.5) + 2 * r / v2);
  const double b_inf = beta / (beta - 1) * K, b0 = std::max(K, r / (r - b) * K);
  const double t1 = 0.5 * (std::sqrt(5.0) - 1) * T;
  const double sc = K * K / ((b_inf - b0) * b0);
  const double I1 = b0 + (b_inf - b0) * (1 - std::exp(-(b * t1 + 2 * v * std::sqrt(t1)) * sc));
  const double I2 = b0 + (b_inf - b0) * (1 - std::exp(-(b * T + 2 * v * std::sqrt(T)) * sc));
  const int n = 4000;
  const double dt = T / n, u = std::exp(v * std::sqrt(dt)), d = 1 / u;
  const double p = (std::exp(b * dt) - d) / (u - d), disc = std::exp(-r * dt);
  std::vector<double> val(n + 1);
  for (int j = 0; j <= n; ++j)
    val[j] = std::max(S * std::pow(u, 2 * j - n) - K, 0.0);
  for (int i = n - 1; i >= 0; --i) {
    const double barrier = i * dt < t1 ? I2 : I1;
    for (int j = 0; j <= i; ++j) {
      const double s = S * std::pow(u, 2 * j - i);
      val[j] = s >= barrier ? s - K : disc * (p * val[j + 1] + (1 - p) * val[j]);
    }
  }
  const double formula = bjerksund_stensland_2002({OptionType::kCall, S, K, T, r, q, v});
  EXPECT_NEAR(formula, val[0], 2e-4 * formula) << "tree " << val[0];
}

TEST(American, GreeksAndImpliedVol) {
  const EuropeanInputs in{OptionType::kPut, 440.0, 445.0, 3.0 / 365.0, 0.05, 0.015, 0.2};
  const auto g = american_greeks(in);
  const auto e = bsm_greeks(in);
  EXPECT_LT(g.delta, 0.0);
  EXPECT_NEAR(g.delta, e.delta, 0.05);
  EXPECT_NEAR(g.gamma, e.gamma, 0.1 * e.gamma);
  EXPECT_NEAR(g.vega, e.vega, 0.05 * e.vega);
  const auto iv = american_implied_vol(in, g.price);
  ASSERT_TRUE(iv.has_value()) << iv.error().message;
  EXPECT_NEAR(*iv, 0.2, 1e-10);
  const auto bad = american_implied_vol(in, 4.0);  // below exercise value 5
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("below the lower no-arbitrage bound"), std::string::npos);
}

}  // namespace
}  // namespace zerodte::quant
