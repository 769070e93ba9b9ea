#include "zerodte/strategy/market_structure/gamma_strike.hpp"

#include <gtest/gtest.h>

#include "zerodte/risk/exit_rules.hpp"

namespace ms = zerodte::strategy::market_structure;
using zerodte::quant::ChainAnalytics;
using zerodte::quant::GexStrike;

namespace {
ChainAnalytics gex(std::initializer_list<std::pair<double, double>> strikes) {
  ChainAnalytics a;
  for (auto [k, g] : strikes)
    a.gex.push_back(GexStrike{k, std::max(g, 0.0), std::max(-g, 0.0), g});
  return a;
}
}  // namespace

TEST(GammaStrike, LocatesTheLargestShareWithinTheScanRange) {
  // 470 is outside 450 +- 3% (436.5..463.5) and must not count.
  const auto a = gex({{446, 1e6}, {448, -2e6}, {450, 1e6}, {452, 6e6}, {470, 50e6}});
  const auto g = ms::locate_gamma_strike(a, 450.0, {});
  ASSERT_TRUE(g);
  EXPECT_DOUBLE_EQ(g->strike, 452);
  EXPECT_DOUBLE_EQ(g->share, 6.0 / 10.0);  // |1|+|-2|+|1|+|6|
  EXPECT_NEAR(g->distance_pct, 2.0 / 450.0, 1e-15);
  EXPECT_DOUBLE_EQ(ms::gex_share_at(a, 450.0, 448, {}), 0.2);
  EXPECT_FALSE(ms::locate_gamma_strike(gex({{470, 1e6}}), 450.0, {}));
}

TEST(GammaStrike, ApproachNeedsDistanceAndMomentumTowardTheStrike) {
  ms::GammaScalpConfig cfg;
  const ms::GammaStrike g{452, 6e6, 0.6, (452 - 450.0) / 450.0};
  ms::ApproachDetector rising(5);
  for (double c : {449.40, 449.50, 449.60, 449.75, 449.90, 450.00})
    rising.update(c);
  const auto a = rising.evaluate(g, 450.0, cfg);
  EXPECT_EQ(a.direction, 1) << a.reason;
  EXPECT_NEAR(a.momentum_pct, (450.0 - 449.4) / 449.4, 1e-12);

  ms::ApproachDetector falling(5);  // moving away from the strike above
  for (double c : {450.60, 450.50, 450.40, 450.30, 450.10, 450.00})
    falling.update(c);
  EXPECT_EQ(falling.evaluate(g, 450.0, cfg).direction, 0);

  ms::ApproachDetector slow(5);  // +0.05% only
  for (double c : {449.78, 449.80, 449.85, 449.90, 449.95, 450.00})
    slow.update(c);
  const auto s = slow.evaluate(g, 450.0, cfg);
  EXPECT_EQ(s.direction, 0);
  EXPECT_NE(s.reason.find("momentum"), std::string::npos) << s.reason;

  const ms::GammaStrike far{455, 6e6, 0.6, 5.0 / 450.0};  // 1.1% away
  EXPECT_EQ(rising.evaluate(far, 450.0, cfg).direction, 0);
  const ms::GammaStrike pinned{450.1, 6e6, 0.6, 0.1 / 450.0};
  EXPECT_NE(rising.evaluate(pinned, 450.0, cfg).reason.find("pinned"), std::string::npos);

  // Falling toward a strike below: puts.
  const ms::GammaStrike below{448, 6e6, 0.6, -2.0 / 450.0};
  ms::ApproachDetector down(5);
  for (double c : {450.60, 450.50, 450.40, 450.30, 450.10, 450.00})
    down.update(c);
  EXPECT_EQ(down.evaluate(below, 450.0, cfg).direction, -1);
}

