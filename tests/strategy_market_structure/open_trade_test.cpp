// OpenTrade bookkeeping (fills, terminal updates) and its snapshot text (restart); the registry
// lists all five strategies with their seed defaults.
#include "zerodte/strategy/market_structure/open_trade.hpp"

#include <gtest/gtest.h>

#include "zerodte/strategy/registry.hpp"

namespace ms = zerodte::strategy::market_structure;
using namespace zerodte;

TEST(OpenTrade, FillsEntryValueAndSnapshotRoundTrip) {
  ms::OpenTrade t;
  t.symbol = "SPY";
  t.leg_count = 2;
  t.legs[0] = {core::InstrumentId{11}, model::Side::kBuy, 1};
  t.legs[1] = {core::InstrumentId{12}, model::Side::kSell, 1};
  t.entry_order = core::ClientOrderId("t7-1");
  t.ordered = 3;
  t.ref = 0.70;
  t.target = 0.77;
  t.stop = 0.35;
  model::Fill f;
  f.client_order_id = core::ClientOrderId("t7-1");
  f.instrument = core::InstrumentId{11};
  f.quantity = core::Quantity{3};
  f.price = *core::Price::from_double(1.40);
  EXPECT_TRUE(t.apply_fill(f));
  EXPECT_EQ(t.quantity(), 0);  // the short leg has not filled yet
  f.instrument = core::InstrumentId{12};
  f.price = *core::Price::from_double(0.70);
  EXPECT_TRUE(t.apply_fill(f));
  EXPECT_EQ(t.quantity(), 3);
  EXPECT_NEAR(t.entry_value(), 0.70, 1e-12);
  f.client_order_id = core::ClientOrderId("z9-1");  // not ours
  EXPECT_FALSE(t.apply_fill(f));

  const auto text = t.to_text();
  auto back = ms::OpenTrade::parse(text);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->to_text(), text);
  EXPECT_EQ(back->quantity(), 3);
  EXPECT_EQ(back->entry_order.view(), "t7-1");
  EXPECT_DOUBLE_EQ(back->target, 0.77);

  model::OrderUpdate u;
  u.client_order_id = core::ClientOrderId("t7-1");
  u.status = model::OrderStatus::kFilled;
  EXPECT_TRUE(t.apply_update(u));
  EXPECT_FALSE(t.entry_pending());
  EXPECT_TRUE(t.active());

  const auto bad = ms::OpenTrade::parse("sym=SPY;legs=1:2");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("bad leg"), std::string::npos);
  EXPECT_FALSE(ms::OpenTrade::parse("nonsense=1"));
}

TEST(MarketStructureRegistry, FiveStrategiesWithSeedDefaults) {
  const auto& reg = strategy::global_registry();
  for (const char* type :
       {"cross_ticker", "gamma_scalp_0dte", "overnight_1dte", "moc_imbalance", "swing"}) {
    const auto* info = reg.find(type);
    ASSERT_NE(info, nullptr) << type;
    EXPECT_EQ(info->seed, std::string(type) == "cross_ticker" ? "002" : "003");
    auto s = reg.create(type);
    EXPECT_TRUE(s.has_value()) << type << ": " << s.error().message;
  }
  auto d = reg.with_defaults("gamma_scalp_0dte");
  ASSERT_TRUE(d);
  EXPECT_DOUBLE_EQ(d->get<double>("risk_per_trade_pct"), 2.0);
  EXPECT_DOUBLE_EQ(d->get<double>("risk_per_day_pct"), 6.0);
  EXPECT_EQ(d->get<std::int64_t>("max_contracts_per_ticker"), 6);
  EXPECT_DOUBLE_EQ(reg.with_defaults("overnight_1dte")->get<double>("margin_cap_pct"), 35.0);
  EXPECT_DOUBLE_EQ(reg.with_defaults("moc_imbalance")->get<double>("max_notional_pct"), 4.0);
  EXPECT_DOUBLE_EQ(reg.with_defaults("swing")->get<double>("max_heat_pct"), 20.0);
  EXPECT_EQ(reg.with_defaults("swing")->get<std::int64_t>("max_open"), 3);
  EXPECT_DOUBLE_EQ(reg.with_defaults("cross_ticker")->get<double>("target_return"), 0.10);
  EXPECT_EQ(reg.with_defaults("cross_ticker")->get<std::int64_t>("ladder_strikes"), 10);
  // Bad combinations are config errors naming the key.
  core::config::ConfigTable bad;
  bad.set("z_thresholds", std::vector<double>{1.0, 2.0});
  auto e = reg.create("cross_ticker", bad);
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("z_thresholds"), std::string::npos);
}
