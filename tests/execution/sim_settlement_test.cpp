#include <gtest/gtest.h>

#include "sim_env.hpp"

namespace zerodte::execution {
namespace {

using model::SettlementTime;
using std::chrono::seconds;
using testing::px;
using testing::SimEnv;

const sim::SettlementRecord* find(const SimEnv& env, core::InstrumentId id) {
  for (const auto& s : env.venue->settlements()) {
    if (s.option == id) return &s;
  }
  return nullptr;
}

sim::SimVenueConfig rich() {
  sim::SimVenueConfig c;
  c.starting_cash = core::Price::from_units(1'000'000);
  return c;
}

TEST(SimSettlement, SpyPmExerciseAndAssignmentIntoShares) {
  SimEnv env(rich());
  const auto c660 = env.option("SPY251121C00660000");
  const auto c670 = env.option("SPY251121C00670000");
  const auto p670 = env.option("SPY251121P00670000");
  const auto p680 = env.option("SPY251121P00680000");
  const auto c665 = env.option("SPY251121C00665000");
  const auto spy = env.underlying(c660);
  env.venue->set_position(c660, 2, px("3.00"));   // long call, ITM by 5.005
  env.venue->set_position(c670, -1, px("1.00"));  // short call, OTM: expires
  env.venue->set_position(p670, 1, px("4.00"));   // long put, ITM by 4.995: exercised
  env.venue->set_position(p680, -1, px("9.00"));  // short put, ITM by 14.995: assigned
  env.venue->set_position(c665, 3, px("0.10"));   // ITM by only 0.005: below $0.01, expires
  env.venue->set_settlement_price(spy, SimEnv::kDay, SettlementTime::kPm, px("665.005"));
  env.run_until(env.at({15, 59, 59}));
  EXPECT_TRUE(env.venue->settlements().empty());  // not before the close
  const core::Price cash0 = env.venue->cash();
  env.run_until(env.at({16, 0, 0}));
  ASSERT_EQ(env.venue->settlements().size(), 5u);
  EXPECT_EQ(find(env, c660)->shares, 200);
  EXPECT_EQ(find(env, c670)->shares, 0);
  EXPECT_FALSE(find(env, c670)->exercised);
  EXPECT_EQ(find(env, p670)->shares, -100);
  EXPECT_EQ(find(env, p680)->shares, 100);
  EXPECT_EQ(find(env, c665)->shares, 0);
  EXPECT_FALSE(find(env, c665)->exercised);
  // Shares: +200 - 100 + 100 = +200. Cash: -200 x 660 + 100 x 670 - 100 x 680 = -133,000.
  EXPECT_EQ(env.venue->position(spy), 200);
  EXPECT_EQ(env.venue->cash() - cash0, px("-133000"));
  for (auto id : {c660, c670, p670, p680, c665})
    EXPECT_EQ(env.venue->position(id), 0);
  // The order manager saw the deliveries as executions without an order (no alerts).
  EXPECT_EQ(env.om->executed_positions().at(spy), 200);
  EXPECT_TRUE(env.om->alerts().empty());
}

TEST(SimSettlement, SpxwPmAndSpxAmCashSettlement) {
  SimEnv env(rich(), SimEnv::kDay, {9, 0, 0});
  const auto w_call = env.option("SPXW251121C06600000");  // PM
  const auto w_put = env.option("SPXW251121P06700000");   // PM
  const auto am_call = env.option("SPX251121C06500000");  // AM (monthly, third Friday)
  const auto spx = env.underlying(w_call);
  ASSERT_EQ(env.underlying(am_call), spx);
  env.venue->set_position(w_call, 1, px("20"));
  env.venue->set_position(w_put, -1, px("40"));
  env.venue->set_position(am_call, 2, px("100"));
  env.venue->set_settlement_price(spx, SimEnv::kDay, SettlementTime::kAm, px("6620.50"));
  env.venue->set_settlement_price(spx, SimEnv::kDay, SettlementTime::kPm, px("6650.25"));
  const core::Price cash0 = env.venue->cash();
  env.run_until(env.at({9, 30, 0}));
  // At the open: the AM series settles on the special opening quotation: 2 x 120.50 x 100.
  ASSERT_EQ(env.venue->settlements().size(), 1u);
  EXPECT_EQ(find(env, am_call)->cash_flow, px("24100"));
  EXPECT_EQ(env.venue->position(am_call), 0);
  env.run_until(env.at({16, 0, 0}));
  ASSERT_EQ(env.venue->settlements().size(), 3u);
  EXPECT_EQ(find(env, w_call)->cash_flow, px("5025"));  // (6650.25 - 6600) x 100
  EXPECT_EQ(find(env, w_put)->cash_flow, px("-4975"));  // short: (6700 - 6650.25) x 100
  EXPECT_EQ(find(env, w_put)->shares, 0);               // cash, never shares
  EXPECT_EQ(env.venue->cash() - cash0, px("24150"));
  EXPECT_EQ(env.venue->position(spx), 0);
}

TEST(SimSettlement, AmSeriesCannotTradeOnExpiryDay) {
  SimEnv env;
  const auto am_call = env.option("SPX251121C06500000");
  const auto t = env.clock.now();
  env.run({SimEnv::quote(am_call, t, "100.00", "101.00")}, t);
  auto r = env.om->submit(
      SimEnv::single(am_call, model::Side::kBuy, 1, model::OrderType::kLimit, px("101.00"), 1));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("AM-settled"), std::string::npos);
}

TEST(SimSettlement, EarlyCloseSettlesAtOnePm) {
  // 2025-11-28, the day after Thanksgiving: NYSE closes at 13:00.
  const core::Date day{2025, 11, 28};
  SimEnv env(rich(), day, {10, 0, 0});
  const auto call = env.option("SPY251128C00600000");
  const auto spy = env.underlying(call);
  env.venue->set_position(call, 1, px("5"));
  env.venue->set_settlement_price(spy, day, SettlementTime::kPm, px("610"));
  env.run_until(SimEnv::et(day, {12, 59, 59}));
  EXPECT_TRUE(env.venue->settlements().empty());
  const auto t = env.clock.now();
  env.run({SimEnv::quote(call, t, "9.90", "10.10")}, t);
  EXPECT_TRUE(env.om->submit(SimEnv::single(call, model::Side::kSell, 1, model::OrderType::kLimit,
                                            px("50.00"), 1)));  // accepted: market open
  env.run_until(SimEnv::et(day, {13, 0, 0}));
  ASSERT_EQ(env.venue->settlements().size(), 1u);
  EXPECT_EQ(env.venue->position(spy), 100);
  EXPECT_EQ(env.venue->fill_log().back().ts_event, SimEnv::et(day, {13, 0, 0}));
  auto late = env.om->submit(
      SimEnv::single(spy, model::Side::kSell, 100, model::OrderType::kLimit, px("610"), 2));
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().message.find("market closed"), std::string::npos);
}

