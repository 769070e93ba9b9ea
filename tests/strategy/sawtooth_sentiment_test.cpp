// sawtooth_sentiment (seed 000) on scripted minute bars, sentiment flips and option quotes:
// the exact entry (contract, side, quantity, limit, IOC), the stop / target / time exits, and the
// stay-out cases.
#include <gtest/gtest.h>

#include "scenario.hpp"
#include "zerodte/strategy/builtin/sawtooth_sentiment.hpp"

namespace zerodte::strategy {
namespace {

using testing::px;
using testing::Scenario;

struct SawtoothScenario : ::testing::Test {
  SawtoothScenario() : sc(core::Date{2025, 3, 14}) {
    nvda = *sc.reg.intern_equity("NVDA");
    for (int k = 119; k <= 123; ++k) {
      calls[k] = *sc.reg.intern_option(fmt::format("NVDA  250314C00{}000", k));
      puts[k] = *sc.reg.intern_option(fmt::format("NVDA  250314P00{}000", k));
    }
  }
  // Minute closes 10:00.. with a trough at bar 5 (120.00), confirmed by bar 10 (close 10:11).
  void trough_at(int hour, int minute0) {
    const double closes[] = {121.0, 120.8, 120.6, 120.4, 120.2, 120.0,
                             120.2, 120.4, 120.6, 120.8, 121.0};
    for (int i = 0; i < 11; ++i) {
      sc.minute(nvda, {hour, minute0 + i, 0}, closes[i]);
    }
  }
  void quote_chain(double call_bid = 1.20, double call_ask = 1.30, double theta = -0.21) {
    for (int k = 119; k <= 123; ++k) {
      sc.option_quote(calls[k], call_bid + (121 - k) * 0.5, call_ask + (121 - k) * 0.5, theta);
      sc.option_quote(puts[k], 1.10 + (k - 121) * 0.5, 1.20 + (k - 121) * 0.5, theta, 5000, 500,
                      -0.5);
    }
  }
  void flip(core::TimeOfDay t, int to, double score) {
    sentiment::SentimentFlip f;
    f.ticker = "NVDA";
    f.from = static_cast<std::int8_t>(-to);
    f.to = static_cast<std::int8_t>(to);
    f.score = score;
    f.confidence = 0.9;
    f.posts_in_window = 4;
    f.ts = sc.at(t);
    sc.set_time(f.ts);
    sc.kernel.bus().publish(f);
  }
  void stays_out(std::string_view reason) {
    EXPECT_TRUE(sc.gw.intents.empty());
    ASSERT_FALSE(sc.sink.suppressions.empty());
    EXPECT_EQ(sc.sink.suppressions.back().reason, reason) << sc.sink.suppressions.back().detail;
  }

