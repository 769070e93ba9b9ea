#include <gtest/gtest.h>

#include "sim_env.hpp"

namespace zerodte::execution {
namespace {

using model::OrderStatus;
using model::OrderType;
using model::Side;
using testing::px;
using testing::SimEnv;

constexpr std::string_view kCall = "SPY251121C00660000";

sim::SimVenueConfig with_model(sim::FillModel m) {
  sim::SimVenueConfig c;
  c.fill_model = m;
  return c;
}

struct Case {
  sim::FillModel model;
  std::string_view bid, ask;
  Side side;
  std::string_view expected;
};

// Market order of 10 contracts against one quote: the fill price each model gives, computed by
// hand (SPY options trade in pennies at every price).
TEST(SimFillModels, HandComputedPrices) {
  const std::vector<Case> cases = {
      {sim::FillModel::touch(), "1.00", "1.10", Side::kBuy, "1.10"},
      {sim::FillModel::touch(), "1.00", "1.10", Side::kSell, "1.00"},
      {sim::FillModel::mid(), "1.00", "1.10", Side::kBuy, "1.05"},
      {sim::FillModel::mid(), "1.00", "1.05", Side::kBuy, "1.03"},  // 1.025 rounded against us
      {sim::FillModel::mid(), "1.00", "1.05", Side::kSell, "1.02"},
      {sim::FillModel::fraction(0.25), "1.00", "1.10", Side::kBuy, "1.03"},   // 1.025 up
      {sim::FillModel::fraction(0.25), "1.00", "1.10", Side::kSell, "1.07"},  // 1.075 down
      {sim::FillModel::fraction(1.0), "1.00", "1.10", Side::kBuy, "1.10"},
  };
  for (const auto& c : cases) {
    SimEnv env(with_model(c.model));
    const auto id = env.option(kCall);
    if (c.side == Side::kSell) env.venue->set_position(id, 10, px("0.50"));
    const auto t = env.clock.now();
    env.run({SimEnv::quote(id, t + std::chrono::seconds(1), c.bid, c.ask)},
            t + std::chrono::seconds(1));
    auto r = env.om->submit(SimEnv::single(id, c.side, 10, OrderType::kMarket, {}, 1));
    ASSERT_TRUE(r) << r.error().message;
    env.run({}, t + std::chrono::seconds(2));
    const auto* rec = env.om->find(*r);
    ASSERT_NE(rec, nullptr);
    EXPECT_EQ(rec->status, OrderStatus::kFilled) << c.model.label();
    EXPECT_EQ(rec->avg_fill_price(), px(c.expected))
        << c.model.label() << " " << c.bid << "/" << c.ask;
  }
  EXPECT_TRUE(sim::FillModel::mid().optimistic());
  EXPECT_EQ(sim::FillModel::mid().label(), "mid (optimistic)");
  EXPECT_FALSE(sim::FillModel::touch().optimistic());
}

TEST(SimFillModels, FeesAndCashForATouchFill) {
  SimEnv env;
  const auto id = env.option(kCall);
  const auto t = env.clock.now();
  env.run({SimEnv::quote(id, t + std::chrono::seconds(1), "1.00", "1.10")},
          t + std::chrono::seconds(1));
  auto buy = env.om->submit(SimEnv::single(id, Side::kBuy, 10, OrderType::kMarket, {}, 1));
  ASSERT_TRUE(buy) << buy.error().message;
  env.run({}, t + std::chrono::seconds(2));
  // 10 x 1.10 x 100 = 1100.00; fees: commission 6.50 + ORF 0.2815 -> 0.28 + OCC 0.20 = 6.98.
  ASSERT_EQ(env.venue->fill_log().size(), 1u);
  EXPECT_EQ(env.venue->fill_log()[0].fee, px("6.98"));
  EXPECT_EQ(env.venue->cash(), px("100000") - px("1100") - px("6.98"));
  // Sell 10 at the bid 1.00: 6.50 + 0.28 + 0.20 + TAF 0.0244 -> 0.02 + SEC 1000 * 27.80e-6 =
  // 0.0278 -> 0.03 = 7.03.
  auto sell = env.om->submit(SimEnv::single(id, Side::kSell, 10, OrderType::kMarket, {}, 2));
  ASSERT_TRUE(sell) << sell.error().message;
  env.run({}, t + std::chrono::seconds(3));
  ASSERT_EQ(env.venue->fill_log().size(), 2u);
  EXPECT_EQ(env.venue->fill_log()[1].fee, px("7.03"));
  EXPECT_EQ(env.venue->position(id), 0);
  EXPECT_EQ(env.venue->cash(), px("100000") - px("100") - px("6.98") - px("7.03"));
}

TEST(SimFillModels, SizeAwareFillsPartiallyAgainstDisplayedSize) {
  SimEnv env(with_model(sim::FillModel::size_aware()));
  const auto id = env.option(kCall);
  const auto t = env.clock.now();
  auto r = env.om->submit(SimEnv::single(id, Side::kBuy, 10, OrderType::kLimit, px("1.15"), 1));
  ASSERT_TRUE(r);
  using std::chrono::seconds;
  env.run({SimEnv::quote(id, t + seconds(1), "1.00", "1.10", 5, 3)}, t + seconds(2));
  EXPECT_EQ(env.om->find(*r)->filled().value, 3);  // 3 shown at 1.10
  EXPECT_EQ(env.om->find(*r)->status, OrderStatus::kPartiallyFilled);
  env.run({SimEnv::quote(id, t + seconds(3), "1.00", "1.12", 5, 4),
           SimEnv::quote(id, t + seconds(4), "1.00", "1.20", 5, 50),  // above the limit
           SimEnv::quote(id, t + seconds(5), "1.00", "1.12", 5, 50)},
          t + seconds(6));
  const auto* rec = env.om->find(*r);
  EXPECT_EQ(rec->status, OrderStatus::kFilled);
  ASSERT_EQ(env.venue->fill_log().size(), 3u);
  EXPECT_EQ(env.venue->fill_log()[0].quantity.value, 3);
  EXPECT_EQ(env.venue->fill_log()[1].quantity.value, 4);
  EXPECT_EQ(env.venue->fill_log()[2].quantity.value, 3);
  // (3 x 1.10 + 7 x 1.12) / 10 = 1.114
  EXPECT_EQ(rec->avg_fill_price(), px("1.114"));
}

TEST(SimFillModels, RestingLimitFillsAtItsOwnPrice) {
  SimEnv env;
  const auto id = env.option(kCall);
  const auto t = env.clock.now();
  using std::chrono::seconds;
  env.run({SimEnv::quote(id, t + seconds(1), "1.00", "1.10")}, t + seconds(1));
  auto r = env.om->submit(SimEnv::single(id, Side::kBuy, 2, OrderType::kLimit, px("1.05"), 1));
  ASSERT_TRUE(r);
  env.run({}, t + seconds(2));
  EXPECT_EQ(env.om->find(*r)->status, OrderStatus::kAccepted);  // resting inside the spread
  env.run({SimEnv::quote(id, t + seconds(3), "0.98", "1.04")}, t + seconds(4));
  EXPECT_EQ(env.om->find(*r)->status, OrderStatus::kFilled);
  EXPECT_EQ(env.om->find(*r)->avg_fill_price(), px("1.05"));  // not the better 1.04
  EXPECT_EQ(env.venue->fill_log()[0].liquidity, model::Liquidity::kMaker);
}

TEST(SimFillModels, NoFillOnMissingLockedCrossedOrOneSidedQuotes) {
  SimEnv env;
  const auto id = env.option(kCall);
  const auto t = env.clock.now();
  using std::chrono::seconds;
  // A marketable limit (a market order without a quote is refused: no price for buying power).
  auto r = env.om->submit(SimEnv::single(id, Side::kBuy, 1, OrderType::kLimit, px("1.10"), 1));
  ASSERT_TRUE(r) << r.error().message;
  env.run({}, t + seconds(1));  // no quote at all
  EXPECT_EQ(env.om->find(*r)->status, OrderStatus::kAccepted);
  env.run({SimEnv::quote(id, t + seconds(2), "1.05", "1.05"),        // locked
           SimEnv::quote(id, t + seconds(3), "1.10", "1.05"),        // crossed
           SimEnv::quote(id, t + seconds(4), "1.00", "1.10", 0, 5),  // no bid size
           SimEnv::quote(id, t + seconds(5), "", "1.10")},           // no bid
          t + seconds(6));
  EXPECT_EQ(env.om->find(*r)->status, OrderStatus::kAccepted);
  EXPECT_TRUE(env.venue->fill_log().empty());
  env.run({SimEnv::quote(id, t + seconds(7), "1.00", "1.10")}, t + seconds(8));
  EXPECT_EQ(env.om->find(*r)->status, OrderStatus::kFilled);
}

TEST(SimFillModels, LatencyMovesTheFillToTheLaterQuote) {
  sim::SimVenueConfig cfg;
  cfg.order_entry_latency = std::chrono::milliseconds(40);
  cfg.market_data_latency = std::chrono::milliseconds(10);
  cfg.report_latency = std::chrono::milliseconds(5);
  SimEnv env(cfg);
  const auto id = env.option(kCall);
  const auto t = env.clock.now();
  using std::chrono::milliseconds;
  env.run({SimEnv::quote(id, t, "1.00", "1.10")}, t);
  auto r = env.om->submit(SimEnv::single(id, Side::kBuy, 1, OrderType::kMarket, {}, 1));
  ASSERT_TRUE(r);
  // The ask moves 20 ms later, before the order reaches the venue (50 ms).
  env.run({SimEnv::quote(id, t + milliseconds(20), "1.05", "1.15")}, t + milliseconds(60));
  ASSERT_EQ(env.venue->fill_log().size(), 1u);
  EXPECT_EQ(env.venue->fill_log()[0].price, px("1.15"));
  EXPECT_EQ(env.venue->fill_log()[0].ts_event, t + milliseconds(50));
  EXPECT_EQ(env.venue->fill_log()[0].ts_recv, t + milliseconds(55));
  EXPECT_EQ(env.om->find(*r)->status, OrderStatus::kFilled);
}

}  // namespace
}  // namespace zerodte::execution

