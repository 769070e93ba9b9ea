#pragma once
// AngelOne SmartAPI records as the adapter uses them (field names as in the SmartAPI JSON).
#include <cstdint>
#include <string>

#include "zerodte/core/price.hpp"

namespace zerodte::adapters::angelone {

// placeOrder / modifyOrder body.
struct AngelOrderRequest {
  std::string variety = "NORMAL";  // NORMAL | STOPLOSS
  std::string orderid;             // modifyOrder only
  std::string tradingsymbol;       // "NIFTY28NOV2423500CE"
  std::string symboltoken;         // scrip master token
  std::string transactiontype;     // BUY | SELL
  std::string exchange = "NFO";
  std::string ordertype;                     // MARKET | LIMIT | STOPLOSS_LIMIT | STOPLOSS_MARKET
  std::string producttype = "CARRYFORWARD";  // NRML for F&O (INTRADAY = MIS)
  std::string duration = "DAY";              // DAY | IOC
  core::Price price = core::Price::zero();
  core::Price triggerprice = core::Price::zero();
  std::int64_t quantity = 0;  // units (lot multiples)
  std::string ordertag;       // our client_order_id (<= 20 chars)
};

// One getOrderBook row.
struct AngelOrder {
  std::string orderid, ordertag, tradingsymbol, symboltoken, exchange, transactiontype, ordertype,
      producttype, duration, status, text, updatetime, variety;
  core::Price price = core::Price::zero();
  core::Price triggerprice = core::Price::zero();
  core::Price averageprice = core::Price::zero();
  std::int64_t quantity = 0, filledshares = 0, unfilledshares = 0;
};

// One getTradeBook row.
struct AngelTrade {
  std::string orderid, fillid, tradingsymbol, exchange, transactiontype, filltime;
  core::Price fillprice = core::Price::zero();
  std::int64_t fillsize = 0;
};

// One getPosition row.
struct AngelPosition {
  std::string tradingsymbol, symboltoken, exchange, producttype;
  std::int64_t netqty = 0;
  core::Price avgnetprice = core::Price::zero();
};

// getRMS.
struct AngelFunds {
  core::Price net = core::Price::zero();
  core::Price availablecash = core::Price::zero();
  core::Price utiliseddebits = core::Price::zero();
};

}  // namespace zerodte::adapters::angelone
