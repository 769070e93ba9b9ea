#include "zerodte/quant/implied_vol.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "zerodte/quant/normalised_black.hpp"

namespace zerodte::quant {
namespace {

// Dense grid: price -> IV -> price to 1e-12 relative, and the vol itself where it is well
// conditioned; at most 2 Householder steps almost everywhere.
TEST(ImpliedVol, DenseGridRoundTrip) {
  int count = 0;
  int over_two = 0;
  int max_it = 0;
  double worst_price_rel = 0.0;
  double worst_vol_rel = 0.0;
  for (double m = 0.2; m <= 5.0; m *= 1.08) {
    for (double T : {1.0 / 31557600.0, 60.0 / 31557600.0, 1.0 / 365.0 / 24.0, 1.0 / 365.0, 0.02,
                     0.25, 1.0, 5.0}) {
      for (double vol = 0.01; vol <= 5.0; vol *= 1.15) {
        for (const OptionType type : {OptionType::kCall, OptionType::kPut}) {
          const EuropeanInputs in{type, 100.0, 100.0 * m, T, 0.03, 0.01, vol};
          const double price = bsm_price(in);
          const double intrinsic = std::max(
              sign(type) * (100.0 * std::exp(-0.01 * T) - 100.0 * m * std::exp(-0.03 * T)), 0.0);
          // Skip prices that carry no time value in double precision.
          if (!(price > intrinsic * (1 + 1e-10)) || price < 1e-250) continue;
          const auto iv = implied_vol(in, price);
          ASSERT_TRUE(iv.has_value())
              << iv.error().message << " m=" << m << " T=" << T << " vol=" << vol;
          auto back = in;
          back.vol = *iv;
          const double rel = std::abs(bsm_price(back) / price - 1.0);
          worst_price_rel = std::max(worst_price_rel, rel);
          EXPECT_LT(rel, 1e-12) << "m=" << m << " T=" << T << " vol=" << vol;
          if (price > intrinsic * 1.001) {
            worst_vol_rel = std::max(worst_vol_rel, std::abs(*iv / vol - 1.0));
          }
          ++count;
        }
      }
    }
  }
  // Normalised iteration counts on the same grid.
  for (double x = -3.0; x <= 0.0; x += 0.05) {
    for (double s = 0.001; s < 12.0; s *= 1.1) {
      const double beta = normalised_black_otm(x, s);
      if (!(beta > 1e-280) || !(beta < std::exp(0.5 * x) * (1 - 1e-15))) continue;
      int it = 0;
      const double got = implied_normalised_vol_otm(beta, x, &it);
      max_it = std::max(max_it, it);
      if (it > 2) ++over_two;
      // b is h^2-conditioned in s (h = x/s): one ulp of s moves b by h^2 ulps.
      const double h = x / s;
      EXPECT_LT(std::abs(normalised_black_otm(x, got) / beta - 1.0), 2e-14 + 3e-16 * h * h)
          << x << " " << s;
    }
  }
  EXPECT_GT(count, 10000);
  EXPECT_LE(max_it, 4);
  std::printf(
      "IV grid: %d options, worst price rel %.3g, worst vol rel %.3g, max iterations %d, "
      "%d cases above 2\n",
      count, worst_price_rel, worst_vol_rel, max_it, over_two);
}

TEST(ImpliedVol, OutsideBoundsNamesTheBound) {
  const EuropeanInputs in{OptionType::kCall, 100.0, 90.0, 0.5, 0.0, 0.0, 0.0};
  const auto low = implied_vol(in, 9.5);
  ASSERT_FALSE(low.has_value());
  EXPECT_NE(low.error().message.find("below the lower no-arbitrage bound 10"), std::string::npos)
      << low.error().message;
  EXPECT_NE(low.error().message.find("by 0.5"), std::string::npos);
  const auto high = implied_vol(in, 101.0);
  ASSERT_FALSE(high.has_value());
  EXPECT_NE(high.error().message.find("above the upper no-arbitrage bound 100"), std::string::npos)
      << high.error().message;
  EXPECT_NE(high.error().message.find("by 1"), std::string::npos);
  EXPECT_DOUBLE_EQ(*implied_vol(in, 10.0), 0.0);  // exactly intrinsic
}

TEST(ImpliedVol, Black76) {
  const double price = black76_price(OptionType::kPut, 4300.0, 4250.0, 0.003, 0.05, 0.22);
  const auto iv = implied_vol_black76(OptionType::kPut, 4300.0, 4250.0, 0.003, 0.05, price);
  ASSERT_TRUE(iv.has_value());
  EXPECT_NEAR(*iv, 0.22, 1e-13);
}

}  // namespace
}  // namespace zerodte::quant
