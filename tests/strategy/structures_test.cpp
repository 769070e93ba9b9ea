// Structures: hand-computed net premium, max loss/gain, breakevens, payoffs and Greeks.
#include <gtest/gtest.h>

#include "chain_fixture.hpp"
#include "zerodte/strategy/structures.hpp"

namespace zerodte::strategy {
namespace {

using namespace testing;
constexpr auto kCall = OptionRight::kCall;
constexpr auto kPut = OptionRight::kPut;

// Mids: calls 440:10.5 445:6.0 450:3.0 455:1.0 460:0.4; puts 440:0.5 445:1.2 450:2.5 455:5.4
OptionChainView chain() {
  std::vector<OptionContract> cs{contract(kCall, 440, 10.5), contract(kPut, 440, 0.5),
                                 contract(kCall, 445, 6.0),  contract(kPut, 445, 1.2),
                                 contract(kCall, 450, 3.0),  contract(kPut, 450, 2.5),
                                 contract(kCall, 455, 1.0),  contract(kPut, 455, 5.4),
                                 contract(kCall, 460, 0.4),  contract(kPut, 460, 9.6)};
  cs[4].delta = 0.52;
  cs[5].delta = -0.48;
  cs[4].theta_per_day = -0.30;
  cs[5].theta_per_day = -0.25;
  return chain_of(cs, 450.2);
}

void expect_breakevens(const Structure& s, std::vector<double> want) {
  ASSERT_EQ(s.breakevens.size(), want.size()) << s.describe();
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_NEAR(s.breakevens[i], want[i], 1e-6);
  for (const double b : s.breakevens)
    EXPECT_NEAR(s.payoff_at_expiry(b), 0.0, 1e-6);
}

TEST(Structures, BullCallDebitSpread) {
  auto s = build_vertical(chain(), kCall, 450, 455);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(s->kind, StructureKind::kVerticalDebit);
  EXPECT_NEAR(s->net_premium, 2.0, 1e-9);  // 3.00 - 1.00
  EXPECT_NEAR(s->max_loss, 200, 1e-6);
  EXPECT_NEAR(s->max_gain, 300, 1e-6);  // (5 - 2) x 100
  expect_breakevens(*s, {452});
  EXPECT_NEAR(s->payoff_at_expiry(440), -200, 1e-6);
  EXPECT_NEAR(s->payoff_at_expiry(453.5), 150, 1e-6);
}

TEST(Structures, BullPutCreditSpread) {
  auto s = build_vertical(chain(), kPut, 445, 450);  // buy 445P 1.20, sell 450P 2.50
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->kind, StructureKind::kVerticalCredit);
  EXPECT_NEAR(s->net_premium, -1.3, 1e-9);
  EXPECT_NEAR(s->max_gain, 130, 1e-6);
  EXPECT_NEAR(s->max_loss, 370, 1e-6);
  expect_breakevens(*s, {448.7});
}

TEST(Structures, LongStraddleIsUnboundedAboveWithGreeks) {
  auto s = build_straddle(chain(), 450, true);  // 3.00 + 2.50
  ASSERT_TRUE(s.has_value());
  EXPECT_NEAR(s->net_premium, 5.5, 1e-9);
  EXPECT_NEAR(s->max_loss, 550, 1e-6);
  EXPECT_EQ(s->max_gain, kUnbounded);
  expect_breakevens(*s, {444.5, 455.5});
  EXPECT_NEAR(s->greeks.delta_shares, 4.0, 1e-9);     // (0.52 - 0.48) x 100
  EXPECT_NEAR(s->greeks.theta_per_day, -55.0, 1e-9);  // (-0.30 - 0.25) x 100
  const auto plan = make_plan(*s);
  EXPECT_NEAR(plan.take_profit, 6.05, 1e-9);  // +10%
  EXPECT_NEAR(plan.stop_loss, 2.75, 1e-9);    // -50%
}

TEST(Structures, ShortStrangleIsUnboundedLoss) {
  auto s = build_strangle(chain(), 445, 455, false);  // sell 1.20 + 1.00
  ASSERT_TRUE(s.has_value());
  EXPECT_NEAR(s->net_premium, -2.2, 1e-9);
  EXPECT_NEAR(s->max_gain, 220, 1e-6);
  EXPECT_EQ(s->max_loss, kUnbounded);
  expect_breakevens(*s, {442.8, 457.2});
  EXPECT_FALSE(build_strangle(chain(), 455, 445, false).has_value());
}

TEST(Structures, ShortIronCondor) {
  // buy 440P 0.50, sell 445P 1.20, sell 455C 1.00, buy 460C 0.40 -> credit 1.30
  auto s = build_iron_condor(chain(), 440, 445, 455, 460);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_NEAR(s->net_premium, -1.3, 1e-9);
  EXPECT_NEAR(s->max_gain, 130, 1e-6);
  EXPECT_NEAR(s->max_loss, 370, 1e-6);
  expect_breakevens(*s, {443.7, 456.3});
  EXPECT_NEAR(s->payoff_at_expiry(450), 130, 1e-6);
  EXPECT_NEAR(s->payoff_at_expiry(430), -370, 1e-6);
  EXPECT_NEAR(s->payoff_at_expiry(470), -370, 1e-6);
  auto in = to_order_intent(*s, 2, core::Price::from_cents(-130));
  ASSERT_TRUE(in.has_value());
  EXPECT_EQ(in->leg_count, 4);
  EXPECT_EQ(in->order_class, model::OrderClass::kMultiLeg);
  EXPECT_EQ(in->legs[0].side, model::Side::kBuy);
  EXPECT_EQ(in->legs[1].side, model::Side::kSell);
  EXPECT_EQ(in->legs[1].intent, model::PositionIntent::kSellToOpen);
  EXPECT_EQ(in->quantity.value, 2);
  EXPECT_EQ(in->limit_price, core::Price::from_cents(-130));
  const auto plan = make_plan(*s, {.target_return = 0.10, .stop_fraction = 0.5});
  EXPECT_NEAR(plan.take_profit, 1.3 - 0.37, 1e-9);  // keep 10% of 3.70 at risk
  EXPECT_NEAR(plan.stop_loss, 1.3 + 1.85, 1e-9);
  EXPECT_FALSE(build_iron_condor(chain(), 445, 440, 455, 460).has_value());
}

TEST(Structures, ShortIronButterfly) {
  // buy 445P 1.20, sell 450P 2.50, sell 450C 3.00, buy 455C 1.00 -> credit 3.30
  auto s = build_iron_butterfly(chain(), 450, 5);
  ASSERT_TRUE(s.has_value());
  EXPECT_NEAR(s->net_premium, -3.3, 1e-9);
  EXPECT_NEAR(s->max_gain, 330, 1e-6);
  EXPECT_NEAR(s->max_loss, 170, 1e-6);
  expect_breakevens(*s, {446.7, 453.3});
}

TEST(Structures, LongCallButterfly) {
  // buy 445C 6.00, sell 2 x 450C 3.00, buy 455C 1.00 -> debit 1.00
  auto s = build_butterfly(chain(), kCall, 445, 450, 455);
  ASSERT_TRUE(s.has_value());
  EXPECT_NEAR(s->net_premium, 1.0, 1e-9);
  EXPECT_NEAR(s->max_loss, 100, 1e-6);
  EXPECT_NEAR(s->max_gain, 400, 1e-6);
  expect_breakevens(*s, {446, 454});
  EXPECT_EQ(s->legs[1].ratio, 2);
}

TEST(Structures, SingleAndErrors) {
  auto s = build_single(chain(), kPut, 450);
  ASSERT_TRUE(s.has_value());
  EXPECT_NEAR(s->max_loss, 250, 1e-6);
  EXPECT_NEAR(s->max_gain, 44750, 1e-6);  // (450 - 2.50) x 100 at zero
  expect_breakevens(*s, {447.5});
  auto in = to_order_intent(*s, 1, core::Price::from_cents(250));
  ASSERT_TRUE(in.has_value());
  EXPECT_EQ(in->order_class, model::OrderClass::kSimple);
  auto missing = build_vertical(chain(), kCall, 450, 470);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("strike 470 call is not listed"), std::string::npos)
      << missing.error().message;
  EXPECT_FALSE(make_structure(StructureKind::kSingle, {}).has_value());
  EXPECT_FALSE(to_order_intent(*s, 0, core::Price::from_cents(250)).has_value());
}

}  // namespace
}  // namespace zerodte::strategy
