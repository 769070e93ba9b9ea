// StrategyHost: routing of bars, quotes, option quotes, sentiment, fills and timers to a
// strategy, signals and suppressions to the sink, intents to the gateway.
#include <gtest/gtest.h>

#include "zerodte/engine/kernel.hpp"
#include "zerodte/strategy/strategy_host.hpp"

namespace zerodte::strategy {
namespace {

using core::Timestamp;

class Probe final : public Strategy {
 public:
  explicit Probe(core::InstrumentId spy) : spy_(spy) {}
  void on_start() override {
    ASSERT_TRUE(ctx().subscribe_bars(spy_, analytics::Timeframe::minutes(5)).has_value());
    ASSERT_TRUE(ctx().subscribe_bars(spy_, analytics::Timeframe::minutes(1)).has_value());
    ctx().subscribe_sentiment("SPY");
    ctx().subscribe_options("SPY");
    ctx().schedule_daily({15, 50, 0}, "flatten");
  }
  void on_bar(const model::Bar& bar, analytics::Timeframe tf) override {
    (tf.seconds == 300 ? five : one).push_back(bar);
    if (tf.seconds == 300) {
      Signal s;
      s.instrument = spy_;
      s.symbol = "SPY";
      s.direction = Direction::kLong;
      s.conviction = 0.5;
      s.triggered_by.push_back({"bar", "5m close", bar.close.to_double(), ctx().now()});
      const auto id = ctx().emit_signal(s);
      auto r = ctx().submit(single_order(spy_, model::Side::kBuy, 1, bar.close, id));
      results.push_back(r);
      ctx().suppress({.symbol = "SPY", .reason = "probe", .detail = "testing"});
    }
  }
  void on_sentiment(const sentiment::TickerSentiment& s) override { sentiments.push_back(s); }
  void on_option_chain(const OptionChainUpdate& u) override { chain_updates.push_back(u.expiry); }
  void on_timer(std::string_view name, Timestamp at) override { timers.emplace_back(name, at); }
  void on_fill(const model::Fill& f) override { fills.push_back(f); }
  std::string snapshot() const override { return fmt::format("fills={}", fills.size()); }

  core::InstrumentId spy_;
  std::vector<model::Bar> one, five;
  std::vector<sentiment::TickerSentiment> sentiments;
  std::vector<core::Date> chain_updates;
  std::vector<std::pair<std::string, Timestamp>> timers;
  std::vector<model::Fill> fills;
  std::vector<SubmitResult> results;
};

model::Bar minute_bar(core::InstrumentId id, Timestamp open, double close) {
  model::Bar b;
  b.hdr.instrument = id;
  b.hdr.ts_event = open;
  b.hdr.ts_recv = open + core::Duration{60 * core::kNanosPerSecond};
  b.interval_s = 60;
  b.open = b.high = b.low = b.close = *core::Price::from_double(close);
  b.volume = 100;
  return b;
}

TEST(StrategyHost, RoutesEventsAndRecordsDecisions) {
  const auto& cal = core::TradingCalendar::nyse();
  const core::Date day{2025, 3, 14};
  const Timestamp open = cal.to_utc(day, {9, 30, 0});
  core::SimClock clock(open);
  engine::Kernel kernel(clock, engine::KernelConfig{.inbox_capacity = 1024});
  model::InstrumentRegistry reg;
  const auto spy = *reg.intern_etf("SPY");
  const auto call = *reg.intern_option("SPY   250314C00450000");
  RecordingGateway gw;
  MemoryDecisionSink sink;
  auto host = std::make_shared<StrategyHost>(reg, gw, StrategyHostConfig{.sink = &sink});
  auto probe = std::make_unique<Probe>(spy);
  Probe* p = probe.get();
  ASSERT_TRUE(host->add("probe", core::StrategyId{3}, std::move(probe)).has_value());
  kernel.add_component(host);
  kernel.start();

  for (int i = 0; i < 10; ++i) {
    const Timestamp t = open + core::Duration{std::int64_t{i} * 60 * core::kNanosPerSecond};
    clock.set(t + core::Duration{60 * core::kNanosPerSecond});
    kernel.dispatch(engine::Event{minute_bar(spy, t, 450.0 + i)});
  }
  EXPECT_EQ(p->one.size(), 10u);
  ASSERT_EQ(p->five.size(), 2u);  // 09:30-09:35 and 09:35-09:40
  EXPECT_EQ(p->five[0].close.to_double(), 454.0);
  EXPECT_EQ(p->five[1].open.to_double(), 455.0);
  ASSERT_EQ(gw.intents.size(), 2u);
  EXPECT_EQ(gw.intents[0].strategy.value, 3);
  EXPECT_EQ(gw.intents[0].signal_id >> 48, 3u);
  EXPECT_NE(gw.intents[0].signal_id, gw.intents[1].signal_id);
  EXPECT_EQ(sink.signals.size(), 2u);
  EXPECT_EQ(sink.suppressions.size(), 2u);
  EXPECT_EQ(sink.signals[0].strategy_name, "probe");
  EXPECT_EQ(host->stats().intents, 2u);
  ASSERT_TRUE(p->results[0].accepted);

  // A fill of the strategy's order is routed back and moves its position.
  model::Fill f;
  f.client_order_id = p->results[0].client_order_id;
  f.instrument = spy;
  f.side = model::Side::kBuy;
  f.quantity = core::Quantity{1};
  f.price = *core::Price::from_double(454.0);
  kernel.dispatch(engine::Event{f});
  ASSERT_EQ(p->fills.size(), 1u);
  EXPECT_EQ(host->positions("probe").at(0).quantity, 1);
  ASSERT_FALSE(sink.states.empty());
  EXPECT_EQ(sink.states.back().state, "fills=1");
  // Another strategy's fill ("z9-...") is not.
  f.client_order_id = core::ClientOrderId("z9-abc");
  kernel.dispatch(engine::Event{f});
  EXPECT_EQ(p->fills.size(), 1u);

  // Sentiment for SPY reaches it; option quotes build the chain view.
  sentiment::TickerSentiment ts;
  ts.ticker = "SPY";
  ts.score = 0.4;
  kernel.bus().publish(ts);
  EXPECT_EQ(p->sentiments.size(), 1u);
  model::OptionQuote oq;
  oq.hdr.instrument = call;
  oq.hdr.ts_event = clock.now();
  oq.bid = *core::Price::from_double(1.20);
  oq.ask = *core::Price::from_double(1.30);
  oq.open_interest = 5000;
  kernel.dispatch(engine::Event{oq});
  ASSERT_EQ(p->chain_updates.size(), 1u);
  const auto chain = p->ctx().option_chain("SPY", day);
  ASSERT_EQ(chain.contracts.size(), 1u);
  EXPECT_DOUBLE_EQ(chain.contracts[0].mid(), 1.25);
  EXPECT_DOUBLE_EQ(chain.contracts[0].strike, 450.0);

  // The daily timer fires at 15:50 New York.
  core::SimClock& sim = clock;
  struct Empty final : engine::EventSource {
    std::optional<engine::Event> next() override { return std::nullopt; }
  } empty;
  kernel.run_simulation(empty, sim, cal.to_utc(day, {16, 0, 0}));
  ASSERT_EQ(p->timers.size(), 1u);
  EXPECT_EQ(p->timers[0].first, "flatten");
  EXPECT_EQ(p->timers[0].second, cal.to_utc(day, {15, 50, 0}));
  kernel.stop();
}

}  // namespace
}  // namespace zerodte::strategy

