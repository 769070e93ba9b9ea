// cross_ticker end to end over real minute bars: SPY, QQQ and VIX 1-minute bars of 2019-02-11..12
// (masonblier/eqker, Alpha Vantage; ../shared/data/bars/SOURCES.md), 0DTE chains for SPY and
// QQQ quoted from the simulator's surface around each real bar (data::sim::ChainsFromBarsSource),
// merged by the replay feed and run through the kernel and the real StrategyHost. A gateway in
// the test approves every intent and fills each leg at its touch (buy at the ask, sell at the
// bid) a moment later. Checks: trades happen, each entry names its cross-ticker and VIX evidence
// and carries the structure's theta impact and plan, entries stay inside 10:00-14:30 and <= 2 a
// day, and every structure is closed the same day (target, stop or the 15:45 time exit).
#include <gtest/gtest.h>

#include <map>

#include "filling_gateway.hpp"
#include "harness.hpp"
#include "zerodte/analytics/bar_csv.hpp"
#include "zerodte/data/replay_feed.hpp"
#include "zerodte/data/sim/chains_from_bars.hpp"

namespace zerodte::strategy::ms_test {
namespace {

TEST(CrossTickerRealData, SpyQqqVixWeekOfMinuteBarsWithSimulatedChains) {
  const auto& cal = core::TradingCalendar::nyse();
  core::SimClock clock(cal.to_utc(core::Date{2019, 2, 11}, {9, 0, 0}));
  engine::Kernel kernel(clock);
  model::InstrumentRegistry reg;
  const auto spy = *reg.intern_etf("SPY");
  const auto qqq = *reg.intern_etf("QQQ");
  const auto vix = *reg.intern_index("VIX");
  auto spy_bars = read("eqker_SPY_1min_2019-02.csv", spy);
  auto qqq_bars = read("eqker_QQQ_1min_2019-02.csv", qqq);
  auto vix_bars = read("eqker_VIX_1min_2019-02.csv", vix);
  ASSERT_GT(spy_bars.size(), 1900u);
  ASSERT_GT(qqq_bars.size(), 1900u);
  const auto end = cal.to_utc(core::Date{2019, 2, 12}, {16, 0, 0});
  for (auto* v : {&spy_bars, &qqq_bars, &vix_bars})
    std::erase_if(*v, [&](const model::Bar& b) { return b.close_time() > end; });
  data::sim::ChainsFromBarsConfig cc;
  cc.dte = {0};
  cc.strikes_each_side = 11;  // the ATM +- 10 ladder and a strike to spare
  cc.every_n_bars = 2;        // a fresh chain every 2 minutes (the strategy's bar)
  cc.ewma_halflife_bars = 60;
  std::vector<std::unique_ptr<engine::EventSource>> sources;
  auto s1 = data::sim::ChainsFromBarsSource::create(spy_bars, "SPY", reg, cc);
  ASSERT_TRUE(s1.has_value()) << s1.error().message;
  cc.seed = 2;
  auto s2 = data::sim::ChainsFromBarsSource::create(qqq_bars, "QQQ", reg, cc);
  ASSERT_TRUE(s2.has_value()) << s2.error().message;
  sources.push_back(std::move(*s1));
  sources.push_back(std::move(*s2));
  std::vector<engine::Event> vix_events;
  for (const auto& b : vix_bars)
    vix_events.emplace_back(b);
  sources.push_back(std::make_unique<engine::VectorEventSource>(std::move(vix_events)));
  // Three sessions (Mon-Wed) keep the test fast.
  data::ReplayFeed feed(std::move(sources), {.to = cal.to_utc(core::Date{2019, 2, 13}, {16, 0, 0}),
                                             .key = data::MergeKey::kVisibleTime});

  FillingGateway gw;
  gw.kernel = &kernel;
  gw.clock = &clock;
  kernel.add_observer(&gw);
  MemoryDecisionSink sink;
  auto host = std::make_shared<StrategyHost>(reg, gw, StrategyHostConfig{.sink = &sink});
  core::config::ConfigTable cfg;
  cfg.set("tickers", std::vector<std::string>{"SPY", "QQQ"});
  cfg.set("max_chain_age", core::Duration{std::chrono::minutes(3)});
  auto strat = global_registry().create("cross_ticker", cfg);
  ASSERT_TRUE(strat.has_value()) << strat.error().message;
  ASSERT_TRUE(host->add("cross_ticker", core::StrategyId{5}, std::move(*strat)));
  kernel.add_component(host);
  kernel.start();
  kernel.run_simulation(feed, clock);
  kernel.stop();

  std::map<std::string, int> kinds;
  std::map<core::Date, int> per_day;
  std::size_t entries = 0, exits = 0;
  for (std::size_t i = 0; i < gw.intents.size(); ++i) {
    const auto& in = gw.intents[i];
    const auto local = cal.local_time(gw.times[i]);
    if (in.reduce_only) {
      ++exits;
      EXPECT_LE(local, (core::TimeOfDay{15, 45, 0})) << i;
      continue;
    }
    ++entries;
    ++kinds[std::string(in.tag.view())];
    ++per_day[cal.local_date(gw.times[i])];
    EXPECT_GE(local, (core::TimeOfDay{10, 0, 0}));
    EXPECT_LT(local, (core::TimeOfDay{14, 30, 0}));
    EXPECT_GE(in.leg_count, 2);
  }
  for (const auto& [d, n] : per_day)
    EXPECT_LE(n, 2) << d.to_string();
  EXPECT_EQ(entries, exits);  // every structure closed the same day
  EXPECT_GE(entries, 3u);
  for (const auto& s : sink.signals) {
    if (s.direction == Direction::kFlat && s.action.find("close") != std::string::npos) continue;
    ASSERT_GE(s.triggered_by.size(), 2u) << s.action;
    EXPECT_EQ(s.triggered_by[0].source, "cross_ticker");
    EXPECT_EQ(s.triggered_by[1].source, "vix");
    ASSERT_GE(s.risk_factors.size(), 3u);
    EXPECT_NE(s.risk_factors[0].find("theta"), std::string::npos);
  }
  std::cout << "cross_ticker over SPY/QQQ/VIX 2019-02-11..12: " << entries << " entries, " << exits
            << " exits, " << sink.suppressions.size() << " suppressions;";
  for (const auto& [k, n] : kinds)
    std::cout << " " << k << " x" << n;
  std::cout << "\n";
}

}  // namespace
}  // namespace zerodte::strategy::ms_test
