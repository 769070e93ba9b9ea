#pragma once
// Tradier Brokerage API wire format (documentation.tradier.com: "Place an option order",
// "Place a multileg order", "Get orders", "Get positions", "Get balances", "Account streaming").
//
//   POST /v1/accounts/{id}/orders, form-encoded, Accept: application/json:
//     class=option&symbol=SPY&option_symbol=SPY251121C00660000&side=buy_to_open&quantity=2
//       &type=limit&duration=day&price=1.25&tag=<client_order_id>
//     class=multileg&symbol=SPY&type=credit&duration=day&price=0.85
//       &option_symbol[0]=...&side[0]=sell_to_open&quantity[0]=1&option_symbol[1]=...&tag=...
//   Multileg type from the signed net price: > 0 debit, < 0 credit (price sent positive),
//   0 even; market orders are type=market. Option sides need an explicit open/close intent.
//   PUT  /v1/accounts/{id}/orders/{order_id}: type, duration, price, stop (in place).
// Responses are JSON translated from XML: a one-element list is a bare object and an empty one
// is the string "null"; old payloads (the SDK fixtures, 2013) capitalise enum values and use
// order_id/time_in_force. Both are read.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/execution/execution_client.hpp"
#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/model/orders.hpp"

namespace zerodte::adapters::tradier {

std::optional<model::OrderStatus> map_order_status(std::string_view tradier_status);

// application/x-www-form-urlencoded body of a new order (tag = client_order_id).
core::Result<std::string> encode_order(const model::OrderIntent& order,
                                       const model::InstrumentRegistry& reg);
// Body of an in-place modification (price/stop; type and duration repeated as sent).
core::Result<std::string> encode_modify(const model::OrderIntent& original,
                                        const execution::ModifyRequest& request);
std::string form_escape(std::string_view s);

struct TradierOrder {
  execution::VenueOrderState state;  // order.client_order_id = tag ("" when untagged)
  std::string id;
  std::string tag;
  std::vector<std::int64_t> leg_exec_qty;  // multileg: per leg; single: {exec_quantity}
  std::vector<core::Price> leg_avg_price;
};
core::Result<std::vector<TradierOrder>> decode_orders(std::string_view json,
                                                      model::InstrumentRegistry& reg);
core::Result<TradierOrder> decode_order(std::string_view json, model::InstrumentRegistry& reg);
// {"order":{"id":123,"status":"ok"}}: the new order id, or kRejected with Tradier's errors.
core::Result<std::string> decode_placed(std::string_view json);

core::Result<std::vector<execution::PositionSnapshot>> decode_positions(
    std::string_view json, model::InstrumentRegistry& reg);
core::Result<execution::AccountSnapshot> decode_balances(std::string_view json);

// {"stream":{"url":"wss://...","sessionid":"..."}}
struct StreamSession {
  std::string url;
  std::string session_id;
};
core::Result<StreamSession> decode_stream_session(std::string_view json);
std::string encode_subscription(std::string_view session_id);

// An account-stream event. Order events carry the order id, its status and cumulative fill
// state, but no symbol, tag or legs (the adapter knows those from REST).
struct OrderEvent {
  bool is_order = false;
  bool is_heartbeat = false;
  std::string id;
  model::OrderStatus status = model::OrderStatus::kAccepted;
  std::string raw_status;
  std::int64_t executed_qty = 0;
  std::int64_t remaining_qty = 0;
  core::Price avg_fill_price;
  core::Price last_fill_price;
  std::int64_t last_fill_qty = 0;
  core::Timestamp ts;
};
core::Result<OrderEvent> decode_event(std::string_view json);

}  // namespace zerodte::adapters::tradier
