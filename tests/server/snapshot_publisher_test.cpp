// The kernel-side dashboard publisher in a running simulated session (sim venue, order manager,
// portfolio, risk engine): candles, the option chain with Greeks and GEX, fills as trade events,
// positions, working orders, strategy signals with their explanations, risk verdicts and the
// trading state, in the JSON shapes of docs/DASHBOARD.md.
#include "zerodte/server/snapshot_publisher.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "risk/risk_session.hpp"
#include "zerodte/strategy/signal.hpp"

namespace zerodte::server {
namespace {

namespace json = boost::json;
using execution::testing::px;
using execution::testing::SimEnv;
using risk::testing::Session;
using std::chrono::seconds;

model::Bar bar(core::InstrumentId id, core::Timestamp open, std::string_view o, std::string_view h,
               std::string_view l, std::string_view c) {
  model::Bar b;
  b.hdr.instrument = id;
  b.hdr.ts_event = open;
  b.hdr.ts_recv = open + seconds(60);
  b.open = px(o);
  b.high = px(h);
  b.low = px(l);
  b.close = px(c);
  b.volume = 1000;
  return b;
}

engine::Event option_quote(core::InstrumentId id, core::Timestamp t, std::string_view bid,
                           std::string_view ask, double delta, double gamma, std::int64_t oi) {
  auto e = SimEnv::quote(id, t, bid, ask);
  auto& q = std::get<model::OptionQuote>(e);
  q.has_greeks = true;
  q.greeks = {0.21, delta, gamma, -0.9, 0.05, 0};
  q.open_interest = oi;
  q.underlying_price = px("660.40");
  return e;
}

struct Fixture {
  Session s;
  StateHub hub{256, 256};
  core::InstrumentId spy;
  std::shared_ptr<SnapshotPublisher> pub;
  std::vector<std::string> events;
  std::shared_ptr<Subscriber> sub;

  Fixture() {
    spy = s.env.reg.get(s.call).underlying_id;
    PublisherConfig cfg;
    cfg.chart = {spy};
    cfg.interval = seconds(1);
    pub = std::make_shared<SnapshotPublisher>(hub, s.env.reg, s.pf, *s.risk, *s.env.om, cfg);
    s.env.kernel.add_component(pub);
    sub = hub.subscribe(0, {"SPY"}).subscriber;
  }
  std::vector<std::string> event_types() {
    for (const auto& e : sub->drain())
      events.push_back(e->type);
    return events;
  }
  json::value doc(const std::string& text) { return json::parse(text); }
};

TEST(SnapshotPublisher, RendersTheSessionInTheDashboardShapes) {
  Fixture f;
  const auto t = f.s.env.clock.now();
  std::vector<engine::Event> ev = f.s.quotes(t + seconds(1));
  ev.back() = option_quote(f.s.call, t + seconds(1), "0.95", "1.05", 0.48, 0.12, 5000);
  ev.push_back(bar(f.spy, t - seconds(60), "660.00", "660.90", "659.80", "660.40"));
  f.s.env.run(ev, t + seconds(1));
  ASSERT_EQ(f.s.risk->submit(f.s.single(f.s.call, model::Side::kBuy, 2, "1.05", 7)).status,
            risk::VerdictStatus::kApproved);
  ASSERT_EQ(f.s.risk->submit(f.s.single(f.s.call, model::Side::kBuy, 1, "0.80", 8)).status,
            risk::VerdictStatus::kApproved);  // rests below the bid
  strategy::Signal sig;
  sig.id = 42;
  sig.strategy = core::StrategyId{5};
  sig.strategy_name = "sawtooth_sentiment";
  sig.symbol = "SPY";
  sig.direction = strategy::Direction::kLong;
  sig.conviction = 0.8;
  sig.triggered_by = {{"sawtooth", "trough 10:31 @ 659.80", 659.8, t},
                      {"sentiment", "flip to +0.62", 0.62, t}};
  sig.action = "buy 2 SPY call @ 1.05";
  sig.ts = t + seconds(1);
  f.s.env.kernel.bus().publish(sig);
  f.s.env.run({}, t + seconds(3));

  const auto snap = f.hub.snapshot();
  ASSERT_NE(snap, nullptr);
  EXPECT_GE(f.pub->snapshots(), 2u);
  const auto status = f.doc(snap->status).as_object();
  EXPECT_EQ(status.at("mode").as_string(), "paper");
  EXPECT_EQ(status.at("state").as_string(), "running");
  EXPECT_DOUBLE_EQ(status.at("spot").as_double(), 660.40);
  const auto& candles = status.at("candles").as_object().at("SPY").as_array();
  ASSERT_EQ(candles.size(), 1u);
  EXPECT_DOUBLE_EQ(candles[0].as_object().at("high").as_double(), 660.90);
  const auto& risk = status.at("risk").as_object();
  EXPECT_EQ(risk.at("open_positions").to_number<int>(), 1);
  EXPECT_EQ(risk.at("max_positions").to_number<int>(), 5);
  EXPECT_EQ(status.at("strategies").as_array().size(), 1u);

  const auto positions = f.doc(snap->positions).as_array();
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].as_object().at("qty").to_number<int>(), 2);
  EXPECT_EQ(positions[0].as_object().at("strategy").as_string(), "sawtooth_sentiment");
  const auto orders = f.doc(snap->orders).as_array();
  ASSERT_EQ(orders.size(), 1u);  // the resting order; the filled one is done
  EXPECT_DOUBLE_EQ(orders[0].as_object().at("limit").as_double(), 0.80);

