#include "zerodte/risk/sizing.hpp"

#include <algorithm>
#include <cmath>

namespace zerodte::risk {

double vix_multiplier(const DynamicSizingParams& p, double vix) {
  for (int i = 0; i < 4; ++i) {
    if (vix < p.vix_bounds[i]) return p.vix_multipliers[i];
  }
  return p.vix_multipliers[4];
}

double dte_multiplier(int dte) {
  return dte > 14 ? 1.0 : dte >= 7 ? 0.75 : 0.5;
}

double oi_multiplier(std::int64_t oi) {
  return oi > 5000 ? 1.0 : oi >= 1000 ? 0.75 : oi >= 500 ? 0.5 : 0.0;
}

double position_multiplier(int n) {
  return n == 0 ? 1.0 : n == 1 ? 0.8 : n == 2 ? 0.6 : 0.0;
}

SizingResult size_dynamic(const DynamicSizingParams& p, const SizingInputs& in) {
  SizingResult r;
  r.vix_mult = vix_multiplier(p, in.vix);
  r.dte_mult = dte_multiplier(in.days_to_expiry);
  r.oi_mult = oi_multiplier(in.open_interest);
  r.position_mult = position_multiplier(in.open_positions);
  r.budget =
      in.equity * p.base_risk_pct / 100.0 * r.vix_mult * r.dte_mult * r.oi_mult * r.position_mult;
  const double lot_cost =
      in.premium * static_cast<double>(in.lot_size) * static_cast<double>(in.multiplier);
  if (r.budget <= 0 || !(lot_cost > 0)) return r;  // a zero multiplier skips the trade
  const auto lots = static_cast<std::int64_t>(std::floor(r.budget / lot_cost + 1e-9));
  r.lots = std::clamp<std::int64_t>(lots, 1, p.max_lots);
  return r;
}

FixedRiskResult size_fixed_risk(const FixedRiskParams& p, double premium, std::int64_t multiplier) {
  FixedRiskResult r;
  if (!(premium > 0) || multiplier <= 0) return r;
  const double risk_per_contract = premium * p.stop_pct / 100.0 * static_cast<double>(multiplier);
  r.contracts = std::min<std::int64_t>(
      static_cast<std::int64_t>(std::floor(p.risk_per_trade / risk_per_contract + 1e-9)),
      p.max_contracts);
  r.stop_price = premium * (1 - p.stop_pct / 100.0);
  r.target_price = premium * (1 + p.reward_risk * p.stop_pct / 100.0);
  r.risk = static_cast<double>(r.contracts) * risk_per_contract;
  return r;
}

}  // namespace zerodte::risk
