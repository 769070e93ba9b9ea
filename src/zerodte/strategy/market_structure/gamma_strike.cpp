#include "zerodte/strategy/market_structure/gamma_strike.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace zerodte::strategy::market_structure {
namespace {
constexpr double kEps = 1e-12;

double total_abs_gex(const quant::ChainAnalytics& a, double spot, const GammaScalpConfig& cfg) {
  double total = 0;
  for (const auto& g : a.gex)
    if (std::abs(g.strike - spot) <= spot * cfg.scan_pct + kEps) total += std::abs(g.net_gex);
  return total;
}
}  // namespace

std::optional<GammaStrike> locate_gamma_strike(const quant::ChainAnalytics& a, double spot,
                                               const GammaScalpConfig& cfg) {
  const double total = total_abs_gex(a, spot, cfg);
  if (!(total > 0) || !(spot > 0)) return std::nullopt;
  const quant::GexStrike* best = nullptr;
  for (const auto& g : a.gex) {
    if (std::abs(g.strike - spot) > spot * cfg.scan_pct + kEps) continue;
    // Ties: the strike nearer to spot wins (it is the one price meets first).
    if (best == nullptr || std::abs(g.net_gex) > std::abs(best->net_gex) + kEps ||
        (std::abs(std::abs(g.net_gex) - std::abs(best->net_gex)) <= kEps &&
         std::abs(g.strike - spot) < std::abs(best->strike - spot)))
      best = &g;
  }
  GammaStrike out;
  out.strike = best->strike;
  out.net_gex = best->net_gex;
  out.share = std::abs(best->net_gex) / total;
  out.distance_pct = (best->strike - spot) / spot;
  return out;
}

double gex_share_at(const quant::ChainAnalytics& a, double spot, double strike,
                    const GammaScalpConfig& cfg) {
  const double total = total_abs_gex(a, spot, cfg);
  if (!(total > 0)) return 0;
  for (const auto& g : a.gex)
    if (std::abs(g.strike - strike) < 1e-9) return std::abs(g.net_gex) / total;
  return 0;
}

ApproachDetector::ApproachDetector(int momentum_bars)
    : closes_(static_cast<std::size_t>(std::max(1, momentum_bars) + 1)) {}

void ApproachDetector::update(double close) {
  if (close > 0) closes_.push(close);
}

Approach ApproachDetector::evaluate(const GammaStrike& g, double spot,
                                    const GammaScalpConfig& cfg) const {
  Approach a;
  const double dist = std::abs(g.distance_pct);
  if (!ready()) {
    a.reason = fmt::format("momentum needs {} closes, have {}", closes_.capacity(), closes_.size());
    return a;
  }
  if (dist > cfg.approach_pct) {
    a.reason = fmt::format("gamma strike {:.2f} is {:.3f}% away (> {:.3f}%)", g.strike, dist * 100,
                           cfg.approach_pct * 100);
    return a;
  }
  if (dist < cfg.pinned_pct) {
    a.reason = fmt::format("price {:.2f} already pinned at gamma strike {:.2f}", spot, g.strike);
    return a;
  }
  const int side = g.strike > spot ? 1 : -1;
  const double move = (closes_.back() - closes_.front()) / closes_.front();
  a.momentum_pct = side * move;
  if (a.momentum_pct < cfg.min_momentum_pct - 1e-12) {
    a.reason = fmt::format(
        "momentum toward gamma strike {:.2f} is {:+.3f}% over {} bars (< {:.3f}%)", g.strike,
        a.momentum_pct * 100, closes_.capacity() - 1, cfg.min_momentum_pct * 100);
    return a;
  }
  a.direction = side;
  a.reason = fmt::format(
      "price {:.2f} {} toward gamma strike {:.2f} ({:.0f}% of |GEX|, {:.3f}% away) with {:+.3f}% "
      "momentum over {} bars",
      spot, side > 0 ? "rising" : "falling", g.strike, g.share * 100, dist * 100,
      a.momentum_pct * 100, closes_.capacity() - 1);
  return a;
}

BudgetDecision GammaRiskBudget::size(double equity, double premium, std::int64_t multiplier,
                                     std::int64_t open_contracts) const {
  BudgetDecision d;
  const double per_contract = premium * static_cast<double>(multiplier);
  if (!(per_contract > 0) || !(equity > 0)) {
    d.reason = "no premium or equity to size from";
    return d;
  }
  const double per_trade = equity * cfg_.risk_per_trade_pct / 100.0;
  const double day_left = equity * cfg_.risk_per_day_pct / 100.0 - used_today_;
  const double budget = std::min(per_trade, day_left);
  const auto by_risk = static_cast<std::int64_t>(std::floor(budget / per_contract + 1e-9));
  const std::int64_t by_ticker = cfg_.max_contracts_per_ticker - open_contracts;
  d.contracts = std::max<std::int64_t>(0, std::min(by_risk, by_ticker));
  d.risk = static_cast<double>(d.contracts) * per_contract;
  if (d.contracts == 0) {
    d.reason =
        by_ticker <= 0
            ? fmt::format("{} contracts already open on the ticker (max {})", open_contracts,
                          cfg_.max_contracts_per_ticker)
            : fmt::format(
                  "risk budget {:.2f} (trade {:.1f}%, day left {:.2f} of {:.1f}%) < one "
                  "contract {:.2f}",
                  budget, cfg_.risk_per_trade_pct, day_left, cfg_.risk_per_day_pct, per_contract);
  } else {
    d.reason =
        fmt::format("{} contracts: risk {:.2f} of budget {:.2f}{}", d.contracts, d.risk, budget,
                    by_ticker < by_risk ? " (capped by the per-ticker maximum)" : "");
  }
  return d;
}

risk::ExitRules ladder_only_rules(double trail_pct) {
  risk::ExitRules r;
  r.premium_stop_pct = 100.0;  // a long option cannot lose more; the ladder starts at -trail
  r.reward_risk = 1e9;         // no fixed target: the ladder rides winners
  r.ladder_enabled = true;
  r.ladder_trail_pct = trail_pct;
  r.underlying_trail_enabled = false;
  r.partial_enabled = false;
  r.max_hold_no_profit = core::Duration::max();
  r.max_hold_negative = core::Duration::max();
  return r;
}

UnwindCheck gamma_unwind(const quant::ChainAnalytics& a, double spot, double entry_strike,
                         int direction, const GammaScalpConfig& cfg) {
  UnwindCheck u;
  const double share = gex_share_at(a, spot, entry_strike, cfg);
  if (share < cfg.min_concentration * cfg.unwind_fraction) {
    u.unwind = true;
    u.reason =
        fmt::format("gamma unwind: strike {:.2f} holds {:.0f}% of |GEX| (< {:.0f}%)", entry_strike,
                    share * 100, cfg.min_concentration * cfg.unwind_fraction * 100);
    return u;
  }
  const double beyond = direction * (spot - entry_strike) / entry_strike;
  if (beyond >= cfg.pass_through_pct - 1e-12) {
    u.unwind = true;
    u.reason = fmt::format("gamma unwind: price {:.2f} went {:.3f}% through strike {:.2f}", spot,
                           beyond * 100, entry_strike);
  }
  return u;
}

}  // namespace zerodte::strategy::market_structure
