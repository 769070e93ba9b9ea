#include "zerodte/core/price.hpp"

#include <gtest/gtest.h>

namespace zerodte::core {
namespace {

TEST(Price, ParsesExactDecimals) {
  EXPECT_EQ(Price::parse("450").value().raw(), 450'000'000'000);
  EXPECT_EQ(Price::parse("2.5").value().raw(), 2'500'000'000);
  EXPECT_EQ(Price::parse("0.05").value().raw(), 50'000'000);
  EXPECT_EQ(Price::parse("-0.05").value().raw(), -50'000'000);
  EXPECT_EQ(Price::parse("+1.000000001").value().raw(), 1'000'000'001);
  EXPECT_EQ(Price::parse(".5").value().raw(), 500'000'000);
  EXPECT_EQ(Price::parse("5.").value().raw(), 5'000'000'000);
  EXPECT_EQ(Price::parse("0.123456789").value().raw(), 123'456'789);
  EXPECT_EQ(Price::parse("-9223372036.854775807").value().raw(), -9'223'372'036'854'775'807);
  EXPECT_EQ(Price::parse("1.2500000000000").value().raw(), 1'250'000'000);  // trailing zeros ok
}

TEST(Price, RejectsGarbageWithClearErrors) {
  for (const char* bad : {"", "-", "+", ".", "abc", "1.2.3", "1e5", "1,5", " 1", "1 ", "0x10",
                          "--1", "1-", "nan", "inf"}) {
    auto r = Price::parse(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kParse);
    EXPECT_NE(r.error().message.find("is not a price"), std::string::npos) << r.error().message;
  }
  auto ten = Price::parse("1.0000000001");
  ASSERT_FALSE(ten.has_value());
  EXPECT_NE(ten.error().message.find("more than 9 decimal places"), std::string::npos);
}

TEST(Price, RejectsOverflow) {
  EXPECT_FALSE(Price::parse("9223372037").has_value());
  EXPECT_FALSE(Price::parse("99999999999999999999999").has_value());
  EXPECT_FALSE(Price::parse("9223372036.854775807").has_value());  // reserved UNDEF value
  auto r = Price::parse("10000000000");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("out of range"), std::string::npos);
  EXPECT_FALSE(Price::checked_add(Price::from_units(9'000'000'000), Price::from_units(900'000'000))
                   .has_value());
  EXPECT_FALSE(Price::checked_mul(Price::from_units(1'000'000), 1'000'000).has_value());
  EXPECT_EQ(Price::checked_mul(Price::parse("2.5").value(), 100).value(), Price::from_units(250));
}

TEST(Price, PrintsShortestExactForm) {
  EXPECT_EQ(Price::parse("450").value().to_string(), "450");
  EXPECT_EQ(Price::parse("450.10").value().to_string(), "450.1");
  EXPECT_EQ(Price::parse("-0.05").value().to_string(), "-0.05");
  EXPECT_EQ(Price::parse("0.000000001").value().to_string(), "0.000000001");
  EXPECT_EQ(Price::zero().to_string(), "0");
  EXPECT_EQ(Price::undefined().to_string(), "UNDEF");
  EXPECT_EQ(Price::from_raw(INT64_MIN).to_string(), "-9223372036.854775808");
  EXPECT_EQ(Price::parse("2.345").value().to_string(2), "2.35");
  EXPECT_EQ(Price::parse("-2.345").value().to_string(2), "-2.35");
  EXPECT_EQ(Price::parse("3").value().to_string(2), "3.00");
}

TEST(Price, RoundTripsThroughText) {
  std::uint64_t state = 1;
  for (int i = 0; i < 2000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;  // LCG, deterministic
    const Price p = Price::from_raw(static_cast<std::int64_t>(state) >> 2);
    EXPECT_EQ(Price::parse(p.to_string()).value(), p) << p.to_string();
  }
}

TEST(Price, RoundsToTick) {
  const Price tick = Price::parse("0.05").value();
  const Price p = Price::parse("2.37").value();
  EXPECT_EQ(p.round_to_tick(tick, RoundMode::kDown).to_string(), "2.35");
  EXPECT_EQ(p.round_to_tick(tick, RoundMode::kUp).to_string(), "2.4");
  EXPECT_EQ(p.round_to_tick(tick, RoundMode::kNearest).to_string(), "2.35");
  EXPECT_EQ(Price::parse("2.375").value().round_to_tick(tick, RoundMode::kNearest).to_string(),
            "2.4");  // tie away from zero
  EXPECT_EQ(Price::parse("2.38").value().round_to_tick(tick, RoundMode::kNearest).to_string(),
            "2.4");
  const Price neg = Price::parse("-2.37").value();
  EXPECT_EQ(neg.round_to_tick(tick, RoundMode::kDown).to_string(), "-2.4");
  EXPECT_EQ(neg.round_to_tick(tick, RoundMode::kUp).to_string(), "-2.35");
  EXPECT_EQ(Price::parse("-2.375").value().round_to_tick(tick, RoundMode::kNearest).to_string(),
            "-2.4");
  EXPECT_EQ(Price::parse("2.40").value().round_to_tick(tick, RoundMode::kUp).to_string(), "2.4");
  EXPECT_TRUE(Price::parse("2.40").value().is_multiple_of(tick));
  EXPECT_FALSE(p.is_multiple_of(tick));
}

TEST(Price, FromDoubleIsCheckedAndNearest) {
  EXPECT_EQ(Price::from_double(0.1).value().raw(), 100'000'000);
  EXPECT_EQ(Price::from_double(-2.675).value().to_string(), "-2.675");
  EXPECT_FALSE(Price::from_double(std::numeric_limits<double>::quiet_NaN()).has_value());
  EXPECT_FALSE(Price::from_double(1e300).has_value());
}

}  // namespace
}  // namespace zerodte::core
