// Alpaca wire format: the SDK's own fixtures decode to known values; our encodings match the
// documented request bodies field for field.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "zerodte/adapters/alpaca/broker/alpaca_codec.hpp"
#include "zerodte/adapters/alpaca/broker/alpaca_update_router.hpp"

namespace zerodte::adapters::alpaca {
namespace {

using model::OrderStatus;

std::string fixture(std::string_view name) {
  std::ifstream in(std::string(ZERODTE_SHARED_DATA) + "/options/vendor-payloads/alpaca/" +
                   std::string(name));
  EXPECT_TRUE(in.good()) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

core::Price px(std::string_view s) {
  return *core::Price::parse(s);
}

TEST(AlpacaCodec, StatusMapCoversTheDocumentedStatuses) {
  EXPECT_EQ(map_order_status("new"), OrderStatus::kAccepted);
  EXPECT_EQ(map_order_status("accepted"), OrderStatus::kAccepted);
  EXPECT_EQ(map_order_status("pending_new"), OrderStatus::kPendingNew);
  EXPECT_EQ(map_order_status("partially_filled"), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(map_order_status("filled"), OrderStatus::kFilled);
  EXPECT_EQ(map_order_status("done_for_day"), OrderStatus::kAccepted);
  EXPECT_EQ(map_order_status("canceled"), OrderStatus::kCancelled);
  EXPECT_EQ(map_order_status("expired"), OrderStatus::kExpired);
  EXPECT_EQ(map_order_status("replaced"), OrderStatus::kReplaced);
  EXPECT_EQ(map_order_status("pending_cancel"), OrderStatus::kPendingCancel);
  EXPECT_EQ(map_order_status("pending_replace"), OrderStatus::kPendingReplace);
  EXPECT_EQ(map_order_status("rejected"), OrderStatus::kRejected);
  EXPECT_EQ(map_order_status("stopped"), OrderStatus::kAccepted);
  EXPECT_EQ(map_order_status("suspended"), OrderStatus::kAccepted);
  EXPECT_FALSE(map_order_status("cancelled"));  // British spelling is not Alpaca's
}

TEST(AlpacaCodec, SdkGetOrdersFixture) {
  model::InstrumentRegistry reg;
  auto orders = decode_orders(fixture("test_order_routes__test_get_orders.json"), reg);
  ASSERT_TRUE(orders) << orders.error().message;
  ASSERT_EQ(orders->size(), 1u);
  const auto& o = (*orders)[0];
  EXPECT_EQ(o.state.venue_order_id.view(), "0b11f089-722d-4ced-9beb-e2eeed3637dc");
  EXPECT_EQ(o.state.order.client_order_id.view(), "string");
  EXPECT_EQ(o.state.status, OrderStatus::kAccepted);       // "new"
  EXPECT_EQ(o.state.order.type, model::OrderType::kStop);  // "type" wins over "order_type"
  EXPECT_EQ(o.state.order.quantity.value, 1);
  EXPECT_EQ(o.state.leaves_qty.value, 1);
  EXPECT_EQ(reg.get(o.state.order.legs[0].instrument).symbol_view(), "SPY");
  EXPECT_EQ(o.state.order.legs[0].side, model::Side::kBuy);
}

TEST(AlpacaCodec, SdkOrderFixtureWithAMalformedSymbolIsAnErrorNamingIt) {
  model::InstrumentRegistry reg;
  // The SDK fixture's symbol is "AAPL`" (a stray backtick): refused, naming the order and value.
  auto o = decode_order(fixture("test_order_routes__test_limit_order.json"), reg);
  ASSERT_FALSE(o);
  EXPECT_NE(o.error().message.find("61e69015-8549-4bfd-b9c3-01e75843f47d"), std::string::npos)
      << o.error().message;
  EXPECT_NE(o.error().message.find("AAPL`"), std::string::npos) << o.error().message;
}

TEST(AlpacaCodec, SdkOrderFixturesWithTheSymbolRepairedDecodeNumbersAndStrings) {
  // qty and limit_price are JSON numbers, filled_qty a string: both forms are read exactly.
  for (const char* name :
       {"test_order_routes__test_limit_order.json", "test_order_routes__test_replace_order.json",
        "test_order_routes__test_order_position_intent.json"}) {
    model::InstrumentRegistry reg;
    std::string body = fixture(name);
    for (auto p = body.find('`'); p != std::string::npos; p = body.find('`'))
      body.erase(p, 1);
    auto o = decode_order(body, reg);
    ASSERT_TRUE(o) << name << ": " << o.error().message;
    EXPECT_EQ(o->state.venue_order_id.view(), "61e69015-8549-4bfd-b9c3-01e75843f47d");
    EXPECT_EQ(o->alpaca_client_order_id, "eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4");
    EXPECT_EQ(o->state.order.client_order_id.view(), "xeb9e2aaaf71a4f51b5b452a6c565dad");
    EXPECT_EQ(o->state.status, OrderStatus::kAccepted);
    EXPECT_EQ(o->state.order.quantity.value, 1);
    EXPECT_EQ(o->state.filled_qty.value, 0);
    EXPECT_EQ(o->state.order.legs[0].intent, model::PositionIntent::kBuyToOpen);
  }
  model::InstrumentRegistry reg;
  std::string body = fixture("test_order_routes__test_limit_order.json");
  body.erase(body.find('`'), 1);
  auto o = decode_order(body, reg);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->state.order.limit_price, px("300"));
  EXPECT_EQ(o->state.order.type, model::OrderType::kLimit);
}

TEST(AlpacaCodec, SdkPositionsAndAccountFixtures) {
  model::InstrumentRegistry reg;
  auto p = decode_positions(fixture("test_position_routes__test_get_all_positions.json"), reg);
  ASSERT_TRUE(p) << p.error().message;
  ASSERT_EQ(p->size(), 1u);
  EXPECT_EQ(reg.get((*p)[0].instrument).symbol_view(), "AAPL");
  EXPECT_EQ((*p)[0].quantity.value, 5);
  EXPECT_EQ((*p)[0].avg_price, px("100"));
  auto a = decode_account(fixture("test_account_routes__test_get_account.json"));
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->cash, px("-23140.2"));
  EXPECT_EQ(a->buying_power, px("262113.632"));  // options_buying_power
  EXPECT_EQ(a->equity, px("103820.56"));
  EXPECT_EQ(a->currency.view(), "USD");
}

model::OrderIntent single(model::InstrumentRegistry& reg) {
  model::OrderIntent o;
  o.client_order_id = "zs1-abcdefghijklm";
  o.legs[0].instrument = *reg.intern_option("SPY   251121C00660000");
  o.legs[0].side = model::Side::kBuy;
  o.legs[0].intent = model::PositionIntent::kBuyToOpen;
  o.quantity = core::Quantity{3};
  o.type = model::OrderType::kLimit;
  o.limit_price = px("1.25");
  return o;
}

TEST(AlpacaCodec, EncodesASingleLegOptionOrder) {
  model::InstrumentRegistry reg;
  auto body = encode_order(single(reg), reg);
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(*body, R"({"client_order_id":"zs1-abcdefghijklm","qty":"3","type":"limit",)"
                   R"("time_in_force":"day","limit_price":"1.25","symbol":"SPY251121C00660000",)"
                   R"("side":"buy","position_intent":"buy_to_open"})");
}

TEST(AlpacaCodec, EncodesAnMlegCreditSpreadWithSignedNetPrice) {
  model::InstrumentRegistry reg;
  model::OrderIntent o = single(reg);
  o.order_class = model::OrderClass::kMultiLeg;
  o.leg_count = 2;
  o.legs[0] = {*reg.intern_option("SPY251121P00650000"), model::Side::kSell, 1,
               model::PositionIntent::kSellToOpen};
  o.legs[1] = {*reg.intern_option("SPY251121P00645000"), model::Side::kBuy, 1,
               model::PositionIntent::kBuyToOpen};
  o.quantity = core::Quantity{2};
  o.limit_price = px("-0.85");  // credit
  auto body = encode_order(o, reg);
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(
      *body,
      R"({"client_order_id":"zs1-abcdefghijklm","qty":"2","type":"limit",)"
      R"("time_in_force":"day","limit_price":"-0.85","order_class":"mleg","legs":[)"
      R"({"symbol":"SPY251121P00650000","ratio_qty":"1","side":"sell","position_intent":"sell_to_open"},)"
      R"({"symbol":"SPY251121P00645000","ratio_qty":"1","side":"buy","position_intent":"buy_to_open"}]})");
}

TEST(AlpacaCodec, LimitOrderWithoutPriceIsRefusedBeforeSending) {
  model::InstrumentRegistry reg;
  auto o = single(reg);
  o.limit_price = core::Price::undefined();
  auto body = encode_order(o, reg);
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().code, core::ErrorCode::kInvalid);
}

TEST(AlpacaCodec, LongForeignClientIdsGetAStableAlias) {
  const auto a = local_client_order_id("eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4");
  EXPECT_EQ(a.view(), "xeb9e2aaaf71a4f51b5b452a6c565dad");
  EXPECT_EQ(local_client_order_id("zs1-abc").view(), "zs1-abc");
}

std::string update(std::string_view event, std::string_view status, int filled,
                   std::string_view exec = "", int qty = 0, std::string_view price = "",
                   std::string_view avg = "null") {
  return fmt::format(
      R"({{"stream":"trade_updates","data":{{"event":"{}","timestamp":"2025-11-21T15:00:0{}Z",)"
      R"("execution_id":"{}","qty":"{}","price":"{}","order":{{"id":"v-1","client_order_id":"zs1-a",)"
      R"("symbol":"SPY251121C00660000","qty":"2","filled_qty":"{}","filled_avg_price":{},)"
      R"("order_class":"simple","type":"limit","side":"buy","time_in_force":"day",)"
      R"("limit_price":"1.25","status":"{}"}}}}}})",
      event, filled, exec, qty, price, filled, avg, status);
}

TEST(AlpacaRouter, OutOfOrderUpdatesOnlyMoveForwardAndFillsAllCount) {
  model::InstrumentRegistry reg;
  AlpacaUpdateRouter router;
  std::vector<model::OrderUpdate> ups;
  std::vector<model::Fill> fills;
  // Arrival order: fill (2/2), then the older partial_fill (1/2), then the oldest "new".
  for (const auto& text :
       {update("fill", "filled", 2, "x2", 1, "1.24", "\"1.245\""),
        update("partial_fill", "partially_filled", 1, "x1", 1, "1.25", "\"1.25\""),
        update("new", "new", 0)}) {
    auto m = decode_stream_message(text, reg);
    ASSERT_TRUE(m) << m.error().message;
    auto ev = router.route(*m, core::Timestamp{});
    ups.insert(ups.end(), ev.updates.begin(), ev.updates.end());
    fills.insert(fills.end(), ev.fills.begin(), ev.fills.end());
  }
  ASSERT_EQ(ups.size(), 1u);
  EXPECT_EQ(ups[0].status, OrderStatus::kFilled);
  EXPECT_EQ(ups[0].avg_fill_price, px("1.245"));
  ASSERT_EQ(fills.size(), 2u);
  EXPECT_EQ(fills[0].exec_id.view(), "x2");
  EXPECT_EQ(fills[1].exec_id.view(), "x1");
  EXPECT_EQ(fills[0].quantity.value + fills[1].quantity.value, 2);
  EXPECT_EQ(router.stale_total(), 2u);
}

TEST(AlpacaRouter, MlegLegFillsArePricedFromTheAverageIncrement) {
  model::InstrumentRegistry reg;
  AlpacaUpdateRouter router;
  auto ev_for = [&](int filled, std::string_view avg0, std::string_view avg1, std::string_view ex) {
    const std::string text = fmt::format(
        R"({{"stream":"trade_updates","data":{{"event":"{}","execution_id":"{}","qty":"1",)"
        R"("price":"0.5","timestamp":"2025-11-21T15:00:00Z","order":{{"id":"m-1",)"
        R"("client_order_id":"zs1-m","qty":"2","filled_qty":"{}","order_class":"mleg",)"
        R"("type":"limit","time_in_force":"day","limit_price":"0.5","status":"{}","legs":[)"
        R"({{"id":"l0","symbol":"SPY251121C00660000","side":"buy","ratio_qty":"1","filled_qty":"{}","filled_avg_price":"{}"}},)"
        R"({{"id":"l1","symbol":"SPY251121C00665000","side":"sell","ratio_qty":"2","filled_qty":"{}","filled_avg_price":"{}"}}]}}}}}})",
        filled == 2 ? "fill" : "partial_fill", ex, filled,
        filled == 2 ? "filled" : "partially_filled", filled, avg0, filled * 2, avg1);
    auto m = decode_stream_message(text, reg);
    EXPECT_TRUE(m) << (m ? "" : m.error().message);
    return router.route(*m, core::Timestamp{});
  };
  auto a = ev_for(1, "1.20", "0.35", "e1");
  auto b = ev_for(2, "1.25", "0.36", "e2");  // second leg-0 fill at 1.30; leg 1 at 0.37
  ASSERT_EQ(a.fills.size(), 2u);
  ASSERT_EQ(b.fills.size(), 2u);
  EXPECT_EQ(a.fills[0].price, px("1.2"));
  EXPECT_EQ(a.fills[1].quantity.value, 2);
  EXPECT_EQ(a.fills[1].side, model::Side::kSell);
  EXPECT_EQ(b.fills[0].price, px("1.3"));
  EXPECT_EQ(b.fills[0].exec_id.view(), "e2/0");
  EXPECT_EQ(b.fills[1].price, px("0.37"));
  EXPECT_EQ(b.fills[1].leg_index, 1);
  auto owner = router.owner_of("l1");
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->client_order_id.view(), "zs1-m");
  EXPECT_EQ(owner->leg_index, 1);
}

}  // namespace
}  // namespace zerodte::adapters::alpaca

namespace zerodte::adapters::alpaca {
namespace {
TEST(AlpacaCodec, AveragesWithMoreThanNineDecimalsKeepNine) {
  model::InstrumentRegistry reg;
  auto o = decode_order(
      R"({"id":"v","client_order_id":"c","symbol":"SPY","qty":"3","filled_qty":"3",)"
      R"("filled_avg_price":"1.2433333333333334","type":"market","side":"buy","status":"filled"})",
      reg);
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->state.avg_fill_price, *core::Price::parse("1.243333333"));
  auto bad =
      decode_order(R"({"id":"v","client_order_id":"c","symbol":"SPY","qty":"3","filled_qty":"x",)"
                   R"("type":"market","side":"buy","status":"filled"})",
                   reg);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("filled_qty"), std::string::npos) << bad.error().message;
}
}  // namespace
}  // namespace zerodte::adapters::alpaca
