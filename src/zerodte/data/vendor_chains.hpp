#pragma once
// Option-chain snapshots from vendor JSON payloads -> OptionQuote events with vendor greeks:
//   Polygon/Massive  GET /v3/snapshot/options/{underlying}[/{contract}]  ("results")
//   Alpaca           GET /v1beta1/options/snapshots/{underlying}         ("snapshots")
//   Tradier          GET /v1/markets/options/chains                       ("options.option")
//   AlphaVantage     function=REALTIME_OPTIONS | HISTORICAL_OPTIONS         ("data", string values)
// Contracts are interned from their OCC symbols. A malformed payload or contract gives an error
// naming the source and the JSON path ("results[3].details.ticker").
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/model/market_events.hpp"

namespace zerodte::data {

enum class ChainVendor : std::uint8_t { kPolygon, kAlpaca, kTradier, kAlphaVantage };
std::string_view to_string(ChainVendor v);

// Recognises the payload by its top-level keys.
core::Result<ChainVendor> detect_chain_vendor(std::string_view json, std::string_view source);

// `as_of` stamps quotes that carry no time of their own (Tradier, AlphaVantage without date).
core::Result<std::vector<model::OptionQuote>> parse_chain_snapshot(
    std::string_view json, std::string_view source, model::InstrumentRegistry& registry,
    core::Timestamp as_of);

}  // namespace zerodte::data
