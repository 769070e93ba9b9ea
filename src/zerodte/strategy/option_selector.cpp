#include "zerodte/strategy/option_selector.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace zerodte::strategy {

std::optional<double> atm_strike(const std::vector<double>& strikes, double spot) {
  if (strikes.empty() || !std::isfinite(spot)) return std::nullopt;
  double best = strikes.front();
  double best_d = std::abs(best - spot);
  for (const double k : strikes) {
    const double d = std::abs(k - spot);
    // Ties (within a micro-unit) go to the higher strike: round(spot / step) x step.
    if (d < best_d - 1e-9 || (std::abs(d - best_d) <= 1e-9 && k > best)) {
      best = k;
      best_d = d;
    }
  }
  return best;
}

std::string check_filters(const OptionContract& c, const ContractFilters& f, core::Timestamp now) {
  if (!c.has_two_sided_quote()) return "no two-sided quote";
  const double spread = c.spread();
  const double mid = c.mid();
  if (f.max_spread > 0 && spread > f.max_spread + 1e-9) {
    return fmt::format("spread {:.2f} > max_spread {:.2f}", spread, f.max_spread);
  }
  if (f.max_spread_pct > 0) {
    if (!(mid > 0)) return "mid is 0";
    const double pct = spread / mid;
    if (pct > f.max_spread_pct + 1e-12) {
      return fmt::format("spread {:.1f}% of mid > max_spread_pct {:.1f}%", pct * 100,
                         f.max_spread_pct * 100);
    }
  }
  if (f.max_theta_per_day) {
    if (!c.has_greeks) return "no greeks for the theta filter";
    if (c.theta_per_day > *f.max_theta_per_day + 1e-12) {
      return fmt::format("theta {:.3f}/day > max_theta_per_day {:.3f}", c.theta_per_day,
                         *f.max_theta_per_day);
    }
  }
  if (c.open_interest < f.min_open_interest) {
    return fmt::format("open interest {} < min_open_interest {}", c.open_interest,
                       f.min_open_interest);
  }
  if (c.volume < f.min_volume) {
    return fmt::format("volume {} < min_volume {}", c.volume, f.min_volume);
  }
  if (f.require_last && !(c.last.is_defined() && c.last.raw() > 0)) return "last price is not > 0";
  if (f.max_quote_age > core::Duration::zero()) {
    if (!c.quote_ts.is_set()) return "never quoted";
    const core::Duration age{now.ns - c.quote_ts.ns};
    if (age > f.max_quote_age) {
      return fmt::format("quote age {}s > max_quote_age {}s",
                         std::chrono::duration_cast<std::chrono::seconds>(age).count(),
                         std::chrono::duration_cast<std::chrono::seconds>(f.max_quote_age).count());
    }
  }
  return {};
}

core::Result<core::Date> choose_expiry(const std::vector<core::Date>& expiries, core::Date today,
                                       const ExpiryRule& rule,
                                       const core::TradingCalendar& calendar) {
  std::vector<core::Date> sorted = expiries;
  std::sort(sorted.begin(), sorted.end());
  if (rule.min_calendar_days > 0) {
    for (const auto& d : sorted) {
      if (d.days_since_epoch() - today.days_since_epoch() >= rule.min_calendar_days) return d;
    }
    return core::fail(core::ErrorCode::kInvalid,
                      "no expiry at least {} calendar days after {} among {} listed expiries",
                      rule.min_calendar_days, today.to_string(), sorted.size());
  }
  if (rule.dte < 0) return core::fail(core::ErrorCode::kInvalid, "dte {} < 0", rule.dte);
  core::Date target = today;
  if (!calendar.is_trading_day(target)) target = calendar.next_trading_day(target);
  for (int i = 0; i < rule.dte; ++i)
    target = calendar.next_trading_day(target);
  for (const auto& d : sorted) {
    if (d == target) return d;
    if (rule.allow_later && target < d) return d;
  }
  return core::fail(core::ErrorCode::kInvalid, "no {}DTE expiry ({}{}) among {} listed expiries",
                    rule.dte, target.to_string(), rule.allow_later ? " or later" : "",
                    sorted.size());
}

