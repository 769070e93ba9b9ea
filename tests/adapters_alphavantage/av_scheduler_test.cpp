// The call-budget scheduler over a whole simulated trading day (2024-01-02, a Tuesday).
#include "zerodte/adapters/alphavantage/av_scheduler.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <map>

#include "zerodte/core/time_zone.hpp"

namespace av = zerodte::adapters::alphavantage;
namespace core = zerodte::core;
using namespace std::chrono_literals;

namespace {
core::Timestamp et(int h, int m, int s = 0) {
  return core::local_to_utc("America/New_York", core::Date{2024, 1, 2}, core::TimeOfDay{h, m, s})
      .value();
}

struct Issued {
  core::Timestamp at;
  av::AvCall call;
};

// Runs the scheduler from `from` to `to` ET, jumping from wake-up to wake-up.
std::vector<Issued> run_day(av::AvScheduler& s, core::Timestamp from = et(9, 0),
                            core::Timestamp to = et(18, 0)) {
  std::vector<Issued> out;
  core::Timestamp t = from;
  const core::Timestamp end = to;
  while (t < end) {
    for (auto& c : s.due(t))
      out.push_back({t, std::move(c)});
    const auto next = s.next_wake(t);
    EXPECT_GT(next, t);
    t = next;
  }
  return out;
}

// Max calls in any 60 s window (t-60s, t] over the issue times.
std::size_t max_per_minute(const std::vector<Issued>& v, const std::string& stream = "") {
  std::deque<core::Timestamp> win;
  std::size_t best = 0;
  for (const auto& i : v) {
    if (!stream.empty() && i.call.stream != stream) continue;
    win.push_back(i.at);
    while (win.front() <= i.at - 60s)
      win.pop_front();
    best = std::max(best, win.size());
  }
  return best;
}

std::map<std::string, std::vector<core::Timestamp>> times_of(const std::vector<Issued>& v,
                                                             const std::string& stream) {
  std::map<std::string, std::vector<core::Timestamp>> m;
  for (const auto& i : v)
    if (i.call.stream == stream) m[i.call.symbol].push_back(i.at);
  return m;
}
}  // namespace

TEST(AvScheduler, FullTradingDayWithinBudgetCadencesHoldBackfillAfter1630) {
  av::AvScheduler s(av::AvBudget{}, av::default_streams());
  for (int i = 0; i < 1000; ++i)
    s.queue_historical({"historical", "HISTORICAL_OPTIONS", "SPY", {{"date", "2023-12-29"}}, {}});
  const auto issued = run_day(s, et(9, 25), et(16, 40));

  EXPECT_LE(max_per_minute(issued), 600u);
  EXPECT_EQ(max_per_minute(issued, "chains"), 48u);
  EXPECT_EQ(max_per_minute(issued, "intraday"), 44u);
  EXPECT_EQ(max_per_minute(issued, "indicators"), 20u);

  // Chains: every 5 s per symbol, 09:30:00 + k s offsets, all day; 6.5 h x 720 = 4680 each.
  const auto chains = times_of(issued, "chains");
  ASSERT_EQ(chains.size(), 4u);
  int offset = 0;
  for (const char* sym : {"SPX", "SPY", "QQQ", "IWM"}) {
    const auto& ts = chains.at(sym);
    ASSERT_EQ(ts.size(), 4680u) << sym;
    EXPECT_EQ(ts.front(), et(9, 30, offset++)) << sym;  // 1 s stagger
    EXPECT_LT(ts.back(), et(16, 0));
    for (std::size_t i = 1; i < ts.size(); ++i)
      ASSERT_EQ(ts[i] - ts[i - 1], 5s) << sym << " " << i;
  }
  // Intraday: every 15 s per symbol (paced at most 1 s late behind the chains).
  const auto intraday = times_of(issued, "intraday");
  ASSERT_EQ(intraday.size(), 11u);
  for (const auto& [sym, ts] : intraday) {
    EXPECT_EQ(ts.size(), 1560u) << sym;
    for (std::size_t i = 1; i < ts.size(); ++i) {
      EXPECT_GE(ts[i] - ts[i - 1], 14s) << sym;
      EXPECT_LE(ts[i] - ts[i - 1], 16s) << sym;
    }
  }
  EXPECT_EQ(s.stats().at("indicators").dropped, 0u);
  EXPECT_EQ(s.stats().at("chains").dropped, 0u);

  // Historical backfill: nothing before 16:30 ET, then at most 300 per minute.
  std::size_t hist = 0;
  for (const auto& i : issued) {
    if (i.call.stream != "historical") continue;
    ++hist;
    EXPECT_GE(i.at, et(16, 30));
  }
  EXPECT_EQ(hist, 1000u);  // 300/min from 16:30: done by 16:34
  EXPECT_LE(max_per_minute(issued, "historical"), 300u);
  // No market-hours stream outside 09:30-16:00.
  for (const auto& i : issued) {
    if (i.call.stream == "chains" || i.call.stream == "intraday" || i.call.stream == "indicators") {
      EXPECT_GE(i.at, et(9, 30));
      EXPECT_LT(i.at, et(16, 0, 1));
    }
  }
}

