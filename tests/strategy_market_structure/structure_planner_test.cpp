// plan_structure: which structure each (view, VIX regime) gets, its strikes from the ATM +- 10
// ladder, payoff figures checked by hand, theta impact and the ~10% plan.
#include "zerodte/strategy/market_structure/structure_planner.hpp"

#include <gtest/gtest.h>

namespace ms = zerodte::strategy::market_structure;
using namespace zerodte;
using analytics::VolRegime;
using strategy::OptionChainView;
using strategy::OptionContract;
using strategy::OptionRight;
using strategy::StructureKind;

namespace {
core::Price px(double v) {
  return *core::Price::from_double(v);
}

// Strikes 90..110 around spot 100.2 (ATM 100); call delta 0.5 - 0.11 x offset, extrinsic
// max(0.05, 1.20 - 0.25 |offset|), quoted mid -+ 0.05, theta -extrinsic / 12 per day.
OptionChainView chain(double spot = 100.2) {
  OptionChainView v;
  v.underlying_symbol = "XYZ";
  v.expiry = core::Date{2025, 3, 14};
  v.spot = spot;
  std::uint32_t id = 1;
  for (int k = 90; k <= 110; ++k) {
    const int off = k - 100;
    const double cd = std::clamp(0.5 - 0.11 * off, 0.01, 0.99);
    const double ext = std::max(0.05, 1.20 - 0.25 * std::abs(off));
    for (auto r : {OptionRight::kCall, OptionRight::kPut}) {
      OptionContract c;
      c.instrument = core::InstrumentId{id++};
      c.symbol = fmt::format("XYZ{}{}", r == OptionRight::kCall ? 'C' : 'P', k);
      c.right = r;
      c.strike = k;
      c.expiry = v.expiry;
      const double intrinsic =
          r == OptionRight::kCall ? std::max(spot - k, 0.0) : std::max(k - spot, 0.0);
      const double m = std::round((intrinsic + ext) * 100) / 100;
      c.bid = px(std::max(0.0, m - 0.05));
      c.ask = px(m + 0.05);
      c.has_greeks = true;
      c.delta = r == OptionRight::kCall ? cd : cd - 1;
      c.gamma = 0.05;
      c.theta_per_day = -ext / 12.0;
      c.open_interest = 5000;
      c.volume = 100;
      v.contracts.push_back(c);
    }
  }
  return v;
}
std::vector<double> strikes_of(const strategy::Structure& s) {
  std::vector<double> k;
  for (const auto& l : s.legs)
    k.push_back(l.contract.strike);
  return k;
}
}  // namespace

TEST(StructurePlanner, LadderIsAtmPlusMinusK) {
  const auto l = ms::strike_ladder(chain(), 10);
  ASSERT_TRUE(l);
  EXPECT_DOUBLE_EQ(l->atm, 100);
  ASSERT_EQ(l->rows.size(), 21u);
  EXPECT_EQ(l->rows.front().offset, -10);
  EXPECT_DOUBLE_EQ(l->rows.back().strike, 110);
  const auto narrow = ms::strike_ladder(chain(), 3);
  EXPECT_EQ(narrow->rows.size(), 7u);
}

TEST(StructurePlanner, BullishLowVixIsADebitCallSpread) {
  const auto p = ms::plan_structure(ms::CrossView::kBullish, VolRegime::kLow, chain());
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->structure.kind, StructureKind::kVerticalDebit);
  EXPECT_EQ(strikes_of(p->structure), (std::vector<double>{100, 102}));  // 102: delta 0.28
  // Debit = call 100 (0.20 + 1.20 = 1.40) - call 102 (0.70) = 0.70; max gain (2 - 0.70) x 100.
  EXPECT_NEAR(p->structure.net_premium, 0.70, 1e-9);
  EXPECT_NEAR(p->structure.max_loss, 70, 1e-6);
  EXPECT_NEAR(p->structure.max_gain, 130, 1e-6);
  // Plan: ~10% on the debit -> 0.77; stop at half the debit 0.35.
  EXPECT_NEAR(p->plan.take_profit, 0.77, 1e-9);
  EXPECT_NEAR(p->plan.stop_loss, 0.35, 1e-9);
  // Theta per structure: (-1.20/12 + 0.70/12) x 100 = -4.17 a day, -5.95% of the max loss.
  EXPECT_NEAR(p->theta_per_day, -50.0 / 12.0, 1e-9);
  EXPECT_NEAR(p->theta_to_risk, -50.0 / 12.0 / 70.0, 1e-12);
}

