#include "zerodte/data/vendor_chains.hpp"

#include <gtest/gtest.h>

#include "zerodte/data/byte_stream.hpp"

namespace zerodte::data {
namespace {

std::string payload(const std::string& rel) {
  auto s = read_whole_file(std::string(ZERODTE_SHARED_DATA) + "/options/vendor-payloads/" + rel);
  EXPECT_TRUE(s.has_value()) << rel;
  return s ? *s : std::string{};
}

TEST(VendorChains, PolygonSnapshot) {
  model::InstrumentRegistry reg;
  const auto json = payload("polygon/v3/snapshot/options/AAPL.json");
  EXPECT_EQ(*detect_chain_vendor(json, "p"), ChainVendor::kPolygon);
  auto q = parse_chain_snapshot(json, "polygon.json", reg, core::Timestamp{});
  ASSERT_TRUE(q.has_value()) << q.error().to_string();
  ASSERT_EQ(q->size(), 1u);
  const auto& o = (*q)[0];
  EXPECT_EQ(reg.get(o.hdr.instrument).symbol_view(), "AAPL  230616C00150000");
  EXPECT_EQ(o.bid, core::Price::parse("28.9").value());
  EXPECT_EQ(o.ask, core::Price::parse("29.25").value());
  EXPECT_EQ(o.bid_size, 294);
  EXPECT_EQ(o.ask_size, 209);
  EXPECT_EQ(o.last, core::Price::parse("29.25").value());
  EXPECT_EQ(o.volume, 8);
  EXPECT_EQ(o.open_interest, 8133);
  EXPECT_EQ(o.underlying_price, core::Price::parse("159.9606").value());
  EXPECT_TRUE(o.has_greeks);
  EXPECT_DOUBLE_EQ(o.greeks.delta, 0.6436614934293701);
  EXPECT_DOUBLE_EQ(o.greeks.iv, 0.3570277203465058);
  EXPECT_EQ(o.hdr.ts_event.ns, 1651254260800059648);
  auto single =
      parse_chain_snapshot(payload("polygon/v3/snapshot/options/AAPL/O_AAPL230616C00150000.json"),
                           "single.json", reg, core::Timestamp{});
  ASSERT_TRUE(single.has_value()) << single.error().to_string();
  EXPECT_EQ(single->size(), 1u);
}

TEST(VendorChains, AlpacaSnapshot) {
  model::InstrumentRegistry reg;
  auto q =
      parse_chain_snapshot(payload("alpaca/test_historical_option_data__test_get_snapshot.json"),
                           "alpaca.json", reg, core::Timestamp{});
  ASSERT_TRUE(q.has_value()) << q.error().to_string();
  ASSERT_EQ(q->size(), 1u);
  const auto& o = (*q)[0];
  EXPECT_EQ(reg.get(o.hdr.instrument).symbol_view(), "AAPL  240126P00050000");
  EXPECT_EQ(o.bid, core::Price::parse("0.48").value());
  EXPECT_EQ(o.ask, core::Price::parse("0.59").value());
  EXPECT_EQ(o.bid_size, 396);
  EXPECT_EQ(o.ask_size, 458);
  EXPECT_DOUBLE_EQ(o.greeks.rho, 0.06118767991284862);
  EXPECT_EQ(o.hdr.ts_event, *core::parse_iso8601("2024-02-02T20:59:59.731674112Z"));
  auto chain = parse_chain_snapshot(
      payload("alpaca/test_historical_option_data__test_get_option_chain.json"), "chain.json", reg,
      core::Timestamp{});
  ASSERT_TRUE(chain.has_value()) << chain.error().to_string();
  EXPECT_GE(chain->size(), 1u);
}

TEST(VendorChains, TradierChain) {
  model::InstrumentRegistry reg;
  auto q =
      parse_chain_snapshot(payload("tradier/chain.json"), "tradier.json", reg, core::Timestamp{1});
  ASSERT_TRUE(q.has_value()) << q.error().to_string();
  ASSERT_GT(q->size(), 5u);
  const auto& o = (*q)[0];
  EXPECT_EQ(reg.get(o.hdr.instrument).symbol_view(), "AAPL  150117C01000000");
  EXPECT_EQ(o.bid, core::Price::parse("1.86").value());
  EXPECT_EQ(o.open_interest, 5444);
  EXPECT_EQ(o.hdr.ts_event, core::Timestamp{1});
}

TEST(VendorChains, AlphaVantageRealtimeOptions) {
  // Shape of AlphaVantage's REALTIME_OPTIONS response (documented; values as strings).
  const std::string json = R"({"endpoint":"Realtime Options","message":"success","data":[
    {"contractID":"IBM270115C00390000","symbol":"IBM","expiration":"2027-01-15","strike":"390.00",
     "type":"call","last":"0.00","mark":"0.08","bid":"0.00","bid_size":"0","ask":"0.15",
     "ask_size":"10","volume":"0","open_interest":"3","date":"2025-03-14",
     "implied_volatility":"0.26154","delta":"0.01427","gamma":"0.00048","theta":"-0.00271",
     "vega":"0.09143","rho":"0.03391"}]})";
  model::InstrumentRegistry reg;
  auto q = parse_chain_snapshot(json, "av.json", reg, core::Timestamp{});
  ASSERT_TRUE(q.has_value()) << q.error().to_string();
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ(reg.get((*q)[0].hdr.instrument).symbol_view(), "IBM   270115C00390000");
  EXPECT_EQ((*q)[0].ask, core::Price::parse("0.15").value());
  EXPECT_DOUBLE_EQ((*q)[0].greeks.iv, 0.26154);
  EXPECT_EQ((*q)[0].open_interest, 3);
}

TEST(VendorChains, MalformedPayloadsNameTheProblem) {
  model::InstrumentRegistry reg;
  auto e = parse_chain_snapshot("{\"results\": [ {\"details\": {}} ]}", "x.json", reg, {});
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().message, "x.json: results[0].details.ticker: missing");
  e = parse_chain_snapshot("{\"results\": [", "y.json", reg, {});
  ASSERT_FALSE(e.has_value());
  EXPECT_NE(e.error().message.find("y.json: invalid JSON"), std::string::npos);
  e = parse_chain_snapshot("{\"data\": [{\"contractID\": \"NOTASYMBOL\"}]}", "z.json", reg, {});
  ASSERT_FALSE(e.has_value());
  EXPECT_NE(e.error().message.find("z.json: data[0]"), std::string::npos) << e.error().message;
  EXPECT_FALSE(detect_chain_vendor("[1,2]", "w.json").has_value());
}

}  // namespace
}  // namespace zerodte::data
