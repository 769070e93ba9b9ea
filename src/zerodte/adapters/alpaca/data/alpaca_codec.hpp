#pragma once
// Alpaca market-data wire decoding (no I/O):
//   AlpacaJsonDecoder    stocks stream (JSON arrays of {"T": "t"|"q"|"b"|"u"|"d"|"s", ...}),
//                        news stream ({"T":"n"}), and REST bodies (bars pages, latest quotes).
//   AlpacaMsgpackDecoder options stream (MessagePack arrays of maps; "t" as RFC-3339 text or a
//                        MessagePack timestamp extension).
// Both also report control messages (success / error / subscription) for the login handshake.
// Symbols are interned in the InstrumentRegistry (cached per decoder: no lock or allocation per
// message once warm). Errors name the source and the element ("alpaca.stocks [2].bp: ...").
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "zerodte/adapters/net/symbol_cache.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/engine/event.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::adapters::alpaca {

struct ControlMessage {
  std::string type;  // "success", "error", "subscription"
  std::string msg;   // "connected", "authenticated", "auth failed", ...
  int code = 0;      // error code (402 auth failed, 406 connection limit exceeded, ...)
};

using SymbolCache = net::SymbolCache;

class AlpacaJsonDecoder {
 public:
  AlpacaJsonDecoder(model::InstrumentRegistry& reg, std::string source);
  ~AlpacaJsonDecoder();
  // One stream frame. Unknown message types are skipped; control messages give no events.
  core::Status decode(std::string_view frame, core::Timestamp ts_recv,
                      std::vector<engine::Event>& out);
  core::Result<std::vector<ControlMessage>> controls(std::string_view frame);
  // REST: GET /v2/stocks/bars -> bars appended; returns next_page_token ("" at the end).
  core::Result<std::string> decode_bars_page(std::string_view body, core::Timestamp ts_recv,
                                             std::int32_t interval_s,
                                             std::vector<engine::Event>& out);
  // REST: GET /v2/stocks/quotes/latest.
  core::Status decode_latest_quotes(std::string_view body, core::Timestamp ts_recv,
                                    std::vector<engine::Event>& out);
  // REST: GET /v1beta1/news -> items; returns next_page_token.
  core::Result<std::string> decode_news_page(std::string_view body, core::Timestamp ts_recv,
                                             std::vector<engine::Event>& out);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

class AlpacaMsgpackDecoder {
 public:
  AlpacaMsgpackDecoder(model::InstrumentRegistry& reg, std::string source);
  core::Status decode(std::string_view frame, core::Timestamp ts_recv,
                      std::vector<engine::Event>& out);
  core::Result<std::vector<ControlMessage>> controls(std::string_view frame);

 private:
  SymbolCache symbols_;
  std::string source_;
};

// MessagePack encoding of a flat client message: {"action": action, key: [values...], ...} or
// {"action":"auth","key":..,"secret":..} (strings only). Used for the options stream.
std::string msgpack_auth(std::string_view key, std::string_view secret);
std::string msgpack_subscribe(
    std::string_view action,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& channels);
// JSON equivalents for the stocks and news streams.
std::string json_auth(std::string_view key, std::string_view secret);
std::string json_subscribe(
    std::string_view action,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& channels);

}  // namespace zerodte::adapters::alpaca
