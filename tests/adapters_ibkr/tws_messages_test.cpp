// Message layouts at server version 151. The STK placeOrder expectation is the field list the
// reference Python client (ibapi 9.81.1 client.py placeOrder) produces at server version 151 for
// orderId 42, BUY 10 AAPL LMT 150.25 DAY, account DU111111 (a published byte-golden capture);
// zerodte differs only where TWS 983+ requires it (eTradeOnly/firmQuoteOnly false, see below).
#include <gtest/gtest.h>

#include "zerodte/adapters/ibkr/tws_messages.hpp"
#include "zerodte/adapters/ibkr/tws_protocol.hpp"

namespace zerodte::adapters::ibkr {
namespace {

using namespace std::string_literals;

const std::vector<std::string> kIbapi981PlaceOrder151 = {"3",
                                                         "42",
                                                         "0",
                                                         "AAPL",
                                                         "STK",
                                                         "",
                                                         "0.0",
                                                         "",
                                                         "",
                                                         "SMART",
                                                         "",
                                                         "USD",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "BUY",
                                                         "10",
                                                         "LMT",
                                                         "150.25",
                                                         "",
                                                         "DAY",
                                                         "",
                                                         "DU111111",
                                                         "",
                                                         "0",
                                                         "",
                                                         "1",
                                                         "0",
                                                         "0",
                                                         "0",
                                                         "0",
                                                         "0",
                                                         "0",
                                                         "0",
                                                         "",
                                                         "0",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "0",
                                                         "",
                                                         "-1",
                                                         "0",
                                                         "",
                                                         "",
                                                         "0",
                                                         "",
                                                         "",
                                                         "1",
                                                         "1",
                                                         "",
                                                         "0",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "0",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "0",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "0",
                                                         "",
                                                         "",
                                                         "0",
                                                         "0",
                                                         "",
                                                         "",
                                                         "0",
                                                         "",
                                                         "0",
                                                         "0",
                                                         "0",
                                                         "0",
                                                         "",
                                                         "1.7976931348623157e+308",
                                                         "1.7976931348623157e+308",
                                                         "1.7976931348623157e+308",
                                                         "1.7976931348623157e+308",
                                                         "1.7976931348623157e+308",
                                                         "0",
                                                         "",
                                                         "",
                                                         "",
                                                         "1.7976931348623157e+308",
                                                         "",
                                                         "",
                                                         "",
                                                         "",
                                                         "0",
                                                         "0",
                                                         "0",
                                                         ""};

Order aapl_order() {
  Order o;
  o.order_id = 42;
  o.action = "BUY";
  o.total_quantity = 10;
  o.order_type = "LMT";
  o.lmt_price = *core::Price::parse("150.25");
  o.tif = "DAY";
  o.account = "DU111111";
  return o;
}

Contract aapl() {
  Contract c;
  c.symbol = "AAPL";
  c.sec_type = "STK";
  return c;
}

TEST(TwsMessages, PlaceOrderMatchesReferenceClientAt151) {
  const auto got = split_fields(encode_place_order(aapl_order(), aapl()));
  ASSERT_EQ(got.size(), 110u);
  ASSERT_EQ(kIbapi981PlaceOrder151.size(), 110u);
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (i == 53 || i == 54) {
      // eTradeOnly / firmQuoteOnly: ibapi 9.81 defaulted them to true; TWS 983+ rejects orders
      // carrying them (error 10268) and later ibapi releases default to false, as zerodte sends.
      EXPECT_EQ(got[i], "0") << i;
      continue;
    }
    EXPECT_EQ(got[i], kIbapi981PlaceOrder151[i]) << "field " << i;
  }
}

TEST(TwsMessages, CancelOrderIsIdVersionOrderId) {
  EXPECT_EQ(split_fields(encode_cancel_order(42)), (std::vector<std::string>{"4", "1", "42"}));
}

TEST(TwsMessages, PlaceOrderForAnOptionAndACombo) {
  Contract opt;
  opt.symbol = "SPX";
  opt.sec_type = "OPT";
  opt.last_trade_date = "20251121";
  opt.strike = core::Price::from_units(6600);
  opt.right = "P";
  opt.multiplier = "100";
  opt.trading_class = "SPXW";
  Order o = aapl_order();
  o.order_ref = "z3-abcdefghijklm";
  auto f = split_fields(encode_place_order(o, opt));
  ASSERT_EQ(f.size(), 110u);
  EXPECT_EQ(f[3], "SPX");
  EXPECT_EQ(f[4], "OPT");
  EXPECT_EQ(f[5], "20251121");
  EXPECT_EQ(f[6], "6600.0");
  EXPECT_EQ(f[7], "P");
  EXPECT_EQ(f[8], "100");
  EXPECT_EQ(f[13], "SPXW");
  EXPECT_EQ(f[26], "z3-abcdefghijklm");  // orderRef carries the client_order_id

  Contract bag;
  bag.symbol = "SPY";
  bag.sec_type = "BAG";
  bag.combo_legs = {ComboLeg{111, 1, "BUY", "SMART"}, ComboLeg{222, 2, "SELL", "SMART"}};
  o.lmt_price = *core::Price::parse("-0.35");  // a credit
  auto b = split_fields(encode_place_order(o, bag));
  ASSERT_EQ(b.size(), 110u + 1 + 2 * 8 + 2);
  EXPECT_EQ(b[19], "-0.35");
  EXPECT_EQ(b[35], "2");  // combo legs follow `hidden`
  EXPECT_EQ((std::vector<std::string>(b.begin() + 36, b.begin() + 44)),
            (std::vector<std::string>{"111", "1", "BUY", "SMART", "0", "0", "", "-1"}));
  EXPECT_EQ(b[44], "222");
  EXPECT_EQ(b[46], "SELL");
  EXPECT_EQ(b[52], "0");  // no per-leg prices
  EXPECT_EQ(b[53], "0");  // no smart combo routing params
}

TEST(TwsMessages, DecodesOrderStatusFromRawFields) {
  // orderStatus at 151: id, status, filled, remaining, avgFillPrice, permId, parentId,
  // lastFillPrice, clientId, whyHeld, mktCapPrice (no version field since 131).
  const std::string p =
      "3\0"
      "7\0"
      "Submitted\0"
      "1\0"
      "2\0"
      "1.05\0"
      "123456\0"
      "0\0"
      "1.05\0"
      "1\0"
      "\0"
      "0.0\0"s;
  FieldReader r(p, "x");
  ASSERT_EQ(*r.i64(), 3);
  auto m = decode_order_status(r);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->order_id, 7);
  EXPECT_EQ(m->status, "Submitted");
  EXPECT_EQ(m->filled, 1);
  EXPECT_EQ(m->remaining, 2);
  EXPECT_EQ(m->avg_fill_price, *core::Price::parse("1.05"));
  EXPECT_EQ(m->perm_id, 123456);
  const std::string cut = "7\0Submitted\0x\0"s;
  FieldReader r2(cut, "x");
  auto bad = decode_order_status(r2);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("orderStatus field 3"), std::string::npos);
}

