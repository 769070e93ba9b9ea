#include "zerodte/core/config/config_value.hpp"

#include <gtest/gtest.h>

namespace zerodte::core::config {
namespace {

TEST(Duration, ParsesUnitsAndCompounds) {
  EXPECT_EQ(*parse_duration("500ms"), std::chrono::milliseconds(500));
  EXPECT_EQ(*parse_duration("3s"), std::chrono::seconds(3));
  EXPECT_EQ(*parse_duration("5m"), std::chrono::minutes(5));
  EXPECT_EQ(*parse_duration("2h"), std::chrono::hours(2));
  EXPECT_EQ(*parse_duration("1d"), std::chrono::hours(24));
  EXPECT_EQ(*parse_duration("250us"), std::chrono::microseconds(250));
  EXPECT_EQ(*parse_duration("7ns"), std::chrono::nanoseconds(7));
  EXPECT_EQ(*parse_duration("1m30s"), std::chrono::seconds(90));
  EXPECT_EQ(*parse_duration("1h0m5s"), std::chrono::seconds(3605));
  EXPECT_EQ(*parse_duration("0s"), Duration{0});
}

TEST(Duration, RejectsGarbage) {
  for (const char* bad : {"", "5", "ms", "5 s", "-5s", "5x", "1.5s", "5sec", "s5",
                          "99999999999999999999s", "9999999999d"}) {
    auto r = parse_duration(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kParse) << bad;
  }
}

TEST(Duration, FormatRoundTrips) {
  for (const char* text : {"500ms", "3s", "5m", "2h", "1d", "1m30s", "250us", "7ns", "1s500ms"}) {
    auto d = parse_duration(text);
    ASSERT_TRUE(d) << text;
    EXPECT_EQ(*parse_duration(format_duration(*d)), *d) << text;
  }
  EXPECT_EQ(format_duration(std::chrono::seconds(90)), "1m30s");
  EXPECT_EQ(format_duration(std::chrono::milliseconds(50)), "50ms");
  EXPECT_EQ(format_duration(Duration{0}), "0s");
}

TEST(FormatValue, TomlLikeRendering) {
  EXPECT_EQ(format_value(Value{true}), "true");
  EXPECT_EQ(format_value(Value{std::int64_t{42}}), "42");
  EXPECT_EQ(format_value(Value{2.5}), "2.5");
  EXPECT_EQ(format_value(Value{2.0}), "2.0");
  EXPECT_EQ(format_value(Value{1e-7}), "1e-07");
  EXPECT_EQ(format_value(Value{std::string("x")}), "\"x\"");
  EXPECT_EQ(format_value(Value{TimeOfDay{9, 30, 0}}), "\"09:30\"");
  EXPECT_EQ(format_value(Value{Date{2025, 1, 9}}), "2025-01-09");
  EXPECT_EQ(format_value(Value{Duration{std::chrono::milliseconds(500)}}), "\"500ms\"");
  EXPECT_EQ(format_value(Value{*Price::parse("0.05")}), "\"0.05\"");
  EXPECT_EQ(format_value(Value{std::vector<std::string>{"SPY", "QQQ"}}), "[\"SPY\", \"QQQ\"]");
  EXPECT_EQ(format_value(Value{std::vector<double>{1, 2.5}}), "[1.0, 2.5]");
}

}  // namespace
}  // namespace zerodte::core::config
