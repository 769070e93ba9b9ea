#pragma once
// Seed 003 "0DTE gamma scalping" decision logic, without the plumbing:
//   locate_gamma_strike: the strike holding the largest share of |net GEX| among strikes within
//     spot * (1 +- scan_pct) (quant::analyse_chain's per-strike GEX); "high concentration" when
//     that share >= min_concentration;
//   ApproachDetector: price is approaching that strike with momentum when its distance is within
//     approach_pct (and above pinned_pct: already pinned = no move left) and the close moved
//     toward the strike by >= min_momentum_pct over the last momentum_bars bars;
//   GammaRiskBudget: 2% of equity per trade (premium at risk), 6% per day, at most 6 contracts
//     per ticker;
//   gamma_unwind: the exit signal when the concentration at the entry strike fell below
//     unwind_fraction of the entry threshold, or price went through the strike by pass_through_pct.
// The trailing-stop ladder itself is risk::ladder_stop_pct (15% -> lock 50/100/200%).
#include <cstdint>
#include <optional>
#include <string>

#include "zerodte/analytics/ring_buffer.hpp"
#include "zerodte/quant/chain_analytics.hpp"
#include "zerodte/risk/risk_limits.hpp"

namespace zerodte::strategy::market_structure {

struct GammaScalpConfig {
  double scan_pct = 0.03;           // strikes within spot +- 3%
  double min_concentration = 0.25;  // share of |net GEX| at one strike
  double approach_pct = 0.005;      // within 0.5% of the strike ...
  double pinned_pct = 0.0005;       // ... but not already within 0.05% (pinned)
  int momentum_bars = 5;
  double min_momentum_pct = 0.001;  // moved >= 0.10% toward the strike over momentum_bars
  double unwind_fraction = 0.5;
  double pass_through_pct = 0.002;  // price 0.2% beyond the strike: the magnet is gone
  double risk_per_trade_pct = 2.0;
  double risk_per_day_pct = 6.0;
  std::int64_t max_contracts_per_ticker = 6;
};

struct GammaStrike {
  double strike = 0;
  double net_gex = 0;
  double share = 0;         // of |net GEX| within the scan range
  double distance_pct = 0;  // (strike - spot) / spot
};

// nullopt when no strike carries GEX in the scan range.
std::optional<GammaStrike> locate_gamma_strike(const quant::ChainAnalytics& analytics, double spot,
                                               const GammaScalpConfig& cfg);

// Share of |net GEX| at `strike` (0 when absent) within the scan range around spot.
double gex_share_at(const quant::ChainAnalytics& analytics, double spot, double strike,
                    const GammaScalpConfig& cfg);

struct Approach {
  int direction = 0;  // +1: rising toward a strike above (calls), -1: falling toward one below
  double momentum_pct = 0;  // close change over momentum_bars toward the strike (signed by side)
  std::string reason;       // why it is (or is not) an approach
};

class ApproachDetector {
 public:
  explicit ApproachDetector(int momentum_bars);
  void update(double close);
  [[nodiscard]] bool ready() const { return closes_.full(); }
  [[nodiscard]] Approach evaluate(const GammaStrike& g, double spot,
                                  const GammaScalpConfig& cfg) const;
  void reset() { closes_.clear(); }

 private:
  analytics::RingBuffer<double> closes_;  // momentum_bars + 1 closes
};

struct BudgetDecision {
  std::int64_t contracts = 0;
  double risk = 0;     // contracts x premium x multiplier
  std::string reason;  // why zero (or what capped it)
};

class GammaRiskBudget {
 public:
  explicit GammaRiskBudget(const GammaScalpConfig& cfg) : cfg_(cfg) {}
  // Contracts for a long option bought at `premium` (the whole premium is at risk).
  [[nodiscard]] BudgetDecision size(double equity, double premium, std::int64_t multiplier,
                                    std::int64_t open_contracts_for_ticker) const;
  void commit(double risk) { used_today_ += risk; }
  void new_day() { used_today_ = 0; }
  [[nodiscard]] double used_today() const { return used_today_; }

 private:
  GammaScalpConfig cfg_;
  double used_today_ = 0;
};

// Exit rules for the ladder only (seed 003): 15% trail, locks at +100/+200/+300, green never red.
risk::ExitRules ladder_only_rules(double trail_pct = 15.0);

struct UnwindCheck {
  bool unwind = false;
  std::string reason;
};
UnwindCheck gamma_unwind(const quant::ChainAnalytics& analytics, double spot, double entry_strike,
                         int direction, const GammaScalpConfig& cfg);

}  // namespace zerodte::strategy::market_structure
