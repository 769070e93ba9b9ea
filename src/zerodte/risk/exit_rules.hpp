#pragma once
// Exit rules for one open position, evaluated on every update (bar or quote) in the priority
// order of seed 004 3.4; the first rule that fires decides:
//   1 mandatory: 0DTE flat time (close - N min; earlier on early closes), daily-loss halt, VIX
//   spike 2 risk:      underlying stop (1% against), premium stop (-40%), trailing-stop ladder
//                (seed 003), underlying trail (seed 004: after +2% trail 1.5% behind the peak)
//   3 profit:    underlying target (+3%), premium target (reward_risk x premium stop = +80%),
//                partial profit (50% at 1:1 = +40%, once)
//   5 time:      held > 2 h without profit, held > 1 h with negative P&L
// (Priority 4, technical exits, belongs to the strategies.)
//
// P&L % of a position = (value - entry value) / |entry value| x 100, where value is the net
// premium per unit (long positive, credit negative), so it reads the same for debit and credit.
// Ladder: stop P&L = (1 + peak) x (1 - trail) - 1, raised to each lock whose level the peak
// reached, and to 0 (breakeven) once the peak reached green_threshold_pct: a green position
// never turns red. The stop fires when P&L <= stop P&L.
#include <cstdint>
#include <string>

#include "zerodte/core/time.hpp"
#include "zerodte/risk/risk_limits.hpp"

namespace zerodte::risk {

enum class ExitReason : std::uint8_t {
  kNone,
  kMarketClose,
  kDailyLoss,
  kVixSpike,
  kUnderlyingStop,
  kPremiumStop,
  kTrailingStop,
  kUnderlyingTrail,
  kUnderlyingTarget,
  kPremiumTarget,
  kPartialProfit,
  kMaxHoldNoProfit,
  kMaxHoldNegative,
};
std::string_view to_string(ExitReason r);
int priority_of(ExitReason r);  // 1..5 (0 for kNone)

struct ExitState {
  double entry_value = 0;       // net premium per unit at entry (credit < 0)
  double entry_underlying = 0;  // 0: no underlying rules
  int direction = 0;            // +1 bullish, -1 bearish, 0 neutral (no underlying rules)
  core::Timestamp opened;
  core::Timestamp flat_time = core::Timestamp::max();  // 0DTE: when to be flat
  double peak_pnl_pct = 0;
  double peak_underlying_fav_pct = 0;  // best favourable underlying move since entry
  bool partial_done = false;
};

struct ExitInputs {
  core::Timestamp now;
  double value = 0;       // current net premium per unit
  double underlying = 0;  // current underlying price (0: unknown)
  bool daily_loss_halt = false;
  bool vix_spike = false;
};

struct ExitDecision {
  ExitReason reason = ExitReason::kNone;
  double fraction = 0;  // 1 = all, 0.5 = partial
  double pnl_pct = 0;
  double stop_pnl_pct = 0;  // the ladder's stop at this update (for the record)
  std::string text;
  [[nodiscard]] bool exit() const { return reason != ExitReason::kNone; }
};

double pnl_pct(const ExitState& s, double value);
double ladder_stop_pct(const ExitRules& r, double peak_pnl_pct);
// Updates peaks in `s` and returns the decision (marks partial_done when a partial fires).
ExitDecision evaluate_exit(const ExitRules& rules, ExitState& s, const ExitInputs& in);

}  // namespace zerodte::risk