std::string OptionSelection::describe() const {
  return fmt::format("{} {} {} {} (ATM {}), bid {} ask {}", contract.symbol,
                     contract.expiry.to_string(), contract.strike,
                     contract.is_call() ? "call" : "put", atm_strike, contract.bid.to_string(),
                     contract.ask.to_string());
}

core::Result<OptionSelection> select_option(const OptionChainView& chain, OptionRight right,
                                            const SelectorRules& rules, core::Timestamp now) {
  const std::string what =
      fmt::format("{} {} {}", chain.underlying_symbol, chain.expiry.to_string(),
                  right == OptionRight::kCall ? "calls" : "puts");
  std::vector<double> strikes;
  for (const auto& c : chain.contracts) {
    if (c.right == right) strikes.push_back(c.strike);
  }
  std::sort(strikes.begin(), strikes.end());
  strikes.erase(std::unique(strikes.begin(), strikes.end()), strikes.end());
  if (strikes.empty()) return core::fail(core::ErrorCode::kInvalid, "{}: chain is empty", what);
  const auto atm = atm_strike(strikes, chain.spot);
  if (!atm) return core::fail(core::ErrorCode::kInvalid, "{}: spot unknown", what);
  const auto atm_index =
      static_cast<int>(std::find_if(strikes.begin(), strikes.end(),
                                    [&](double k) { return std::abs(k - *atm) < 1e-9; }) -
                       strikes.begin());

  int first = atm_index;
  if (rules.strike_rule == StrikeRule::kAtmOffset) {
    first = atm_index + rules.atm_offset;
  } else if (rules.strike_rule == StrikeRule::kDelta) {
    double best = 1e300;
    for (int i = 0; i < static_cast<int>(strikes.size()); ++i) {
      const auto* c = chain.find(strikes[static_cast<std::size_t>(i)], right);
      if (c == nullptr || !c->has_greeks) continue;
      const double d = std::abs(std::abs(c->delta) - rules.target_delta);
      if (d < best - 1e-12) {
        best = d;
        first = i;
      }
    }
    if (best == 1e300) {
      return core::fail(core::ErrorCode::kInvalid, "{}: no greeks for delta {} selection", what,
                        rules.target_delta);
    }
  }
  if (first < 0 || first >= static_cast<int>(strikes.size())) {
    return core::fail(core::ErrorCode::kInvalid, "{}: ATM {} {:+} strikes is outside the chain",
                      what, *atm, rules.atm_offset);
  }

  // Candidate order: first choice, then +-1, +-2 ... (the side nearer to spot first).
  std::vector<int> order{first};
  for (int step = 1; step <= rules.fallback_steps; ++step) {
    const int up = first + step;
    const int down = first - step;
    const auto dist = [&](int i) {
      return (i < 0 || i >= static_cast<int>(strikes.size()))
                 ? 1e300
                 : std::abs(strikes[static_cast<std::size_t>(i)] - chain.spot);
    };
    if (dist(up) < dist(down)) {
      order.push_back(up);
      order.push_back(down);
    } else {
      order.push_back(down);
      order.push_back(up);
    }
  }

  OptionSelection sel;
  sel.atm_strike = *atm;
  for (const int i : order) {
    if (i < 0 || i >= static_cast<int>(strikes.size())) continue;
    const double k = strikes[static_cast<std::size_t>(i)];
    const auto* c = chain.find(k, right);
    if (c == nullptr) {
      sel.rejected.push_back({k, "not listed"});
      continue;
    }
    std::string why = check_filters(*c, rules.filters, now);
    if (why.empty()) {
      sel.contract = *c;
      sel.offset_from_first = i - first;
      return sel;
    }
    sel.rejected.push_back({k, std::move(why)});
  }
  std::string tried;
  for (const auto& r : sel.rejected) {
    if (!tried.empty()) tried += "; ";
    tried += fmt::format("{}: {}", r.strike, r.reason);
  }
  return core::fail(core::ErrorCode::kInvalid, "{}: no contract passes the filters ({})", what,
                    tried);
}

}  // namespace zerodte::strategy
