// FIX 4.4 message encoding/decoding, no network. Expected tag values are from the FIX 4.4
// specification (Side 1/2, OrdType 1-4, TimeInForce 0/1/3/4, OrdStatus and ExecType tables).
#include <gtest/gtest.h>

#include "zerodte/adapters/fix/fix_codec.hpp"
#include "zerodte/adapters/fix/fix_config.hpp"
#include "zerodte/adapters/fix/fix_config_schema.hpp"

namespace zerodte::adapters::fix {
namespace {

using model::OrderStatus;

core::Price px(std::string_view s) {
  return *core::Price::parse(s);
}

struct Codec : ::testing::Test {
  model::InstrumentRegistry reg;
  core::InstrumentId call = *reg.intern_option("SPXW  251121C06600000");
  core::InstrumentId put = *reg.intern_option("SPXW  251121P06500000");
  FixOrderContext ctx{reg, "ACC1", core::Timestamp{1763737200123000000}};

  model::OrderIntent single() const {
    model::OrderIntent o;
    o.client_order_id = "zs3-abc";
    o.legs[0] = model::OrderLeg{call, model::Side::kSell, 1, model::PositionIntent::kSellToOpen};
    o.quantity = core::Quantity{5};
    o.type = model::OrderType::kLimit;
    o.tif = model::TimeInForce::kIoc;
    o.limit_price = px("2.35");
    return o;
  }
};

TEST_F(Codec, NewOrderSingleCarriesClOrdIdInstrumentAndPrices) {
  auto m = encode_new_order(single(), ctx);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->msg_type, "D");
  EXPECT_EQ(m->get_or(tag::kClOrdId), "zs3-abc");
  EXPECT_EQ(m->get_or(tag::kAccount), "ACC1");
  EXPECT_EQ(m->get_or(tag::kSymbol), "SPXW  251121C06600000");
  EXPECT_EQ(m->get_or(tag::kSecurityType), "OPT");
  EXPECT_EQ(m->get_or(tag::kMaturityDate), "20251121");
  EXPECT_EQ(m->get_or(tag::kStrikePrice), "6600");
  EXPECT_EQ(m->get_or(tag::kPutOrCall), "1");
  EXPECT_EQ(m->get_or(tag::kSide), "2");
  EXPECT_EQ(m->get_or(tag::kPositionEffect), "O");
  EXPECT_EQ(m->get_or(tag::kOrderQty), "5");
  EXPECT_EQ(m->get_or(tag::kOrdType), "2");
  EXPECT_EQ(m->get_or(tag::kPrice), "2.35");
  EXPECT_EQ(m->get(tag::kStopPx), nullptr);
  EXPECT_EQ(m->get_or(tag::kTimeInForce), "3");
  EXPECT_EQ(m->get_or(tag::kTransactTime), "20251121-15:00:00.123");
}

TEST_F(Codec, MultilegOrderHasOneGroupEntryPerLegAndNetCreditPrice) {
  model::OrderIntent o = single();
  o.leg_count = 2;
  o.legs[1] = model::OrderLeg{put, model::Side::kBuy, 1, model::PositionIntent::kBuyToOpen};
  o.limit_price = px("-1.10");
  o.tif = model::TimeInForce::kDay;
  auto m = encode_new_order(o, ctx);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->msg_type, "AB");
  EXPECT_EQ(m->get_or(tag::kSide), "B");
  EXPECT_EQ(m->get_or(tag::kPrice), "-1.1");
  const FixGroup* g = m->group(tag::kNoLegs);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->delim, tag::kLegSymbol);
  ASSERT_EQ(g->entries.size(), 2u);
  EXPECT_EQ(g->entries[0][0].value, "SPXW  251121C06600000");
  EXPECT_EQ(g->entries[1][0].value, "SPXW  251121P06500000");
  auto field = [](const std::vector<FixField>& e, int t) {
    for (const auto& f : e)
      if (f.tag == t) return f.value;
    return std::string();
  };
  EXPECT_EQ(field(g->entries[0], tag::kLegSide), "2");
  EXPECT_EQ(field(g->entries[1], tag::kLegSide), "1");
  EXPECT_EQ(field(g->entries[1], tag::kLegRatioQty), "1");
}

