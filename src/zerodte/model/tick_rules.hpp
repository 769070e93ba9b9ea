#pragma once
// Minimum price increments. A TickRule is a two-band rule: prices (by magnitude) below
// `threshold` trade in `tick_below`, prices at or above it in `tick_above`. Single-tick rules
// have tick_below == tick_above. Negative prices (net credits of multi-leg orders) follow the
// rule by magnitude, so the valid set is symmetric around zero.
//
// US listed options (simple orders; complex-order net prices are governed by other rules):
//   standard classes            $0.05 below $3.00, $0.10 at/above      (e.g. SPX, SPXW, NDX, RUT)
//   Penny Interval Program      $0.01 below $3.00, $0.05 at/above      (e.g. AAPL, TSLA, NVDA)
//   all-penny (SPY, QQQ, IWM)   $0.01 at all prices; XSP too (Cboe XSP spec: 0.01 all series)
//   VIX                         $0.01 below $3, $0.05 at/above since Cboe's 2022 change for
//                               single-leg VIX option orders (was 0.05/0.10)
// US equities (Reg NMS Rule 612): $0.01 at/above $1.00, $0.0001 below.
// NSE index and stock options: Rs 0.05.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "zerodte/core/error.hpp"
#include "zerodte/core/price.hpp"

namespace zerodte::model {

enum class TickClass : std::uint8_t {
  kUsOptionStandard,
  kUsOptionPenny,
  kUsOptionAllPenny,
  kUsEquity,
  kNse,
  kCustom,
};
std::string_view to_string(TickClass c);

struct TickRule {
  TickClass tick_class = TickClass::kCustom;
  core::Price threshold;   // magnitudes >= threshold use tick_above
  core::Price tick_below;  // > 0
  core::Price tick_above;  // > 0

  static TickRule us_option_standard();
  static TickRule us_option_penny();
  static TickRule us_option_all_penny();
  static TickRule us_equity();
  static TickRule nse();
  // A custom rule; the threshold must be a non-negative multiple of both ticks so that the
  // boundary price itself is valid in both bands.
  static core::Result<TickRule> custom(core::Price threshold, core::Price tick_below,
                                       core::Price tick_above);
  static TickRule flat(core::Price tick);  // one tick at every price (tick > 0)

  friend bool operator==(const TickRule&, const TickRule&) = default;
};

// The increment that applies at `price` (by magnitude; 3.00 is "at/above $3").
[[nodiscard]] core::Price tick_size(const TickRule& rule, core::Price price);
// True when `price` is on the rule's grid (0 is valid; undefined prices are not).
[[nodiscard]] bool is_valid_price(const TickRule& rule, core::Price price);
// The nearest valid price in the given direction (kDown = toward -inf, kUp = toward +inf,
// kNearest = ties away from zero). Crossing the threshold is handled: rounding 2.99 up under
// 0.05/0.10 gives 3.00, rounding 3.04 down gives 3.00, rounding 3.01 up gives 3.10.
// `price` must be defined.
[[nodiscard]] core::Price round_to_valid(const TickRule& rule, core::Price price,
                                         core::RoundMode mode);
// Validation with a message naming the price, the rule and the nearest valid prices.
core::Status check_price(const TickRule& rule, core::Price price, std::string_view context);

// Which US option classes use which rule. Default: standard; the defaults name all-penny and
// penny classes (see tick_rules.cpp for the list and its date). The penny list changes twice a
// year (Penny Interval Program), so callers can replace or extend it from configuration.
class OptionTickTable {
 public:
  OptionTickTable();               // the defaults
  static OptionTickTable empty();  // every root standard unless set()

  void set(std::string_view root, TickRule rule);
  void erase(std::string_view root);
  // Rule for an option root, e.g. "SPY", "SPXW"; adjusted roots ("SPY1") fall back to the
  // class of `underlying` when the root itself is not listed.
  [[nodiscard]] TickRule for_root(std::string_view root, std::string_view underlying = {}) const;
  [[nodiscard]] std::size_t size() const { return rules_.size(); }

 private:
  struct NoDefaults {};
  explicit OptionTickTable(NoDefaults) {}
  std::map<std::string, TickRule, std::less<>> rules_;
};

}  // namespace zerodte::model
