#pragma once
// What a venue accepts, shared by the simulated venue and the live adapters, so that a backtest
// cannot use an order the real broker would reject. validate_order() is run by the order manager
// before anything is journaled or sent; the simulated venue runs it again on arrival.
#include <cstdint>
#include <functional>
#include <string_view>

#include "zerodte/core/error.hpp"
#include "zerodte/core/fixed_string.hpp"
#include "zerodte/model/orders.hpp"
#include "zerodte/model/tick_rules.hpp"

namespace zerodte::execution {

// Bit sets over the model enums.
[[nodiscard]] constexpr std::uint8_t bit(model::OrderType t) {
  return static_cast<std::uint8_t>(1U << static_cast<unsigned>(t));
}
[[nodiscard]] constexpr std::uint8_t bit(model::TimeInForce t) {
  return static_cast<std::uint8_t>(1U << static_cast<unsigned>(t));
}

struct BrokerCapabilities {
  core::FixedString<24> name;
  std::uint8_t max_legs = 1;
  std::uint8_t order_types = 0;            // single-leg order types (bit())
  std::uint8_t tifs = 0;                   // single-leg time in force (bit())
  std::uint8_t multi_leg_order_types = 0;  // 0 = no multi-leg orders
  std::uint8_t multi_leg_tifs = 0;
  bool bracket = false;
  bool oco = false;
  bool modify_in_place = false;  // false: modify is cancel/replace with a new client_order_id
  std::int32_t max_leg_ratio = 1;
  // Net price increment of complex (multi-leg) orders; single legs follow the instrument's rule.
  core::Price complex_tick = core::Price::from_cents(1);
  std::uint8_t max_client_order_id_chars = 32;

  [[nodiscard]] bool supports(model::OrderType t) const { return (order_types & bit(t)) != 0; }
  [[nodiscard]] bool supports(model::TimeInForce t) const { return (tifs & bit(t)) != 0; }
  [[nodiscard]] bool supports_multi_leg(model::OrderType t) const {
    return (multi_leg_order_types & bit(t)) != 0;
  }
  [[nodiscard]] bool supports_multi_leg(model::TimeInForce t) const {
    return (multi_leg_tifs & bit(t)) != 0;
  }

  // Profiles as documented by each broker (docs/ADAPTERS.md cites the pages; the brokers area
  // owns keeping them current). The simulated venue defaults to the profile of the broker it
  // stands in for.
  static BrokerCapabilities alpaca();      // options: day only; mleg up to 4 legs, market/limit
  static BrokerCapabilities tradier();     // multileg up to 4 legs; day/gtc; OTOCO/OCO
  static BrokerCapabilities ibkr();        // combos; all types; day/gtc/ioc; brackets, OCA
  static BrokerCapabilities angelone();    // NSE: single leg; market/limit/SL/SL-M; day/ioc
  static BrokerCapabilities permissive();  // everything the model can express (tests, research)
};

// Tick rule of an instrument (nullptr when unknown: the order is refused, naming the leg).
using TickRuleLookup = std::function<const model::TickRule*(core::InstrumentId)>;

// Checks the order's shape against the venue and the prices against the tick rules: leg count
// and ratios, order type and time in force (single vs multi-leg), bracket/OCO support, required
// prices present and on the grid (limit/stop on the instrument's grid for one leg; the net price
// on complex_tick for several), distinct legs, positive quantity, id length.
[[nodiscard]] core::Status validate_order(const model::OrderIntent& intent,
                                          const BrokerCapabilities& caps,
                                          const TickRuleLookup& ticks);

}  // namespace zerodte::execution