TEST_F(Codec, ReplaceCountsTheChainAndCancelNamesTheOriginal) {
  auto g =
      encode_replace(single(), "zs3-abc-r1", "B7", 7, px("2.40"), core::Price::undefined(), ctx);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->msg_type, "G");
  EXPECT_EQ(g->get_or(tag::kOrigClOrdId), "zs3-abc");
  EXPECT_EQ(g->get_or(tag::kClOrdId), "zs3-abc-r1");
  EXPECT_EQ(g->get_or(tag::kOrderId), "B7");
  EXPECT_EQ(g->get_or(tag::kOrderQty), "7");
  EXPECT_EQ(g->get_or(tag::kPrice), "2.4");
  auto f = encode_cancel(single(), "zs3-abc-c1", "B7", ctx);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->msg_type, "F");
  EXPECT_EQ(f->get_or(tag::kOrigClOrdId), "zs3-abc");
  EXPECT_EQ(f->get_or(tag::kClOrdId), "zs3-abc-c1");
}

TEST_F(Codec, UnknownInstrumentIsRefusedNamingTheLeg) {
  model::OrderIntent o = single();
  o.legs[0].instrument = core::InstrumentId{999};
  auto m = encode_new_order(o, ctx);
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("leg 0"), std::string::npos);
}

TEST(FixValues, OrdStatusTableCoversFix44) {
  EXPECT_EQ(*status_from_ord_status('0', 0), OrderStatus::kAccepted);
  EXPECT_EQ(*status_from_ord_status('1', 2), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(*status_from_ord_status('2', 5), OrderStatus::kFilled);
  EXPECT_EQ(*status_from_ord_status('3', 0), OrderStatus::kAccepted);
  EXPECT_EQ(*status_from_ord_status('3', 2), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(*status_from_ord_status('4', 0), OrderStatus::kCancelled);
  EXPECT_EQ(*status_from_ord_status('5', 0), OrderStatus::kReplaced);
  EXPECT_EQ(*status_from_ord_status('6', 0), OrderStatus::kPendingCancel);
  EXPECT_EQ(*status_from_ord_status('7', 0), OrderStatus::kAccepted);
  EXPECT_EQ(*status_from_ord_status('8', 0), OrderStatus::kRejected);
  EXPECT_EQ(*status_from_ord_status('9', 0), OrderStatus::kAccepted);
  EXPECT_EQ(*status_from_ord_status('A', 0), OrderStatus::kPendingNew);
  EXPECT_EQ(*status_from_ord_status('B', 0), OrderStatus::kAccepted);
  EXPECT_EQ(*status_from_ord_status('C', 0), OrderStatus::kExpired);
  EXPECT_EQ(*status_from_ord_status('D', 0), OrderStatus::kAccepted);
  EXPECT_EQ(*status_from_ord_status('E', 0), OrderStatus::kPendingReplace);
  EXPECT_FALSE(status_from_ord_status('Z', 0));
}

TEST(FixValues, QuantitiesAndTimestamps) {
  EXPECT_EQ(*parse_qty("10", "q"), 10);
  EXPECT_EQ(*parse_qty("10.000", "q"), 10);
  EXPECT_EQ(parse_qty("10.5", "OrderQty(38)").error().code, core::ErrorCode::kInvalid);
  EXPECT_EQ(parse_qty("x", "q").error().code, core::ErrorCode::kParse);
  // 2025-11-21T15:00:00.123Z = 1763737200.123 s (computed with Python's datetime).
  EXPECT_EQ(parse_utc_timestamp("20251121-15:00:00.123")->ns, 1763737200123000000);
  EXPECT_EQ(parse_utc_timestamp("20251121-15:00:00")->ns, 1763737200000000000);
  EXPECT_EQ(parse_utc_timestamp("20251121-15:00:00.000000001")->ns, 1763737200000000001);
  EXPECT_FALSE(parse_utc_timestamp("2025-11-21T15:00:00"));
  EXPECT_FALSE(parse_utc_timestamp("20251321-15:00:00"));
  EXPECT_EQ(format_utc_timestamp(core::Timestamp{1763737200123456789}), "20251121-15:00:00.123");
}

TEST(FixValues, ExecutionReportDecodesAndRequiresItsFields) {
  FixMessage m;
  m.msg_type = "8";
  m.set(tag::kOrderId, "B1");
  m.set(tag::kClOrdId, "zs3-abc");
  m.set(tag::kExecId, "E9");
  m.set(tag::kExecType, "F");
  m.set(tag::kOrdStatus, "1");
  m.set(tag::kSymbol, "SPY");
  m.set(tag::kSide, "2");
  m.set(tag::kCumQty, "3");
  m.set(tag::kLeavesQty, "2");
  m.set(tag::kAvgPx, "1.25");
  m.set(tag::kLastQty, "3");
  m.set(tag::kLastPx, "1.25");
  m.set(tag::kCommission, "1.95");
  m.set(tag::kLastLiquidityInd, "2");
  m.set(tag::kTransactTime, "20251121-15:00:00.123");
  auto r = decode_execution_report(m);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->exec_type, 'F');
  EXPECT_EQ(r->side, model::Side::kSell);
  EXPECT_EQ(r->cum_qty, 3);
  EXPECT_EQ(r->leaves_qty, 2);
  EXPECT_EQ(r->last_px, px("1.25"));
  EXPECT_EQ(r->commission, px("1.95"));
  EXPECT_EQ(r->liquidity, model::Liquidity::kTaker);
  EXPECT_EQ(r->transact_time.ns, 1763737200123000000);
  std::erase_if(m.fields, [](const FixField& f) { return f.tag == tag::kCumQty; });
  auto bad = decode_execution_report(m);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("CumQty(14)"), std::string::npos);
}

