// The order path through the real risk engine: StrategyHost -> RiskGateway -> RiskEngine ->
// ExecutionPort. An approved entry reaches the venue side with the deterministic client order id
// that routes its fills back to the strategy; a stale quote is rejected by risk with its reason.
#include <gtest/gtest.h>

#include "scenario.hpp"
#include "zerodte/execution/client_order_id.hpp"
#include "zerodte/risk/risk_engine.hpp"

namespace zerodte::strategy {
namespace {

using testing::px;

class RecordingPort final : public risk::ExecutionPort {
 public:
  core::Result<core::ClientOrderId> submit(const model::OrderIntent& in) override {
    sent.push_back(in);
    // What execution::OrderManager does: the deterministic id of (strategy, signal, seq).
    sent.back().client_order_id = execution::make_client_order_id("test", in);
    return sent.back().client_order_id;
  }
  core::Status cancel(const core::ClientOrderId& id) override {
    cancelled.push_back(id);
    return core::ok();
  }
  std::vector<core::ClientOrderId> working_orders() const override { return {}; }
  std::vector<model::OrderIntent> sent;
  std::vector<core::ClientOrderId> cancelled;
};

struct RiskPath : ::testing::Test {
  RiskPath()
      : cal(core::TradingCalendar::nyse()),
        clock(cal.to_utc(day, {9, 30, 0})),
        kernel(clock, engine::KernelConfig{.inbox_capacity = 1024}),
        pf(reg, px(100000)) {
    nvda = *reg.intern_equity("NVDA");
    for (int k = 119; k <= 123; ++k) {
      calls[k] = *reg.intern_option(fmt::format("NVDA  250314C00{}000", k));
    }
    pf.start_day(day);
    risk::RiskEngineConfig cfg;
    cfg.exits_enabled = false;
    risk = std::make_shared<risk::RiskEngine>(reg, cal, pf, port, cfg);
    gateway = std::make_unique<RiskGateway>(*risk, port);
    host = std::make_shared<StrategyHost>(reg, *gateway,
                                          StrategyHostConfig{.sink = &sink, .portfolio = &pf});
    auto s = global_registry().create("sawtooth_sentiment");
    EXPECT_TRUE(host->add("saw", core::StrategyId{4}, std::move(*s)).has_value());
    kernel.add_component(risk);
    kernel.add_component(host);
    kernel.start();
  }
  ~RiskPath() override { kernel.stop(); }

  void at(core::TimeOfDay t) { clock.set(cal.to_utc(day, t)); }
  void market(double spot) {
    model::Quote q;
    q.hdr.instrument = nvda;
    q.hdr.ts_event = q.hdr.ts_recv = clock.now();
    q.bid = px(spot - 0.01);
    q.ask = px(spot + 0.01);
    q.bid_size = q.ask_size = 100;
    kernel.dispatch(engine::Event{q});
    for (int k = 119; k <= 123; ++k) {
      model::OptionQuote o;
      o.hdr.instrument = calls[k];
      o.hdr.ts_event = o.hdr.ts_recv = clock.now();
      o.bid = px(1.20 + (121 - k) * 0.5);
      o.ask = px(1.30 + (121 - k) * 0.5);
      o.bid_size = o.ask_size = 10;
      o.volume = 500;
      o.open_interest = 5000;
      o.underlying_price = px(spot);
      o.has_greeks = true;
      o.greeks.delta = 0.5;
      o.greeks.gamma = 0.05;
      o.greeks.theta = -0.21;
      kernel.dispatch(engine::Event{o});
    }
  }
  // A confirmed trough (bar closes 10:01..10:11), then a bullish flip at `flip`.
  void trough_and_flip(core::TimeOfDay flip) {
    const double closes[] = {121.0, 120.8, 120.6, 120.4, 120.2, 120.0,
                             120.2, 120.4, 120.6, 120.8, 121.0};
    for (int i = 0; i < 11; ++i) {
      model::Bar b;
      b.hdr.instrument = nvda;
      b.hdr.ts_event = cal.to_utc(day, {10, i, 0});
      b.interval_s = 60;
      b.open = b.high = b.low = b.close = px(closes[i]);
      b.volume = 1000;
      clock.set(b.close_time());
      kernel.dispatch(engine::Event{b});
    }
    at({10, 11, 30});
    market(121.0);
    at(flip);
    sentiment::SentimentFlip f;
    f.ticker = "NVDA";
    f.from = -1;
    f.to = 1;
    f.score = 0.82;
    f.ts = clock.now();
    kernel.bus().publish(f);
  }

  const core::Date day{2025, 3, 14};
  const core::TradingCalendar& cal;
  core::SimClock clock;
  engine::Kernel kernel;
  model::InstrumentRegistry reg;
  portfolio::Portfolio pf;
  RecordingPort port;
  std::shared_ptr<risk::RiskEngine> risk;
  std::unique_ptr<RiskGateway> gateway;
  MemoryDecisionSink sink;
  std::shared_ptr<StrategyHost> host;
  core::InstrumentId nvda;
  std::map<int, core::InstrumentId> calls;
};

TEST_F(RiskPath, ApprovedEntryReachesTheVenueAndItsFillComesBack) {
  trough_and_flip({10, 11, 31});
  ASSERT_EQ(port.sent.size(), 1u) << (risk->verdicts().empty()
                                          ? std::string("no verdict")
                                          : std::string(risk->verdicts().back().details.view()));
  const auto& in = port.sent[0];
  EXPECT_EQ(in.strategy.value, 4);
  EXPECT_EQ(in.legs[0].instrument, calls[121]);
  EXPECT_EQ(in.quantity.value, 6);
  EXPECT_EQ(in.limit_price, px(1.25));
  EXPECT_EQ(in.client_order_id.view().substr(0, 3), "z4-");  // strategy 4, routable after restart
  EXPECT_EQ(host->stats().rejected, 0u);
  model::Fill f;
  f.client_order_id = in.client_order_id;
  f.exec_id = "e1";
  f.instrument = calls[121];
  f.side = model::Side::kBuy;
  f.quantity = core::Quantity{6};
  f.price = px(1.25);
  f.ts_event = f.ts_recv = clock.now();
  kernel.dispatch(engine::Event{f});
  ASSERT_EQ(host->positions("saw").size(), 1u);
  EXPECT_EQ(host->positions("saw")[0].quantity, 6);
  EXPECT_EQ(pf.net_quantity(calls[121]), 6);  // the risk engine fed the portfolio too
}

TEST_F(RiskPath, StaleQuoteIsRejectedByRiskAndTheStrategyStaysFlat) {
  trough_and_flip({10, 11, 45});  // option quotes 15 s old > max_quote_age 3 s
  EXPECT_TRUE(port.sent.empty());
  EXPECT_EQ(host->stats().intents, 1u);
  EXPECT_EQ(host->stats().rejected, 1u);
  ASSERT_FALSE(risk->verdicts().empty());
  EXPECT_EQ(risk->verdicts().back().reason, risk::RejectReason::kStaleData);
  ASSERT_EQ(sink.signals.size(), 1u);  // the signal is journaled even though risk refused it
  EXPECT_TRUE(host->positions("saw").empty());
}

}  // namespace
}  // namespace zerodte::strategy
