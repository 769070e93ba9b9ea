// TWS -> client messages at protocol level 151 (field orders of the reference EDecoder).
#include <string>

#include "zerodte/adapters/ibkr/tws_messages.hpp"
#include "zerodte/adapters/ibkr/tws_protocol.hpp"

// Reads one field into `dst` or returns the reader's error (which names message and field).
#define ZDTE_IB_READ(dst, expr)                            \
  do {                                                     \
    auto zdte_v_ = (expr);                                 \
    if (!zdte_v_) return std::unexpected(zdte_v_.error()); \
    dst = *zdte_v_;                                        \
  } while (0)
#define ZDTE_IB_SKIP(r, n)                                                             \
  do {                                                                                 \
    if (auto zdte_s_ = (r).skip(n); !zdte_s_) return std::unexpected(zdte_s_.error()); \
  } while (0)

namespace zerodte::adapters::ibkr {
namespace {

// conId, symbol, secType, lastTradeDate, strike, right, multiplier, exchange, currency,
// localSymbol, tradingClass (the order used by openOrder, execDetails and position).
core::Status read_contract(FieldReader& r, Contract& c) {
  std::string_view s;
  ZDTE_IB_READ(c.con_id, r.i64());
  ZDTE_IB_READ(s, r.str());
  c.symbol = std::string(s);
  ZDTE_IB_READ(s, r.str());
  c.sec_type = std::string(s);
  ZDTE_IB_READ(s, r.str());
  c.last_trade_date = std::string(s.substr(0, s.find(' ')));
  ZDTE_IB_READ(c.strike, r.price());
  if (!c.strike.is_defined()) c.strike = core::Price::zero();
  ZDTE_IB_READ(s, r.str());
  c.right = s == "CALL" ? "C" : s == "PUT" ? "P" : std::string(s);
  ZDTE_IB_READ(s, r.str());
  c.multiplier = std::string(s);
  ZDTE_IB_READ(s, r.str());
  c.exchange = std::string(s);
  ZDTE_IB_READ(s, r.str());
  c.currency = std::string(s);
  ZDTE_IB_READ(s, r.str());
  c.local_symbol = std::string(s);
  ZDTE_IB_READ(s, r.str());
  c.trading_class = std::string(s);
  return core::ok();
}

std::string own(std::string_view s) {
  return std::string(s);
}

}  // namespace

core::Result<OrderStatusMsg> decode_order_status(FieldReader& r) {
  r.set_what("orderStatus");
  OrderStatusMsg m;
  ZDTE_IB_READ(m.order_id, r.i64());
  std::string_view s;
  ZDTE_IB_READ(s, r.str());
  m.status = own(s);
  ZDTE_IB_READ(m.filled, r.quantity());
  ZDTE_IB_READ(m.remaining, r.quantity());
  ZDTE_IB_READ(m.avg_fill_price, r.price());
  ZDTE_IB_READ(m.perm_id, r.i64());
  ZDTE_IB_READ(m.parent_id, r.i64());
  ZDTE_IB_READ(m.last_fill_price, r.price());
  ZDTE_IB_READ(m.client_id, r.i64());
  ZDTE_IB_READ(s, r.str());
  m.why_held = own(s);
  return m;  // mktCapPrice ignored
}

core::Result<OpenOrderMsg> decode_open_order(FieldReader& r) {
  r.set_what("openOrder");
  OpenOrderMsg m;
  Order& o = m.order;
  ZDTE_IB_READ(o.order_id, r.i64());
  if (auto st = read_contract(r, m.contract); !st) return std::unexpected(st.error());
  std::string_view s;
  ZDTE_IB_READ(s, r.str());
  o.action = own(s);
  ZDTE_IB_READ(o.total_quantity, r.quantity());
  ZDTE_IB_READ(s, r.str());
  o.order_type = own(s);
  ZDTE_IB_READ(o.lmt_price, r.price());
  ZDTE_IB_READ(o.aux_price, r.price());
  ZDTE_IB_READ(s, r.str());
  o.tif = own(s);
  ZDTE_IB_SKIP(r, 1);  // ocaGroup
  ZDTE_IB_READ(s, r.str());
  o.account = own(s);
  ZDTE_IB_SKIP(r, 2);  // openClose, origin
  ZDTE_IB_READ(s, r.str());
  o.order_ref = own(s);
  ZDTE_IB_READ(o.client_id, r.i64());
  ZDTE_IB_READ(o.perm_id, r.i64());
  ZDTE_IB_READ(o.outside_rth, r.boolean());
  // hidden, discretionaryAmt, goodAfterTime, sharesAllocation, 4 FA fields, modelCode,
  // goodTillDate, rule80A, percentOffset, settlingFirm, shortSaleSlot, designatedLocation,
  // exemptCode, auctionStrategy, startingPrice, stockRefPrice, delta, stockRangeLower/Upper,
  // displaySize, blockOrder, sweepToFill, allOrNone, minQty, ocaType, eTradeOnly,
  // firmQuoteOnly, nbboPriceCap, parentId, triggerMethod, volatility, volatilityType.
  ZDTE_IB_SKIP(r, 35);
  std::string_view dn_type;
  ZDTE_IB_READ(dn_type, r.str());            // deltaNeutralOrderType
  ZDTE_IB_SKIP(r, 1);                        // deltaNeutralAuxPrice
  if (!dn_type.empty()) ZDTE_IB_SKIP(r, 8);  // conId, firm, account, intent, openClose, ...
  // continuousUpdate, referencePriceType, trailStopPrice, trailingPercent, basisPoints,
  // basisPointsType, comboLegsDescrip.
  ZDTE_IB_SKIP(r, 7);
  std::int64_t legs = 0;
  ZDTE_IB_READ(legs, r.i64());
  if (legs < 0 || legs > 16) {
    return core::fail(core::ErrorCode::kParse, "ibkr openOrder {}: {} combo legs (0..16)",
                      o.order_id, legs);
  }
  for (std::int64_t i = 0; i < legs; ++i) {
    ComboLeg leg;
    ZDTE_IB_READ(leg.con_id, r.i64());
    ZDTE_IB_READ(leg.ratio, r.i64());
    ZDTE_IB_READ(s, r.str());
    leg.action = own(s);
    ZDTE_IB_READ(s, r.str());
    leg.exchange = own(s);
    ZDTE_IB_SKIP(r, 4);  // openClose, shortSaleSlot, designatedLocation, exemptCode
    m.contract.combo_legs.push_back(std::move(leg));
  }
  std::int64_t leg_prices = 0;
  ZDTE_IB_READ(leg_prices, r.i64());
  if (leg_prices < 0 || leg_prices > 16) {
    return core::fail(core::ErrorCode::kParse, "ibkr openOrder {}: {} order combo legs", o.order_id,
                      leg_prices);
  }
  for (std::int64_t i = 0; i < leg_prices; ++i) {
    core::Price p;
    ZDTE_IB_READ(p, r.price());
    m.combo_leg_prices.push_back(p);
  }
  return m;  // the rest (scale, hedge, algo, what-if state) is not used
}

core::Result<ExecutionMsg> decode_execution(FieldReader& r) {
  r.set_what("execDetails");
  ExecutionMsg m;
  ZDTE_IB_READ(m.req_id, r.i64());
  ZDTE_IB_READ(m.order_id, r.i64());
  if (auto st = read_contract(r, m.contract); !st) return std::unexpected(st.error());
  std::string_view s;
  ZDTE_IB_READ(s, r.str());
  m.exec_id = own(s);
  ZDTE_IB_READ(s, r.str());
  m.time = own(s);
  ZDTE_IB_READ(s, r.str());
  m.account = own(s);
  ZDTE_IB_READ(s, r.str());
  m.exchange = own(s);
  ZDTE_IB_READ(s, r.str());
  m.side = own(s);
  ZDTE_IB_READ(m.shares, r.quantity());
  ZDTE_IB_READ(m.price, r.price());
  ZDTE_IB_READ(m.perm_id, r.i64());
  ZDTE_IB_READ(m.client_id, r.i64());
  ZDTE_IB_SKIP(r, 1);  // liquidation
  ZDTE_IB_READ(m.cum_qty, r.quantity());
  ZDTE_IB_READ(m.avg_price, r.price());
  ZDTE_IB_READ(s, r.str());
  m.order_ref = own(s);
  ZDTE_IB_SKIP(r, 3);  // evRule, evMultiplier, modelCode
  std::int64_t liq = 0;
  ZDTE_IB_READ(liq, r.i64());
  m.last_liquidity = static_cast<int>(liq);
  return m;
}

core::Result<CommissionMsg> decode_commission(FieldReader& r) {
  r.set_what("commissionReport");
  CommissionMsg m;
  ZDTE_IB_SKIP(r, 1);  // version
  std::string_view s;
  ZDTE_IB_READ(s, r.str());
  m.exec_id = own(s);
  ZDTE_IB_READ(m.commission, r.price());
  ZDTE_IB_READ(s, r.str());
  m.currency = own(s);
  return m;
}

core::Result<ErrorMsg> decode_error(FieldReader& r) {
  r.set_what("error");
  ErrorMsg m;
  ZDTE_IB_SKIP(r, 1);  // version
  ZDTE_IB_READ(m.id, r.i64());
  std::int64_t c = 0;
  ZDTE_IB_READ(c, r.i64());
  m.code = static_cast<int>(c);
  std::string_view s;
  ZDTE_IB_READ(s, r.str());
  m.text = own(s);
  return m;
}

core::Result<PositionMsg> decode_position(FieldReader& r) {
  r.set_what("position");
  PositionMsg m;
  ZDTE_IB_SKIP(r, 1);  // version
  std::string_view s;
  ZDTE_IB_READ(s, r.str());
  m.account = own(s);
  if (auto st = read_contract(r, m.contract); !st) return std::unexpected(st.error());
  ZDTE_IB_READ(m.position, r.quantity());
  ZDTE_IB_READ(m.avg_cost, r.price());
  return m;
}

core::Result<AccountSummaryMsg> decode_account_summary(FieldReader& r) {
  r.set_what("accountSummary");
  AccountSummaryMsg m;
  ZDTE_IB_SKIP(r, 1);  // version
  ZDTE_IB_READ(m.req_id, r.i64());
  std::string_view s;
  ZDTE_IB_READ(s, r.str());
  m.account = own(s);
  ZDTE_IB_READ(s, r.str());
  m.tag = own(s);
  ZDTE_IB_READ(s, r.str());
  m.value = own(s);
  ZDTE_IB_READ(s, r.str());
  m.currency = own(s);
  return m;
}

core::Result<TickPriceMsg> decode_tick_price(FieldReader& r) {
  r.set_what("tickPrice");
  TickPriceMsg m;
  ZDTE_IB_SKIP(r, 1);  // version
  ZDTE_IB_READ(m.ticker_id, r.i64());
  std::int64_t t = 0;
  ZDTE_IB_READ(t, r.i64());
  m.tick_type = static_cast<int>(t);
  ZDTE_IB_READ(m.price, r.price());
  ZDTE_IB_READ(m.size, r.quantity());
  return m;  // attrMask ignored
}

core::Result<TickSizeMsg> decode_tick_size(FieldReader& r) {
  r.set_what("tickSize");
  TickSizeMsg m;
  ZDTE_IB_SKIP(r, 1);
  ZDTE_IB_READ(m.ticker_id, r.i64());
  std::int64_t t = 0;
  ZDTE_IB_READ(t, r.i64());
  m.tick_type = static_cast<int>(t);
  ZDTE_IB_READ(m.size, r.quantity());
  return m;
}

core::Result<TickOptionMsg> decode_tick_option(FieldReader& r) {
  r.set_what("tickOptionComputation");
  TickOptionMsg m;
  std::int64_t version = 0;
  ZDTE_IB_READ(version, r.i64());
  ZDTE_IB_READ(m.ticker_id, r.i64());
  std::int64_t t = 0;
  ZDTE_IB_READ(t, r.i64());
  m.tick_type = static_cast<int>(t);
  ZDTE_IB_READ(m.implied_vol, r.dbl());
  ZDTE_IB_READ(m.delta, r.dbl());
  if (version >= 6 || m.tick_type == tick::kModelOptionComputation) {
    ZDTE_IB_READ(m.opt_price, r.dbl());
    ZDTE_IB_READ(m.pv_dividend, r.dbl());
  }
  if (version >= 6) {
    ZDTE_IB_READ(m.gamma, r.dbl());
    ZDTE_IB_READ(m.vega, r.dbl());
    ZDTE_IB_READ(m.theta, r.dbl());
    ZDTE_IB_READ(m.und_price, r.dbl());
  }
  return m;
}

core::Result<DepthMsg> decode_depth(FieldReader& r, bool l2) {
  r.set_what(l2 ? "marketDepthL2" : "marketDepth");
  DepthMsg m;
  ZDTE_IB_SKIP(r, 1);
  ZDTE_IB_READ(m.ticker_id, r.i64());
  std::int64_t v = 0;
  ZDTE_IB_READ(v, r.i64());
  m.position = static_cast<int>(v);
  if (l2) ZDTE_IB_SKIP(r, 1);  // marketMaker
  ZDTE_IB_READ(v, r.i64());
  m.operation = static_cast<int>(v);
  ZDTE_IB_READ(v, r.i64());
  m.side = static_cast<int>(v);
  ZDTE_IB_READ(m.price, r.price());
  ZDTE_IB_READ(m.size, r.quantity());
  if (m.operation < 0 || m.operation > 2 || m.side < 0 || m.side > 1 || m.position < 0) {
    return core::fail(
        core::ErrorCode::kParse, "ibkr {} ticker {}: position {} operation {} side {} out of range",
        l2 ? "marketDepthL2" : "marketDepth", m.ticker_id, m.position, m.operation, m.side);
  }
  return m;
}

core::Result<ContractDataMsg> decode_contract_data(FieldReader& r) {
  r.set_what("contractData");
  ContractDataMsg m;
  Contract& c = m.contract;
  ZDTE_IB_SKIP(r, 1);  // version (8)
  ZDTE_IB_READ(m.req_id, r.i64());
  std::string_view s;
  ZDTE_IB_READ(s, r.str());
  c.symbol = own(s);
  ZDTE_IB_READ(s, r.str());
  c.sec_type = own(s);
  ZDTE_IB_READ(s, r.str());
  c.last_trade_date = own(s.substr(0, s.find(' ')));
  ZDTE_IB_READ(c.strike, r.price());
  if (!c.strike.is_defined()) c.strike = core::Price::zero();
  ZDTE_IB_READ(s, r.str());
  c.right = own(s);
  ZDTE_IB_READ(s, r.str());
  c.exchange = own(s);
  ZDTE_IB_READ(s, r.str());
  c.currency = own(s);
  ZDTE_IB_READ(s, r.str());
  c.local_symbol = own(s);
  ZDTE_IB_SKIP(r, 1);  // marketName
  ZDTE_IB_READ(s, r.str());
  c.trading_class = own(s);
  ZDTE_IB_READ(c.con_id, r.i64());
  ZDTE_IB_READ(m.min_tick, r.price());
  ZDTE_IB_SKIP(r, 1);  // mdSizeMultiplier
  ZDTE_IB_READ(s, r.str());
  c.multiplier = own(s);
  return m;  // orderTypes, validExchanges, ... not used
}

core::Result<CompletedOrderMsg> decode_completed_order(FieldReader& r) {
  // The reference decoder's processCompletedOrderMsg sequence (OrderDecoder with every version
  // gate open): contract, action .. orderRef, permId, ..., solicited, then the order status.
  r.set_what("completedOrder");
  CompletedOrderMsg m;
  Order& o = m.order;
  if (auto st = read_contract(r, m.contract); !st) return std::unexpected(st.error());
  std::string_view s;
  ZDTE_IB_READ(s, r.str());
  o.action = own(s);
  ZDTE_IB_READ(o.total_quantity, r.quantity());
  ZDTE_IB_READ(s, r.str());
  o.order_type = own(s);
  ZDTE_IB_READ(o.lmt_price, r.price());
  ZDTE_IB_READ(o.aux_price, r.price());
  ZDTE_IB_READ(s, r.str());
  o.tif = own(s);
  ZDTE_IB_SKIP(r, 1);  // ocaGroup
  ZDTE_IB_READ(s, r.str());
  o.account = own(s);
  ZDTE_IB_SKIP(r, 2);  // openClose, origin
  ZDTE_IB_READ(s, r.str());
  o.order_ref = own(s);
  ZDTE_IB_READ(o.perm_id, r.i64());
  // outsideRth, hidden, discretionaryAmt, goodAfterTime, FA x4, modelCode, goodTillDate,
  // rule80A, percentOffset, settlingFirm, shortSaleSlot, designatedLocation, exemptCode,
  // startingPrice, stockRefPrice, delta, stockRangeLower, stockRangeUpper, displaySize,
  // sweepToFill, allOrNone, minQty, ocaType, triggerMethod, volatility, volatilityType.
  ZDTE_IB_SKIP(r, 29);
  std::string_view dn_type;
  ZDTE_IB_READ(dn_type, r.str());
  ZDTE_IB_SKIP(r, 1);                        // deltaNeutralAuxPrice
  if (!dn_type.empty()) ZDTE_IB_SKIP(r, 4);  // conId, shortSale, shortSaleSlot, location
  ZDTE_IB_SKIP(r, 5);  // continuousUpdate, referencePriceType, trailStop, trailingPct, descrip
  std::int64_t n = 0;
  ZDTE_IB_READ(n, r.i64());
  if (n < 0 || n > 16)
    return core::fail(core::ErrorCode::kParse, "ibkr completedOrder: {} legs", n);
  for (std::int64_t i = 0; i < n; ++i) {
    ComboLeg leg;
    ZDTE_IB_READ(leg.con_id, r.i64());
    ZDTE_IB_READ(leg.ratio, r.i64());
    ZDTE_IB_READ(s, r.str());
    leg.action = own(s);
    ZDTE_IB_READ(s, r.str());
    leg.exchange = own(s);
    ZDTE_IB_SKIP(r, 4);
    m.contract.combo_legs.push_back(std::move(leg));
  }
  ZDTE_IB_READ(n, r.i64());  // order combo leg prices
  if (n < 0 || n > 16)
    return core::fail(core::ErrorCode::kParse, "ibkr completedOrder: {} prices", n);
  ZDTE_IB_SKIP(r, static_cast<std::size_t>(n));
  ZDTE_IB_READ(n, r.i64());  // smart combo routing params
  if (n < 0 || n > 64)
    return core::fail(core::ErrorCode::kParse, "ibkr completedOrder: {} params", n);
  ZDTE_IB_SKIP(r, static_cast<std::size_t>(2 * n));
  ZDTE_IB_SKIP(r, 2);  // scaleInitLevelSize, scaleSubsLevelSize
  core::Price increment;
  ZDTE_IB_READ(increment, r.price());
  if (increment.is_defined() && increment.raw() > 0) ZDTE_IB_SKIP(r, 7);
  ZDTE_IB_READ(s, r.str());  // hedgeType
  if (!s.empty()) ZDTE_IB_SKIP(r, 1);
  ZDTE_IB_SKIP(r, 3);  // clearingAccount, clearingIntent, notHeld
  bool dn_contract = false;
  ZDTE_IB_READ(dn_contract, r.boolean());
  if (dn_contract) ZDTE_IB_SKIP(r, 3);
  ZDTE_IB_READ(s, r.str());  // algoStrategy
  if (!s.empty()) {
    ZDTE_IB_READ(n, r.i64());
    if (n < 0 || n > 64)
      return core::fail(core::ErrorCode::kParse, "ibkr completedOrder: {} algo params", n);
    ZDTE_IB_SKIP(r, static_cast<std::size_t>(2 * n));
  }
  ZDTE_IB_SKIP(r, 1);  // solicited
  ZDTE_IB_READ(s, r.str());
  m.status = own(s);
  return m;  // randomize flags, conditions, ..., completedTime, completedStatus: not used
}

}  // namespace zerodte::adapters::ibkr
