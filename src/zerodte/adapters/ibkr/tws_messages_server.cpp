// TWS -> client message layouts at protocol level 151, written from the server's side: the fake
// TWS in tests/adapters_ibkr sends these, and decode_place_order_server() reads what the client
// sends. Field orders mirror tws_messages_decode.cpp / tws_messages_encode.cpp.
#include "zerodte/adapters/ibkr/tws_messages.hpp"
#include "zerodte/adapters/ibkr/tws_protocol.hpp"

namespace zerodte::adapters::ibkr {
namespace {

FieldWriter start(In id) {
  FieldWriter w;
  w.i64(static_cast<int>(id));
  return w;
}

// The 11 contract fields of openOrder / execDetails / position (no primaryExchange).
void contract_fields(FieldWriter& w, const Contract& c) {
  w.i64(c.con_id).str(c.symbol).str(c.sec_type).str(c.last_trade_date).dbl(c.strike.to_double());
  w.str(c.right).str(c.multiplier).str(c.exchange).str(c.currency).str(c.local_symbol);
  w.str(c.trading_class);
}

}  // namespace

std::string encode_simple_server(int msg_id, int version, std::vector<std::string> fields) {
  FieldWriter w;
  w.i64(msg_id).i64(version);
  for (const auto& f : fields)
    w.str(f);
  return w.payload();
}

std::string encode_order_status_server(const OrderStatusMsg& m) {
  FieldWriter w = start(In::kOrderStatus);
  w.i64(m.order_id).str(m.status).i64(m.filled).i64(m.remaining);
  w.price_or_unset(m.avg_fill_price.is_defined() ? m.avg_fill_price : core::Price::zero());
  w.i64(m.perm_id).i64(m.parent_id);
  w.price_or_unset(m.last_fill_price.is_defined() ? m.last_fill_price : core::Price::zero());
  w.i64(m.client_id).str(m.why_held).dbl(0.0);  // mktCapPrice
  return w.payload();
}

std::string encode_open_order_server(const OpenOrderMsg& m) {
  const Order& o = m.order;
  FieldWriter w = start(In::kOpenOrder);
  w.i64(o.order_id);
  contract_fields(w, m.contract);
  w.str(o.action).i64(o.total_quantity).str(o.order_type);
  w.price_or_unset(o.lmt_price).price_or_unset(o.aux_price);
  w.str(o.tif).empty().str(o.account).str("O").i64(0).str(o.order_ref);
  w.i64(o.client_id).i64(o.perm_id).boolean(o.outside_rth);
  w.boolean(false).dbl(0).empty().empty();  // hidden, discretionaryAmt, goodAfterTime, shares
  w.empty().empty().empty().empty().empty().empty();  // FA x4, modelCode, goodTillDate
  w.empty().str(kUnsetDoubleText).empty();            // rule80A, percentOffset, settlingFirm
  w.i64(0).empty().i64(-1).i64(0);  // shortSaleSlot, designatedLocation, exemptCode, auction
  for (int i = 0; i < 5; ++i)
    w.str(kUnsetDoubleText);                                     // startingPrice .. stockRangeUpper
  w.i64(0).boolean(false).boolean(false).boolean(false);         // displaySize, block, sweep, AON
  w.str("2147483647").i64(3).boolean(false).boolean(false);      // minQty, ocaType, eTrade, firm
  w.str(kUnsetDoubleText).i64(0).i64(0);                         // nbboPriceCap, parentId, trigger
  w.str(kUnsetDoubleText).i64(0).empty().str(kUnsetDoubleText);  // volatility .. dnAuxPrice
  w.boolean(false).i64(0).str(kUnsetDoubleText).str(kUnsetDoubleText);  // .. trailingPercent
  w.str(kUnsetDoubleText).str("2147483647").empty();  // basisPoints, type, comboLegsDescrip
  w.i64(static_cast<std::int64_t>(m.contract.combo_legs.size()));
  for (const ComboLeg& leg : m.contract.combo_legs) {
    w.i64(leg.con_id).i64(leg.ratio).str(leg.action).str(leg.exchange);
    w.i64(0).i64(0).empty().i64(-1);
  }
  w.i64(static_cast<std::int64_t>(m.combo_leg_prices.size()));
  for (core::Price p : m.combo_leg_prices)
    w.price_or_unset(p);
  w.i64(0);                                                     // smartComboRoutingParams
  w.str("2147483647").str("2147483647").str(kUnsetDoubleText);  // scale sizes, increment
  w.empty().boolean(false).empty().empty().boolean(false);      // hedge .. notHeld
  w.boolean(false).empty().boolean(false).boolean(false);  // dn contract, algo, solicited, whatIf
  w.str("Submitted");                                      // orderState.status
  return w.payload();
}

std::string encode_execution_server(const ExecutionMsg& m) {
  FieldWriter w = start(In::kExecutionData);
  w.i64(m.req_id).i64(m.order_id);
  contract_fields(w, m.contract);
  w.str(m.exec_id).str(m.time).str(m.account).str(m.exchange).str(m.side).i64(m.shares);
  w.price_or_unset(m.price).i64(m.perm_id).i64(m.client_id).i64(0).i64(m.cum_qty);
  w.price_or_unset(m.avg_price).str(m.order_ref).empty().empty().empty().i64(m.last_liquidity);
  return w.payload();
}

std::string encode_commission_server(const CommissionMsg& m) {
  FieldWriter w = start(In::kCommissionReport);
  w.i64(1).str(m.exec_id).price_or_unset(m.commission).str(m.currency);
  w.str(kUnsetDoubleText).str(kUnsetDoubleText).i64(0);  // realizedPNL, yield, redemption date
  return w.payload();
}

std::string encode_error_server(const ErrorMsg& m) {
  FieldWriter w = start(In::kErrMsg);
  w.i64(2).i64(m.id).i64(m.code).str(m.text);
  return w.payload();
}

std::string encode_position_server(const PositionMsg& m) {
  FieldWriter w = start(In::kPositionData);
  w.i64(3).str(m.account);
  contract_fields(w, m.contract);
  w.i64(m.position).price_or_unset(m.avg_cost);
  return w.payload();
}

std::string encode_account_summary_server(const AccountSummaryMsg& m) {
  FieldWriter w = start(In::kAccountSummary);
  w.i64(1).i64(m.req_id).str(m.account).str(m.tag).str(m.value).str(m.currency);
  return w.payload();
}

std::string encode_tick_price_server(const TickPriceMsg& m) {
  FieldWriter w = start(In::kTickPrice);
  w.i64(6).i64(m.ticker_id).i64(m.tick_type).price_or_unset(m.price).i64(m.size).i64(0);
  return w.payload();
}

std::string encode_tick_size_server(const TickSizeMsg& m) {
  FieldWriter w = start(In::kTickSize);
  w.i64(6).i64(m.ticker_id).i64(m.tick_type).i64(m.size);
  return w.payload();
}

std::string encode_tick_option_server(const TickOptionMsg& m) {
  FieldWriter w = start(In::kTickOptionComputation);
  w.i64(6).i64(m.ticker_id).i64(m.tick_type).dbl(m.implied_vol).dbl(m.delta).dbl(m.opt_price);
  w.dbl(m.pv_dividend).dbl(m.gamma).dbl(m.vega).dbl(m.theta).dbl(m.und_price);
  return w.payload();
}

std::string encode_depth_server(const DepthMsg& m) {
  FieldWriter w = start(In::kMarketDepthL2);
  w.i64(1).i64(m.ticker_id).i64(m.position).str("ARCA").i64(m.operation).i64(m.side);
  w.price_or_unset(m.price).i64(m.size).boolean(false);
  return w.payload();
}

std::string encode_contract_data_server(const ContractDataMsg& m) {
  const Contract& c = m.contract;
  FieldWriter w = start(In::kContractData);
  w.i64(8).i64(m.req_id).str(c.symbol).str(c.sec_type).str(c.last_trade_date);
  w.dbl(c.strike.to_double()).str(c.right).str(c.exchange).str(c.currency).str(c.local_symbol);
  w.str(c.trading_class).str(c.trading_class).i64(c.con_id).price_or_unset(m.min_tick).i64(1);
  w.str(c.multiplier).str("ACTIVETIM,LMT,MKT,STP,STPLMT").str("SMART,CBOE").i64(1).i64(0);
  w.str(c.symbol).str(c.primary_exchange);  // longName, primaryExchange
  return w.payload();
}

std::string encode_completed_order_server(const CompletedOrderMsg& m) {
  const Order& o = m.order;
  FieldWriter w = start(In::kCompletedOrder);
  contract_fields(w, m.contract);
  w.str(o.action).i64(o.total_quantity).str(o.order_type);
  w.price_or_unset(o.lmt_price).price_or_unset(o.aux_price);
  w.str(o.tif).empty().str(o.account).str("O").i64(0).str(o.order_ref).i64(o.perm_id);
  w.boolean(o.outside_rth).boolean(false).dbl(0).empty();  // outsideRth .. goodAfterTime
  w.empty().empty().empty().empty().empty().empty();       // FA x4, modelCode, goodTillDate
  w.empty().str(kUnsetDoubleText).empty();                 // rule80A, percentOffset, firm
  w.i64(0).empty().i64(-1);                                // short sale params
  for (int i = 0; i < 5; ++i)
    w.str(kUnsetDoubleText);  // box + peg-to-stock params
  w.i64(0).boolean(false).boolean(false).str("2147483647").i64(3).i64(0);  // .. triggerMethod
  w.str(kUnsetDoubleText).i64(0).empty().str(kUnsetDoubleText);            // vol params, no dn type
  w.boolean(false).i64(0).str(kUnsetDoubleText).str(kUnsetDoubleText).empty();
  w.i64(static_cast<std::int64_t>(m.contract.combo_legs.size()));
  for (const ComboLeg& leg : m.contract.combo_legs) {
    w.i64(leg.con_id).i64(leg.ratio).str(leg.action).str(leg.exchange);
    w.i64(0).i64(0).empty().i64(-1);
  }
  w.i64(0).i64(0);                                              // leg prices, smart params
  w.str("2147483647").str("2147483647").str(kUnsetDoubleText);  // scale
  w.empty().empty().empty().boolean(false).boolean(false);      // hedge .. dn contract
  w.empty().boolean(false).str(m.status);                       // algo, solicited, status
  w.boolean(false).boolean(false).i64(0);                       // randomize flags, conditions
  return w.payload();
}

core::Result<OpenOrderMsg> decode_place_order_server(FieldReader& r) {
  r.set_what("placeOrder");
  OpenOrderMsg m;
  Order& o = m.order;
  Contract& c = m.contract;
  auto i = r.i64();
  if (!i) return std::unexpected(i.error());
  o.order_id = *i;
  if (i = r.i64(); !i) return std::unexpected(i.error());
  c.con_id = *i;
  std::string* strs[] = {&c.symbol, &c.sec_type, &c.last_trade_date};
  for (auto* s : strs) {
    auto f = r.str();
    if (!f) return std::unexpected(f.error());
    *s = std::string(*f);
  }
  auto k = r.price();
  if (!k) return std::unexpected(k.error());
  c.strike = *k;
  std::string* strs2[] = {&c.right,    &c.multiplier,   &c.exchange,     &c.primary_exchange,
                          &c.currency, &c.local_symbol, &c.trading_class};
  for (auto* s : strs2) {
    auto f = r.str();
    if (!f) return std::unexpected(f.error());
    *s = std::string(*f);
  }
  if (auto s = r.skip(2); !s) return std::unexpected(s.error());  // secIdType, secId
  auto f = r.str();
  if (!f) return std::unexpected(f.error());
  o.action = std::string(*f);
  auto q = r.quantity();
  if (!q) return std::unexpected(q.error());
  o.total_quantity = *q;
  if (f = r.str(); !f) return std::unexpected(f.error());
  o.order_type = std::string(*f);
  if (k = r.price(); !k) return std::unexpected(k.error());
  o.lmt_price = *k;
  if (k = r.price(); !k) return std::unexpected(k.error());
  o.aux_price = *k;
  if (f = r.str(); !f) return std::unexpected(f.error());
  o.tif = std::string(*f);
  if (auto s = r.skip(1); !s) return std::unexpected(s.error());  // ocaGroup
  if (f = r.str(); !f) return std::unexpected(f.error());
  o.account = std::string(*f);
  if (auto s = r.skip(2); !s) return std::unexpected(s.error());  // openClose, origin
  if (f = r.str(); !f) return std::unexpected(f.error());
  o.order_ref = std::string(*f);
  auto b = r.boolean();
  if (!b) return std::unexpected(b.error());
  o.transmit = *b;
  if (auto s = r.skip(5); !s) return std::unexpected(s.error());  // parentId .. triggerMethod
  if (b = r.boolean(); !b) return std::unexpected(b.error());
  o.outside_rth = *b;
  if (auto s = r.skip(1); !s) return std::unexpected(s.error());  // hidden
  if (c.sec_type == "BAG") {
    if (i = r.i64(); !i) return std::unexpected(i.error());
    for (std::int64_t n = 0; n < *i && n < 16; ++n) {
      ComboLeg leg;
      auto id = r.i64();
      auto ratio = r.i64();
      auto action = r.str();
      auto exch = r.str();
      if (!id || !ratio || !action || !exch) {
        return core::fail(core::ErrorCode::kParse, "ibkr placeOrder: combo leg {} truncated", n);
      }
      leg.con_id = *id;
      leg.ratio = *ratio;
      leg.action = std::string(*action);
      leg.exchange = std::string(*exch);
      if (auto s = r.skip(4); !s) return std::unexpected(s.error());
      c.combo_legs.push_back(leg);
    }
  }
  return m;
}

}  // namespace zerodte::adapters::ibkr
