#pragma once
// The option selector shared by every strategy (issue 9 §2; seed 000 "Option Selector", seed 004
// §3.2 "ATM strike selection").
//
//   expiry:  choose_expiry(listed expiries, today, rule)   0DTE by default; 1DTE; N DTE; or the
//            nearest expiry at least `min_calendar_days` away (NSE weeklies).
//   strike:  ATM = the listed strike nearest to spot (ties go up: round(spot / step) x step);
//            target |delta|; or ATM +- k strikes (+k = higher strike).
//   filters: bid/ask spread <= max_spread (40c) and <= max_spread_pct of mid, theta per day <=
//            max_theta_per_day (seed 000 "theta < -0.15"), open interest >= min_open_interest,
//            volume >= min_volume, last > 0, quote age <= max_quote_age.
//   fallback: when the first choice fails a filter, ATM +- 1 (nearer-to-spot side first), up to
//            `fallback_steps` strikes away (seed 004 "If any fail -> try ATM +- 1 strike").
// The result names the chosen contract and every contract it tried and why it was refused, so
// a strategy can log a suppression that says exactly which filter failed.
#include <optional>
#include <string>
#include <vector>

#include "zerodte/core/calendar.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/strategy/option_contract.hpp"

namespace zerodte::strategy {

struct ExpiryRule {
  int dte = 0;  // trading days ahead: 0 = today (0DTE), 1 = next trading day (1DTE), ...
  // When > 0: ignore `dte` and take the nearest expiry at least this many calendar days after
  // today (e.g. 4 with seed 004's "days to expiry <= 3 -> exit" rule).
  int min_calendar_days = 0;
  // With `dte`: accept the first listed expiry on or after the target day (weekly-only
  // underlyings); false = only the exact day.
  bool allow_later = false;
};

enum class StrikeRule : std::uint8_t { kAtm, kDelta, kAtmOffset };

struct ContractFilters {
  double max_spread = 0.40;                 // ask - bid, per unit; <= 0: off
  double max_spread_pct = 0;                // (ask - bid) / mid; <= 0: off
  std::optional<double> max_theta_per_day;  // require theta_per_day <= this (seed 000: -0.15)
  std::int64_t min_open_interest = 0;       // seed 004: 1000
  std::int64_t min_volume = 0;              // seed 004: volume > 0 -> 1
  bool require_last = false;                // seed 004: LTP > 0
  core::Duration max_quote_age = core::Duration::zero();  // zero: off
};

struct SelectorRules {
  StrikeRule strike_rule = StrikeRule::kAtm;
  double target_delta = 0.50;  // kDelta: |delta| target
  int atm_offset = 0;          // kAtmOffset: strikes above (+) or below (-) ATM
  int fallback_steps = 1;      // try up to this many strikes either side of the first choice
  ContractFilters filters;
};

struct RejectedContract {
  double strike = 0;
  std::string reason;  // "spread 0.55 > max_spread 0.40"
};

struct OptionSelection {
  OptionContract contract;
  double atm_strike = 0;
  int offset_from_first = 0;  // 0 = first choice, +-1 = fallback
  std::vector<RejectedContract> rejected;
  [[nodiscard]] std::string describe() const;  // "SPY 0DTE 450 call (ATM 450), mid 1.25"
};

// Strike nearest to spot among `strikes` (ascending); ties go to the higher strike.
[[nodiscard]] std::optional<double> atm_strike(const std::vector<double>& strikes, double spot);

// Empty string when the contract passes, else the first failing filter with its value.
[[nodiscard]] std::string check_filters(const OptionContract& c, const ContractFilters& f,
                                        core::Timestamp now);

// The expiry `rule` picks from `expiries` (any order); kInvalid naming the rule when none fits.
core::Result<core::Date> choose_expiry(const std::vector<core::Date>& expiries, core::Date today,
                                       const ExpiryRule& rule,
                                       const core::TradingCalendar& calendar);

// Chooses a contract of `right` from `chain` (spot from chain.spot). Errors (kInvalid) name the
// underlying, expiry and every contract tried with the filter it failed.
core::Result<OptionSelection> select_option(const OptionChainView& chain, OptionRight right,
                                            const SelectorRules& rules, core::Timestamp now);

}  // namespace zerodte::strategy
