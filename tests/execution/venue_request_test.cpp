#include "zerodte/execution/venue_request.hpp"

#include <gtest/gtest.h>

#include <array>

#include "zerodte/execution/broker_capabilities.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::execution {
namespace {

core::Price px(std::string_view s) {
  return *core::Price::parse(s);
}

std::string fmt_price(core::Price p) {
  std::array<char, 32> buf{};
  return std::string(buf.data(), format_price(p, buf));
}

TEST(VenueRequest, PricesMatchPriceToString) {
  for (std::string_view s : {"0", "1.37", "-1.25", "450", "0.000000001", "-0.05", "12345.6789",
                             "9223372036.854775806"}) {
    EXPECT_EQ(fmt_price(px(s)), px(s).to_string()) << s;
  }
}

TEST(VenueRequest, SingleLegAndCondorJson) {
  model::OrderIntent in;
  in.client_order_id = "z1-abc";
  in.legs[0] = {core::InstrumentId{1}, model::Side::kBuy, 1};
  in.leg_count = 1;
  in.quantity = core::Quantity{5};
  in.type = model::OrderType::kLimit;
  in.limit_price = px("1.37");
  SymbolLookup sym = [](core::InstrumentId id) -> std::string_view {
    switch (id.value) {
      case 1:
        return "SPY251121C00670000";
      case 2:
        return "SPY251121C00675000";
      default:
        return {};
    }
  };
  std::array<char, 512> buf{};
  auto n = write_order_json(in, sym, buf);
  ASSERT_TRUE(n);
  EXPECT_EQ(std::string_view(buf.data(), *n),
            R"({"client_order_id":"z1-abc","qty":"5","type":"limit","time_in_force":"day",)"
            R"("limit_price":"1.37","symbol":"SPY251121C00670000","side":"buy"})");
  in.legs[1] = {core::InstrumentId{2}, model::Side::kSell, 2, model::PositionIntent::kSellToOpen};
  in.leg_count = 2;
  in.limit_price = px("-0.4");
  n = write_order_json(in, sym, buf);
  ASSERT_TRUE(n);
  EXPECT_EQ(std::string_view(buf.data(), *n),
            R"({"client_order_id":"z1-abc","qty":"5","type":"limit","time_in_force":"day",)"
            R"("limit_price":"-0.4","order_class":"mleg","legs":[{"symbol":"SPY251121C00670000",)"
            R"("side":"buy","ratio_qty":"1"},{"symbol":"SPY251121C00675000","side":"sell",)"
            R"("ratio_qty":"2","position_intent":"sell_to_open"}]})");
  std::array<char, 40> small{};
  EXPECT_EQ(write_order_json(in, sym, small).error().code, core::ErrorCode::kOutOfRange);
  in.legs[1].instrument = core::InstrumentId{9};
  EXPECT_EQ(write_order_json(in, sym, buf).error().code, core::ErrorCode::kNotFound);
}

TEST(BrokerCapabilities, ProfilesRefuseWhatTheBrokerWould) {
  model::InstrumentRegistry reg;
  const auto a = *reg.intern_option("SPY251121C00670000");
  const auto b = *reg.intern_option("SPY251121C00675000");
  TickRuleLookup ticks = [&reg](core::InstrumentId id) { return &reg.get(id).tick_rule; };
  model::OrderIntent in;
  in.client_order_id = "z1-abc";
  in.legs[0] = {a, model::Side::kBuy, 1};
  in.legs[1] = {b, model::Side::kSell, 1};
  in.leg_count = 2;
  in.type = model::OrderType::kLimit;
  in.limit_price = px("0.55");
  EXPECT_TRUE(validate_order(in, BrokerCapabilities::alpaca(), ticks));
  auto one_leg = validate_order(in, BrokerCapabilities::angelone(), ticks);
  ASSERT_FALSE(one_leg);
  EXPECT_NE(one_leg.error().message.find("2 legs but venue angelone allows 1"), std::string::npos);
  in.type = model::OrderType::kStopLimit;
  in.stop_price = px("0.60");
  EXPECT_FALSE(validate_order(in, BrokerCapabilities::alpaca(), ticks));  // mleg: market/limit
  EXPECT_TRUE(validate_order(in, BrokerCapabilities::ibkr(), ticks));
  in.type = model::OrderType::kLimit;
  in.limit_price = px("0.555");  // off the penny complex tick
  EXPECT_FALSE(validate_order(in, BrokerCapabilities::alpaca(), ticks));
  in.limit_price = px("0.55");
  in.legs[1].instrument = a;  // same instrument twice
  EXPECT_FALSE(validate_order(in, BrokerCapabilities::permissive(), ticks));
  in.legs[1].instrument = b;
  in.order_class = model::OrderClass::kBracket;
  EXPECT_FALSE(validate_order(in, BrokerCapabilities::alpaca(), ticks));
  // Single leg: the instrument's own tick rule (SPY: pennies) and the stop price.
  model::OrderIntent s;
  s.client_order_id = "z1-s";
  s.legs[0] = {a, model::Side::kBuy, 1};
  s.type = model::OrderType::kLimit;
  s.limit_price = px("1.375");
  auto off = validate_order(s, BrokerCapabilities::alpaca(), ticks);
  ASSERT_FALSE(off);
  EXPECT_NE(off.error().message.find("nearest valid 1.37 or 1.38"), std::string::npos);
  s.limit_price = px("1.37");
  EXPECT_TRUE(validate_order(s, BrokerCapabilities::alpaca(), ticks));
  s.quantity = core::Quantity{0};
  EXPECT_FALSE(validate_order(s, BrokerCapabilities::alpaca(), ticks));
}

}  // namespace
}  // namespace zerodte::execution
