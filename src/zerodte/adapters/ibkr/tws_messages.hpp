#pragma once
// TWS API messages at protocol level kServerVersion (151): the contract and order fields zerodte
// uses, encoders for the requests it sends and decoders for the answers it reads. The field orders
// follow the reference EClient.placeOrder / EDecoder (tws_messages_encode.cpp,
// tws_messages_decode.cpp). The fake TWS in tests/adapters_ibkr encodes the server side with
// the *_server encoders here, so both directions are exercised.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/adapters/ibkr/tws_wire.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/core/price.hpp"

namespace zerodte::adapters::ibkr {

struct ComboLeg {
  std::int64_t con_id = 0;
  std::int64_t ratio = 1;
  std::string action = "BUY";  // BUY | SELL
  std::string exchange = "SMART";
};

struct Contract {
  std::int64_t con_id = 0;
  std::string symbol;           // underlying for options ("SPX" for SPXW)
  std::string sec_type;         // STK | OPT | BAG | IND
  std::string last_trade_date;  // YYYYMMDD for options
  core::Price strike = core::Price::zero();
  std::string right;       // C | P | ""
  std::string multiplier;  // "100" for US options
  std::string exchange = "SMART";
  std::string primary_exchange;
  std::string currency = "USD";
  std::string local_symbol;   // OCC padded symbol for US options
  std::string trading_class;  // "SPXW", "SPY"
  std::vector<ComboLeg> combo_legs;
};

struct Order {
  std::int64_t order_id = 0;
  std::string action;  // BUY | SELL
  std::int64_t total_quantity = 0;
  std::string order_type;  // MKT | LMT | STP | STP LMT
  core::Price lmt_price = core::Price::undefined();
  core::Price aux_price = core::Price::undefined();
  std::string tif = "DAY";
  std::string account;
  std::string order_ref;  // zerodte's client_order_id
  bool transmit = true;
  bool outside_rth = false;
  // Read back from openOrder.
  std::int64_t client_id = 0;
  std::int64_t perm_id = 0;
};

// ---- client -> TWS -------------------------------------------------------------------------
std::string encode_start_api(std::int64_t client_id);
// placeOrder at version 151 (no VERSION field since 145); BAG contracts carry their combo legs.
std::string encode_place_order(const Order& order, const Contract& contract);
std::string encode_cancel_order(std::int64_t order_id);
std::string encode_req_all_open_orders();
std::string encode_req_open_orders();
std::string encode_req_ids();
struct ExecutionFilter {
  std::int64_t client_id = 0;  // 0 = all clients
  std::string account;
  std::string time;  // "yyyymmdd-hh:mm:ss" (UTC) or "" for the whole day
};
std::string encode_req_executions(std::int64_t req_id, const ExecutionFilter& f);
std::string encode_req_positions();
std::string encode_req_account_summary(std::int64_t req_id, std::string_view tags);
std::string encode_req_current_time();
std::string encode_req_contract_details(std::int64_t req_id, const Contract& c);
std::string encode_req_mkt_data(std::int64_t ticker_id, const Contract& c,
                                std::string_view generic_ticks);
std::string encode_cancel_mkt_data(std::int64_t ticker_id);
std::string encode_req_mkt_depth(std::int64_t ticker_id, const Contract& c, int rows);
std::string encode_cancel_mkt_depth(std::int64_t ticker_id);
// Today's finished orders (filled, cancelled, inactive); api_only: placed through the API.
std::string encode_req_completed_orders(bool api_only);

// ---- TWS -> client (decoded) ---------------------------------------------------------------
struct OrderStatusMsg {
  std::int64_t order_id = 0;
  std::string status;  // PendingSubmit, PreSubmitted, Submitted, Filled, Cancelled, ...
  std::int64_t filled = 0;
  std::int64_t remaining = 0;
  core::Price avg_fill_price;
  std::int64_t perm_id = 0;
  std::int64_t parent_id = 0;
  core::Price last_fill_price;
  std::int64_t client_id = 0;
  std::string why_held;
};
struct OpenOrderMsg {
  Order order;
  Contract contract;
  std::vector<core::Price> combo_leg_prices;
};
struct ExecutionMsg {
  std::int64_t req_id = -1;
  std::int64_t order_id = 0;
  Contract contract;
  std::string exec_id;
  std::string time;  // "20251121  10:15:03" or "20251121 10:15:03 US/Eastern"
  std::string account;
  std::string exchange;
  std::string side;  // BOT | SLD
  std::int64_t shares = 0;
  core::Price price;
  std::int64_t perm_id = 0;
  std::int64_t client_id = 0;
  std::int64_t cum_qty = 0;
  core::Price avg_price;
  std::string order_ref;
  int last_liquidity = 0;  // 1 added (maker), 2 removed (taker)
};
struct CommissionMsg {
  std::string exec_id;
  core::Price commission;
  std::string currency;
};
struct ErrorMsg {
  std::int64_t id = -1;
  int code = 0;
  std::string text;
};
struct PositionMsg {
  std::string account;
  Contract contract;
  std::int64_t position = 0;
  core::Price avg_cost;  // per contract including the multiplier (TWS convention)
};
struct AccountSummaryMsg {
  std::int64_t req_id = 0;
  std::string account;
  std::string tag;
  std::string value;
  std::string currency;
};
struct TickPriceMsg {
  std::int64_t ticker_id = 0;
  int tick_type = 0;
  core::Price price;
  std::int64_t size = 0;
};
struct TickSizeMsg {
  std::int64_t ticker_id = 0;
  int tick_type = 0;
  std::int64_t size = 0;
};
struct TickOptionMsg {
  std::int64_t ticker_id = 0;
  int tick_type = 0;
  // -1 (or -2 for the price fields) means "not computed" (TWS convention).
  double implied_vol = -1;
  double delta = -2;
  double opt_price = -1;
  double pv_dividend = -1;
  double gamma = -2;
  double vega = -2;
  double theta = -2;
  double und_price = -1;
};
struct DepthMsg {
  std::int64_t ticker_id = 0;
  int position = 0;
  int operation = 0;  // 0 insert, 1 update, 2 delete
  int side = 0;       // 0 ask, 1 bid
  core::Price price;
  std::int64_t size = 0;
};
// A finished order (completedOrder, 150+): no orderId, matched by orderRef / permId.
struct CompletedOrderMsg {
  Order order;
  Contract contract;
  std::string status;  // Filled, Cancelled, Inactive, ...
};
struct ContractDataMsg {
  std::int64_t req_id = 0;
  Contract contract;
  core::Price min_tick;
};

// Each decoder takes a reader positioned after the message id.
core::Result<OrderStatusMsg> decode_order_status(FieldReader& r);
core::Result<OpenOrderMsg> decode_open_order(FieldReader& r);
core::Result<ExecutionMsg> decode_execution(FieldReader& r);
core::Result<CommissionMsg> decode_commission(FieldReader& r);
core::Result<ErrorMsg> decode_error(FieldReader& r);
core::Result<PositionMsg> decode_position(FieldReader& r);
core::Result<AccountSummaryMsg> decode_account_summary(FieldReader& r);
core::Result<TickPriceMsg> decode_tick_price(FieldReader& r);
core::Result<TickSizeMsg> decode_tick_size(FieldReader& r);
core::Result<TickOptionMsg> decode_tick_option(FieldReader& r);
core::Result<DepthMsg> decode_depth(FieldReader& r, bool l2);
core::Result<ContractDataMsg> decode_contract_data(FieldReader& r);
core::Result<CompletedOrderMsg> decode_completed_order(FieldReader& r);

// ---- server side (the fake TWS in tests; also documents the layouts) -------------------------
std::string encode_order_status_server(const OrderStatusMsg& m);
std::string encode_open_order_server(const OpenOrderMsg& m);
std::string encode_execution_server(const ExecutionMsg& m);
std::string encode_commission_server(const CommissionMsg& m);
std::string encode_error_server(const ErrorMsg& m);
std::string encode_position_server(const PositionMsg& m);
std::string encode_account_summary_server(const AccountSummaryMsg& m);
std::string encode_tick_price_server(const TickPriceMsg& m);
std::string encode_tick_size_server(const TickSizeMsg& m);
std::string encode_tick_option_server(const TickOptionMsg& m);
std::string encode_depth_server(const DepthMsg& m);
std::string encode_contract_data_server(const ContractDataMsg& m);
std::string encode_completed_order_server(const CompletedOrderMsg& m);
std::string encode_simple_server(int msg_id, int version, std::vector<std::string> fields);

// Decodes a client placeOrder (fake server side): the order and contract fields zerodte sends.
core::Result<OpenOrderMsg> decode_place_order_server(FieldReader& r);

}  // namespace zerodte::adapters::ibkr
