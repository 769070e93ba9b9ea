#pragma once
// One option contract as a strategy sees it (the latest quote, Greeks and contract terms), and one
// expiry's chain for one underlying. The StrategyHost builds these from the InstrumentRegistry
// and the latest model::OptionQuote of each contract (StrategyContext::option_chain()); tests and
// tools can fill them by hand. Prices are per unit of the underlying (per share / index point).
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "zerodte/core/ids.hpp"
#include "zerodte/core/price.hpp"
#include "zerodte/core/time.hpp"
#include "zerodte/model/occ_symbol.hpp"

namespace zerodte::strategy {

using model::OptionRight;

struct OptionContract {
  core::InstrumentId instrument;
  std::string symbol;  // OCC padded form or the NSE trading symbol
  OptionRight right = OptionRight::kCall;
  double strike = 0;
  core::Date expiry;
  core::Price bid = core::Price::undefined();
  core::Price ask = core::Price::undefined();
  core::Price last = core::Price::undefined();
  std::int64_t bid_size = 0;
  std::int64_t ask_size = 0;
  std::int64_t volume = 0;
  std::int64_t open_interest = 0;
  bool has_greeks = false;
  double iv = 0;
  double delta = 0;           // per 1.00 of the underlying
  double gamma = 0;           // per 1.00 of the underlying
  double theta_per_day = 0;   // per calendar day, per unit
  double vega_per_point = 0;  // per 1 vol point (0.01)
  std::int64_t multiplier = 100;
  std::int64_t lot_size = 1;
  core::Timestamp quote_ts;  // zero: never quoted

  [[nodiscard]] bool has_two_sided_quote() const {
    return bid.is_defined() && ask.is_defined() && ask.raw() > 0 && bid.raw() >= 0 &&
           ask.raw() >= bid.raw();
  }
  [[nodiscard]] double mid() const {
    return has_two_sided_quote() ? 0.5 * (bid.to_double() + ask.to_double()) : std::nan("");
  }
  [[nodiscard]] double spread() const {
    return has_two_sided_quote() ? ask.to_double() - bid.to_double() : std::nan("");
  }
  [[nodiscard]] bool is_call() const { return right == OptionRight::kCall; }
};

struct OptionChainView {
  core::InstrumentId underlying;
  std::string underlying_symbol;
  core::Date expiry;
  double spot = std::nan("");  // underlying price when the view was built (NaN: unknown)
  core::Timestamp as_of;
  std::vector<OptionContract> contracts;  // ascending strike, calls before puts

  [[nodiscard]] const OptionContract* find(double strike, OptionRight right) const;
  [[nodiscard]] std::vector<double> strikes() const;  // distinct, ascending
  [[nodiscard]] bool empty() const { return contracts.empty(); }
};

}  // namespace zerodte::strategy
