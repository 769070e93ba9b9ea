// Calendar-aware timer rules, checked directly and through TimerQueue's simulation loop.
#include "zerodte/engine/schedule_rules.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace zerodte::engine {
namespace {

using core::Timestamp;
Timestamp T(std::string_view s) {
  return core::parse_iso8601(s).value();
}
const core::TradingCalendar& nyse = core::TradingCalendar::nyse();

std::vector<Timestamp> fires(const NextFireRule& rule, Timestamp from, int n) {
  std::vector<Timestamp> out;
  Timestamp t = from;
  for (int i = 0; i < n; ++i) {
    t = rule(t);
    out.push_back(t);
  }
  return out;
}

TEST(ScheduleRules, DailyAtLocalSkipsHolidaysAndFollowsDst) {
  const auto rule = daily_at_local(nyse, {15, 50, 0});
  EXPECT_EQ(fires(rule, T("2025-11-26T12:00:00Z"), 3),
            (std::vector{T("2025-11-26T20:50:00Z"), T("2025-11-28T20:50:00Z"),
                         T("2025-12-01T20:50:00Z")}));
  EXPECT_EQ(fires(rule, T("2025-03-07T20:50:00Z"), 2),  // strictly after prev
            (std::vector{T("2025-03-10T19:50:00Z"), T("2025-03-11T19:50:00Z")}));
  EXPECT_EQ(rule(T("2025-01-08T21:00:00Z")), T("2025-01-10T20:50:00Z"));  // Carter closure
  EXPECT_EQ(rule(Timestamp::max()), Timestamp::max());
}

TEST(ScheduleRules, DailyBeforeCloseFollowsEarlyCloses) {
  const auto rule = daily_before_close(nyse, std::chrono::minutes(10));
  EXPECT_EQ(fires(rule, T("2025-11-26T00:00:00Z"), 3),
            (std::vector{T("2025-11-26T20:50:00Z"), T("2025-11-28T17:50:00Z"),
                         T("2025-12-01T20:50:00Z")}));
  const auto open15 = daily_after_open(nyse, std::chrono::minutes(15));
  EXPECT_EQ(open15(T("2025-07-03T20:00:00Z")), T("2025-07-07T13:45:00Z"));
  // NSE: 10 minutes before 15:30 IST = 10:00Z.
  const auto nse = daily_before_close(core::TradingCalendar::nse(), std::chrono::minutes(10));
  EXPECT_EQ(nse(T("2025-10-20T12:00:00Z")), T("2025-10-23T09:50:00Z"));  // Diwali holidays
  // The rule keeps its own copy of a temporary calendar with config holidays.
  const auto extra =
      daily_before_close(core::TradingCalendar::nse_with_holidays({core::Date{2025, 10, 23}}),
                         std::chrono::minutes(10));
  EXPECT_EQ(extra(T("2025-10-20T12:00:00Z")), T("2025-10-24T09:50:00Z"));
}

TEST(ScheduleRules, EveryAligned) {
  const auto rule = every_aligned(std::chrono::minutes(1));
  EXPECT_EQ(rule(T("2025-11-29T12:00:30Z")), T("2025-11-29T12:01:00Z"));
  EXPECT_EQ(rule(T("2025-11-29T12:01:00Z")), T("2025-11-29T12:02:00Z"));
  EXPECT_EQ(rule(Timestamp::max()), Timestamp::max());
}

TEST(ScheduleRules, EveryInSessionThroughTheTimerQueue) {
  TimerQueue q;
  std::vector<Timestamp> fired;
  Timestamp clock = T("2025-11-27T12:00:00Z");  // Thanksgiving
  q.schedule_rule(clock, every_in_session(nyse, std::chrono::minutes(1)), "bars",
                  [&](const TimerEvent& e) { fired.push_back(e.scheduled); });
  while (q.fire_next(T("2025-12-02T00:00:00Z"), [&](Timestamp t) { clock = t; })) {
  }
  ASSERT_EQ(fired.size(), 210u + 390u);  // early close 09:30..12:59, then a full day
  EXPECT_EQ(fired.front(), T("2025-11-28T14:30:00Z"));
  EXPECT_EQ(fired[209], T("2025-11-28T17:59:00Z"));
  EXPECT_EQ(fired[210], T("2025-12-01T14:30:00Z"));
  EXPECT_EQ(fired.back(), T("2025-12-01T20:59:00Z"));
  for (const auto t : fired)
    EXPECT_TRUE(nyse.is_open(t)) << core::to_iso8601(t);
}

TEST(ScheduleRules, EveryInSessionAlignmentAndStop) {
  const auto nse = every_in_session(core::TradingCalendar::nse(), std::chrono::minutes(15));
  EXPECT_EQ(nse(T("2025-11-28T00:00:00Z")), T("2025-11-28T03:45:00Z"));
  EXPECT_EQ(nse(T("2025-11-28T09:45:00Z")), T("2025-12-01T03:45:00Z"));  // 10:00Z is the close
  // 7-minute steps from the epoch do not land on 09:30; the first one inside is 09:33 EST.
  const auto odd = every_in_session(nyse, std::chrono::minutes(7));
  const Timestamp first = odd(T("2025-12-01T14:00:00Z"));
  EXPECT_GE(first, T("2025-12-01T14:30:00Z"));
  EXPECT_LT(first, T("2025-12-01T14:37:00Z"));
  EXPECT_EQ(first.ns % (7 * core::kNanosPerMinute), 0);
  // Daily steps at UTC midnight never fall inside a New York session: the timer stops.
  EXPECT_EQ(every_in_session(nyse, std::chrono::hours(24))(T("2025-12-01T00:00:00Z")),
            Timestamp::max());
}

}  // namespace
}  // namespace zerodte::engine
