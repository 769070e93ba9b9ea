#pragma once
// A venue-neutral JSON encoding of a new order, written into a caller's buffer without
// allocating: the "serialized venue request" of the order-path benchmark, and the body the sim
// venue's paper-trading log shows. Field names follow Alpaca's order API (client_order_id, qty,
// side, type, time_in_force, limit_price, stop_price, order_class "mleg" with legs[{symbol,
// side, ratio_qty, position_intent}]) because it is the plainest of the four brokers; each broker
// adapter owns its exact wire format.
#include <cstddef>
#include <functional>
#include <span>
#include <string_view>

#include "zerodte/core/error.hpp"
#include "zerodte/model/orders.hpp"

namespace zerodte::execution {

// The venue symbol of an instrument (e.g. "SPY251121C00660000"); empty when unknown.
using SymbolLookup = std::function<std::string_view(core::InstrumentId)>;

// Shortest exact decimal of a price into `out` (no allocation); returns the characters written.
std::size_t format_price(core::Price p, std::span<char> out);

// Writes the order as JSON; fails with kOutOfRange when `out` is too small and kNotFound when a
// leg's symbol is unknown.
core::Result<std::size_t> write_order_json(const model::OrderIntent& order,
                                           const SymbolLookup& symbols, std::span<char> out);

}  // namespace zerodte::execution
