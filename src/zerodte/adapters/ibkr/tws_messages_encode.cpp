// Client -> TWS requests at protocol level 151 (field orders of the reference EClient).
#include "zerodte/adapters/ibkr/tws_messages.hpp"
#include "zerodte/adapters/ibkr/tws_protocol.hpp"

namespace zerodte::adapters::ibkr {
namespace {

FieldWriter start(Out id) {
  FieldWriter w;
  w.i64(static_cast<int>(id));
  return w;
}

FieldWriter start(Out id, int version) {
  FieldWriter w = start(id);
  w.i64(version);
  return w;
}

// conId, symbol, secType, lastTradeDateOrContractMonth, strike, right, multiplier, exchange,
// primaryExchange, currency, localSymbol, tradingClass.
void contract_fields(FieldWriter& w, const Contract& c) {
  w.i64(c.con_id)
      .str(c.symbol)
      .str(c.sec_type)
      .str(c.last_trade_date)
      .dbl(c.strike.to_double())
      .str(c.right)
      .str(c.multiplier)
      .str(c.exchange)
      .str(c.primary_exchange)
      .str(c.currency)
      .str(c.local_symbol)
      .str(c.trading_class);
}

}  // namespace

std::string encode_start_api(std::int64_t client_id) {
  FieldWriter w = start(Out::kStartApi, 2);
  w.i64(client_id).empty();  // optionalCapabilities
  return w.payload();
}

std::string encode_place_order(const Order& o, const Contract& c) {
  const bool bag = c.sec_type == "BAG";
  FieldWriter w = start(Out::kPlaceOrder);  // no VERSION field since server version 145
  w.i64(o.order_id);
  contract_fields(w, c);
  w.empty().empty();  // secIdType, secId
  w.str(o.action).i64(o.total_quantity).str(o.order_type);
  w.price_or_empty(o.lmt_price).price_or_empty(o.aux_price);
  w.str(o.tif).empty() /*ocaGroup*/.str(o.account).empty() /*openClose*/.i64(0) /*origin*/;
  w.str(o.order_ref).boolean(o.transmit).i64(0) /*parentId*/;
  w.boolean(false).boolean(false).i64(0).i64(0);  // blockOrder, sweepToFill, displaySize, trigger
  w.boolean(o.outside_rth).boolean(false);        // outsideRth, hidden
  if (bag) {
    w.i64(static_cast<std::int64_t>(c.combo_legs.size()));
    for (const ComboLeg& leg : c.combo_legs) {
      w.i64(leg.con_id).i64(leg.ratio).str(leg.action).str(leg.exchange);
      w.i64(0).i64(0).empty().i64(-1);  // openClose, shortSaleSlot, designatedLocation, exempt
    }
    w.i64(0);  // orderComboLegs (per-leg prices): none, the order's net limit applies
    w.i64(0);  // smartComboRoutingParams
  }
  w.empty();                          // deprecated sharesAllocation
  w.i64(0).empty().empty();           // discretionaryAmt, goodAfterTime, goodTillDate
  w.empty().empty().empty().empty();  // faGroup, faMethod, faPercentage, faProfile
  w.empty();                          // modelCode
  w.i64(0).empty().i64(-1);           // shortSaleSlot, designatedLocation, exemptCode
  w.i64(0);                           // ocaType
  w.empty().empty();                  // rule80A, settlingFirm
  w.boolean(false).empty().empty();   // allOrNone, minQty, percentOffset
  // eTradeOnly and firmQuoteOnly: false (TWS 983+ rejects true with error 10268).
  w.boolean(false).boolean(false);
  w.empty().i64(0);                           // nbboPriceCap, auctionStrategy
  w.empty().empty().empty().empty().empty();  // startingPrice .. stockRangeUpper
  w.boolean(false);                           // overridePercentageConstraints
  w.empty().empty().empty().empty();          // volatility, volatilityType, dnOrderType, dnAux
  w.boolean(false);                           // continuousUpdate
  w.empty().empty().empty();                  // referencePriceType, trailStopPrice, trailingPercent
  w.empty().empty().empty();        // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement
  w.empty().empty().empty();        // scaleTable, activeStartTime, activeStopTime
  w.empty();                        // hedgeType
  w.boolean(false);                 // optOutSmartRouting
  w.empty().empty();                // clearingAccount, clearingIntent
  w.boolean(false);                 // notHeld
  w.boolean(false);                 // deltaNeutralContract present
  w.empty().empty();                // algoStrategy, algoId
  w.boolean(false);                 // whatIf
  w.empty();                        // orderMiscOptions
  w.boolean(false);                 // solicited
  w.boolean(false).boolean(false);  // randomizeSize, randomizePrice
  w.i64(0);                         // conditions
  w.empty();                        // adjustedOrderType
  for (int i = 0; i < 5; ++i)
    w.str(kUnsetDoubleText);          // triggerPrice .. adjustedTrailingAmount
  w.i64(0);                           // adjustableTrailingUnit
  w.empty();                          // extOperator
  w.empty().empty();                  // softDollarTier name, value
  w.str(kUnsetDoubleText);            // cashQty
  w.empty().empty().empty().empty();  // MiFID II fields
  w.boolean(false).boolean(false);    // dontUseAutoPriceForHedge, isOmsContainer
  w.boolean(false);                   // discretionaryUpToLimitPrice
  w.empty();                          // usePriceMgmtAlgo (unset)
  return w.payload();
}

std::string encode_cancel_order(std::int64_t order_id) {
  FieldWriter w = start(Out::kCancelOrder, 1);
  w.i64(order_id);
  return w.payload();
}

std::string encode_req_all_open_orders() {
  return start(Out::kReqAllOpenOrders, 1).payload();
}

std::string encode_req_open_orders() {
  return start(Out::kReqOpenOrders, 1).payload();
}

std::string encode_req_ids() {
  FieldWriter w = start(Out::kReqIds, 1);
  w.i64(1);
  return w.payload();
}

std::string encode_req_executions(std::int64_t req_id, const ExecutionFilter& f) {
  FieldWriter w = start(Out::kReqExecutions, 3);
  w.i64(req_id).i64(f.client_id).str(f.account).str(f.time);
  w.empty().empty().empty().empty();  // symbol, secType, exchange, side
  return w.payload();
}

std::string encode_req_positions() {
  return start(Out::kReqPositions, 1).payload();
}

std::string encode_req_account_summary(std::int64_t req_id, std::string_view tags) {
  FieldWriter w = start(Out::kReqAccountSummary, 1);
  w.i64(req_id).str("All").str(tags);
  return w.payload();
}

std::string encode_req_current_time() {
  return start(Out::kReqCurrentTime, 1).payload();
}

std::string encode_req_contract_details(std::int64_t req_id, const Contract& c) {
  FieldWriter w = start(Out::kReqContractData, 8);
  w.i64(req_id);
  contract_fields(w, c);
  w.boolean(false).empty().empty();  // includeExpired, secIdType, secId
  return w.payload();
}

std::string encode_req_mkt_data(std::int64_t ticker_id, const Contract& c,
                                std::string_view generic_ticks) {
  FieldWriter w = start(Out::kReqMktData, 11);
  w.i64(ticker_id);
  contract_fields(w, c);
  if (c.sec_type == "BAG") {
    w.i64(static_cast<std::int64_t>(c.combo_legs.size()));
    for (const ComboLeg& leg : c.combo_legs) {
      w.i64(leg.con_id).i64(leg.ratio).str(leg.action).str(leg.exchange);
    }
  }
  w.boolean(false);                                    // deltaNeutralContract
  w.str(generic_ticks).boolean(false).boolean(false);  // snapshot, regulatorySnapshot
  w.empty();                                           // mktDataOptions
  return w.payload();
}

std::string encode_cancel_mkt_data(std::int64_t ticker_id) {
  FieldWriter w = start(Out::kCancelMktData, 2);
  w.i64(ticker_id);
  return w.payload();
}

std::string encode_req_mkt_depth(std::int64_t ticker_id, const Contract& c, int rows) {
  FieldWriter w = start(Out::kReqMktDepth, 5);
  w.i64(ticker_id);
  contract_fields(w, c);
  w.i64(rows).boolean(false).empty();  // numRows, isSmartDepth, mktDepthOptions
  return w.payload();
}

std::string encode_cancel_mkt_depth(std::int64_t ticker_id) {
  FieldWriter w = start(Out::kCancelMktDepth, 1);
  w.i64(ticker_id).boolean(false);  // isSmartDepth
  return w.payload();
}

std::string encode_req_completed_orders(bool api_only) {
  FieldWriter w = start(Out::kReqCompletedOrders);  // no version field
  w.boolean(api_only);
  return w.payload();
}

}  // namespace zerodte::adapters::ibkr