TEST(AvScheduler, OverQuotaDropsOptionalPullsNotGreeks) {
  av::AvBudget tight;
  tight.calls_per_minute = 100;  // chains 48 + intraday 44 + indicators 20 = 112 > 100
  av::AvScheduler s(tight, av::default_streams());
  const auto issued = run_day(s, et(9, 25), et(11, 30));  // two busy hours are enough
  EXPECT_LE(max_per_minute(issued), 100u);
  const auto chains = times_of(issued, "chains");
  for (const auto& [sym, ts] : chains) {
    EXPECT_EQ(ts.size(), 1440u) << sym;  // every chain pull still happens (2 h x 720)
    for (std::size_t i = 1; i < ts.size(); ++i) {
      EXPECT_GE(ts[i] - ts[i - 1], 4s);
      EXPECT_LE(ts[i] - ts[i - 1], 6s);
    }
  }
  EXPECT_EQ(s.stats().at("chains").dropped, 0u);
  EXPECT_GT(s.stats().at("indicators").dropped, 0u);
  for (const auto& [sym, ts] : times_of(issued, "intraday"))
    EXPECT_GE(ts.size(), 470u) << sym;
}

TEST(AvScheduler, ThrottleAfterARateLimitAnswer) {
  av::AvScheduler s(av::AvBudget{}, av::default_streams());
  const auto t = et(10, 0);
  EXPECT_FALSE(s.due(t).empty());
  s.throttle(t, 60s);
  EXPECT_TRUE(s.due(t + 30s).empty());
  EXPECT_EQ(s.next_wake(t + 30s), t + 60s);
  EXPECT_FALSE(s.due(t + 60s).empty());
  EXPECT_GT(s.stats().at("indicators").dropped, 0u);  // optional pulls during the pause
}

TEST(AvScheduler, MarketHoursAndBackfillWindow) {
  av::AvScheduler s(av::AvBudget{}, av::default_streams());
  EXPECT_FALSE(s.market_open(et(9, 29, 59)));
  EXPECT_TRUE(s.market_open(et(9, 30)));
  EXPECT_FALSE(s.market_open(et(16, 0)));
  EXPECT_FALSE(s.historical_window(et(16, 29, 59)));
  EXPECT_TRUE(s.historical_window(et(16, 30)));
  // Saturday 2024-01-06: closed, backfill allowed all day.
  const auto sat =
      core::local_to_utc("America/New_York", core::Date{2024, 1, 6}, core::TimeOfDay{12, 0, 0});
  EXPECT_FALSE(s.market_open(*sat));
  EXPECT_TRUE(s.historical_window(*sat));
  // Summer time: 09:30 EDT is 13:30 UTC.
  const auto jul = core::Timestamp::from_seconds(1720531800);  // 2024-07-09T13:30:00Z
  EXPECT_TRUE(s.market_open(jul));
  EXPECT_FALSE(s.market_open(jul - 1s));
}