namespace zerodte::execution {
namespace {

TEST(SimShares, EquityFillsUseShareFees) {
  SimEnv env;
  const auto spy = *env.reg.intern_etf("SPY");
  const auto t = env.clock.now();
  model::Quote q;
  q.hdr.instrument = spy;
  q.hdr.ts_event = q.hdr.ts_recv = t + std::chrono::seconds(1);
  q.bid = px("660.00");
  q.ask = px("660.02");
  q.bid_size = 300;
  q.ask_size = 500;
  env.run({q}, t + std::chrono::seconds(1));
  auto buy =
      env.om->submit(SimEnv::single(spy, model::Side::kBuy, 100, model::OrderType::kMarket, {}, 1));
  ASSERT_TRUE(buy) << buy.error().message;
  auto sell = env.om->submit(
      SimEnv::single(spy, model::Side::kSell, 100, model::OrderType::kMarket, {}, 2));
  EXPECT_FALSE(sell);  // not held yet when submitted (the buy has not reached the venue)
  env.run({}, t + std::chrono::seconds(2));
  ASSERT_EQ(env.venue->fill_log().size(), 1u);
  EXPECT_EQ(env.venue->fill_log()[0].fee, core::Price::zero());  // $0 commission on shares
  auto sell2 = env.om->submit(
      SimEnv::single(spy, model::Side::kSell, 100, model::OrderType::kMarket, {}, 3));
  ASSERT_TRUE(sell2);
  env.run({}, t + std::chrono::seconds(3));
  ASSERT_EQ(env.venue->fill_log().size(), 2u);
  // TAF 100 x 0.000166 = 0.0166 -> 0.02; SEC 66,000 x 27.80e-6 = 1.8348 -> 1.83.
  EXPECT_EQ(env.venue->fill_log()[1].fee, px("1.85"));
  EXPECT_EQ(env.venue->cash(), px("100000") - px("2") - px("1.85"));
}

TEST(SimFees, OptionFeeBreakdown) {
  const sim::FeeSchedule f;
  const auto b = sim::option_fees(f, model::Side::kSell, 100, px("2.50"), 100);
  EXPECT_EQ(b.commission, px("65"));
  EXPECT_EQ(b.orf, px("2.82"));  // 2.815 half up
  EXPECT_EQ(b.occ, px("2"));
  EXPECT_EQ(b.finra_taf, px("0.24"));  // 0.244
  EXPECT_EQ(b.sec, px("0.70"));        // 25,000 x 27.80e-6 = 0.695 half up
  const auto big = sim::option_fees(f, model::Side::kBuy, 5000, px("0.10"), 100);
  EXPECT_EQ(big.occ, px("55"));  // capped
  EXPECT_EQ(big.sec, core::Price::zero());
  EXPECT_EQ(
      sim::option_fees(sim::FeeSchedule::zero(), model::Side::kSell, 10, px("1"), 100).total(),
      core::Price::zero());
}

}  // namespace
}  // namespace zerodte::execution
