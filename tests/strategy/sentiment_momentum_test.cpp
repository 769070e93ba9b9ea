// sentiment_momentum (seed 001) on scripted ticker-sentiment sequences: confirmation, the exact
// SPY 0DTE order, target / stop / reversal / time exits, the trades-per-period breaker and the
// stay-out cases.
#include <gtest/gtest.h>

#include "scenario.hpp"

namespace zerodte::strategy {
namespace {

using testing::px;
using testing::Scenario;

struct MomentumScenario : ::testing::Test {
  MomentumScenario() : sc(core::Date{2025, 3, 14}) {
    spy = *sc.reg.intern_etf("SPY");
    for (int k = 448; k <= 452; ++k) {
      calls[k] = *sc.reg.intern_option(fmt::format("SPY   250314C00{}000", k));
      puts[k] = *sc.reg.intern_option(fmt::format("SPY   250314P00{}000", k));
    }
  }
  void market(core::TimeOfDay t, double spot = 450.20, double half = 0.05) {
    sc.set_time(sc.at(t));
    model::Quote q;
    q.hdr.instrument = spy;
    q.hdr.ts_event = sc.at(t);
    q.bid = px(spot - 0.01);
    q.ask = px(spot + 0.01);
    q.bid_size = q.ask_size = 100;
    sc.kernel.dispatch(engine::Event{q});
    for (int k = 448; k <= 452; ++k) {
      const double c = 2.05 + (450 - k) * 0.6;
      const double p = 1.95 + (k - 450) * 0.6;
      sc.option_quote(calls[k], c - half, c + half);
      sc.option_quote(puts[k], p - half, p + half, -0.2, 5000, 500, -0.5);
    }
  }
  void sentiment(core::TimeOfDay t, double score, double momentum, double confidence = 0.7,
                 std::uint32_t posts = 3) {
    sentiment::TickerSentiment s;
    s.ticker = "SPY";
    s.score = score;
    s.momentum = momentum;
    s.confidence = confidence;
    s.posts_in_window = posts;
    s.confirmed = posts >= 3;
    s.ts = sc.at(t);
    sc.set_time(s.ts);
    sc.kernel.bus().publish(s);
  }
  const model::OrderIntent& last() { return sc.gw.intents.back(); }
  std::string last_suppression() {
    return sc.sink.suppressions.empty() ? "" : sc.sink.suppressions.back().reason;
  }

