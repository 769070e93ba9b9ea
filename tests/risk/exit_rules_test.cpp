// The trailing-stop ladder and the exit priority, bar by bar on scripted paths.
#include <gtest/gtest.h>

#include "zerodte/risk/exit_rules.hpp"
#include "zerodte/risk/sizing.hpp"

namespace zerodte::risk {
namespace {

using namespace std::chrono_literals;
const core::Timestamp T0 = core::Timestamp::from_seconds(1'763'740'800);

struct Bar {
  int minute;
  double value;
  double underlying;
};

// Runs the path; returns (bar index, decision) of the first exit, or (-1, none).
std::pair<int, ExitDecision> run(const ExitRules& r, ExitState s, const std::vector<Bar>& path,
                                 std::vector<double>* stops = nullptr) {
  for (std::size_t i = 0; i < path.size(); ++i) {
    ExitInputs in{T0 + std::chrono::minutes(path[i].minute), path[i].value, path[i].underlying};
    auto d = evaluate_exit(r, s, in);
    if (stops) stops->push_back(d.stop_pnl_pct);
    if (d.exit()) return {static_cast<int>(i), d};
  }
  return {-1, {}};
}

ExitState long_call(double entry = 2.0, double und = 100) {
  ExitState s;
  s.entry_value = entry;
  s.entry_underlying = und;
  s.direction = 1;
  s.opened = T0;
  return s;
}

ExitRules premium_only() {
  ExitRules r;
  r.underlying_trail_enabled = false;
  r.partial_enabled = false;
  r.reward_risk = 100;  // no premium target in ladder tests
  r.underlying_target_pct = 1000;
  r.underlying_stop_pct = 1000;
  return r;
}

TEST(TrailingLadder, StopLevels) {
  const ExitRules r;
  EXPECT_NEAR(ladder_stop_pct(r, 0), -15, 1e-9);    // initial 15% trail
  EXPECT_NEAR(ladder_stop_pct(r, 10), -6.5, 1e-9);  // 1.10 x 0.85
  EXPECT_NEAR(ladder_stop_pct(r, 14.99), -2.2585, 1e-9);
  EXPECT_NEAR(ladder_stop_pct(r, 15), 0, 1e-9);  // green: breakeven at worst
  EXPECT_NEAR(ladder_stop_pct(r, 100), 70, 1e-9);
  // With a wider trail the locks bind: +100% locks 50, +200% locks 100, +300% locks 200.
  ExitRules w;
  w.ladder_trail_pct = 60;
  EXPECT_NEAR(ladder_stop_pct(w, 99.9), 0, 1e-9);
  EXPECT_NEAR(ladder_stop_pct(w, 100), 50, 1e-9);
  EXPECT_NEAR(ladder_stop_pct(w, 200), 100, 1e-9);
  EXPECT_NEAR(ladder_stop_pct(w, 300), 200, 1e-9);
}

TEST(TrailingLadder, BarByBarLongCall) {
  // entry 2.00: 2.20 (+10%), 2.40 (+20%, green), 4.00 (+100%: stop 70%), 3.50 (+75%), 3.41
  // (+70.5%), 3.40 (+70% = stop): exit on bar 5.
  const std::vector<Bar> path = {{1, 2.20, 100}, {2, 2.40, 100}, {3, 4.00, 100},
                                 {4, 3.50, 100}, {5, 3.41, 100}, {6, 3.40, 100}};
  std::vector<double> stops;
  const auto [bar, d] = run(premium_only(), long_call(), path, &stops);
  EXPECT_EQ(bar, 5);
  EXPECT_EQ(d.reason, ExitReason::kTrailingStop);
  ASSERT_EQ(stops.size(), 6u);
  EXPECT_NEAR(stops[0], -6.5, 1e-9);
  EXPECT_NEAR(stops[1], 2.0, 1e-9);
  EXPECT_NEAR(stops[2], 70, 1e-9);
  EXPECT_NEAR(stops[3], 70, 1e-9);  // the stop never moves down
}

TEST(TrailingLadder, GreenNeverTurnsRed) {
  // +15% then back to entry: the breakeven stop fires at 2.00, not at the -15% trail.
  const std::vector<Bar> path = {{1, 2.30, 100}, {2, 2.10, 100}, {3, 2.01, 100}, {4, 2.00, 100}};
  const auto [bar, d] = run(premium_only(), long_call(), path);
  EXPECT_EQ(bar, 3);
  EXPECT_EQ(d.reason, ExitReason::kTrailingStop);
  EXPECT_NEAR(d.pnl_pct, 0, 1e-9);
  // Just under green (+14.5%): the trail (-2.6%) holds at entry, fires below it.
  const std::vector<Bar> p2 = {{1, 2.29, 100}, {2, 2.00, 100}, {3, 1.95, 100}, {4, 1.94, 100}};
  const auto [b2, d2] = run(premium_only(), long_call(), p2);
  EXPECT_EQ(b2, 3);
  EXPECT_NEAR(d2.stop_pnl_pct, (1.145 * 0.85 - 1) * 100, 1e-9);
}

TEST(TrailingLadder, LocksWithWideTrail) {
  ExitRules r = premium_only();
  r.ladder_trail_pct = 60;  // 2.00 -> 6.00 (+200%) locks +100% = 4.00
  const std::vector<Bar> path = {{1, 6.00, 100}, {2, 4.10, 100}, {3, 4.00, 100}};
  const auto [bar, d] = run(r, long_call(), path);
  EXPECT_EQ(bar, 2);
  EXPECT_NEAR(d.stop_pnl_pct, 100, 1e-9);
}

TEST(ExitPriority, UnderlyingStopAtOnePercent) {
  ExitRules r;
  r.ladder_enabled = false;
  EXPECT_EQ(run(r, long_call(), {{1, 1.9, 99.01}}).first, -1);
  const auto [bar, d] = run(r, long_call(), {{1, 1.9, 99.01}, {2, 1.8, 99.0}});
  EXPECT_EQ(bar, 1);
  EXPECT_EQ(d.reason, ExitReason::kUnderlyingStop);
}

TEST(ExitPriority, PremiumStopTargetAndPartial) {
  ExitRules r;
  r.ladder_enabled = false;
  r.underlying_stop_pct = 1000;
  r.underlying_target_pct = 1000;
  r.underlying_trail_enabled = false;
  // -39.9% holds, -40% stops.
  EXPECT_EQ(run(r, long_call(), {{1, 1.202, 100}}).first, -1);
  EXPECT_EQ(run(r, long_call(), {{1, 1.20, 100}}).second.reason, ExitReason::kPremiumStop);
  // +39.5% nothing; +40% = 1:1 -> partial 50% once; +79% nothing; +80% = 2:1 target.
  const std::vector<Bar> path = {
      {1, 2.79, 100}, {2, 2.80, 100}, {3, 2.90, 100}, {4, 3.58, 100}, {5, 3.60, 100}};
  ExitState s = long_call();
  std::vector<ExitReason> got;
  for (const auto& b : path) {
    got.push_back(
        evaluate_exit(r, s, {T0 + std::chrono::minutes(b.minute), b.value, b.underlying}).reason);
  }
  EXPECT_EQ(got, (std::vector<ExitReason>{ExitReason::kNone, ExitReason::kPartialProfit,
                                          ExitReason::kNone, ExitReason::kNone,
                                          ExitReason::kPremiumTarget}));
}

TEST(ExitPriority, MandatoryBeatsRiskBeatsProfitBeatsTime) {
  ExitRules r;
  ExitState s = long_call();
  s.flat_time = T0 + 60min;
  // At the flat time with a stop-level loss: market close wins.
  auto d = evaluate_exit(r, s, {T0 + 60min, 1.0, 98});
  EXPECT_EQ(d.reason, ExitReason::kMarketClose);
  s = long_call();
  d = evaluate_exit(r, s, {T0 + 1min, 1.0, 98, true});  // daily loss flag beats the stop
  EXPECT_EQ(d.reason, ExitReason::kDailyLoss);
  s = long_call();  // underlying stop and premium stop at once: underlying first
  d = evaluate_exit(r, s, {T0 + 1min, 1.0, 98});
  EXPECT_EQ(d.reason, ExitReason::kUnderlyingStop);
  s = long_call();  // underlying target (+3%) and premium target: underlying target first
  d = evaluate_exit(r, s, {T0 + 1min, 4.0, 103});
  EXPECT_EQ(d.reason, ExitReason::kUnderlyingTarget);
  EXPECT_EQ(priority_of(ExitReason::kMarketClose), 1);
  EXPECT_EQ(priority_of(ExitReason::kTrailingStop), 2);
  EXPECT_EQ(priority_of(ExitReason::kPartialProfit), 3);
  EXPECT_EQ(priority_of(ExitReason::kMaxHoldNegative), 5);
}

TEST(ExitPriority, UnderlyingTrailSeed004) {
  ExitRules r;
  r.ladder_enabled = false;
  r.underlying_target_pct = 1000;
  r.reward_risk = 100;
  r.partial_enabled = false;
  // +2% does not start the trail; +2.5% does: stop 1.5% below 102.5 = 100.9625.
  const std::vector<Bar> path = {
      {1, 2.2, 102.0}, {2, 2.3, 102.5}, {3, 2.2, 101.0}, {4, 2.2, 100.9625}};
  const auto [bar, d] = run(r, long_call(), path);
  EXPECT_EQ(bar, 3);
  EXPECT_EQ(d.reason, ExitReason::kUnderlyingTrail);
}

TEST(ExitPriority, TimeExits) {
  ExitRules r;
  r.ladder_enabled = false;
  r.underlying_trail_enabled = false;
  ExitState s = long_call();
  // Negative after exactly 1 h: hold; 1 h + 1 min: exit.
  EXPECT_EQ(evaluate_exit(r, s, {T0 + 60min, 1.9, 100}).reason, ExitReason::kNone);
  EXPECT_EQ(evaluate_exit(r, s, {T0 + 61min, 1.9, 100}).reason, ExitReason::kMaxHoldNegative);
  // Flat (no profit) after 2 h: hold at 2 h, exit after.
  s = long_call();
  EXPECT_EQ(evaluate_exit(r, s, {T0 + 120min, 2.0, 100}).reason, ExitReason::kNone);
  EXPECT_EQ(evaluate_exit(r, s, {T0 + 121min, 2.0, 100}).reason, ExitReason::kMaxHoldNoProfit);
  // In profit after 3 h: hold.
  s = long_call();
  EXPECT_EQ(evaluate_exit(r, s, {T0 + 180min, 2.1, 100}).reason, ExitReason::kNone);
}

TEST(ExitPriority, CreditPositionPnl) {
  ExitState s;
  s.entry_value = -1.00;  // sold for a 1.00 credit
  s.opened = T0;
  EXPECT_NEAR(pnl_pct(s, -0.50), 50, 1e-9);   // bought back at half: +50%
  EXPECT_NEAR(pnl_pct(s, -1.40), -40, 1e-9);  // -40%: the premium stop
  ExitRules r;
  r.ladder_enabled = false;
  EXPECT_EQ(evaluate_exit(r, s, {T0 + 1min, -1.40, 0}).reason, ExitReason::kPremiumStop);
}

TEST(Sizing, DynamicSeed004) {
  DynamicSizingParams p;
  // 100k x 2% = 2000; VIX 18 -> 1.0; DTE 10 -> 0.75; OI 6000 -> 1.0; 1 open -> 0.8 => 1200.
  SizingInputs in{100'000, 18, 10, 6000, 1, 2.00, 1, 100};
  auto r = size_dynamic(p, in);
  EXPECT_NEAR(r.budget, 1200, 1e-9);
  EXPECT_EQ(r.lots, 6);  // 1200 / 200
  EXPECT_EQ(vix_multiplier(p, 14.99), 1.25);
  EXPECT_EQ(vix_multiplier(p, 15), 1.0);
  EXPECT_EQ(vix_multiplier(p, 29.99), 0.5);
  EXPECT_EQ(vix_multiplier(p, 30), 0.25);
  EXPECT_EQ(dte_multiplier(15), 1.0);
  EXPECT_EQ(dte_multiplier(14), 0.75);
  EXPECT_EQ(dte_multiplier(7), 0.75);
  EXPECT_EQ(dte_multiplier(6), 0.5);
  EXPECT_EQ(oi_multiplier(5001), 1.0);
  EXPECT_EQ(oi_multiplier(5000), 0.75);
  EXPECT_EQ(oi_multiplier(499), 0.0);
  EXPECT_EQ(position_multiplier(3), 0.0);
  in.open_interest = 100;  // very low OI: skip
  EXPECT_EQ(size_dynamic(p, in).lots, 0);
  in = {100'000, 18, 30, 6000, 0, 50.0, 1, 100};  // budget 2000 < one lot (5000): minimum 1
  EXPECT_EQ(size_dynamic(p, in).lots, 1);
  in = {10'000'000, 10, 30, 9000, 0, 0.05, 1, 100};  // capped at 100 lots
  EXPECT_EQ(size_dynamic(p, in).lots, 100);
  // NSE: premium 100, lot 75, multiplier 1 -> 7,500 per lot; 1,000,000 x 2% x 0.5 (DTE 2) = 10,000.
  in = {1'000'000, 16, 2, 6000, 0, 100, 75, 1};
  EXPECT_EQ(size_dynamic(p, in).lots, 1);
}

TEST(Sizing, FixedRiskSeed000) {
  FixedRiskParams p;                             // $300 risk, stop -40%, 2:1
  const auto r = size_fixed_risk(p, 2.50, 100);  // risk/contract = 2.50 x 0.4 x 100 = 100
  EXPECT_EQ(r.contracts, 3);
  EXPECT_NEAR(r.stop_price, 1.50, 1e-12);
  EXPECT_NEAR(r.target_price, 4.50, 1e-12);  // +80% = 2 x the 40% risk
  EXPECT_NEAR(r.risk, 300, 1e-9);
  EXPECT_EQ(size_fixed_risk(p, 2.51, 100).contracts, 2);
  EXPECT_EQ(size_fixed_risk(p, 0.10, 100).contracts, 6);  // capped at 6 per ticker
  EXPECT_EQ(size_fixed_risk(p, 0, 100).contracts, 0);
}

}  // namespace
}  // namespace zerodte::risk