TEST(FixConfigTest, SettingsNeedAStoreAndAPort) {
  FixConfig c;
  c.port = 9876;
  EXPECT_EQ(initiator_settings(c).error().code, core::ErrorCode::kConfig);
  c.store_path = "/tmp/x";
  auto s = initiator_settings(c);
  ASSERT_TRUE(s);
  EXPECT_NE(s->find("SocketConnectPort=9876"), std::string::npos);
  EXPECT_NE(s->find("ResetOnLogon=N"), std::string::npos);
  EXPECT_NE(s->find("FIX44-zerodte.xml"), std::string::npos);
  c.port = 0;
  EXPECT_EQ(initiator_settings(c).error().code, core::ErrorCode::kConfig);
}

TEST(FixConfigTest, SectionLoadsFromToml) {
  core::config::ConfigSchema schema;
  register_fix_sections(schema);
  core::config::LoadOptions opt;
  opt.partial_schema = true;
  auto cfg = core::config::load_config_string(
      "[broker.fix]\nhost = \"10.1.2.3\"\nport = 9876\nstore_path = \"/var/lib/zerodte/fix\"\n"
      "heartbeat_s = 15\naccount = \"ACC9\"\n",
      "test.toml", schema, opt);
  ASSERT_TRUE(cfg) << core::config::format_issues(cfg.error());
  const FixConfig c = fix_config_from(*cfg);
  EXPECT_EQ(c.port, 9876);
  EXPECT_EQ(c.heartbeat_s, 15);
  EXPECT_EQ(c.account, "ACC9");
  EXPECT_FALSE(c.reset_on_logon);
  auto s = initiator_settings(c);
  ASSERT_TRUE(s);
  EXPECT_NE(s->find("SocketConnectHost=10.1.2.3"), std::string::npos);
  EXPECT_NE(s->find("HeartBtInt=15"), std::string::npos);
  EXPECT_FALSE(
      core::config::load_config_string("[broker.fix]\nport = 70000\n", "bad.toml", schema, opt));
}

}  // namespace
}  // namespace zerodte::adapters::fix
