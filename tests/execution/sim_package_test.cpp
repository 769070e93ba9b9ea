#include <gtest/gtest.h>

#include "sim_env.hpp"

namespace zerodte::execution {
namespace {

using model::OrderStatus;
using model::OrderType;
using model::Side;
using std::chrono::seconds;
using testing::px;
using testing::SimEnv;

// SPXW 0DTE iron condor on 2025-11-21: short 6550P / long 6540P / short 6650C / long 6660C.
struct Condor {
  core::InstrumentId sp, lp, sc, lc;
  explicit Condor(SimEnv& env)
      : sp(env.option("SPXW251121P06550000")),
        lp(env.option("SPXW251121P06540000")),
        sc(env.option("SPXW251121C06650000")),
        lc(env.option("SPXW251121C06660000")) {}

  model::OrderIntent intent(std::int64_t qty, core::Price net_limit, std::uint64_t signal) const {
    model::OrderIntent in;
    in.strategy = core::StrategyId{4};
    in.signal_id = signal;
    in.order_class = model::OrderClass::kMultiLeg;
    in.legs[0] = {sp, Side::kSell, 1};
    in.legs[1] = {lp, Side::kBuy, 1};
    in.legs[2] = {sc, Side::kSell, 1};
    in.legs[3] = {lc, Side::kBuy, 1};
    in.leg_count = 4;
    in.quantity = core::Quantity{qty};
    in.type = OrderType::kLimit;
    in.limit_price = net_limit;
    in.stop_price = core::Price::undefined();
    return in;
  }
  std::vector<engine::Event> quotes(core::Timestamp t, std::int64_t lp_ask_size = 10) const {
    return {SimEnv::quote(sp, t, "3.00", "3.20"),
            SimEnv::quote(lp, t, "2.10", "2.30", 10, lp_ask_size),
            SimEnv::quote(sc, t, "2.80", "3.00"), SimEnv::quote(lc, t, "1.90", "2.10")};
  }
};

TEST(SimPackage, IronCondorFillsAsAPackageAtTheNetOfTheLegQuotes) {
  SimEnv env;
  Condor c(env);
  const auto t = env.clock.now();
  env.run(c.quotes(t + seconds(1)), t + seconds(1));
  // Touch: sells at the bid (3.00, 2.80), buys at the ask (2.30, 2.10): net = -1.40 (credit).
  auto r = env.om->submit(c.intent(2, px("-1.40"), 1));
  ASSERT_TRUE(r) << r.error().message;
  env.run({}, t + seconds(2));
  const auto* rec = env.om->find(*r);
  EXPECT_EQ(rec->status, OrderStatus::kFilled);
  EXPECT_EQ(rec->avg_fill_price(), px("-1.40"));
  const auto& fills = env.venue->fill_log();
  ASSERT_EQ(fills.size(), 4u);
  const char* want[] = {"3.00", "2.30", "2.80", "2.10"};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(fills[i].price, px(want[i])) << i;
    EXPECT_EQ(fills[i].quantity.value, 2);
    EXPECT_EQ(fills[i].leg_index, i);
  }
  // Fees (2 contracts a leg): buys 1.30 + ORF 0.0563->0.06 + OCC 0.04 = 1.40; sells add TAF
  // 0.00488 -> 0.01 (minimum) and SEC on 600 / 560 of premium (0.0167 / 0.0156 -> 0.02).
  EXPECT_EQ(fills[0].fee, px("1.43"));
  EXPECT_EQ(fills[1].fee, px("1.40"));
  EXPECT_EQ(fills[2].fee, px("1.43"));
  EXPECT_EQ(fills[3].fee, px("1.40"));
  EXPECT_EQ(env.venue->cash(), px("100000") + px("280") - px("5.66"));
  EXPECT_EQ(env.venue->position(c.sp), -2);
  EXPECT_EQ(env.venue->position(c.lc), 2);
}

TEST(SimPackage, NotMarketableRestsThenFillsAtItsLimit) {
  SimEnv env;
  Condor c(env);
  const auto t = env.clock.now();
  env.run(c.quotes(t + seconds(1)), t + seconds(1));
  auto r = env.om->submit(c.intent(1, px("-1.50"), 1));  // wants 1.50 credit; market gives 1.40
  ASSERT_TRUE(r);
  env.run({}, t + seconds(2));
  EXPECT_EQ(env.om->find(*r)->status, OrderStatus::kAccepted);
  EXPECT_TRUE(env.venue->fill_log().empty());
  // The short put bid rises to 3.20: net = -3.20 + 2.30 - 2.80 + 2.10 = -1.60 <= -1.50.
  env.run({SimEnv::quote(c.sp, t + seconds(3), "3.20", "3.40")}, t + seconds(4));
  const auto* rec = env.om->find(*r);
  EXPECT_EQ(rec->status, OrderStatus::kFilled);
  EXPECT_EQ(rec->avg_fill_price(), px("-1.50"));  // its limit, not the better -1.60
}

TEST(SimPackage, AllOrNoneWhenOneLegHasNoUsableQuote) {
  SimEnv env;
  Condor c(env);
  const auto t = env.clock.now();
  auto q = c.quotes(t + seconds(1));
  q[2] = SimEnv::quote(c.sc, t + seconds(1), "2.80", "2.80");  // locked leg
  env.run(q, t + seconds(1));
  auto r = env.om->submit(c.intent(1, px("-1.00"), 1));
  ASSERT_TRUE(r);
  env.run({}, t + seconds(2));
  EXPECT_EQ(env.om->find(*r)->status, OrderStatus::kAccepted);
  EXPECT_TRUE(env.venue->fill_log().empty());  // no leg filled alone
  env.run({SimEnv::quote(c.sc, t + seconds(3), "2.80", "3.00")}, t + seconds(4));
  EXPECT_EQ(env.om->find(*r)->status, OrderStatus::kFilled);
  EXPECT_EQ(env.venue->fill_log().size(), 4u);
}

TEST(SimPackage, SizeAwarePackageTakesTheThinnestLeg) {
  sim::SimVenueConfig cfg;
  cfg.fill_model = sim::FillModel::size_aware();
  SimEnv env(cfg);
  Condor c(env);
  const auto t = env.clock.now();
  env.run(c.quotes(t + seconds(1), /*lp_ask_size=*/1), t + seconds(1));
  auto r = env.om->submit(c.intent(3, px("-1.40"), 1));
  ASSERT_TRUE(r);
  env.run({}, t + seconds(2));
  const auto* rec = env.om->find(*r);
  EXPECT_EQ(rec->status, OrderStatus::kPartiallyFilled);
  EXPECT_EQ(rec->filled().value, 1);
  ASSERT_EQ(env.venue->fill_log().size(), 4u);
  for (const auto& f : env.venue->fill_log())
    EXPECT_EQ(f.quantity.value, 1);
}

TEST(SimRejects, CapabilityTickBuyingPowerAndClosedMarket) {
  SimEnv env;
  Condor c(env);
  const auto call = env.option("SPY251121C00660000");
  const auto t = env.clock.now();
  env.run({SimEnv::quote(call, t, "1.00", "1.10")}, t);
  // Off the tick grid for a standard class (SPXW: 0.05 below $3): refused before sending.
  const auto spxw = c.sp;
  auto bad_tick =
      env.om->submit(SimEnv::single(spxw, Side::kBuy, 1, OrderType::kLimit, px("2.02"), 1));
  ASSERT_FALSE(bad_tick);
  EXPECT_NE(bad_tick.error().message.find("tick"), std::string::npos);
  EXPECT_EQ(env.venue->orders_received(), 0u);
  // Alpaca profile: options are day orders only.
  auto gtc = SimEnv::single(call, Side::kBuy, 1, OrderType::kLimit, px("1.05"), 2);
  gtc.tif = model::TimeInForce::kGtc;
  EXPECT_FALSE(env.om->submit(gtc));
  // Buying power: 1000 contracts x 1.10 x 100 = 110,000 > 100,000 cash: the venue rejects.
  auto big =
      env.om->submit(SimEnv::single(call, Side::kBuy, 1000, OrderType::kLimit, px("1.10"), 3));
  ASSERT_FALSE(big);
  EXPECT_NE(big.error().message.find("buying power"), std::string::npos);
  // Naked short call refused in the cash account.
  auto naked =
      env.om->submit(SimEnv::single(call, Side::kSell, 1, OrderType::kLimit, px("1.00"), 4));
  ASSERT_FALSE(naked);
  // After the close: market closed.
  env.run_until(env.at({16, 0, 1}));
  auto late = env.om->submit(SimEnv::single(call, Side::kBuy, 1, OrderType::kLimit, px("1.05"), 5));
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().message.find("market closed"), std::string::npos);
}

}  // namespace
}  // namespace zerodte::execution
