#pragma once
// Seed 002 "Options Strategy Engine" for the cross-ticker view: which structure, which strikes
// (from the ATM +- 10 strike ladder), its theta impact, and the entry/exit plan.
//
// Structure by view and VIX regime (extreme: none):
//   bullish/bearish, VIX low/normal   -> vertical DEBIT spread (call spread up, put spread down):
//                                        buy ATM, sell the first strike out with |delta| <=
//                                        vertical_short_delta;
//   bullish/bearish, VIX elevated/high -> vertical CREDIT spread (premium is rich): sell the first
//                                        OTM strike with |delta| <= vertical_short_delta, buy
//                                        wing_strikes further out;
//   range-bound, VIX low               -> short iron butterfly at ATM, wings +- wing_strikes;
//   range-bound, otherwise             -> short iron condor, shorts at the first strikes with
//                                        |delta| <= condor_short_delta, wings wing_strikes out;
//   vol expansion, VIX low/normal      -> long ATM straddle;
//   vol expansion, VIX elevated/high   -> long strangle at |delta| <= strangle_delta.
// Every strike comes from the ladder of ATM +- ladder_strikes listed strikes; a strike that the
// rule cannot find there is an error naming the rule.
#include <string>
#include <vector>

#include "zerodte/analytics/regime.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/strategy/market_structure/cross_ticker_model.hpp"
#include "zerodte/strategy/structures.hpp"

namespace zerodte::strategy::market_structure {

struct PlannerConfig {
  int ladder_strikes = 10;
  double vertical_short_delta = 0.30;
  double condor_short_delta = 0.20;
  double strangle_delta = 0.35;
  int wing_strikes = 2;
  PlanRules plan;  // ~10% return target, stop, time exit (seed 002)
};

// One row of the ATM +- k analysis: the strike, its call and put (null when not listed).
struct StrikeRow {
  int offset = 0;  // strikes from ATM (+ = higher)
  double strike = 0;
  const OptionContract* call = nullptr;
  const OptionContract* put = nullptr;
};

struct StrikeLadder {
  double atm = 0;
  std::vector<StrikeRow> rows;  // ascending strike, offsets -k..+k (those listed)
  [[nodiscard]] const StrikeRow* at(int offset) const;
};

core::Result<StrikeLadder> strike_ladder(const OptionChainView& chain, int k);

struct StructurePlan {
  Structure structure;
  EntryExitPlan plan;
  double theta_per_day = 0;  // money per structure per day (+ = collects decay)
  double theta_to_risk = 0;  // theta_per_day / max_loss
  std::string summary;       // "vertical_debit 450/452 call: debit 0.85 ..., theta -12/day"
};

// kNone-view or extreme regime: kInvalid with the reason.
core::Result<StructurePlan> plan_structure(CrossView view, analytics::VolRegime regime,
                                           const OptionChainView& chain,
                                           const PlannerConfig& cfg = {});

}  // namespace zerodte::strategy::market_structure
