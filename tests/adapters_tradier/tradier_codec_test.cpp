// Tradier wire format: the official SDK's fixtures decode to known values (including the 2013
// payload shapes and the XML-to-JSON quirks); order bodies match the documented forms.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "adapters_tradier/fake_tradier.hpp"
#include "zerodte/adapters/tradier/tradier_codec.hpp"
#include "zerodte/adapters/tradier/tradier_order_book.hpp"

namespace zerodte::adapters::tradier {
namespace {

using model::OrderStatus;
using testing::parse_form;

std::string fixture(std::string_view name) {
  std::ifstream in(std::string(ZERODTE_SHARED_DATA) + "/options/vendor-payloads/tradier/" +
                   std::string(name));
  EXPECT_TRUE(in.good()) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

core::Price px(std::string_view s) {
  return *core::Price::parse(s);
}

TEST(TradierCodec, StatusMap) {
  EXPECT_EQ(map_order_status("open"), OrderStatus::kAccepted);
  EXPECT_EQ(map_order_status("pending"), OrderStatus::kPendingNew);
  EXPECT_EQ(map_order_status("partially_filled"), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(map_order_status("filled"), OrderStatus::kFilled);
  EXPECT_EQ(map_order_status("Filled"), OrderStatus::kFilled);  // 2013 payloads
  EXPECT_EQ(map_order_status("New"), OrderStatus::kAccepted);
  EXPECT_EQ(map_order_status("expired"), OrderStatus::kExpired);
  EXPECT_EQ(map_order_status("canceled"), OrderStatus::kCancelled);
  EXPECT_EQ(map_order_status("rejected"), OrderStatus::kRejected);
  EXPECT_EQ(map_order_status("error"), OrderStatus::kRejected);
  EXPECT_FALSE(map_order_status("done"));
}

TEST(TradierCodec, SdkAccountOrdersFixture) {
  model::InstrumentRegistry reg;
  auto orders = decode_orders(fixture("account_orders.json"), reg);
  ASSERT_TRUE(orders) << orders.error().message;
  ASSERT_FALSE(orders->empty());
  const auto& o = (*orders)[0];
  EXPECT_EQ(o.id, "952");  // "id": 0 in these payloads; order_id carries it
  EXPECT_EQ(o.state.status, OrderStatus::kFilled);
  EXPECT_EQ(o.state.order.quantity.value, 2);
  EXPECT_EQ(o.state.order.type, model::OrderType::kMarket);
  EXPECT_EQ(o.state.order.legs[0].side, model::Side::kBuy);
  EXPECT_EQ(reg.get(o.state.order.legs[0].instrument).symbol_view(), "AAPL");
  std::size_t rejected = 0, open = 0;
  for (const auto& x : *orders) {
    rejected += x.state.status == OrderStatus::kRejected ? 1 : 0;
    open += x.state.status == OrderStatus::kAccepted ? 1 : 0;
  }
  EXPECT_GT(rejected, 0u);
  EXPECT_GT(open, 0u);
}

TEST(TradierCodec, SdkPositionsBalancesAndOrderResponses) {
  model::InstrumentRegistry reg;
  auto p = decode_positions(fixture("account_positions.json"), reg);
  ASSERT_TRUE(p) << p.error().message;
  ASSERT_EQ(p->size(), 2u);
  EXPECT_EQ((*p)[0].quantity.value, 21);
  EXPECT_EQ((*p)[0].avg_price, px("468.921428571"));  // 9847.35 / 21, truncated to 1e-9
  EXPECT_EQ((*p)[1].quantity.value, -1);
  EXPECT_EQ(reg.get((*p)[1].instrument).symbol_view(), "DELL  140118C00015000");
  EXPECT_EQ((*p)[1].avg_price, px("0.02"));  // cost basis -2.00 for -1 x 100
  auto b = decode_balances(fixture("account_balances.json"));
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->equity, px("-1930391.42"));
  EXPECT_EQ(b->cash, px("-1930391.42"));
  auto placed = decode_placed(fixture("placed_order.json"));
  ASSERT_TRUE(placed) << placed.error().message;
  EXPECT_EQ(*placed, "2038");
  auto warned = decode_placed(fixture("order_with_warnings.json"));
  ASSERT_FALSE(warned);
  EXPECT_EQ(warned.error().code, core::ErrorCode::kRejected);
  EXPECT_NE(warned.error().message.find("enough buying power"), std::string::npos);
}

TEST(TradierCodec, XmlQuirksOneOrderIsAnObjectNoneIsNull) {
  model::InstrumentRegistry reg;
  auto none = decode_orders(R"({"orders":"null"})", reg);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  auto one = decode_orders(
      R"({"orders":{"order":{"id":7,"type":"limit","symbol":"SPY","side":"sell_to_close",)"
      R"("quantity":3.0,"status":"open","duration":"day","price":1.5,"class":"option",)"
      R"("option_symbol":"SPY251121C00660000","tag":"z1-abc"}}})",
      reg);
  ASSERT_TRUE(one) << one.error().message;
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].state.order.client_order_id.view(), "z1-abc");
  EXPECT_EQ((*one)[0].state.order.legs[0].intent, model::PositionIntent::kSellToClose);
  EXPECT_EQ((*one)[0].state.order.limit_price, px("1.5"));
  auto bad = decode_orders(R"({"orders":{"order":{"id":8,"status":"teleported"}}})", reg);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("tradier order 8"), std::string::npos);
  EXPECT_NE(bad.error().message.find("teleported"), std::string::npos);
}

