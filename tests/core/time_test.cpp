#include "zerodte/core/time.hpp"

#include <gtest/gtest.h>

namespace zerodte::core {
namespace {

TEST(Date, CivilRoundTripAndWeekday) {
  EXPECT_EQ(Date(1970, 1, 1).days_since_epoch(), 0);
  EXPECT_EQ(Date(2000, 3, 1).days_since_epoch(), 11017);
  EXPECT_EQ(Date(2025, 11, 28).weekday(), 5);  // Friday
  EXPECT_EQ(Date(1969, 12, 31).weekday(), 3);  // Wednesday
  for (std::int64_t d = -1000; d < 80000; d += 37) {
    EXPECT_EQ(Date::from_days_since_epoch(d).days_since_epoch(), d);
  }
  EXPECT_FALSE(Date::parse("2025-02-29").has_value());
  EXPECT_TRUE(Date::parse("2024-02-29").has_value());
  EXPECT_FALSE(Date::parse("2024/02/01").has_value());
}

TEST(Timestamp, Iso8601) {
  const auto t = parse_iso8601("2025-03-14T14:30:00Z").value();
  EXPECT_EQ(t.ns, 1741962600LL * kNanosPerSecond);
  EXPECT_EQ(to_iso8601(t), "2025-03-14T14:30:00.000000000Z");
  EXPECT_EQ(parse_iso8601("2025-03-14T10:30:00-04:00").value(), t);
  EXPECT_EQ(parse_iso8601("2025-03-14 20:00:00+0530").value(), t);
  EXPECT_EQ(parse_iso8601("2025-03-14T14:30:00.5Z").value().ns, t.ns + 500'000'000);
  EXPECT_EQ(parse_iso8601("2025-03-14T10:30", -std::chrono::hours(4)).value(), t);
  EXPECT_FALSE(parse_iso8601("2025-03-14T25:00:00Z").has_value());
  EXPECT_FALSE(parse_iso8601("yesterday").has_value());
  EXPECT_EQ(Timestamp{-1}.floor(std::chrono::seconds(1)).ns, -kNanosPerSecond);
}

TEST(TimeOfDay, Parse) {
  EXPECT_EQ(TimeOfDay::parse("15:50").value().seconds_of_day(), 15 * 3600 + 50 * 60);
  EXPECT_EQ(TimeOfDay::parse("09:30:15").value().to_string(), "09:30:15");
  EXPECT_FALSE(TimeOfDay::parse("24:00").has_value());
  EXPECT_FALSE(TimeOfDay::parse("9:30").has_value());
}

}  // namespace
}  // namespace zerodte::core
