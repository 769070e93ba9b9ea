#include "zerodte/risk/exit_rules.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace zerodte::risk {
namespace {
// Percentages come from prices in binary floating point: 2.80 / 2.00 - 1 is 0.39999999999999991.
// Thresholds are met within this tolerance.
constexpr double kEps = 1e-9;
}  // namespace

std::string_view to_string(ExitReason r) {
  switch (r) {
    case ExitReason::kNone:
      return "none";
    case ExitReason::kMarketClose:
      return "market_close";
    case ExitReason::kDailyLoss:
      return "daily_loss";
    case ExitReason::kVixSpike:
      return "vix_spike";
    case ExitReason::kUnderlyingStop:
      return "underlying_stop";
    case ExitReason::kPremiumStop:
      return "premium_stop";
    case ExitReason::kTrailingStop:
      return "trailing_stop";
    case ExitReason::kUnderlyingTrail:
      return "underlying_trail";
    case ExitReason::kUnderlyingTarget:
      return "underlying_target";
    case ExitReason::kPremiumTarget:
      return "premium_target";
    case ExitReason::kPartialProfit:
      return "partial_profit";
    case ExitReason::kMaxHoldNoProfit:
      return "max_hold_no_profit";
    case ExitReason::kMaxHoldNegative:
      return "max_hold_negative";
  }
  return "unknown";
}

int priority_of(ExitReason r) {
  switch (r) {
    case ExitReason::kNone:
      return 0;
    case ExitReason::kMarketClose:
    case ExitReason::kDailyLoss:
    case ExitReason::kVixSpike:
      return 1;
    case ExitReason::kUnderlyingStop:
    case ExitReason::kPremiumStop:
    case ExitReason::kTrailingStop:
    case ExitReason::kUnderlyingTrail:
      return 2;
    case ExitReason::kUnderlyingTarget:
    case ExitReason::kPremiumTarget:
    case ExitReason::kPartialProfit:
      return 3;
    case ExitReason::kMaxHoldNoProfit:
    case ExitReason::kMaxHoldNegative:
      return 5;
  }
  return 0;
}

double pnl_pct(const ExitState& s, double value) {
  const double base = std::abs(s.entry_value);
  return base > 0 ? 100.0 * (value - s.entry_value) / base : 0;
}

double ladder_stop_pct(const ExitRules& r, double peak) {
  double stop = (1 + peak / 100.0) * (1 - r.ladder_trail_pct / 100.0) * 100.0 - 100.0;
  for (const auto& [reach, lock] : r.ladder_locks) {
    if (peak >= reach - kEps) stop = std::max(stop, lock);
  }
  if (peak >= r.green_threshold_pct - kEps) stop = std::max(stop, 0.0);
  return stop;
}

ExitDecision evaluate_exit(const ExitRules& r, ExitState& s, const ExitInputs& in) {
  ExitDecision d;
  const double pnl = pnl_pct(s, in.value);
  s.peak_pnl_pct = std::max(s.peak_pnl_pct, pnl);
  double fav = 0;  // favourable underlying move, %
  const bool und = s.direction != 0 && s.entry_underlying > 0 && in.underlying > 0;
  if (und) {
    fav = s.direction * (in.underlying / s.entry_underlying - 1) * 100.0;
    s.peak_underlying_fav_pct = std::max(s.peak_underlying_fav_pct, fav);
  }
  d.pnl_pct = pnl;
  d.stop_pnl_pct = r.ladder_enabled ? ladder_stop_pct(r, s.peak_pnl_pct) : -1e9;
  auto fire = [&](ExitReason why, double fraction, std::string text) {
    d.reason = why;
    d.fraction = fraction;
    d.text = std::move(text);
    return d;
  };
  // Priority 1: mandatory.
  if (in.now >= s.flat_time) return fire(ExitReason::kMarketClose, 1, "0DTE flat before the close");
  if (in.daily_loss_halt) return fire(ExitReason::kDailyLoss, 1, "daily loss limit: exit all");
  if (in.vix_spike) return fire(ExitReason::kVixSpike, 1, "VIX breaker: exit all");
  // Priority 2: risk.
  if (und && fav <= -r.underlying_stop_pct + kEps) {
    return fire(
        ExitReason::kUnderlyingStop, 1,
        fmt::format("underlying moved {:.3f}% against (stop {}%)", -fav, r.underlying_stop_pct));
  }
  if (pnl <= -r.premium_stop_pct + kEps) {
    return fire(ExitReason::kPremiumStop, 1,
                fmt::format("premium P&L {:.2f}% <= -{}%", pnl, r.premium_stop_pct));
  }
  if (r.ladder_enabled && pnl <= d.stop_pnl_pct + kEps) {
    return fire(ExitReason::kTrailingStop, 1,
                fmt::format("P&L {:.2f}% <= trailing stop {:.2f}% (peak {:.2f}%)", pnl,
                            d.stop_pnl_pct, s.peak_pnl_pct));
  }
  if (und && r.underlying_trail_enabled &&
      s.peak_underlying_fav_pct > r.underlying_trail_start_pct + kEps) {
    // Stop 1.5% behind the peak underlying price, in the position's direction.
    const double peak_px = s.entry_underlying * (1 + s.direction * s.peak_underlying_fav_pct / 100);
    const double stop_px = peak_px * (1 - s.direction * r.underlying_trail_pct / 100);
    if (s.direction * (in.underlying - stop_px) <= kEps) {
      return fire(ExitReason::kUnderlyingTrail, 1,
                  fmt::format("underlying {:.4f} crossed the trail {:.4f} (peak {:.4f})",
                              in.underlying, stop_px, peak_px));
    }
  }
  // Priority 3: profit.
  if (und && fav >= r.underlying_target_pct - kEps) {
    return fire(ExitReason::kUnderlyingTarget, 1,
                fmt::format("underlying moved {:.3f}% in favour (target {}%)", fav,
                            r.underlying_target_pct));
  }
  const double target = r.reward_risk * r.premium_stop_pct;
  if (pnl >= target - kEps) {
    return fire(
        ExitReason::kPremiumTarget, 1,
        fmt::format("premium P&L {:.2f}% >= target {:.2f}% ({}:1)", pnl, target, r.reward_risk));
  }
  if (r.partial_enabled && !s.partial_done && pnl >= r.premium_stop_pct - kEps) {
    s.partial_done = true;
    return fire(ExitReason::kPartialProfit, r.partial_fraction,
                fmt::format("premium P&L {:.2f}% >= 1:1 ({}%): take {:.0f}%", pnl,
                            r.premium_stop_pct, r.partial_fraction * 100));
  }
  // Priority 5: time.
  const core::Duration held = in.now - s.opened;
  if (held > r.max_hold_no_profit && pnl <= kEps) {
    return fire(ExitReason::kMaxHoldNoProfit, 1,
                fmt::format("held {} min without profit", held.count() / core::kNanosPerMinute));
  }
  if (held > r.max_hold_negative && pnl < -kEps) {
    return fire(
        ExitReason::kMaxHoldNegative, 1,
        fmt::format("held {} min with P&L {:.2f}%", held.count() / core::kNanosPerMinute, pnl));
  }
  return d;
}

}  // namespace zerodte::risk