model::OrderIntent option_order(model::InstrumentRegistry& reg) {
  model::OrderIntent o;
  o.client_order_id = "z1-abcdefghijklm";
  o.legs[0] = {*reg.intern_option("SPY251121C00660000"), model::Side::kBuy, 1,
               model::PositionIntent::kBuyToOpen};
  o.quantity = core::Quantity{2};
  o.type = model::OrderType::kLimit;
  o.limit_price = px("1.25");
  return o;
}

TEST(TradierCodec, OptionOrderForm) {
  model::InstrumentRegistry reg;
  auto body = encode_order(option_order(reg), reg);
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(*body,
            "class=option&symbol=SPY&option_symbol=SPY251121C00660000&side=buy_to_open&"
            "quantity=2&type=limit&duration=day&price=1.25&tag=z1-abcdefghijklm");
  auto o = option_order(reg);
  o.legs[0].intent = model::PositionIntent::kAuto;
  auto refused = encode_order(o, reg);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalid);
}

TEST(TradierCodec, MultilegCreditFormHasIndexedLegs) {
  model::InstrumentRegistry reg;
  auto o = option_order(reg);
  o.order_class = model::OrderClass::kMultiLeg;
  o.leg_count = 2;
  o.legs[0] = {*reg.intern_option("SPXW251121P06500000"), model::Side::kSell, 1,
               model::PositionIntent::kSellToOpen};
  o.legs[1] = {*reg.intern_option("SPXW251121P06490000"), model::Side::kBuy, 1,
               model::PositionIntent::kBuyToOpen};
  o.quantity = core::Quantity{3};
  o.limit_price = px("-2.35");
  auto body = encode_order(o, reg);
  ASSERT_TRUE(body) << body.error().message;
  const auto f = parse_form(*body);
  EXPECT_EQ(f.at("class"), "multileg");
  EXPECT_EQ(f.at("symbol"), "SPX");  // SPXW options trade under the SPX underlying
  EXPECT_EQ(f.at("type"), "credit");
  EXPECT_EQ(f.at("price"), "2.35");
  EXPECT_EQ(f.at("option_symbol[0]"), "SPXW251121P06500000");
  EXPECT_EQ(f.at("side[0]"), "sell_to_open");
  EXPECT_EQ(f.at("quantity[0]"), "3");
  EXPECT_EQ(f.at("side[1]"), "buy_to_open");
  EXPECT_EQ(f.at("tag"), "z1-abcdefghijklm");
  o.limit_price = px("0");
  EXPECT_EQ(parse_form(*encode_order(o, reg)).at("type"), "even");
}

TEST(TradierOrderBook, EventsOutOfOrderAndFillsFromCumulativeQuantity) {
  model::InstrumentRegistry reg;
  TradierOrderBook book;
  auto o = option_order(reg);
  o.quantity = core::Quantity{3};
  book.on_submitted(o, "1001");
  auto ev = [](std::string_view body) { return *decode_event(body); };
  const auto filled = ev(
      R"({"id":1001,"event":"order","status":"filled","executed_quantity":3,"avg_fill_price":1.24,)"
      R"("last_fill_price":1.22,"last_fill_quantity":2,"remaining_quantity":0,)"
      R"("transaction_date":"2025-11-21T15:00:03.000Z"})");
  const auto partial = ev(
      R"({"id":1001,"event":"order","status":"partially_filled","executed_quantity":1,)"
      R"("avg_fill_price":1.28,"last_fill_price":1.28,"last_fill_quantity":1,"remaining_quantity":2,)"
      R"("transaction_date":"2025-11-21T15:00:02.000Z"})");
  auto a = book.on_event(filled, core::Timestamp{});
  auto b = book.on_event(partial, core::Timestamp{});
  ASSERT_EQ(a.updates.size(), 1u);
  EXPECT_EQ(a.updates[0].status, OrderStatus::kFilled);
  ASSERT_EQ(a.fills.size(), 1u);  // cumulative 3 seen first: one fill of 3 at the average
  EXPECT_EQ(a.fills[0].quantity.value, 3);
  EXPECT_EQ(a.fills[0].price, px("1.24"));
  EXPECT_EQ(a.fills[0].exec_id.view(), "1001-3");
  EXPECT_TRUE(b.updates.empty());  // older: not applied
  EXPECT_TRUE(b.fills.empty());    // already counted in the cumulative 3
  EXPECT_EQ(book.stale_total(), 1u);
}

}  // namespace
}  // namespace zerodte::adapters::tradier
