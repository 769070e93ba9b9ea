// The analytics cache inside a simulated kernel: subscribed values equal the indicators computed
// directly, updates carry their time, the heartbeat ticks, and silence during a session is stale.
#include <gtest/gtest.h>

#include "zerodte/analytics/analytics_cache.hpp"
#include "zerodte/analytics/bar_csv.hpp"
#include "zerodte/engine/kernel.hpp"

namespace zerodte::analytics {
namespace {

using core::InstrumentId;

TEST(AnalyticsCache, SubscribedValuesHeartbeatAndStaleness) {
  auto series = read_bar_csv(std::string(ZERODTE_SHARED_DATA) +
                             "/bars/intraday-1m/eqker_SPY_1min_2019-02.csv");
  ASSERT_TRUE(series.has_value());
  const InstrumentId spy{7};
  std::vector<engine::Event> events;
  // The first session only, ending at 12:00 ET: the cache must then see silence.
  const auto session = *core::TradingCalendar::nyse().session({2019, 2, 11});
  const auto noon = session.open + std::chrono::minutes(150);
  std::vector<model::Bar> used;
  for (auto b : series->bars) {
    if (b.hdr.ts_event >= noon) break;
    b.hdr.instrument = spy;
    b.hdr.ts_recv = b.close_time();  // a bar is visible when it closes
    events.emplace_back(b);
    used.push_back(b);
    if (used.size() == 50) {  // a broken duplicate of the same minute: rejected, never used
      model::Bar bad = b;
      bad.low = b.high + core::Price::from_cents(1);
      events.emplace_back(bad);
    }
  }
  core::SimClock clock{session.open - std::chrono::minutes(1)};
  engine::Kernel kernel(clock);
  auto cache = std::make_shared<AnalyticsCache>();
  ASSERT_TRUE(cache->subscribe(spy, Timeframe::minutes(1), "rsi_14").has_value());
  ASSERT_TRUE(cache->subscribe(spy, Timeframe::minutes(5), "sma_20").has_value());
  const auto bad = cache->subscribe(spy, Timeframe::minutes(1), "rsi_15");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("rsi_14"), std::string::npos) << "lists the valid names";
  std::size_t updates = 0;
  kernel.bus().subscribe<AnalyticsUpdate>(spy.value, [&](const AnalyticsUpdate&) { ++updates; });
  kernel.add_component(cache);
  kernel.start();
  engine::VectorEventSource source(events);
  kernel.run_simulation(source, clock, noon + std::chrono::minutes(10));

  // Same numbers as running the indicators directly (1m, and 1m resampled to 5m).
  IndicatorSet direct1, direct5;
  IndicatorValues last1, last5;
  std::vector<model::Bar> five;
  BarAggregator agg(core::TradingCalendar::nyse(), Timeframe::minutes(5),
                    [&](const model::Bar& b, bool) { five.push_back(b); });
  auto input = [](const model::Bar& b) {
    return BarInput{b.hdr.ts_event,
                    0,
                    b.open.to_double(),
                    b.high.to_double(),
                    b.low.to_double(),
                    b.close.to_double(),
                    static_cast<double>(b.volume)};
  };
  for (const auto& b : used)
    last1 = direct1.update(input(b)), agg.on_bar(b);
  for (const auto& b : five)
    last5 = direct5.update(input(b));
  const auto rsi = cache->get(spy, Timeframe::minutes(1), "rsi_14");
  const auto sma = cache->get(spy, Timeframe::minutes(5), "sma_20");
  ASSERT_TRUE(rsi && sma);
  EXPECT_DOUBLE_EQ(rsi->value, last1.rsi_14);
  EXPECT_DOUBLE_EQ(sma->value, last5.sma_20);
  EXPECT_EQ(rsi->updated_at, noon) << "stamped with the clock time of the last bar's close";
  EXPECT_EQ(updates, used.size() + five.size());
  EXPECT_EQ(cache->rejected(RejectReason::kHighBelowLow), 1u);
  EXPECT_EQ(cache->rejected_total(), 1u);
  EXPECT_FALSE(cache->get(spy, Timeframe::minutes(1), "adx_14").has_value()) << "not subscribed";

  // Heartbeat follows the clock; 10 quiet minutes in session make both values stale.
  EXPECT_EQ(cache->last_heartbeat(), noon + std::chrono::minutes(10));
  const auto stale = cache->stale(clock.now());
  ASSERT_EQ(stale.size(), 2u);
  EXPECT_EQ(cache->health().state, engine::HealthState::kDegraded);
  EXPECT_TRUE(cache->stale(session.close + std::chrono::hours(1)).empty()) << "closed: quiet";
  kernel.stop();
}

TEST(AnalyticsCache, BuildsMinuteBarsFromTradesAndClosesThemOnTheHeartbeat) {
  const InstrumentId nvda{9};
  const auto session = *core::TradingCalendar::nyse().session({2025, 3, 14});
  std::vector<engine::Event> events;
  std::vector<model::Trade> trades;
  for (int s = 0; s < 30 * 60; s += 7) {  // 30 minutes of trades every 7 s
    model::Trade t;
    t.hdr.instrument = nvda;
    t.hdr.ts_event = t.hdr.ts_recv = session.open + std::chrono::seconds(s);
    t.price = core::Price::from_cents(12000 + (s * 13) % 97);
    t.size = 10 + s % 5;
    events.emplace_back(t);
    trades.push_back(t);
  }
  core::SimClock clock{session.open - std::chrono::seconds(1)};
  engine::Kernel kernel(clock);
  AnalyticsCacheConfig cfg;
  cfg.bars_from_trades = true;
  auto cache = std::make_shared<AnalyticsCache>(cfg);
  ASSERT_TRUE(cache->subscribe(nvda, Timeframe::minutes(1), "sma_20").has_value());
  kernel.add_component(cache);
  kernel.start();
  engine::VectorEventSource source(events);
  // Run 5 s past the last trade's minute: the heartbeat must close minute 29 on its own.
  kernel.run_simulation(source, clock, session.open + std::chrono::seconds(30 * 60 + 5));
  std::vector<model::Bar> minutes;
  BarAggregator agg(core::TradingCalendar::nyse(), Timeframe::minutes(1),
                    [&](const model::Bar& b, bool) { minutes.push_back(b); });
  for (const auto& t : trades)
    agg.on_trade(t);
  agg.flush();
  ASSERT_EQ(minutes.size(), 30u);
  Sma sma(20);
  for (const auto& b : minutes)
    sma.update(b.close.to_double());
  const auto v = cache->get(nvda, Timeframe::minutes(1), "sma_20");
  ASSERT_TRUE(v.has_value());
  EXPECT_DOUBLE_EQ(v->value, sma.value());
  EXPECT_EQ(v->updates, 11u);  // minutes 19..29
  EXPECT_EQ(v->updated_at, session.open + std::chrono::minutes(30)) << "closed by the heartbeat";
  kernel.stop();
}

}  // namespace
}  // namespace zerodte::analytics