TEST(StructurePlanner, BearishHighVixIsACreditCallSpread) {
  const auto p = ms::plan_structure(ms::CrossView::kBearish, VolRegime::kHigh, chain());
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->structure.kind, StructureKind::kVerticalCredit);
  // Sell the first call above with delta <= 0.30 (102), buy two strikes further (104).
  auto k = strikes_of(p->structure);
  std::sort(k.begin(), k.end());
  EXPECT_EQ(k, (std::vector<double>{102, 104}));
  EXPECT_NEAR(p->structure.net_premium, -(0.70 - 0.20), 1e-9);
  EXPECT_NEAR(p->structure.max_loss, (2 - 0.50) * 100, 1e-6);
}

TEST(StructurePlanner, RangeBoundLowVixIsAnIronButterfly) {
  const auto p = ms::plan_structure(ms::CrossView::kRangeBound, VolRegime::kLow, chain());
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->structure.kind, StructureKind::kIronButterfly);
  auto k = strikes_of(p->structure);
  std::sort(k.begin(), k.end());
  EXPECT_EQ(k, (std::vector<double>{98, 100, 100, 102}));
  // Credit: call 100 1.40 + put 100 1.20 - call 102 0.70 - put 98 0.70 = 1.20; max loss
  // (2 - 1.20) x 100 = 80; the short straddle collects (2 x 1.20 - 2 x 0.70) / 12 x 100 a day.
  EXPECT_NEAR(p->structure.net_premium, -1.20, 1e-9);
  EXPECT_NEAR(p->structure.max_loss, 80, 1e-6);
  EXPECT_NEAR(p->theta_per_day, 100.0 / 12.0, 1e-9);
  // Plan: buy back at 1.20 - 10% x 0.80 = 1.12; stop at 1.20 + 50% x 0.80 = 1.60.
  EXPECT_NEAR(p->plan.take_profit, 1.12, 1e-9);
  EXPECT_NEAR(p->plan.stop_loss, 1.60, 1e-9);
}

TEST(StructurePlanner, VolExpansionElevatedIsAStrangleAndExtremeIsNothing) {
  const auto p = ms::plan_structure(ms::CrossView::kVolExpansion, VolRegime::kElevated, chain());
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->structure.kind, StructureKind::kStrangle);
  auto k = strikes_of(p->structure);
  std::sort(k.begin(), k.end());
  EXPECT_EQ(k, (std::vector<double>{98, 102}));  // |delta| 0.28: the first <= 0.35 either side
  const auto none = ms::plan_structure(ms::CrossView::kBullish, VolRegime::kExtreme, chain());
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("extreme"), std::string::npos);
}

TEST(StructurePlanner, RangeBoundNormalVixIsAnIronCondorAndMissingDeltasFail) {
  auto p = ms::plan_structure(ms::CrossView::kRangeBound, VolRegime::kNormal, chain());
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->structure.kind, StructureKind::kIronCondor);
  EXPECT_EQ(strikes_of(p->structure), (std::vector<double>{95, 97, 103, 105}));
  // Credit 0.45 + 0.45 - 0.05 - 0.05 = 0.80.
  EXPECT_NEAR(p->structure.net_premium, -0.80, 1e-9);
  EXPECT_NE(p->summary.find("iron_condor"), std::string::npos) << p->summary;

  auto v = chain();
  for (auto& c : v.contracts)
    c.has_greeks = false;
  p = ms::plan_structure(ms::CrossView::kRangeBound, VolRegime::kNormal, v);
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("no strike within ATM+-10"), std::string::npos)
      << p.error().message;
}
