// The user-written example strategy (examples/opening_range, built by its own CMakeLists) runs
// in a scripted kernel and over a simulated market day.
#include <gtest/gtest.h>

#include "example_backtest.hpp"
#include "opening_range.hpp"
#include "scenario.hpp"

namespace zerodte::strategy {
namespace {

using testing::px;
using testing::Scenario;

TEST(ExampleStrategy, OpeningRangeBreakoutBuysACallDebitVertical) {
  Scenario sc(core::Date{2025, 3, 14});
  const auto spy = *sc.reg.intern_etf("SPY");
  std::map<int, core::InstrumentId> calls;
  for (int k = 448; k <= 454; ++k) {
    calls[k] = *sc.reg.intern_option(fmt::format("SPY   250314C00{}000", k));
  }
  StrategyRegistry reg;
  ASSERT_TRUE(example::register_opening_range(reg).has_value());
  auto s = reg.create("opening_range");
  ASSERT_TRUE(s.has_value());
  auto* raw = dynamic_cast<example::OpeningRange*>(s->get());
  ASSERT_TRUE(sc.host->add("orb", core::StrategyId{1}, std::move(*s)).has_value());
  sc.start_kernel();
  for (int i = 0; i < 15; ++i)
    sc.minute(spy, {9, 30 + i, 0}, 450.0 + (i % 3) * 0.5);  // 450-451
  sc.set_time(sc.at({9, 45, 0}));
  for (int k = 448; k <= 454; ++k)
    sc.option_quote(calls[k], 3.0 - (k - 448) * 0.5, 3.1 - (k - 448) * 0.5);
  sc.minute(spy, {9, 45, 0}, 451.40);  // above the range: ATM 451 / 453 call vertical
  ASSERT_EQ(sc.gw.intents.size(), 1u);
  const auto& in = sc.gw.intents[0];
  EXPECT_EQ(in.leg_count, 2);
  EXPECT_EQ(in.legs[0].instrument, calls[451]);
  EXPECT_EQ(in.legs[0].side, model::Side::kBuy);
  EXPECT_EQ(in.legs[1].instrument, calls[453]);
  EXPECT_EQ(in.legs[1].side, model::Side::kSell);
  EXPECT_EQ(in.limit_price, px(1.00));  // 1.55 - 0.55
  ASSERT_TRUE(raw->open().has_value());
  EXPECT_NEAR(raw->open()->spread.max_loss, 100, 1e-6);
  EXPECT_NEAR(raw->open()->spread.max_gain, 100, 1e-6);
  EXPECT_NEAR(raw->open()->plan.take_profit, 1.5, 1e-9);
  // Both legs fill; the spread widens to 1.60 mid: take profit with a closing package.
  model::Fill f;
  f.client_order_id = Scenario::cid(1);
  for (int leg = 0; leg < 2; ++leg) {
    f.instrument = in.legs[leg].instrument;
    f.side = in.legs[leg].side;
    f.quantity = core::Quantity{1};
    f.price = px(leg == 0 ? 1.55 : 0.55);
    sc.kernel.dispatch(engine::Event{f});
  }
  sc.option_quote(calls[451], 2.45, 2.55);
  sc.option_quote(calls[453], 0.85, 0.95);
  sc.minute(spy, {9, 46, 0}, 452.50);
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  const auto& out = sc.gw.intents[1];
  EXPECT_TRUE(out.reduce_only);
  EXPECT_EQ(out.legs[0].side, model::Side::kSell);
  EXPECT_EQ(out.legs[0].intent, model::PositionIntent::kSellToClose);
  EXPECT_EQ(out.legs[1].side, model::Side::kBuy);
  EXPECT_EQ(out.limit_price, px(-1.60));  // a credit of 1.60 to close
}

TEST(ExampleStrategy, RunsOverASimulatedHalfHour) {
  example::BacktestOptions o;
  o.start = {9, 30, 0};
  o.end = {10, 0, 0};
  o.light = true;
  const auto r = example::run_backtest(o);
  EXPECT_GT(r.events, 2'000u);
  EXPECT_EQ(r.bars, 60u);   // SPY and VIX minute bars 09:30-10:00
  EXPECT_GE(r.orders, 1u);  // a breakout after the 15-minute range (seed 7)
  // Every order fills (one fill per leg) and every decision is explained.
  EXPECT_EQ(r.fills, 2 * r.orders);
  EXPECT_GE(r.decisions.size(), r.orders);
  for (const auto& d : r.decisions) {
    EXPECT_NE(d.find("\"triggered_by\":[{"), std::string::npos) << d;
  }
}

}  // namespace
}  // namespace zerodte::strategy