  Scenario sc;
  core::InstrumentId spy;
  std::map<int, core::InstrumentId> calls, puts;
};

TEST_F(MomentumScenario, ConfirmedBullishMomentumBuysTheAtmCallThenTakesProfit) {
  sc.start("sentiment_momentum");
  market({10, 0, 0});
  sentiment({10, 0, 30}, 0.40, 0.08, 0.7, 2);  // two posts: not yet confirmed
  EXPECT_TRUE(sc.gw.intents.empty());
  EXPECT_EQ(last_suppression(), "not_confirmed");
  sentiment({10, 0, 40}, 0.41, 0.08, 0.7, 2);  // same episode, same reason: logged once
  EXPECT_EQ(sc.sink.suppressions.size(), 1u);
  sentiment({10, 1, 0}, 0.42, 0.09, 0.7, 3);
  ASSERT_EQ(sc.gw.intents.size(), 1u);
  EXPECT_EQ(last().legs[0].instrument, calls[450]);  // spot 450.20 -> ATM 450
  EXPECT_EQ(last().legs[0].side, model::Side::kBuy);
  EXPECT_EQ(last().quantity.value, 2);  // floor($500 / (2.10 x 100))
  EXPECT_EQ(last().limit_price, px(2.05));
  EXPECT_EQ(last().tif, model::TimeInForce::kDay);
  ASSERT_EQ(sc.sink.signals.size(), 1u);
  EXPECT_NEAR(sc.sink.signals[0].conviction, 0.5 * 0.42 + 0.5 * 0.7, 1e-12);
  EXPECT_NE(sc.sink.signals[0].triggered_by[0].detail.find("score +0.42"), std::string::npos);
  sentiment({10, 1, 30}, 0.45, 0.10);  // still the same episode: no second entry
  EXPECT_EQ(sc.gw.intents.size(), 1u);

  sc.fill(last(), Scenario::cid(1), 2.05);
  sc.option_quote(calls[450], 3.00, 3.10);  // mid 3.05 < 3.075
  EXPECT_EQ(sc.gw.intents.size(), 1u);
  sc.option_quote(calls[450], 3.05, 3.15);  // mid 3.10 >= +50%
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  EXPECT_EQ(last().legs[0].side, model::Side::kSell);
  EXPECT_EQ(last().quantity.value, 2);
  EXPECT_EQ(last().limit_price, px(3.05));
  EXPECT_TRUE(last().reduce_only);
}

TEST_F(MomentumScenario, BearishBuysThePutStopsOutAndReversalExits) {
  sc.start("sentiment_momentum");
  market({11, 0, 0});
  sentiment({11, 0, 10}, -0.50, -0.10, 0.8, 5);
  ASSERT_EQ(sc.gw.intents.size(), 1u);
  EXPECT_EQ(last().legs[0].instrument, puts[450]);
  EXPECT_EQ(last().limit_price, px(1.95));
  EXPECT_EQ(last().quantity.value, 2);  // floor(500 / 200)
  sc.fill(last(), Scenario::cid(1), 1.95);
  sc.option_quote(puts[450], 1.30, 1.40);  // mid 1.35 <= 1.365 (-30%)
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  EXPECT_EQ(last().limit_price, px(1.30));
  EXPECT_EQ(sc.sink.signals.back().triggered_by[0].source, "premium_stop");
  sc.fill(last(), Scenario::cid(2), 1.30);

  // A new bearish episode, then a bullish reversal exits it.
  sentiment({11, 5, 0}, 0.0, 0.0);
  market({11, 6, 0});
  sentiment({11, 6, 10}, -0.45, -0.10, 0.8, 5);
  ASSERT_EQ(sc.gw.intents.size(), 3u);
  sc.fill(last(), Scenario::cid(3), 1.95);
  sentiment({11, 7, 0}, 0.40, 0.20, 0.8, 5);
  ASSERT_EQ(sc.gw.intents.size(), 4u);
  EXPECT_EQ(last().legs[0].side, model::Side::kSell);
  EXPECT_EQ(last().tag.view(), "sentiment_reversal");
}

TEST_F(MomentumScenario, CircuitBreakerAllowsThreeEntriesPerHour) {
  sc.start("sentiment_momentum");
  for (int i = 0; i < 4; ++i) {
    market({10, 10 * i, 0});
    sentiment({10, 10 * i, 10}, 0.5, 0.1);
    if (i < 3) {
      ASSERT_EQ(sc.gw.intents.size(), static_cast<std::size_t>(2 * i + 1)) << i;
      sc.fill(last(), Scenario::cid(2 * i + 1), 2.05);
      sc.option_quote(calls[450], 3.10, 3.20);  // target exit
      sc.fill(last(), Scenario::cid(2 * i + 2), 3.10);
    }
    sentiment({10, 10 * i, 20}, 0.0, 0.0);  // back inside the thresholds
  }
  EXPECT_EQ(sc.gw.intents.size(), 6u);
  ASSERT_EQ(sc.sink.suppressions.size(), 1u);
  EXPECT_EQ(sc.sink.suppressions[0].reason, "circuit_breaker");
  EXPECT_EQ(sc.sink.suppressions[0].detail,
            "3 entries in the last 60 min >= max_trades_per_period 3");
  // An hour after the first entry the breaker lets one more through.
  market({11, 0, 30});
  sentiment({11, 0, 40}, 0.5, 0.1);
  EXPECT_EQ(sc.gw.intents.size(), 7u);
}

TEST_F(MomentumScenario, TimeExitBeforeTheClose) {
  sc.start("sentiment_momentum");
  market({14, 30, 0});
  sentiment({14, 30, 10}, 0.5, 0.1);
  ASSERT_EQ(sc.gw.intents.size(), 1u);
  sc.fill(last(), Scenario::cid(1), 2.05);
  sc.run_until({15, 50, 0});
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  EXPECT_EQ(last().tag.view(), "time_exit");
  EXPECT_EQ(last().limit_price, px(2.00));
}

TEST_F(MomentumScenario, StaysOut) {
  sc.start("sentiment_momentum");
  market({9, 40, 0});
  sentiment({9, 40, 10}, 0.5, 0.1);
  EXPECT_EQ(last_suppression(), "outside_window");
  sentiment({9, 41, 0}, 0.0, 0.0);
  sentiment({10, 5, 0}, 0.5, 0.1);  // last SPY quote 09:40: 25 minutes old
  EXPECT_EQ(last_suppression(), "stale_market_data");
  sentiment({10, 5, 10}, 0.0, 0.0);
  market({10, 6, 0}, 450.20, 0.30);  // spreads 0.60 everywhere
  sentiment({10, 6, 10}, 0.5, 0.1);
  EXPECT_EQ(last_suppression(), "filters_failed");
  EXPECT_NE(sc.sink.suppressions.back().detail.find("spread 0.60 > max_spread 0.40"),
            std::string::npos);
  sentiment({10, 6, 20}, -0.5, 0.1, 0.9, 5);  // bearish score, bullish momentum
  EXPECT_EQ(last_suppression(), "no_momentum");
  sentiment({10, 6, 30}, 0.5, 0.1, 0.4, 5);  // confidence 0.4
  EXPECT_EQ(last_suppression(), "low_confidence");
  EXPECT_TRUE(sc.gw.intents.empty());
}

TEST_F(MomentumScenario, StateSurvivesRestart) {
  auto* s = sc.start("sentiment_momentum");
  market({10, 0, 0});
  sentiment({10, 0, 10}, 0.5, 0.1);
  sc.fill(last(), Scenario::cid(1), 2.05);
  const std::string state = s->snapshot();
  EXPECT_NE(state.find("entries="), std::string::npos);
  EXPECT_NE(state.find("qty=2"), std::string::npos);
  auto fresh = global_registry().create("sentiment_momentum");
  ASSERT_TRUE((*fresh)->restore(state).has_value());
  EXPECT_EQ((*fresh)->snapshot(), state);
  EXPECT_FALSE((*fresh)->restore("entries=12x").has_value());
}

}  // namespace
}  // namespace zerodte::strategy
