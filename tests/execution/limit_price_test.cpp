#include "zerodte/execution/limit_price.hpp"

#include <gtest/gtest.h>

#include <array>

namespace zerodte::execution {
namespace {

using core::Price;
using model::Side;
using model::TickRule;

Price px(std::string_view s) {
  return *Price::parse(s);
}

TEST(LimitPrice, MidRoundsPassivelyOnTheGrid) {
  const TickRule penny = TickRule::us_option_penny();        // 0.01 below 3, 0.05 above
  const TickRule standard = TickRule::us_option_standard();  // 0.05 below 3, 0.10 above
  EXPECT_EQ(*mid_limit(penny, px("1.00"), px("1.05"), Side::kBuy), px("1.02"));     // 1.025 down
  EXPECT_EQ(*mid_limit(penny, px("1.00"), px("1.05"), Side::kSell), px("1.03"));    // 1.025 up
  EXPECT_EQ(*mid_limit(standard, px("2.90"), px("3.20"), Side::kBuy), px("3.00"));  // 3.05 down
  EXPECT_EQ(*mid_limit(standard, px("2.90"), px("3.20"), Side::kSell), px("3.10"));
  EXPECT_EQ(*mid_limit(TickRule::us_option_all_penny(), px("0.01"), px("0.02"), Side::kBuy),
            px("0.01"));
}

TEST(LimitPrice, MidPlusTicksStepsAcrossTheThresholdAndClampsAtTheTouch) {
  const TickRule standard = TickRule::us_option_standard();
  EXPECT_EQ(*mid_plus_ticks(standard, px("2.80"), px("3.20"), Side::kBuy, 1), px("3.10"));
  EXPECT_EQ(*mid_plus_ticks(standard, px("2.80"), px("3.20"), Side::kSell, 1), px("2.95"));
  EXPECT_EQ(*mid_plus_ticks(standard, px("2.80"), px("3.20"), Side::kBuy, 10), px("3.20"));
  EXPECT_EQ(*mid_plus_ticks(standard, px("2.80"), px("3.20"), Side::kSell, 10), px("2.80"));
  EXPECT_EQ(step_ticks(standard, px("3.00"), -2), px("2.90"));
  EXPECT_EQ(step_ticks(standard, px("2.95"), 2), px("3.10"));
}

TEST(LimitPrice, LtpOffsetSeedExample) {
  const TickRule penny = TickRule::us_option_penny();
  EXPECT_EQ(*ltp_offset(penny, px("2.00"), Side::kBuy, 50), px("2.01"));
  EXPECT_EQ(*ltp_offset(penny, px("2.00"), Side::kSell, 50), px("1.99"));
  EXPECT_EQ(*ltp_offset(penny, px("3.37"), Side::kBuy, 50), px("3.35"));   // 3.38685 down
  EXPECT_EQ(*ltp_offset(penny, px("3.37"), Side::kSell, 50), px("3.40"));  // 3.35315 up
  EXPECT_EQ(*ltp_offset(TickRule::nse(), px("100.00"), Side::kBuy, 50), px("100.50"));
  EXPECT_EQ(*ltp_offset(TickRule::nse(), px("100.03"), Side::kBuy, 0), px("100.00"));
  EXPECT_FALSE(ltp_offset(penny, Price::zero(), Side::kBuy, 50));
  EXPECT_FALSE(ltp_offset(penny, px("1"), Side::kBuy, -1));
}

TEST(LimitPrice, BrokenQuotesAreErrors) {
  const TickRule penny = TickRule::us_option_penny();
  auto locked = mid_limit(penny, px("1.00"), px("1.00"), Side::kBuy);
  ASSERT_FALSE(locked);
  EXPECT_NE(locked.error().message.find("locked"), std::string::npos);
  auto crossed = mid_limit(penny, px("1.10"), px("1.00"), Side::kBuy);
  ASSERT_FALSE(crossed);
  EXPECT_NE(crossed.error().message.find("crossed"), std::string::npos);
  EXPECT_FALSE(mid_limit(penny, Price::undefined(), px("1.00"), Side::kBuy));
}

TEST(LimitPrice, IronCondorNetMid) {
  // short 4500P 1.00/1.10, long 4490P 0.60/0.70, short 4550C 1.20/1.30, long 4560C 0.75/0.85:
  // net mid = -1.05 + 0.65 - 1.25 + 0.80 = -0.85 (a credit).
  const std::array<LegQuote, 4> legs = {LegQuote{Side::kSell, 1, px("1.00"), px("1.10")},
                                        LegQuote{Side::kBuy, 1, px("0.60"), px("0.70")},
                                        LegQuote{Side::kSell, 1, px("1.20"), px("1.30")},
                                        LegQuote{Side::kBuy, 1, px("0.75"), px("0.85")}};
  EXPECT_EQ(*net_mid_limit(legs, px("0.05")), px("-0.85"));
  EXPECT_EQ(*net_mid_limit(legs, px("0.05"), 1), px("-0.80"));  // one tick toward paying more
  // Butterfly 1x-2x1 (debit): 2.00/2.10, 1.00/1.10 (x2), 0.40/0.50: 2.05 - 2.10 + 0.45 = 0.40.
  const std::array<LegQuote, 3> fly = {LegQuote{Side::kBuy, 1, px("2.00"), px("2.10")},
                                       LegQuote{Side::kSell, 2, px("1.00"), px("1.10")},
                                       LegQuote{Side::kBuy, 1, px("0.40"), px("0.50")}};
  EXPECT_EQ(*net_mid_limit(fly, px("0.01")), px("0.40"));
  // A mid off the grid rounds toward -inf: 0.40 on a 0.25 grid -> 0.25.
  EXPECT_EQ(*net_mid_limit(fly, px("0.25")), px("0.25"));
}

}  // namespace
}  // namespace zerodte::execution