TEST(GammaStrike, RiskBudgetTwoPercentPerTradeSixPerDaySixContracts) {
  ms::GammaScalpConfig cfg;
  ms::GammaRiskBudget b(cfg);
  // 2% of 100k = 2000; premium 2.00 x 100 = 200/contract -> 10, capped at 6 per ticker.
  auto d = b.size(100'000, 2.00, 100, 0);
  EXPECT_EQ(d.contracts, 6);
  EXPECT_DOUBLE_EQ(d.risk, 1200);
  EXPECT_EQ(b.size(100'000, 2.00, 100, 4).contracts, 2);
  EXPECT_EQ(b.size(100'000, 2.00, 100, 6).contracts, 0);
  // 4.00 premium: 2000 / 400 = 5.
  EXPECT_EQ(b.size(100'000, 4.00, 100, 0).contracts, 5);
  // Daily 6% = 6000: after 5200 committed, 800 left -> 2 contracts at 4.00? 800/400 = 2.
  b.commit(5200);
  EXPECT_EQ(b.size(100'000, 4.00, 100, 0).contracts, 2);
  b.commit(800);
  const auto none = b.size(100'000, 4.00, 100, 0);
  EXPECT_EQ(none.contracts, 0);
  EXPECT_NE(none.reason.find("day left"), std::string::npos) << none.reason;
  b.new_day();
  EXPECT_EQ(b.size(100'000, 4.00, 100, 0).contracts, 5);
}

TEST(GammaStrike, LadderOnlyRulesTrailFifteenThenLock) {
  const auto r = ms::ladder_only_rules();
  EXPECT_NEAR(zerodte::risk::ladder_stop_pct(r, 0), -15, 1e-9);
  EXPECT_NEAR(zerodte::risk::ladder_stop_pct(r, 15), 0, 1e-9);     // green never red
  EXPECT_NEAR(zerodte::risk::ladder_stop_pct(r, 200), 155, 1e-9);  // 3 x .85 - 1
  zerodte::risk::ExitState s;
  s.entry_value = 2.00;
  zerodte::risk::ExitInputs in;
  in.now = zerodte::core::Timestamp{1};
  in.value = 1.75;  // -12.5%: above the -15% stop
  EXPECT_FALSE(zerodte::risk::evaluate_exit(r, s, in).exit());
  in.value = 1.70;  // -15%
  const auto d = zerodte::risk::evaluate_exit(r, s, in);
  EXPECT_EQ(d.reason, zerodte::risk::ExitReason::kTrailingStop);
  // Up 300% and back to +155% (stop 0.85*4-1 = 240%): fires; at 250% it holds.
  zerodte::risk::ExitState w;
  w.entry_value = 1.00;
  in.value = 4.00;
  EXPECT_FALSE(zerodte::risk::evaluate_exit(r, w, in).exit());
  in.value = 3.50;
  EXPECT_FALSE(zerodte::risk::evaluate_exit(r, w, in).exit());
  in.value = 3.35;
  EXPECT_EQ(zerodte::risk::evaluate_exit(r, w, in).reason,
            zerodte::risk::ExitReason::kTrailingStop);
}

TEST(GammaStrike, UnwindWhenConcentrationFadesOrPriceGoesThrough) {
  ms::GammaScalpConfig cfg;
  const auto strong = gex({{448, 1e6}, {450, 1e6}, {452, 6e6}});
  EXPECT_FALSE(ms::gamma_unwind(strong, 451.0, 452, 1, cfg).unwind);
  const auto faded = gex({{448, 5e6}, {450, 5e6}, {452, 1e6}});  // 1/11 < 12.5%
  const auto u = ms::gamma_unwind(faded, 451.0, 452, 1, cfg);
  EXPECT_TRUE(u.unwind);
  EXPECT_NE(u.reason.find("holds"), std::string::npos) << u.reason;
  // 0.2% through 452 = 452.904.
  EXPECT_FALSE(ms::gamma_unwind(strong, 452.80, 452, 1, cfg).unwind);
  EXPECT_TRUE(ms::gamma_unwind(strong, 452.95, 452, 1, cfg).unwind);
}