  Scenario sc;
  core::InstrumentId nvda;
  std::map<int, core::InstrumentId> calls, puts;
};

TEST_F(SawtoothScenario, TroughPlusBullishFlipBuysTheAtmCallAtMidThenStopsOut) {
  sc.start("sawtooth_sentiment");
  trough_at(10, 0);
  quote_chain();
  EXPECT_TRUE(sc.gw.intents.empty());  // a trough alone is not a signal
  flip({10, 12, 0}, +1, 0.82);
  ASSERT_EQ(sc.gw.intents.size(), 1u);
  const auto& in = sc.gw.intents[0];
  EXPECT_EQ(in.legs[0].instrument, calls[121]);  // spot 121.00 -> ATM 121 call
  EXPECT_EQ(in.legs[0].side, model::Side::kBuy);
  EXPECT_EQ(in.quantity.value, 6);  // $300 / (1.25 x 40% x 100) = 6
  EXPECT_EQ(in.limit_price, px(1.25));
  EXPECT_EQ(in.tif, model::TimeInForce::kIoc);
  EXPECT_FALSE(in.reduce_only);
  ASSERT_EQ(sc.sink.signals.size(), 1u);
  const Signal& s = sc.sink.signals[0];
  EXPECT_EQ(s.direction, Direction::kLong);
  EXPECT_NEAR(s.conviction, 0.91, 1e-9);
  ASSERT_EQ(s.triggered_by.size(), 2u);
  EXPECT_NE(s.triggered_by[0].detail.find("saw-tooth trough 120.00"), std::string::npos);
  EXPECT_NE(s.triggered_by[1].detail.find("score +0.82"), std::string::npos);
  const std::string json = explanation_json(s);
  EXPECT_NE(json.find("\"triggered_by\":[{\"source\":\"technical\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"confidence\":0.91"), std::string::npos) << json;
  EXPECT_EQ(in.signal_id, s.id);

  sc.fill(in, Scenario::cid(1), 1.25);
  ASSERT_EQ(sc.sink.states.size(), 2u);  // after the signal, after the fill
  EXPECT_NE(sc.sink.states.back().state.find("qty=6"), std::string::npos);
  // Premium falls to mid 0.80: above the stop (0.75), nothing.
  sc.option_quote(calls[121], 0.78, 0.82);
  EXPECT_EQ(sc.gw.intents.size(), 1u);
  // Mid 0.73 <= 0.75: sell 6 at the bid, reduce-only.
  sc.option_quote(calls[121], 0.70, 0.76);
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  const auto& out = sc.gw.intents[1];
  EXPECT_EQ(out.legs[0].instrument, calls[121]);
  EXPECT_EQ(out.legs[0].side, model::Side::kSell);
  EXPECT_EQ(out.quantity.value, 6);
  EXPECT_EQ(out.limit_price, px(0.70));
  EXPECT_TRUE(out.reduce_only);
  EXPECT_EQ(sc.sink.signals.back().direction, Direction::kFlat);
  EXPECT_EQ(sc.sink.signals.back().triggered_by[0].source, "premium_stop");
  sc.fill(out, Scenario::cid(2), 0.70);
  EXPECT_TRUE(sc.host->positions("sawtooth_sentiment").empty());
  EXPECT_TRUE(sc.sink.states.back().state.empty());
}

TEST_F(SawtoothScenario, PeakPlusBearishFlipBuysThePutAndTakesTheTwoToOneTarget) {
  sc.start("sawtooth_sentiment");
  const double closes[] = {120.0, 120.2, 120.4, 120.6, 120.8, 121.0,
                           120.8, 120.6, 120.4, 120.2, 120.0};
  for (int i = 0; i < 11; ++i)
    sc.minute(nvda, {11, i, 0}, closes[i]);
  quote_chain();
  flip({11, 13, 0}, -1, -0.70);
  ASSERT_EQ(sc.gw.intents.size(), 1u);
  const auto& in = sc.gw.intents[0];
  EXPECT_EQ(in.legs[0].instrument, puts[120]);  // spot 120.00 -> ATM 120 put: 0.60/0.70
  EXPECT_EQ(in.limit_price, px(0.65));
  EXPECT_EQ(in.quantity.value, 11);  // floor(300 / 26)
  sc.fill(in, Scenario::cid(1), 0.65);
  sc.option_quote(puts[120], 1.14, 1.20);  // mid 1.17 = +80%
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  EXPECT_EQ(sc.gw.intents[1].limit_price, px(1.14));
  EXPECT_EQ(sc.gw.intents[1].quantity.value, 11);
  EXPECT_EQ(sc.sink.signals.back().triggered_by[0].source, "target");
}

TEST_F(SawtoothScenario, FlatBeforeTheClose) {
  sc.start("sawtooth_sentiment");
  trough_at(14, 0);
  quote_chain();
  flip({14, 12, 0}, +1, 0.9);
  ASSERT_EQ(sc.gw.intents.size(), 1u);
  sc.fill(sc.gw.intents[0], Scenario::cid(1), 1.25);
  sc.run_until({15, 55, 0});
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  EXPECT_EQ(sc.gw.intents[1].legs[0].side, model::Side::kSell);
  EXPECT_EQ(sc.gw.intents[1].limit_price, px(1.20));
  EXPECT_EQ(sc.gw.intents[1].tag.view(), "time_exit");
}

TEST_F(SawtoothScenario, UnfilledIocLeavesItFreeToTradeAgain) {
  sc.start("sawtooth_sentiment");
  trough_at(10, 0);
  quote_chain();
  flip({10, 12, 0}, +1, 0.82);
  ASSERT_EQ(sc.gw.intents.size(), 1u);
  model::OrderUpdate u;
  u.client_order_id = Scenario::cid(1);
  u.status = model::OrderStatus::kCancelled;
  sc.kernel.dispatch(engine::Event{u});
  trough_at(10, 20);
  flip({10, 32, 0}, +1, 0.82);
  EXPECT_EQ(sc.gw.intents.size(), 2u);
}

TEST_F(SawtoothScenario, StaysOutOutsideTheWindow) {
  sc.start("sawtooth_sentiment");
  trough_at(15, 30);
  quote_chain();
  flip({15, 42, 0}, +1, 0.82);
  stays_out("outside_window");
  EXPECT_NE(sc.sink.suppressions.back().detail.find("15:42"), std::string::npos);
  EXPECT_EQ(sc.sink.suppressions.back().triggered_by.size(), 2u);
}

TEST_F(SawtoothScenario, StaysOutOnStaleBars) {
  sc.start("sawtooth_sentiment");
  trough_at(10, 0);
  quote_chain();
  flip({10, 15, 30}, +1, 0.82);  // last bar closed 10:11: 4.5 minutes ago
  stays_out("stale_analytics");
  EXPECT_NE(sc.sink.suppressions.back().detail.find("270s ago > stale_after 120s"),
            std::string::npos)
      << sc.sink.suppressions.back().detail;
}

TEST_F(SawtoothScenario, StaysOutWhenFiltersFail) {
  sc.start("sawtooth_sentiment");
  trough_at(10, 0);
  quote_chain(1.20, 1.30, -0.10);  // theta -0.10 > -0.15 everywhere
  flip({10, 12, 0}, +1, 0.82);
  stays_out("filters_failed");
  EXPECT_NE(
      sc.sink.suppressions.back().detail.find("121: theta -0.100/day > max_theta_per_day -0.150"),
      std::string::npos)
      << sc.sink.suppressions.back().detail;
}

TEST_F(SawtoothScenario, StaysOutWhenOneContractRisksMoreThanTheBudget) {
  core::config::ConfigTable o;
  o.set("risk_per_trade", 40.0);
  sc.start("sawtooth_sentiment", o);
  trough_at(10, 0);
  quote_chain();
  flip({10, 12, 0}, +1, 0.82);
  stays_out("risk_budget");
}

TEST_F(SawtoothScenario, DisagreeingOrLateEvidenceIsNoSignal) {
  sc.start("sawtooth_sentiment");
  trough_at(10, 0);
  quote_chain();
  flip({10, 12, 0}, -1, -0.82);  // trough + bearish: incomplete
  flip({10, 17, 0}, +1, 0.20);   // too weak to count
  EXPECT_TRUE(sc.gw.intents.empty());
  EXPECT_TRUE(sc.sink.signals.empty());
  EXPECT_TRUE(sc.sink.suppressions.empty());
}

TEST_F(SawtoothScenario, RestoresAnOpenTradeAndExitsIt) {
  auto* s = sc.start("sawtooth_sentiment");
  trough_at(10, 0);
  quote_chain();
  flip({10, 12, 0}, +1, 0.82);
  sc.fill(sc.gw.intents[0], Scenario::cid(1), 1.25);
  const std::string state = s->snapshot();
  // A new process: same config, state from the journal.
  auto fresh = global_registry().create("sawtooth_sentiment");
  ASSERT_TRUE(fresh.has_value());
  ASSERT_TRUE((*fresh)->restore(state).has_value());
  EXPECT_EQ((*fresh)->snapshot(), state);
  EXPECT_FALSE((*fresh)->restore("contract=x").has_value());

  // Through the host, from journaled snapshots: the last one per strategy wins, and the
  // restored trade exits on the next stop-loss quote.
  Scenario again(core::Date{2025, 3, 14});
  again.reg.intern_equity("NVDA").value();
  for (int k = 119; k <= 123; ++k) {
    (void)again.reg.intern_option(fmt::format("NVDA  250314C00{}000", k));
    (void)again.reg.intern_option(fmt::format("NVDA  250314P00{}000", k));
  }
  auto s2 = global_registry().create("sawtooth_sentiment");
  ASSERT_TRUE(again.host->add("sawtooth_sentiment", core::StrategyId{1}, std::move(*s2)));
  const std::vector<StateSnapshot> journal{
      {core::StrategyId{1}, "sawtooth_sentiment", "", {}},
      {core::StrategyId{2}, "removed_strategy", "whatever", {}},
      {core::StrategyId{1}, "sawtooth_sentiment", state, {}}};
  ASSERT_TRUE(again.host->restore_states(journal).has_value());
  again.start_kernel();
  again.set_time(again.at({10, 30, 0}));
  again.option_quote(calls[121], 0.70, 0.76);  // same registry order: same ids
  ASSERT_EQ(again.gw.intents.size(), 1u);
  EXPECT_EQ(again.gw.intents[0].legs[0].side, model::Side::kSell);
  EXPECT_EQ(again.gw.intents[0].quantity.value, 6);
  EXPECT_TRUE(again.gw.intents[0].reduce_only);
}

}  // namespace
}  // namespace zerodte::strategy