namespace zerodte::strategy {
namespace {

class DailyProbe final : public Strategy {
 public:
  explicit DailyProbe(core::InstrumentId id) : id_(id) {}
  void on_start() override {
    ASSERT_TRUE(ctx().subscribe_bars(id_, analytics::Timeframe::daily()).has_value());
    EXPECT_FALSE(
        ctx().subscribe_bars(core::InstrumentId{999}, analytics::Timeframe::daily()).has_value());
  }
  void on_bar(const model::Bar& b, analytics::Timeframe) override { seen.push_back(b.interval_s); }
  core::InstrumentId id_;
  std::vector<int> seen;
};

TEST(StrategyHost, SessionBarsPassThroughAsDaily) {
  const auto& cal = core::TradingCalendar::nyse();
  core::SimClock clock(cal.to_utc({2024, 11, 27}, {9, 0, 0}));
  engine::Kernel kernel(clock, engine::KernelConfig{.inbox_capacity = 1024});
  model::InstrumentRegistry reg;
  const auto spy = *reg.intern_etf("SPY");
  RecordingGateway gw;
  auto host = std::make_shared<StrategyHost>(reg, gw);
  auto p = std::make_unique<DailyProbe>(spy);
  auto* probe = p.get();
  ASSERT_TRUE(host->add("d", core::StrategyId{1}, std::move(p)).has_value());
  kernel.add_component(host);
  kernel.start();
  auto bar = [&](core::Date d, core::TimeOfDay open, int interval) {
    model::Bar b;
    b.hdr.instrument = spy;
    b.hdr.ts_event = cal.to_utc(d, open);
    b.interval_s = interval;
    b.open = b.high = b.low = b.close = core::Price::from_units(600);
    kernel.dispatch(engine::Event{b});
  };
  bar({2024, 11, 26}, {9, 30, 0}, 23400);  // a regular session
  bar({2024, 11, 29}, {9, 30, 0}, 12600);  // the day after Thanksgiving closes at 13:00
  bar({2024, 12, 2}, {0, 0, 0}, 86400);    // a vendor daily bar stamped at midnight
  bar({2024, 12, 3}, {9, 30, 0}, 14400);   // a 4-hour bar is not a session
  EXPECT_EQ(probe->seen, (std::vector<int>{23400, 12600, 86400}));
  kernel.stop();
}

}  // namespace
}  // namespace zerodte::strategy
