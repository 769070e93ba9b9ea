// Bar building: ticks -> 1m, 1m -> 5m -> 1h == 1m -> 1h, session boundaries, early closes,
// restart with a partial bar; and the gap detector's live pieces (hook, pending gap, backfill).
#include <gtest/gtest.h>

#include <random>

#include "zerodte/analytics/bar_aggregator.hpp"
#include "zerodte/analytics/bar_csv.hpp"
#include "zerodte/core/time_zone.hpp"

namespace zerodte::analytics {
namespace {

using core::Price;
using core::Timestamp;
const core::TradingCalendar& nyse() {
  return core::TradingCalendar::nyse();
}

struct Collected {
  std::vector<model::Bar> bars;
  std::vector<bool> complete;
  BarSink sink() {
    return [this](const model::Bar& b, bool c) {
      bars.push_back(b);
      complete.push_back(c);
    };
  }
};

bool same(const model::Bar& a, const model::Bar& b) {
  return a.hdr.ts_event == b.hdr.ts_event && a.interval_s == b.interval_s && a.open == b.open &&
         a.high == b.high && a.low == b.low && a.close == b.close && a.volume == b.volume;
}

// Random 1-minute bars covering every regular minute of the sessions in [from, to].
std::vector<model::Bar> minute_bars(core::Date from, core::Date to, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> step(-30, 30), vol(0, 5000);
  std::vector<model::Bar> out;
  std::int64_t px = 100'000;  // cents * 10
  for (core::Date d = from; d <= to; d = d.add_days(1)) {
    const auto s = nyse().session(d);
    if (!s) continue;
    for (Timestamp t = s->open; t < s->close; t += std::chrono::minutes(1)) {
      model::Bar b;
      b.hdr.ts_event = b.hdr.ts_recv = t;
      b.open = Price::from_cents(px);
      px += step(rng);
      b.close = Price::from_cents(px);
      b.high = std::max(b.open, b.close) + Price::from_cents(step(rng) + 30);
      b.low = std::min(b.open, b.close) - Price::from_cents(step(rng) + 30);
      b.volume = vol(rng);
      out.push_back(b);
    }
  }
  return out;
}

std::vector<model::Bar> resample(const std::vector<model::Bar>& in, Timeframe tf) {
  Collected c;
  BarAggregator agg(nyse(), tf, c.sink());
  for (const auto& b : in)
    agg.on_bar(b);
  agg.flush();
  return c.bars;
}

void expect_equal_series(const std::vector<model::Bar>& a, const std::vector<model::Bar>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    EXPECT_TRUE(same(a[i], b[i])) << "bar " << i << " at " << core::to_iso8601(a[i].hdr.ts_event);
}

TEST(BarAggregator, ResampleChainEqualsDirectOnRealMinutes) {
  auto s = read_bar_csv(std::string(ZERODTE_SHARED_DATA) +
                        "/bars/intraday-1m/gcfc-money-tree_QQQ_1m_2024-08.csv");
  ASSERT_TRUE(s.has_value());
  const auto m5 = resample(s->bars, Timeframe::minutes(5));
  expect_equal_series(resample(m5, Timeframe::minutes(60)),
                      resample(s->bars, Timeframe::minutes(60)));
  expect_equal_series(resample(resample(s->bars, Timeframe::minutes(15)), Timeframe::daily()),
                      resample(s->bars, Timeframe::daily()));
  EXPECT_EQ(resample(s->bars, Timeframe::daily()).size(), 10u);
  EXPECT_EQ(resample(s->bars, Timeframe::minutes(60)).size(), 10u * 7);  // 6 full hours + 15:30
}

TEST(BarAggregator, SessionBoundariesAndEarlyClose) {
  // 2024-07-03 closes at 13:00, 07-04 is a holiday.
  const auto m1 = minute_bars({2024, 7, 1}, {2024, 7, 8}, 42);
  for (const int minutes : {2, 5, 15, 60}) {
    const auto chain = resample(resample(m1, Timeframe::minutes(1)), Timeframe::minutes(minutes));
    expect_equal_series(chain, resample(m1, Timeframe::minutes(minutes)));
    for (const auto& b : chain) {
      const auto sess = nyse().session(nyse().local_date(b.hdr.ts_event));
      ASSERT_TRUE(sess.has_value());
      EXPECT_GE(b.hdr.ts_event, sess->open);
      EXPECT_LE(b.close_time(), sess->close) << "bar spans the session close";
    }
  }
  const auto h1 = resample(m1, Timeframe::minutes(60));
  std::map<std::string, int> per_day;
  for (const auto& b : h1)
    ++per_day[nyse().local_date(b.hdr.ts_event).to_string()];
  EXPECT_EQ(per_day["2024-07-02"], 7);
  EXPECT_EQ(per_day["2024-07-03"], 4);  // 09:30 10:30 11:30 12:30-13:00
  EXPECT_EQ(per_day.count("2024-07-04"), 0u);
  const auto daily = resample(m1, Timeframe::daily());
  ASSERT_EQ(daily.size(), 5u);
  EXPECT_EQ(daily[2].interval_s, 3 * 3600 + 1800);  // early close
}

model::Trade trade(Timestamp t, std::int64_t cents, std::int64_t size) {
  model::Trade tr;
  tr.hdr.ts_event = tr.hdr.ts_recv = t;
  tr.price = Price::from_cents(cents);
  tr.size = size;
  return tr;
}

TEST(BarAggregator, TradesToMinuteBarsAndRestart) {
  const Timestamp open = nyse().session({2025, 3, 14})->open;
  std::vector<model::Trade> trades;
  trades.push_back(trade(open - std::chrono::minutes(5), 9900, 10));  // pre-market: ignored
  for (int i = 0; i < 600; ++i)
    trades.push_back(trade(open + std::chrono::seconds(i), 10000 + (i * 37) % 101 - 50, 1 + i % 7));
  Collected a;
  BarAggregator full(nyse(), Timeframe::minutes(1), a.sink());
  for (const auto& t : trades)
    full.on_trade(t);
  full.on_time(open + std::chrono::minutes(10));
  ASSERT_EQ(a.bars.size(), 10u);
  EXPECT_EQ(full.outside_session(), 1u);
  // Minute 0 by hand.
  std::int64_t vol = 0;
  Price hi = Price::from_cents(0), lo = Price::from_cents(1'000'000);
  for (int i = 0; i < 60; ++i) {
    vol += 1 + i % 7;
    hi = std::max(hi, trades[1 + i].price);
    lo = std::min(lo, trades[1 + i].price);
  }
  EXPECT_EQ(a.bars[0].open, trades[1].price);
  EXPECT_EQ(a.bars[0].close, trades[60].price);
  EXPECT_EQ(a.bars[0].high, hi);
  EXPECT_EQ(a.bars[0].low, lo);
  EXPECT_EQ(a.bars[0].volume, vol);
  EXPECT_EQ(a.bars[0].trade_count, 60);

  // Restart in the middle of minute 3 (after trade at +200 s), with and without the partial bar.
  Collected before, restored, cold;
  BarAggregator first(nyse(), Timeframe::minutes(1), before.sink());
  for (std::size_t i = 0; i <= 201; ++i)
    first.on_trade(trades[i]);
  const auto partial = first.partial();
  ASSERT_TRUE(partial.has_value());
  BarAggregator second(nyse(), Timeframe::minutes(1), restored.sink());
  second.restore(*partial);
  BarAggregator third(nyse(), Timeframe::minutes(1), cold.sink());
  for (std::size_t i = 202; i < trades.size(); ++i)
    second.on_trade(trades[i]), third.on_trade(trades[i]);
  second.flush();
  third.flush();
  ASSERT_EQ(restored.bars.size(), 7u);
  EXPECT_TRUE(same(restored.bars[0], a.bars[3]));
  EXPECT_TRUE(restored.complete[0]);
  EXPECT_FALSE(same(cold.bars[0], a.bars[3]));
  EXPECT_FALSE(cold.complete[0]) << "a bar missing its start must say so";
  EXPECT_TRUE(cold.complete[1]);
}

TEST(GapDetector, HookPendingGapAndBackfill) {
  const auto s = *nyse().session({2025, 3, 14});
  std::vector<Gap> hooked;
  GapDetector gd(nyse(), std::chrono::minutes(1), [&](const Gap& g) { hooked.push_back(g); });
  EXPECT_EQ(gd.on_bar(s.open - std::chrono::minutes(1)), BarPlacement::kExtendedHours);
  for (int m = 0; m < 10; ++m)
    gd.on_bar(s.open + std::chrono::minutes(m));
  // Live: at 09:45:30 bars 09:40..09:44 are overdue.
  const auto pending = gd.pending_gap(s.open + std::chrono::seconds(15 * 60 + 30));
  ASSERT_TRUE(pending.has_value());
  EXPECT_EQ(pending->start, s.open + std::chrono::minutes(10));
  EXPECT_EQ(pending->duration(), std::chrono::minutes(5));
  EXPECT_TRUE(hooked.empty());
  gd.on_bar(s.open + std::chrono::minutes(16));
  ASSERT_EQ(hooked.size(), 1u);
  EXPECT_EQ(hooked[0], (Gap{s.open + std::chrono::minutes(10), s.open + std::chrono::minutes(16)}));
  EXPECT_EQ(hooked[0].missing_bars(std::chrono::minutes(1)), 6);
  gd.fill(s.open + std::chrono::minutes(12));
  const auto open_gaps = gd.open_gaps();
  ASSERT_EQ(open_gaps.size(), 2u);
  EXPECT_EQ(open_gaps[0].duration(), std::chrono::minutes(2));
  EXPECT_EQ(open_gaps[1].duration(), std::chrono::minutes(3));
  // A whole missing session is one gap.
  const auto next = *nyse().session({2025, 3, 18});
  gd.on_bar(next.open);
  const auto& all = gd.gaps();
  ASSERT_GE(all.size(), 3u);
  EXPECT_EQ(all[all.size() - 1].start, nyse().session({2025, 3, 17})->open);  // Monday missing
}

TEST(BarAggregator, NseBucketsStartAt0915Ist) {
  const auto& nse = core::TradingCalendar::nse();
  const auto s = *nse.session({2025, 3, 13});
  EXPECT_EQ(core::to_iso8601(s.open), "2025-03-13T03:45:00.000000000Z");  // 09:15 IST
  Collected c;
  BarAggregator agg(nse, Timeframe::minutes(15), c.sink());
  for (core::Timestamp t = s.open; t < s.close; t += std::chrono::minutes(1)) {
    model::Bar b;
    b.hdr.ts_event = t;
    b.open = b.high = b.low = b.close = Price::from_units(22000);
    b.volume = 75;
    agg.on_bar(b);
  }
  agg.flush();
  ASSERT_EQ(c.bars.size(), 25u);  // 09:15-15:30 = 375 minutes
  EXPECT_EQ(nse.local_time(c.bars[1].hdr.ts_event), (core::TimeOfDay{9, 30, 0}));
  EXPECT_EQ(c.bars.back().close_time(), s.close);
  EXPECT_EQ(c.bars[0].volume, 15 * 75);
}

}  // namespace
}  // namespace zerodte::analytics