  const auto chain = f.doc(snap->chains.at("SPY")).as_object();
  const auto& rows = chain.at("rows").as_array();
  ASSERT_EQ(rows.size(), 1u);
  const auto& row = rows[0].as_object();
  EXPECT_DOUBLE_EQ(row.at("strike").as_double(), 660.0);
  EXPECT_DOUBLE_EQ(row.at("call_bid").as_double(), 0.95);
  EXPECT_DOUBLE_EQ(row.at("call_delta").as_double(), 0.48);
  // 0.12 x 5,000 OI x 100 x 660.40^2 x 1%
  EXPECT_NEAR(row.at("gex").as_double(), 0.12 * 5000 * 100 * 660.40 * 660.40 * 0.01, 1e-3);

  const auto signals = f.doc(snap->signals).as_array();
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].as_object().at("id").as_string(), "sig-42");
  EXPECT_EQ(signals[0].as_object().at("direction").as_string(), "LONG");
  const auto ex = f.doc(snap->explain.at("sig-42")).as_object();
  EXPECT_NE(ex.at("summary").as_string().find("trough 10:31"), json::string::npos);
  EXPECT_EQ(ex.at("factors").as_array().size(), 2u);
  // The risk verdicts are explained too, by client order id.
  bool verdict = false;
  for (const auto& [id, text] : snap->explain)
    verdict = verdict || text.find("APPROVED") != std::string::npos;
  EXPECT_TRUE(verdict);

  const auto types = f.event_types();
  EXPECT_NE(std::find(types.begin(), types.end(), "bar"), types.end());
  EXPECT_NE(std::find(types.begin(), types.end(), "trade_executed"), types.end());
  EXPECT_NE(std::find(types.begin(), types.end(), "position_update"), types.end());
  EXPECT_NE(std::find(types.begin(), types.end(), "signal_generated"), types.end());
}

TEST(SnapshotPublisher, KillSwitchShowsInStateAndBreakers) {
  Fixture f;
  const auto t = f.s.env.clock.now();
  f.s.env.run(f.s.quotes(t + seconds(1)), t + seconds(1));
  f.s.risk->kill_switch("api:alice", "test");
  f.s.env.run({}, t + seconds(3));
  const auto status = f.doc(f.hub.snapshot()->status).as_object();
  EXPECT_EQ(status.at("state").as_string(), "killed");
  EXPECT_EQ(status.at("risk")
                .as_object()
                .at("breakers")
                .as_array()[0]
                .as_object()
                .at("state")
                .as_string(),
            "tripped");
  const auto types = f.event_types();
  EXPECT_NE(std::find(types.begin(), types.end(), "system_status"), types.end());
}

}  // namespace
}  // namespace zerodte::server
