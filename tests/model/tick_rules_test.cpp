#include "zerodte/model/tick_rules.hpp"

#include <gtest/gtest.h>

#include <random>

namespace zerodte::model {
namespace {

using core::Price;
using core::RoundMode;

Price px(std::string_view s) {
  return Price::parse(s).value();
}

TEST(TickRules, StandardClassBoundaryAtThreeDollars) {
  const TickRule r = TickRule::us_option_standard();
  EXPECT_EQ(tick_size(r, px("2.95")), px("0.05"));
  EXPECT_EQ(tick_size(r, px("2.99")), px("0.05"));
  EXPECT_EQ(tick_size(r, px("3.00")), px("0.10"));  // "at or above"
  EXPECT_EQ(tick_size(r, px("3.01")), px("0.10"));
  EXPECT_TRUE(is_valid_price(r, px("0")));
  EXPECT_TRUE(is_valid_price(r, px("0.05")));
  EXPECT_TRUE(is_valid_price(r, px("2.95")));
  EXPECT_TRUE(is_valid_price(r, px("3.00")));
  EXPECT_TRUE(is_valid_price(r, px("3.10")));
  EXPECT_FALSE(is_valid_price(r, px("2.97")));
  EXPECT_FALSE(is_valid_price(r, px("3.05")));  // a 0.05 multiple, but not valid above $3
  EXPECT_FALSE(is_valid_price(r, px("0.01")));
  EXPECT_FALSE(is_valid_price(r, Price::undefined()));
}

TEST(TickRules, RoundingAcrossTheBoundary) {
  const TickRule r = TickRule::us_option_standard();
  EXPECT_EQ(round_to_valid(r, px("2.99"), RoundMode::kUp), px("3.00"));
  EXPECT_EQ(round_to_valid(r, px("2.99"), RoundMode::kDown), px("2.95"));
  EXPECT_EQ(round_to_valid(r, px("2.99"), RoundMode::kNearest), px("3.00"));
  EXPECT_EQ(round_to_valid(r, px("2.97"), RoundMode::kNearest), px("2.95"));
  EXPECT_EQ(round_to_valid(r, px("2.975"), RoundMode::kNearest), px("3.00"));  // tie: away from 0
  EXPECT_EQ(round_to_valid(r, px("3.01"), RoundMode::kDown), px("3.00"));
  EXPECT_EQ(round_to_valid(r, px("3.01"), RoundMode::kUp), px("3.10"));
  EXPECT_EQ(round_to_valid(r, px("3.05"), RoundMode::kNearest), px("3.10"));  // tie
  EXPECT_EQ(round_to_valid(r, px("3.04"), RoundMode::kNearest), px("3.00"));
  EXPECT_EQ(round_to_valid(r, px("3.00"), RoundMode::kUp), px("3.00"));  // already valid
  EXPECT_EQ(round_to_valid(r, px("0.01"), RoundMode::kDown), px("0"));
  EXPECT_EQ(round_to_valid(r, px("0.01"), RoundMode::kUp), px("0.05"));
}

TEST(TickRules, NegativeNetPricesAreSymmetric) {
  const TickRule r = TickRule::us_option_standard();
  EXPECT_TRUE(is_valid_price(r, px("-3.10")));
  EXPECT_FALSE(is_valid_price(r, px("-3.05")));
  EXPECT_EQ(tick_size(r, px("-3.00")), px("0.10"));
  EXPECT_EQ(round_to_valid(r, px("-2.99"), RoundMode::kDown), px("-3.00"));  // toward -inf
  EXPECT_EQ(round_to_valid(r, px("-2.99"), RoundMode::kUp), px("-2.95"));
  EXPECT_EQ(round_to_valid(r, px("-3.01"), RoundMode::kUp), px("-3.00"));
  EXPECT_EQ(round_to_valid(r, px("-3.01"), RoundMode::kDown), px("-3.10"));
  EXPECT_EQ(round_to_valid(r, px("-3.05"), RoundMode::kNearest), px("-3.10"));
}

TEST(TickRules, PennyAllPennyEquityNse) {
  const TickRule penny = TickRule::us_option_penny();
  EXPECT_TRUE(is_valid_price(penny, px("2.99")));
  EXPECT_FALSE(is_valid_price(penny, px("3.01")));
  EXPECT_TRUE(is_valid_price(penny, px("3.05")));
  EXPECT_EQ(round_to_valid(penny, px("2.999"), RoundMode::kUp), px("3.00"));
  EXPECT_EQ(round_to_valid(penny, px("3.01"), RoundMode::kUp), px("3.05"));
  EXPECT_EQ(round_to_valid(penny, px("3.02"), RoundMode::kNearest), px("3.00"));

  const TickRule all = TickRule::us_option_all_penny();
  EXPECT_TRUE(is_valid_price(all, px("3.01")));
  EXPECT_TRUE(is_valid_price(all, px("45.67")));
  EXPECT_FALSE(is_valid_price(all, px("0.005")));
  EXPECT_EQ(tick_size(all, px("100")), px("0.01"));

  const TickRule eq = TickRule::us_equity();
  EXPECT_TRUE(is_valid_price(eq, px("0.9999")));
  EXPECT_FALSE(is_valid_price(eq, px("0.99995")));
  EXPECT_TRUE(is_valid_price(eq, px("1.00")));
  EXPECT_FALSE(is_valid_price(eq, px("1.005")));
  EXPECT_EQ(round_to_valid(eq, px("0.99995"), RoundMode::kUp), px("1.00"));
  EXPECT_EQ(round_to_valid(eq, px("1.0001"), RoundMode::kDown), px("1.00"));
  EXPECT_EQ(round_to_valid(eq, px("1.0001"), RoundMode::kUp), px("1.01"));

  const TickRule nse = TickRule::nse();
  EXPECT_TRUE(is_valid_price(nse, px("123.45")));
  EXPECT_FALSE(is_valid_price(nse, px("123.42")));
  EXPECT_EQ(round_to_valid(nse, px("123.42"), RoundMode::kNearest), px("123.40"));
  EXPECT_EQ(round_to_valid(nse, px("123.43"), RoundMode::kNearest), px("123.45"));
}

// Property: for random prices and every rule, the rounded price is valid, down <= p <= up,
// nothing valid lies strictly between down and p (or p and up), and nearest is one of the two.
TEST(TickRules, RoundingProperties) {
  const TickRule rules[] = {TickRule::us_option_standard(), TickRule::us_option_penny(),
                            TickRule::us_option_all_penny(), TickRule::us_equity(),
                            TickRule::nse()};
  std::mt19937_64 rng(20240119);
  std::uniform_int_distribution<std::int64_t> raw(-6'000'000'000, 6'000'000'000);  // +/- $6
  for (const auto& r : rules) {
    for (int i = 0; i < 5000; ++i) {
      const Price p = Price::from_raw(raw(rng));
      const Price d = round_to_valid(r, p, RoundMode::kDown);
      const Price u = round_to_valid(r, p, RoundMode::kUp);
      const Price n = round_to_valid(r, p, RoundMode::kNearest);
      ASSERT_TRUE(is_valid_price(r, d) && is_valid_price(r, u) && is_valid_price(r, n))
          << p.to_string();
      ASSERT_LE(d, p);
      ASSERT_GE(u, p);
      ASSERT_TRUE(n == d || n == u);
      ASSERT_LE((n - p).raw() < 0 ? (p - n).raw() : (n - p).raw(),
                std::max((p - d).raw(), (u - p).raw()));
      if (is_valid_price(r, p)) {
        ASSERT_EQ(d, p);
        ASSERT_EQ(u, p);
      } else {
        // Independent check: no price on the finest grid strictly between d and u is valid.
        ASSERT_LT(d, u);
        for (Price c = d + r.tick_below; c < u; c += r.tick_below) {
          ASSERT_FALSE(is_valid_price(r, c))
              << p.to_string() << ": " << c.to_string() << " lies between " << d.to_string()
              << " and " << u.to_string();
        }
      }
    }
  }
}

TEST(TickRules, CustomRuleValidation) {
  EXPECT_TRUE(TickRule::custom(px("3"), px("0.05"), px("0.10")));
  EXPECT_FALSE(TickRule::custom(px("3.03"), px("0.05"), px("0.10")));
  EXPECT_FALSE(TickRule::custom(px("3"), px("0"), px("0.10")));
  EXPECT_FALSE(TickRule::custom(px("-1"), px("0.05"), px("0.10")));
}

TEST(TickRules, CheckPriceMessageNamesEverything) {
  auto st = check_price(TickRule::us_option_standard(), px("3.05"), "SPXW  240614C05400000");
  ASSERT_FALSE(st);
  const std::string& m = st.error().message;
  EXPECT_NE(m.find("SPXW  240614C05400000"), std::string::npos) << m;
  EXPECT_NE(m.find("3.05"), std::string::npos) << m;
  EXPECT_NE(m.find("3 and 3.1"), std::string::npos) << m;
}

TEST(OptionTickTable, DefaultClassification) {
  const OptionTickTable t;
  EXPECT_EQ(t.for_root("SPY"), TickRule::us_option_all_penny());
  EXPECT_EQ(t.for_root("QQQ"), TickRule::us_option_all_penny());
  EXPECT_EQ(t.for_root("IWM"), TickRule::us_option_all_penny());
  EXPECT_EQ(t.for_root("XSP"), TickRule::us_option_all_penny());
  EXPECT_EQ(t.for_root("SPX"), TickRule::us_option_standard());
  EXPECT_EQ(t.for_root("SPXW"), TickRule::us_option_standard());
  EXPECT_EQ(t.for_root("NDXP"), TickRule::us_option_standard());
  EXPECT_EQ(t.for_root("AAPL"), TickRule::us_option_penny());
  EXPECT_EQ(t.for_root("VIX"), TickRule::us_option_penny());
  EXPECT_EQ(t.for_root("ZZZZ"), TickRule::us_option_standard());
  EXPECT_EQ(t.for_root("SPY1", "SPY"), TickRule::us_option_all_penny());  // adjusted root
}

TEST(OptionTickTable, Overridable) {
  OptionTickTable t;
  t.set("ZZZZ", TickRule::us_option_penny());
  t.erase("AAPL");
  EXPECT_EQ(t.for_root("ZZZZ"), TickRule::us_option_penny());
  EXPECT_EQ(t.for_root("AAPL"), TickRule::us_option_standard());
  EXPECT_EQ(OptionTickTable::empty().for_root("SPY"), TickRule::us_option_standard());
  EXPECT_EQ(OptionTickTable::empty().size(), 0u);
}

}  // namespace
}  // namespace zerodte::model