namespace zerodte::strategy {
namespace {

// Seed 000's risk guard: no entry that takes account theta below -$1,000/day.
TEST(SawtoothThetaGuard, RefusesAnEntryThatBreachesThePortfolioThetaLimit) {
  testing::Scenario sc(core::Date{2025, 3, 14});
  auto& pf = sc.use_portfolio();
  const auto nvda = *sc.reg.intern_equity("NVDA");
  std::map<int, core::InstrumentId> calls;
  for (int k = 119; k <= 123; ++k) {
    calls[k] = *sc.reg.intern_option(fmt::format("NVDA  250314C00{}000", k));
  }
  const auto held = *sc.reg.intern_option("NVDA  250314P00119000");
  model::Fill f;
  f.exec_id = "held";
  f.instrument = held;
  f.side = model::Side::kBuy;
  f.quantity = core::Quantity{40};
  f.price = px(1.0);
  pf.apply_fill(f, core::StrategyId{9});
  pf.set_unit_greeks(held, {-0.4, 0.05, -0.25, 0.1});  // 40 x 100 x -0.25 = -$1,000/day
  sc.start("sawtooth_sentiment");
  const double closes[] = {121.0, 120.8, 120.6, 120.4, 120.2, 120.0,
                           120.2, 120.4, 120.6, 120.8, 121.0};
  for (int i = 0; i < 11; ++i)
    sc.minute(nvda, {10, i, 0}, closes[i]);
  for (int k = 119; k <= 123; ++k) {
    sc.option_quote(calls[k], 1.20 + (121 - k) * 0.5, 1.30 + (121 - k) * 0.5, -0.21);
  }
  sentiment::SentimentFlip fl;
  fl.ticker = "NVDA";
  fl.to = 1;
  fl.score = 0.82;
  fl.ts = sc.at({10, 12, 0});
  sc.set_time(fl.ts);
  sc.kernel.bus().publish(fl);
  EXPECT_TRUE(sc.gw.intents.empty());
  ASSERT_FALSE(sc.sink.suppressions.empty());
  EXPECT_EQ(sc.sink.suppressions.back().reason, "theta_guard");
  EXPECT_EQ(sc.sink.suppressions.back().detail,
            "account theta -1000 -> -1126 $/day < portfolio_theta_limit -1000");
}

}  // namespace
}  // namespace zerodte::strategy
