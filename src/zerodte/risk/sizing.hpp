#pragma once
// Position sizing policies.
//  - Dynamic (seed 004 5.1): base risk % of equity, scaled by the VIX regime, days to expiry,
//    open interest and the number of open positions, converted into lots from the option premium
//    and the lot's money per point (lot size x multiplier); at least 1 lot, at most max_lots,
//    and 0 when a multiplier is 0 (very low open interest, too many positions).
//  - Fixed risk (seed 000): risk a fixed amount (default $300) per trade with the stop at
//    premium x (1 - stop %), target at reward_risk x the risk.
#include <cstdint>

#include "zerodte/risk/risk_limits.hpp"

namespace zerodte::risk {

struct DynamicSizingParams {
  double base_risk_pct = 2.0;
  // VIX: < 15 -> 1.25, < 20 -> 1.00, < 25 -> 0.75, < 30 -> 0.50, else 0.25.
  double vix_bounds[4] = {15, 20, 25, 30};
  double vix_multipliers[5] = {1.25, 1.00, 0.75, 0.50, 0.25};
  // DTE: > 14 -> 1.00, >= 7 -> 0.75, else 0.50.
  // OI: > 5000 -> 1.00, >= 1000 -> 0.75, >= 500 -> 0.50, else 0.
  // Open positions: 0 -> 1.00, 1 -> 0.80, 2 -> 0.60, more -> 0.
  std::int64_t max_lots = 100;
};

struct SizingInputs {
  double equity = 0;
  double vix = 0;
  int days_to_expiry = 0;
  std::int64_t open_interest = 0;
  int open_positions = 0;
  double premium = 0;             // per unit
  std::int64_t lot_size = 1;      // units per lot (1 for US options: one contract)
  std::int64_t multiplier = 100;  // money per point per unit
};

struct SizingResult {
  std::int64_t lots = 0;
  double budget = 0;  // money the policy allots
  double vix_mult = 1, dte_mult = 1, oi_mult = 1, position_mult = 1;
};

double vix_multiplier(const DynamicSizingParams& p, double vix);
double dte_multiplier(int days_to_expiry);
double oi_multiplier(std::int64_t open_interest);
double position_multiplier(int open_positions);
SizingResult size_dynamic(const DynamicSizingParams& p, const SizingInputs& in);

struct FixedRiskParams {
  double risk_per_trade = 300;  // money at risk
  double stop_pct = 40;         // premium stop, % of entry
  double reward_risk = 2;       // target = reward_risk x risk
  std::int64_t max_contracts = 6;
};

struct FixedRiskResult {
  std::int64_t contracts = 0;
  double stop_price = 0;    // premium at which the stop fires
  double target_price = 0;  // premium at which the target fires
  double risk = 0;          // contracts x premium x stop % x multiplier
};

FixedRiskResult size_fixed_risk(const FixedRiskParams& p, double premium, std::int64_t multiplier);

}  // namespace zerodte::risk