TEST(SimSettlement, LiquidationOfWhatTheAccountCannotCarry) {
  sim::SimVenueConfig cfg;
  cfg.starting_cash = core::Price::from_units(10'000);
  cfg.liquidation_time = core::TimeOfDay{15, 15, 0};
  SimEnv env(cfg);
  const auto itm = env.option("SPY251121C00660000");  // exercise needs 10 x 66,000
  const auto otm = env.option("SPY251121C00700000");  // stays: expires worthless
  const auto spy = env.underlying(itm);
  env.venue->set_position(itm, 10, px("2.00"));
  env.venue->set_position(otm, 5, px("0.05"));
  const auto t = env.clock.now();
  env.run({SimEnv::quote(itm, t, "5.00", "5.10"), SimEnv::quote(otm, t, "0.01", "0.02")}, t);
  env.venue->on_last_price(spy, px("665"));
  env.run_until(env.at({15, 14, 59}));
  EXPECT_EQ(env.venue->position(itm), 10);
  env.run_until(env.at({15, 15, 0}));
  EXPECT_EQ(env.venue->position(itm), 0);  // sold at the bid
  EXPECT_EQ(env.venue->position(otm), 5);
  ASSERT_FALSE(env.venue->fill_log().empty());
  EXPECT_EQ(env.venue->fill_log().back().price, px("5.00"));
  EXPECT_EQ(env.venue->fill_log().back().ts_event, env.at({15, 15, 0}));
}

}  // namespace
}  // namespace zerodte::execution
