#include "zerodte/strategy/market_structure/structure_planner.hpp"

#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "zerodte/strategy/option_selector.hpp"

namespace zerodte::strategy::market_structure {
namespace {

using analytics::VolRegime;

// First row going `step` (+1 up / -1 down) from ATM (exclusive) whose `right` contract has
// |delta| <= max_delta.
std::optional<int> first_by_delta(const StrikeLadder& l, int k, int step, OptionRight right,
                                  double max_delta) {
  for (int off = step; std::abs(off) <= k; off += step) {
    const StrikeRow* r = l.at(off);
    if (r == nullptr) continue;
    const OptionContract* c = right == OptionRight::kCall ? r->call : r->put;
    if (c != nullptr && c->has_greeks && std::abs(c->delta) <= max_delta) return off;
  }
  return std::nullopt;
}

core::Result<double> strike_at(const StrikeLadder& l, int offset, std::string_view what) {
  const StrikeRow* r = l.at(offset);
  if (r == nullptr)
    return core::fail(core::ErrorCode::kInvalid, "{}: no listed strike at ATM{:+d} (ATM {:.2f})",
                      what, offset, l.atm);
  return r->strike;
}

core::Result<int> need(std::optional<int> off, std::string_view what, double delta, int k) {
  if (!off)
    return core::fail(core::ErrorCode::kInvalid,
                      "{}: no strike within ATM+-{} has a quoted |delta| <= {:.2f}", what, k,
                      delta);
  return *off;
}

core::Result<Structure> build(CrossView view, VolRegime regime, const OptionChainView& chain,
                              const StrikeLadder& l, const PlannerConfig& cfg) {
  const int k = cfg.ladder_strikes;
  const int w = cfg.wing_strikes;
  const bool rich = regime == VolRegime::kElevated || regime == VolRegime::kHigh;
  switch (view) {
    case CrossView::kBullish:
    case CrossView::kBearish: {
      const int dir = view == CrossView::kBullish ? 1 : -1;
      if (!rich) {  // debit: buy ATM, sell toward the move
        const OptionRight right = dir > 0 ? OptionRight::kCall : OptionRight::kPut;
        auto off = need(first_by_delta(l, k, dir, right, cfg.vertical_short_delta),
                        "debit vertical short leg", cfg.vertical_short_delta, k);
        if (!off) return std::unexpected(off.error());
        auto short_k = strike_at(l, *off, "debit vertical short leg");
        if (!short_k) return std::unexpected(short_k.error());
        return build_vertical(chain, right, l.atm, *short_k);
      }
      // credit: sell the OTM side against the move, buy the wing further out
      const OptionRight right = dir > 0 ? OptionRight::kPut : OptionRight::kCall;
      auto off = need(first_by_delta(l, k, -dir, right, cfg.vertical_short_delta),
                      "credit vertical short leg", cfg.vertical_short_delta, k);
      if (!off) return std::unexpected(off.error());
      auto short_k = strike_at(l, *off, "credit vertical short leg");
      auto long_k = strike_at(l, *off - dir * w, "credit vertical wing");
      if (!short_k) return std::unexpected(short_k.error());
      if (!long_k) return std::unexpected(long_k.error());
      return build_vertical(chain, right, *long_k, *short_k);
    }
    case CrossView::kRangeBound: {
      if (regime == VolRegime::kLow) {
        auto up = strike_at(l, w, "iron butterfly wing");
        if (!up) return std::unexpected(up.error());
        return build_iron_butterfly(chain, l.atm, *up - l.atm, false);
      }
      auto c = need(first_by_delta(l, k, 1, OptionRight::kCall, cfg.condor_short_delta),
                    "iron condor short call", cfg.condor_short_delta, k);
      auto p = need(first_by_delta(l, k, -1, OptionRight::kPut, cfg.condor_short_delta),
                    "iron condor short put", cfg.condor_short_delta, k);
      if (!c) return std::unexpected(c.error());
      if (!p) return std::unexpected(p.error());
      auto ch = strike_at(l, *c + w, "iron condor call wing");
      auto pl = strike_at(l, *p - w, "iron condor put wing");
      if (!ch) return std::unexpected(ch.error());
      if (!pl) return std::unexpected(pl.error());
      return build_iron_condor(chain, *pl, l.at(*p)->strike, l.at(*c)->strike, *ch, false);
    }
    case CrossView::kVolExpansion: {
      if (!rich) return build_straddle(chain, l.atm, true);
      auto c = need(first_by_delta(l, k, 1, OptionRight::kCall, cfg.strangle_delta),
                    "strangle call", cfg.strangle_delta, k);
      auto p = need(first_by_delta(l, k, -1, OptionRight::kPut, cfg.strangle_delta), "strangle put",
                    cfg.strangle_delta, k);
      if (!c) return std::unexpected(c.error());
      if (!p) return std::unexpected(p.error());
      return build_strangle(chain, l.at(*p)->strike, l.at(*c)->strike, true);
    }
    case CrossView::kNone:
      break;
  }
  return core::fail(core::ErrorCode::kInvalid, "no view: no structure to plan");
}

}  // namespace

const StrikeRow* StrikeLadder::at(int offset) const {
  for (const auto& r : rows)
    if (r.offset == offset) return &r;
  return nullptr;
}

core::Result<StrikeLadder> strike_ladder(const OptionChainView& chain, int k) {
  const auto strikes = chain.strikes();
  const auto atm = atm_strike(strikes, chain.spot);
  if (!atm)
    return core::fail(core::ErrorCode::kInvalid,
                      "strike ladder {} {}: no strikes or no spot (spot {})",
                      chain.underlying_symbol, chain.expiry.to_string(), chain.spot);
  StrikeLadder l;
  l.atm = *atm;
  std::size_t atm_i = 0;
  while (strikes[atm_i] != *atm)
    ++atm_i;
  for (std::size_t i = 0; i < strikes.size(); ++i) {
    const int off = static_cast<int>(i) - static_cast<int>(atm_i);
    if (std::abs(off) > k) continue;
    l.rows.push_back(StrikeRow{off, strikes[i], chain.find(strikes[i], OptionRight::kCall),
                               chain.find(strikes[i], OptionRight::kPut)});
  }
  return l;
}

core::Result<StructurePlan> plan_structure(CrossView view, analytics::VolRegime regime,
                                           const OptionChainView& chain, const PlannerConfig& cfg) {
  if (regime == VolRegime::kExtreme)
    return core::fail(core::ErrorCode::kInvalid, "VIX regime extreme: no structure");
  if (view == CrossView::kNone)
    return core::fail(core::ErrorCode::kInvalid, "no cross-ticker view: no structure");
  auto ladder = strike_ladder(chain, cfg.ladder_strikes);
  if (!ladder) return std::unexpected(ladder.error());
  auto s = build(view, regime, chain, *ladder, cfg);
  if (!s)
    return core::fail(s.error().code, "{} view, {} VIX, {} {}: {}", to_string(view),
                      analytics::to_string(regime), chain.underlying_symbol,
                      chain.expiry.to_string(), s.error().message);
  StructurePlan p;
  p.structure = std::move(*s);
  p.plan = make_plan(p.structure, cfg.plan);
  p.theta_per_day = p.structure.greeks.theta_per_day;
  p.theta_to_risk = std::isfinite(p.structure.max_loss) && p.structure.max_loss > 0
                        ? p.theta_per_day / p.structure.max_loss
                        : 0;
  p.summary =
      fmt::format("{} ({} view, {} VIX): {}; theta {:+.2f}/day ({:+.1f}% of max loss); {}",
                  to_string(p.structure.kind), to_string(view), analytics::to_string(regime),
                  p.structure.describe(), p.theta_per_day, p.theta_to_risk * 100, p.plan.summary);
  return p;
}

}  // namespace zerodte::strategy::market_structure
