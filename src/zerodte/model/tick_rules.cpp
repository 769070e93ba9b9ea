#include "zerodte/model/tick_rules.hpp"

#include <array>
#include <cctype>

#include "zerodte/core/assert.hpp"

namespace zerodte::model {
namespace {

using core::Price;
using core::RoundMode;

Price cents(std::int64_t c) {
  return Price::from_cents(c);
}

// Down/up on the non-negative magnitude m.
Price magnitude_down(const TickRule& r, Price m) {
  return m >= r.threshold ? m.round_to_tick(r.tick_above, RoundMode::kDown)
                          : m.round_to_tick(r.tick_below, RoundMode::kDown);
}
Price magnitude_up(const TickRule& r, Price m) {
  // Below the threshold ceil on the fine grid never passes the threshold (it is a multiple of
  // tick_below), so 2.99 -> 3.00 under 0.05/0.10, which is valid in the upper band too.
  return m >= r.threshold ? m.round_to_tick(r.tick_above, RoundMode::kUp)
                          : m.round_to_tick(r.tick_below, RoundMode::kUp);
}
Price magnitude_nearest(const TickRule& r, Price m) {
  const Price d = magnitude_down(r, m);
  const Price u = magnitude_up(r, m);
  const Price below = m - d;
  const Price above = u - m;
  return below < above ? d : u;  // ties away from zero
}

// Default all-penny and Penny Interval Program classes.
//  - SPY, QQQ, IWM: quoted in $0.01 at all prices (Penny Interval Program rule text, e.g. Cboe
//    Rule 5.4 / Nasdaq ISE Options 3 Section 3).
//  - XSP: Cboe XSP product specification "minimum tick ... 0.01 for all series".
//  - VIX/VIXW: Cboe single-leg VIX option ticks 0.01 below $3 and 0.05 at/above (Cboe notice,
//    Nov 2022; before that 0.05/0.10).
//  - Penny classes below: a conservative subset of the Penny Interval Program list (the ~360
//    most active classes, reviewed semi-annually by the exchanges) - names that have been in the
//    program continuously since it replaced the Penny Pilot in 2020. Replace with the current
//    list from configuration when trading other names.
// Deliberately NOT penny: SPX and SPXW (Cboe SPX spec: 0.05 below $3, 0.10 otherwise), NDX/NDXP,
// RUT/RUTW.
constexpr std::array<std::string_view, 3> kAllPennyEtfs = {"SPY", "QQQ", "IWM"};
constexpr std::array<std::string_view, 19> kPennyClasses = {
    "AAPL", "AMD",  "AMZN", "BAC",  "C",    "EEM", "F",    "GLD", "GOOG", "GOOGL",
    "INTC", "META", "MSFT", "NFLX", "NVDA", "SLV", "TSLA", "TLT", "XLF"};

}  // namespace

std::string_view to_string(TickClass c) {
  switch (c) {
    case TickClass::kUsOptionStandard:
      return "us-option-standard";
    case TickClass::kUsOptionPenny:
      return "us-option-penny";
    case TickClass::kUsOptionAllPenny:
      return "us-option-all-penny";
    case TickClass::kUsEquity:
      return "us-equity";
    case TickClass::kNse:
      return "nse";
    case TickClass::kCustom:
      return "custom";
  }
  return "unknown";
}

TickRule TickRule::us_option_standard() {
  return {TickClass::kUsOptionStandard, Price::from_units(3), cents(5), cents(10)};
}
TickRule TickRule::us_option_penny() {
  return {TickClass::kUsOptionPenny, Price::from_units(3), cents(1), cents(5)};
}
TickRule TickRule::us_option_all_penny() {
  return {TickClass::kUsOptionAllPenny, Price::zero(), cents(1), cents(1)};
}
TickRule TickRule::us_equity() {
  return {TickClass::kUsEquity, Price::from_units(1), Price::from_raw(Price::kScale / 10'000),
          cents(1)};
}
TickRule TickRule::nse() {
  return {TickClass::kNse, Price::zero(), cents(5), cents(5)};
}

core::Result<TickRule> TickRule::custom(Price threshold, Price tick_below, Price tick_above) {
  if (!tick_below.is_defined() || !tick_above.is_defined() || tick_below.raw() <= 0 ||
      tick_above.raw() <= 0) {
    return core::fail(core::ErrorCode::kInvalid, "tick rule: ticks must be positive (got {} / {})",
                      tick_below.to_string(), tick_above.to_string());
  }
  const bool on_both_grids = threshold.raw() == 0 || (threshold.is_multiple_of(tick_below) &&
                                                      threshold.is_multiple_of(tick_above));
  if (!threshold.is_defined() || threshold.raw() < 0 || !on_both_grids) {
    return core::fail(core::ErrorCode::kInvalid,
                      "tick rule: threshold {} must be >= 0 and a multiple of both ticks {} and {}",
                      threshold.to_string(), tick_below.to_string(), tick_above.to_string());
  }
  return TickRule{TickClass::kCustom, threshold, tick_below, tick_above};
}

TickRule TickRule::flat(Price tick) {
  ZDTE_ASSERT(tick.is_defined() && tick.raw() > 0, "flat tick rule needs a positive tick");
  return {TickClass::kCustom, Price::zero(), tick, tick};
}

Price tick_size(const TickRule& rule, Price price) {
  const Price m = price.raw() < 0 ? -price : price;
  return m >= rule.threshold ? rule.tick_above : rule.tick_below;
}

bool is_valid_price(const TickRule& rule, Price price) {
  if (!price.is_defined()) return false;
  const Price m = price.raw() < 0 ? -price : price;
  return m.raw() % tick_size(rule, m).raw() == 0;
}

Price round_to_valid(const TickRule& rule, Price price, RoundMode mode) {
  ZDTE_ASSERT(price.is_defined(), "round_to_valid on an undefined price");
  if (is_valid_price(rule, price)) return price;
  const bool negative = price.raw() < 0;
  const Price m = negative ? -price : price;
  switch (mode) {
    case RoundMode::kNearest: {
      const Price r = magnitude_nearest(rule, m);
      return negative ? -r : r;
    }
    case RoundMode::kDown:
      return negative ? -magnitude_up(rule, m) : magnitude_down(rule, m);
    case RoundMode::kUp:
      return negative ? -magnitude_down(rule, m) : magnitude_up(rule, m);
  }
  return price;
}

core::Status check_price(const TickRule& rule, Price price, std::string_view context) {
  if (!price.is_defined()) {
    return core::fail(core::ErrorCode::kInvalid, "{}: price is undefined", context);
  }
  if (is_valid_price(rule, price)) return core::ok();
  return core::fail(
      core::ErrorCode::kInvalid,
      "{}: price {} is not a multiple of the {} tick {} ({}: {} below {}, {} at or "
      "above); nearest valid prices {} and {}",
      context, price.to_string(), to_string(rule.tick_class), tick_size(rule, price).to_string(),
      to_string(rule.tick_class), rule.tick_below.to_string(), rule.threshold.to_string(),
      rule.tick_above.to_string(), round_to_valid(rule, price, RoundMode::kDown).to_string(),
      round_to_valid(rule, price, RoundMode::kUp).to_string());
}

OptionTickTable::OptionTickTable() {
  for (auto root : kAllPennyEtfs)
    set(root, TickRule::us_option_all_penny());
  set("XSP", TickRule::us_option_all_penny());
  set("VIX", TickRule::us_option_penny());
  set("VIXW", TickRule::us_option_penny());
  for (auto root : kPennyClasses)
    set(root, TickRule::us_option_penny());
}

OptionTickTable OptionTickTable::empty() {
  return OptionTickTable{NoDefaults{}};
}

void OptionTickTable::set(std::string_view root, TickRule rule) {
  rules_.insert_or_assign(std::string(root), rule);
}

void OptionTickTable::erase(std::string_view root) {
  if (auto it = rules_.find(root); it != rules_.end()) rules_.erase(it);
}

TickRule OptionTickTable::for_root(std::string_view root, std::string_view underlying) const {
  if (auto it = rules_.find(root); it != rules_.end()) return it->second;
  if (!underlying.empty()) {
    if (auto it = rules_.find(underlying); it != rules_.end()) return it->second;
  }
  return TickRule::us_option_standard();
}

}  // namespace zerodte::model
