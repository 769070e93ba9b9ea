// IANA conversions over the OS tzdata, including the DST gap (nonexistent local times) and the
// fall-back overlap (ambiguous local times). Expected instants worked out from the US and UK DST
// rules (second Sunday of March / first Sunday of November at 02:00; last Sundays at 01:00 UTC).
#include "zerodte/core/time_zone.hpp"

#include <gtest/gtest.h>

namespace zerodte::core {
namespace {

Timestamp T(std::string_view s) {
  return parse_iso8601(s).value();
}
Date D(std::string_view s) {
  return Date::parse(s).value();
}

TEST(TimeZone, LocalToUtcRegularAndAcrossDst) {
  EXPECT_EQ(local_to_utc("America/New_York", D("2025-03-07"), {9, 30, 0}).value(),
            T("2025-03-07T14:30:00Z"));
  EXPECT_EQ(local_to_utc("America/New_York", D("2025-03-10"), {9, 30, 0}).value(),
            T("2025-03-10T13:30:00Z"));
  EXPECT_EQ(local_to_utc("America/Chicago", D("2025-07-01"), {8, 30, 0}).value(),
            T("2025-07-01T13:30:00Z"));
  EXPECT_EQ(local_to_utc("Asia/Kolkata", D("2025-01-01"), {9, 15, 0}).value(),
            T("2025-01-01T03:45:00Z"));
  EXPECT_EQ(local_to_utc("Europe/London", D("2025-06-01"), {8, 0, 0}).value(),
            T("2025-06-01T07:00:00Z"));
  EXPECT_EQ(local_to_utc("UTC", D("1969-12-31"), {23, 59, 59}).value(),
            Timestamp::from_seconds(-1));
}

TEST(TimeZone, SpringForwardGapMovesForward) {
  // 2025-03-09 02:00 EST -> 03:00 EDT in New York: 02:30 does not exist; it becomes 03:30 EDT.
  EXPECT_EQ(local_to_utc("America/New_York", D("2025-03-09"), {2, 30, 0}).value(),
            T("2025-03-09T07:30:00Z"));
  EXPECT_EQ(local_to_utc("America/New_York", D("2025-03-09"), {3, 30, 0}).value(),
            T("2025-03-09T07:30:00Z"));
  EXPECT_EQ(local_to_utc("America/New_York", D("2025-03-09"), {1, 59, 59}).value(),
            T("2025-03-09T06:59:59Z"));
  // London 2025-03-30 01:00 GMT -> 02:00 BST: 01:15 becomes 02:15 BST = 01:15Z.
  EXPECT_EQ(local_to_utc("Europe/London", D("2025-03-30"), {1, 15, 0}).value(),
            T("2025-03-30T01:15:00Z"));
}

TEST(TimeZone, FallBackOverlapTakesEarlierInstant) {
  // 2025-11-02 01:30 happens twice in New York (EDT then EST): the earlier is 05:30Z.
  EXPECT_EQ(local_to_utc("America/New_York", D("2025-11-02"), {1, 30, 0}).value(),
            T("2025-11-02T05:30:00Z"));
  EXPECT_EQ(local_to_utc("America/New_York", D("2025-11-02"), {2, 0, 0}).value(),
            T("2025-11-02T07:00:00Z"));
}

TEST(TimeZone, UtcToLocal) {
  auto l = utc_to_local("America/New_York", T("2025-11-02T05:30:00.25Z")).value();
  EXPECT_EQ(l.date, D("2025-11-02"));
  EXPECT_EQ(l.time, (TimeOfDay{1, 30, 0}));
  EXPECT_EQ(l.nanos, 250'000'000);
  l = utc_to_local("America/New_York", T("2025-11-02T06:30:00Z")).value();  // second 01:30
  EXPECT_EQ(l.time, (TimeOfDay{1, 30, 0}));
  l = utc_to_local("Asia/Kolkata", T("2025-12-31T20:00:00Z")).value();
  EXPECT_EQ(l.date, D("2026-01-01"));
  EXPECT_EQ(l.time, (TimeOfDay{1, 30, 0}));
  l = utc_to_local("America/New_York", Timestamp{-1}).value();  // before the epoch
  EXPECT_EQ(l.date, D("1969-12-31"));
  EXPECT_EQ(l.time, (TimeOfDay{18, 59, 59}));
  EXPECT_EQ(l.nanos, 999'999'999);
  // Round trip every hour of 2025 in New York (unique local times map back exactly).
  for (Timestamp t = T("2025-01-01T00:00:00Z"); t < T("2026-01-01T00:00:00Z");
       t += std::chrono::hours(1)) {
    const auto local = utc_to_local("America/New_York", t).value();
    const auto back = local_to_utc("America/New_York", local.date, local.time).value();
    if (back != t) {  // only the second pass through the fall-back hour may differ
      EXPECT_EQ(t - back, std::chrono::hours(1)) << to_iso8601(t);
      EXPECT_EQ(local.date, D("2025-11-02")) << to_iso8601(t);
    }
  }
}

TEST(TimeZone, Offsets) {
  EXPECT_EQ(utc_offset("America/New_York", T("2025-07-01T12:00:00Z")).value(),
            -std::chrono::hours(4));
  EXPECT_EQ(utc_offset("America/New_York", T("2025-01-01T12:00:00Z")).value(),
            -std::chrono::hours(5));
  EXPECT_EQ(utc_offset("Asia/Kolkata", T("2025-01-01T12:00:00Z")).value(),
            std::chrono::minutes(330));
  // The switch instant itself already has the new offset.
  EXPECT_EQ(utc_offset("America/New_York", T("2025-03-09T07:00:00Z")).value(),
            -std::chrono::hours(4));
  EXPECT_EQ(utc_offset("America/New_York", T("2025-03-09T06:59:59Z")).value(),
            -std::chrono::hours(5));
}

TEST(TimeZone, Errors) {
  const auto bad = local_to_utc("Mars/Olympus_Mons", D("2025-01-01"), {0, 0, 0});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kNotFound);
  EXPECT_NE(bad.error().message.find("Mars/Olympus_Mons"), std::string::npos);
  EXPECT_FALSE(utc_to_local("Nowhere", Timestamp{}).has_value());
  EXPECT_FALSE(utc_offset("", Timestamp{}).has_value());
  EXPECT_FALSE(local_to_utc("UTC", Date{2025, 2, 30}, {0, 0, 0}).has_value());
  const auto far = utc_to_local("America/New_York", Timestamp::max());
  ASSERT_FALSE(far.has_value());
  EXPECT_EQ(far.error().code, ErrorCode::kOutOfRange);
}

}  // namespace
}  // namespace zerodte::core
