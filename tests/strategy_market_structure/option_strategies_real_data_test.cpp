// gamma_scalp_0dte and overnight_1dte end to end over real SPY minute bars (2024-08-26..28,
// gcfc/money-tree, Yahoo; ../shared/data/bars/SOURCES.md) with 0DTE and 1DTE chains (prices,
// Greeks, open interest) from the simulator's surface around each bar
// (data::sim::ChainsFromBarsSource), through the replay feed, the kernel and the real
// StrategyHost; a test gateway fills every order at the touch. Checks the strategies' invariants
// on real prices: gamma entries inside 09:45-15:30 with <= 6 contracts and 2% of equity in
// premium, every gamma position closed the same day by 15:50; overnight entries only in the last
// 30 minutes, held overnight and closed the next session by 10:00 (ladder or deadline); every
// entry explained.
#include <gtest/gtest.h>

#include "filling_gateway.hpp"
#include "harness.hpp"
#include "zerodte/data/replay_feed.hpp"
#include "zerodte/data/sim/chains_from_bars.hpp"

namespace zerodte::strategy::ms_test {
namespace {

TEST(OptionStrategiesRealData, GammaScalpAndOvernightOverSpyMinuteBars) {
  const auto& cal = core::TradingCalendar::nyse();
  core::SimClock clock(cal.to_utc(core::Date{2024, 8, 26}, {9, 0, 0}));
  engine::Kernel kernel(clock);
  model::InstrumentRegistry reg;
  const auto spy = *reg.intern_etf("SPY");
  auto bars = read("gcfc-money-tree_SPY_1m_2024-08.csv", spy);
  ASSERT_GT(bars.size(), 2000u);
  // Three sessions (Mon 08-26 .. Wed 08-28) keep the test fast under the sanitizers.
  std::erase_if(bars, [&](const model::Bar& b) {
    const auto d = cal.local_date(b.hdr.ts_event);
    return d < core::Date{2024, 8, 26} || core::Date{2024, 8, 28} < d;
  });
  ASSERT_EQ(bars.size(), 389u + 390u + 390u);  // 08-27 has 389 regular-session bars
  data::sim::ChainsFromBarsConfig cc;
  cc.dte = {0, 1};
  cc.strikes_each_side = 6;
  cc.ewma_halflife_bars = 60;
  auto chains = data::sim::ChainsFromBarsSource::create(bars, "SPY", reg, cc);
  ASSERT_TRUE(chains.has_value()) << chains.error().message;
  std::vector<std::unique_ptr<engine::EventSource>> sources;
  sources.push_back(std::move(*chains));
  data::ReplayFeed feed(std::move(sources), {.key = data::MergeKey::kVisibleTime});

  FillingGateway gw;
  gw.kernel = &kernel;
  gw.clock = &clock;
  kernel.add_observer(&gw);
  MemoryDecisionSink sink;
  auto host = std::make_shared<StrategyHost>(reg, gw, StrategyHostConfig{.sink = &sink});
  core::config::ConfigTable gamma_cfg;
  gamma_cfg.set("min_volume", std::int64_t{0});  // the simulated quotes carry no day volume
  auto gamma = global_registry().create("gamma_scalp_0dte", gamma_cfg);
  ASSERT_TRUE(gamma.has_value()) << gamma.error().message;
  ASSERT_TRUE(host->add("gamma", core::StrategyId{1}, std::move(*gamma)));
  auto overnight = global_registry().create("overnight_1dte");
  ASSERT_TRUE(overnight.has_value()) << overnight.error().message;
  ASSERT_TRUE(host->add("overnight", core::StrategyId{2}, std::move(*overnight)));
  // The simulator prices options at the bars' own realized vol, so implied is never cheap and
  // `overnight` stays out (filters_failed). A second instance without the gap filter shows the
  // entry/exit timing on the same tape.
  core::config::ConfigTable no_gap;
  no_gap.set("min_iv_rv_gap", -1.0);
  auto overnight_any = global_registry().create("overnight_1dte", no_gap);
  ASSERT_TRUE(overnight_any.has_value());
  ASSERT_TRUE(host->add("overnight_no_gap", core::StrategyId{3}, std::move(*overnight_any)));
  kernel.add_component(host);
  kernel.start();
  kernel.run_simulation(feed, clock);
  kernel.stop();

  struct Open {
    std::int64_t qty = 0;
    core::Timestamp at;
  };
  std::map<std::pair<int, std::uint32_t>, Open> open;  // (strategy, contract)
  std::map<int, int> entries, exits;
  int deadline_exits = 0;
  for (std::size_t i = 0; i < gw.intents.size(); ++i) {
    const auto& in = gw.intents[i];
    const int sid = in.strategy.value;
    const auto t = gw.times[i];
    const auto local = cal.local_time(t);
    auto& o = open[{sid, in.legs[0].instrument.value}];
    if (in.reduce_only) {
      ++exits[sid];
      EXPECT_EQ(in.quantity.value, o.qty);
      if (sid == 1) {
        EXPECT_EQ(cal.local_date(t), cal.local_date(o.at));  // 0DTE: same day
        EXPECT_LE(local, (core::TimeOfDay{15, 50, 0}));
      } else if (std::string_view(in.tag.view()) == "exit_deadline") {
        ++deadline_exits;
        EXPECT_LE(local, (core::TimeOfDay{10, 0, 0}));  // next morning, first 30 minutes
        EXPECT_EQ(cal.local_date(t), cal.next_trading_day(cal.local_date(o.at)));
      } else {
        EXPECT_EQ(std::string_view(in.tag.view()), "trailing_stop");  // the ladder, next morning
        EXPECT_EQ(cal.local_date(t), cal.next_trading_day(cal.local_date(o.at)));
        EXPECT_LE(local, (core::TimeOfDay{10, 0, 0}));
      }
      o.qty = 0;
      continue;
    }
    ++entries[sid];
    EXPECT_EQ(o.qty, 0);
    o.qty = in.quantity.value;
    o.at = t;
    EXPECT_LE(in.quantity.value, 6);
    if (sid == 1) {
      EXPECT_GE(local, (core::TimeOfDay{9, 45, 0}));
      EXPECT_LT(local, (core::TimeOfDay{15, 30, 0}));
      // Premium at risk <= 2% of the 100,000 equity.
      EXPECT_LE(in.limit_price.to_double() * 100 * static_cast<double>(in.quantity.value), 2000.0);
    } else {
      EXPECT_GE(local, (core::TimeOfDay{15, 30, 0}));
    }
  }
  for (const auto& s : sink.signals) {
    ASSERT_FALSE(s.triggered_by.empty()) << s.action;
    if (s.direction == Direction::kFlat) continue;
    if (s.strategy_name == "gamma") {  // overnight, overnight_no_gap below
      EXPECT_EQ(s.triggered_by[0].source, "gex");
      EXPECT_EQ(s.triggered_by[1].source, "momentum");
    } else {
      EXPECT_EQ(s.triggered_by[0].source, "regime");
      EXPECT_EQ(s.triggered_by[1].source, "iv_rv_gap");
    }
  }
  std::map<std::string, int> reasons;
  for (const auto& s : sink.suppressions)
    ++reasons[s.strategy_name + ":" + s.reason];
  std::cout << "SPY 2024-08-26..28: gamma " << entries[1] << " entries / " << exits[1]
            << " exits, overnight " << entries[2] << " / " << exits[2]
            << ", without the gap filter " << entries[3] << " / " << exits[3] << " ("
            << deadline_exits << " at the 10:00 deadline, the rest on the ladder); suppressions:";
  for (const auto& [k, n] : reasons)
    std::cout << " " << k << " x" << n;
  std::cout << "\n";
  EXPECT_GE(entries[1], 1);
  EXPECT_EQ(entries[1], exits[1]);
  EXPECT_EQ(entries[2], 0);
  EXPECT_GE(reasons["overnight:filters_failed"], 1);
  EXPECT_GE(entries[3], 1);
  EXPECT_GE(exits[3], entries[3] - 1);  // the last session's entry may still be open at the end
}

}  // namespace
}  // namespace zerodte::strategy::ms_test
