#pragma once
// Hand-made option chains for selector, structure and strategy tests.
#include <cmath>

#include "zerodte/strategy/option_contract.hpp"

namespace zerodte::strategy::testing {

inline core::Price px(double v) {
  return *core::Price::from_double(v);
}

// A contract quoted mid -+ half_spread.
inline OptionContract contract(OptionRight right, double strike, double mid,
                               double half_spread = 0.05, core::Date expiry = {2025, 3, 14}) {
  OptionContract c;
  c.instrument = core::InstrumentId{static_cast<std::uint32_t>(strike * 10) +
                                    (right == OptionRight::kCall ? 0u : 50000u)};
  c.symbol = std::string(right == OptionRight::kCall ? "C" : "P") + std::to_string(int(strike));
  c.right = right;
  c.strike = strike;
  c.expiry = expiry;
  c.bid = px(std::round((mid - half_spread) * 100) / 100);
  c.ask = px(std::round((mid + half_spread) * 100) / 100);
  c.last = c.bid;
  c.volume = 100;
  c.open_interest = 5000;
  c.has_greeks = true;
  c.delta = right == OptionRight::kCall ? 0.5 : -0.5;
  c.theta_per_day = -0.20;
  c.multiplier = 100;
  return c;
}

inline OptionChainView chain_of(std::vector<OptionContract> cs, double spot) {
  OptionChainView v;
  v.underlying_symbol = "SPY";
  v.expiry = core::Date{2025, 3, 14};
  v.spot = spot;
  v.contracts = std::move(cs);
  return v;
}

}  // namespace zerodte::strategy::testing