TEST(TwsMessages, DecodesExecDetailsErrorAndOptionComputation) {
  // execDetails at 151 (no version since 136): reqId, orderId, 11 contract fields, execId,
  // time, account, exchange, side, shares, price, permId, clientId, liquidation, cumQty,
  // avgPrice, orderRef, evRule, evMultiplier, modelCode, lastLiquidity.
  const std::string x =
      "-1\0"
      "12\0"
      "495512563\0"
      "SPY\0"
      "OPT\0"
      "20251121\0"
      "660\0"
      "C\0"
      "100\0"
      "CBOE\0"
      "USD\0"
      "SPY   251121C00660000\0"
      "SPY\0"
      "0000e0d5.6920a1b2.01.01\0"
      "20251121  10:15:03\0"
      "DU1\0"
      "CBOE\0"
      "BOT\0"
      "2\0"
      "1.07\0"
      "99\0"
      "1\0"
      "0\0"
      "2\0"
      "1.07\0"
      "z3-ref\0"
      "\0"
      "\0"
      "\0"
      "2\0"s;
  FieldReader r(x, "x");
  auto e = decode_execution(r);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->order_id, 12);
  EXPECT_EQ(e->contract.con_id, 495512563);
  EXPECT_EQ(e->contract.local_symbol, "SPY   251121C00660000");
  EXPECT_EQ(e->exec_id, "0000e0d5.6920a1b2.01.01");
  EXPECT_EQ(e->side, "BOT");
  EXPECT_EQ(e->shares, 2);
  EXPECT_EQ(e->price, *core::Price::parse("1.07"));
  EXPECT_EQ(e->order_ref, "z3-ref");
  EXPECT_EQ(e->last_liquidity, 2);

  const std::string err =
      "2\0"
      "12\0"
      "201\0"
      "Order rejected - reason: no trading permissions\0"s;
  FieldReader re(err, "x");
  auto m = decode_error(re);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->id, 12);
  EXPECT_EQ(m->code, 201);

  // tickOptionComputation v6 (before 156): tickerId, type, IV, delta, optPrice, pvDividend,
  // gamma, vega, theta, undPrice.
  const std::string t =
      "6\0"
      "5\0"
      "13\0"
      "0.1812\0"
      "0.52\0"
      "1.05\0"
      "0\0"
      "0.091\0"
      "0.21\0"
      "-0.95\0"
      "660.12\0"s;
  FieldReader rt(t, "x");
  auto o = decode_tick_option(rt);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->tick_type, tick::kModelOptionComputation);
  EXPECT_DOUBLE_EQ(o->implied_vol, 0.1812);
  EXPECT_DOUBLE_EQ(o->delta, 0.52);
  EXPECT_DOUBLE_EQ(o->theta, -0.95);
  EXPECT_DOUBLE_EQ(o->und_price, 660.12);
}

