#pragma once
// Alpaca Trading API v2 wire format for options orders (docs.alpaca.markets: "Create an Order",
// "Options Trading", "Websocket Streaming" / trade_updates, "Account Activities").
//
//   POST  /v2/orders      {"symbol","qty","side","type","time_in_force","limit_price",
//                          "stop_price","client_order_id","position_intent"} for one leg;
//                         {"order_class":"mleg","qty","type","time_in_force","limit_price",
//                          "client_order_id","legs":[{"symbol","ratio_qty","side",
//                          "position_intent"}]} for 2-4 legs (limit: + debit, - credit).
//   PATCH /v2/orders/{id} {"qty","limit_price","stop_price","client_order_id"} (replace).
//   Decimal fields arrive as strings ("1.25") or numbers (the SDK fixtures have both).
// Option symbols are the unpadded OCC form ("SPY251121C00660000"); equities are tickers.
// Everything here is pure (no I/O) so that it is tested against the vendor fixtures directly.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/execution/execution_client.hpp"
#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/model/orders.hpp"

namespace zerodte::adapters::alpaca {

// Alpaca order status -> ours; nullopt for an unknown status (the caller names it in an error).
// done_for_day, stopped, suspended, accepted_for_bidding and pending_* map to working states;
// "calculated" maps by fill quantity (filled when complete).
std::optional<model::OrderStatus> map_order_status(std::string_view alpaca_status);

// The symbol Alpaca uses for an instrument (compact OCC for options).
core::Result<std::string> alpaca_symbol(const model::InstrumentRegistry& reg,
                                        core::InstrumentId id);

// A client_order_id that fits ours (32 chars): ids up to 32 characters are kept; longer ones
// (UUIDs of orders placed elsewhere) become "x" + their first 31 alphanumerics, deterministically,
// so that the stream and the REST listing agree on the alias.
core::ClientOrderId local_client_order_id(std::string_view alpaca_client_order_id);

core::Result<std::string> encode_order(const model::OrderIntent& order,
                                       const model::InstrumentRegistry& reg);
core::Result<std::string> encode_replace(const execution::ModifyRequest& request);

// One order object (REST response or trade_updates "order"); legs of an mleg order become our
// legs (ratio from ratio_qty, intent from position_intent). Unknown symbols are interned.
struct AlpacaOrder {
  execution::VenueOrderState state;
  std::string alpaca_client_order_id;      // as Alpaca has it (may be longer than ours)
  std::vector<std::string> leg_order_ids;  // mleg: venue ids of the legs, in leg order
  std::vector<core::Quantity> leg_filled;  // mleg: per-leg filled quantity
  std::vector<core::Price> leg_avg_price;  // mleg: per-leg average fill price (undefined if none)
};
core::Result<AlpacaOrder> decode_order(std::string_view json, model::InstrumentRegistry& reg);
core::Result<std::vector<AlpacaOrder>> decode_orders(std::string_view json,
                                                     model::InstrumentRegistry& reg);

core::Result<std::vector<execution::PositionSnapshot>> decode_positions(
    std::string_view json, model::InstrumentRegistry& reg);
core::Result<execution::AccountSnapshot> decode_account(std::string_view json);

// GET /v2/account/activities/FILL: one execution per element. exec_id is the part of the
// activity id after "::" (the execution id the stream reports), so replays deduplicate.
struct FillActivity {
  model::Fill fill;  // client_order_id empty: the caller maps order_id
  std::string order_id;
  std::string activity_id;
};
core::Result<std::vector<FillActivity>> decode_fill_activities(std::string_view json,
                                                               model::InstrumentRegistry& reg);

// Messages of the trade_updates WebSocket stream.
enum class StreamKind : std::uint8_t { kAuthorization, kListening, kTradeUpdate, kError, kOther };
struct StreamMessage {
  StreamKind kind = StreamKind::kOther;
  bool authorized = false;        // kAuthorization
  bool listening_trades = false;  // kListening: trade_updates among the streams
  std::string event;              // kTradeUpdate: new, fill, partial_fill, canceled, ...
  std::string execution_id;       // fill/partial_fill
  core::Price price;              // fill/partial_fill: this execution's price
  core::Quantity qty{0};          // fill/partial_fill: this execution's quantity
  core::Timestamp ts;             // event time
  std::optional<AlpacaOrder> order;
  std::string text;  // kError / failed authorization: the server's message
};
core::Result<StreamMessage> decode_stream_message(std::string_view json,
                                                  model::InstrumentRegistry& reg);

std::string encode_auth(std::string_view key_id, std::string_view secret);
std::string encode_listen();

}  // namespace zerodte::adapters::alpaca