TEST(TwsMessages, OpenOrderRoundTripsWithComboLegs) {
  OpenOrderMsg m;
  m.order = aapl_order();
  m.order.order_ref = "z3-bag";
  m.order.perm_id = 9876;
  m.order.client_id = 3;
  m.contract.symbol = "SPY";
  m.contract.sec_type = "BAG";
  m.contract.combo_legs = {ComboLeg{111, 1, "BUY", "SMART"}, ComboLeg{222, 1, "SELL", "SMART"}};
  const std::string p = encode_open_order_server(m);
  FieldReader r(p, "x");
  ASSERT_EQ(*r.i64(), static_cast<int>(In::kOpenOrder));
  auto d = decode_open_order(r);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->order.order_id, 42);
  EXPECT_EQ(d->order.order_ref, "z3-bag");
  EXPECT_EQ(d->order.perm_id, 9876);
  EXPECT_EQ(d->order.total_quantity, 10);
  EXPECT_EQ(d->order.lmt_price, *core::Price::parse("150.25"));
  EXPECT_FALSE(d->order.aux_price.is_defined());
  ASSERT_EQ(d->contract.combo_legs.size(), 2u);
  EXPECT_EQ(d->contract.combo_legs[1].con_id, 222);
  EXPECT_EQ(d->contract.combo_legs[1].action, "SELL");
}

TEST(TwsMessages, CompletedOrderRoundTripsToItsStatus) {
  EXPECT_EQ(split_fields(encode_req_completed_orders(true)), (std::vector<std::string>{"99", "1"}));
  CompletedOrderMsg m;
  m.order = aapl_order();
  m.order.order_ref = "z3-done";
  m.order.perm_id = 4242;
  m.contract = aapl();
  m.status = "Cancelled";
  const std::string p = encode_completed_order_server(m);
  FieldReader r(p, "x");
  ASSERT_EQ(*r.i64(), static_cast<int>(In::kCompletedOrder));
  auto d = decode_completed_order(r);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->status, "Cancelled");
  EXPECT_EQ(d->order.order_ref, "z3-done");
  EXPECT_EQ(d->order.perm_id, 4242);
  EXPECT_EQ(d->order.total_quantity, 10);
  EXPECT_EQ(d->contract.symbol, "AAPL");
}

TEST(TwsMessages, PlaceOrderIsReadBackByTheServerSide) {
  Contract opt;
  opt.symbol = "SPY";
  opt.sec_type = "OPT";
  opt.last_trade_date = "20251121";
  opt.strike = *core::Price::parse("660.5");
  opt.right = "C";
  opt.multiplier = "100";
  opt.trading_class = "SPY";
  Order o = aapl_order();
  o.order_type = "STP LMT";
  o.aux_price = *core::Price::parse("1.10");
  const std::string p = encode_place_order(o, opt);
  FieldReader r(p, "x");
  ASSERT_EQ(*r.i64(), 3);
  auto d = decode_place_order_server(r);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->contract.strike, *core::Price::parse("660.5"));
  EXPECT_EQ(d->order.order_type, "STP LMT");
  EXPECT_EQ(d->order.aux_price, *core::Price::parse("1.1"));
  EXPECT_EQ(d->order.account, "DU111111");
}

}  // namespace
}  // namespace zerodte::adapters::ibkr
