// Every decoder, fed every truncation of a valid message and single-field corruptions, returns
// an error or a value - never reads past the message (run under ASan/UBSan in CI).
#include <gtest/gtest.h>

#include <functional>

#include "zerodte/adapters/ibkr/tws_messages.hpp"
#include "zerodte/adapters/ibkr/tws_protocol.hpp"

namespace zerodte::adapters::ibkr {
namespace {

using Decode = std::function<bool(FieldReader&)>;

template <typename F>
Decode wrap(F f) {
  return [f](FieldReader& r) { return static_cast<bool>(f(r)); };
}

void exercise(const std::string& full, const Decode& decode) {
  {
    FieldReader r(full, "x");
    ASSERT_TRUE(r.i64());
    ASSERT_TRUE(decode(r)) << "the intact message must decode";
  }
  const auto fields = split_fields(full);
  // Every prefix that ends on a field boundary (plus cuts inside a field).
  for (std::size_t cut = 0; cut < full.size(); ++cut) {
    const std::string part = full.substr(0, cut);
    FieldReader r(part, "x");
    if (!r.i64()) continue;
    (void)decode(r);  // may succeed when only unused trailing fields are missing
  }
  // Each field replaced by garbage.
  for (std::size_t i = 1; i < fields.size(); ++i) {
    for (const char* junk : {"", "x", "-99999999999999999999", "1e999", "nan", "-1"}) {
      FieldWriter w;
      for (std::size_t j = 0; j < fields.size(); ++j)
        w.str(j == i ? junk : fields[j]);
      FieldReader r(w.payload(), "x");
      if (!r.i64()) continue;
      (void)decode(r);
    }
  }
}

Contract option() {
  Contract c;
  c.con_id = 12345;
  c.symbol = "SPY";
  c.sec_type = "OPT";
  c.last_trade_date = "20251121";
  c.strike = core::Price::from_units(660);
  c.right = "C";
  c.multiplier = "100";
  c.trading_class = "SPY";
  return c;
}

TEST(DecoderRobustness, TruncatedAndCorruptMessagesNeverCrash) {
  OpenOrderMsg oo;
  oo.order.order_id = 7;
  oo.order.action = "BUY";
  oo.order.total_quantity = 2;
  oo.order.order_type = "LMT";
  oo.order.lmt_price = core::Price::from_cents(105);
  oo.order.order_ref = "z3-ref";
  oo.contract.symbol = "SPY";
  oo.contract.sec_type = "BAG";
  oo.contract.combo_legs = {ComboLeg{1, 1, "BUY", "SMART"}, ComboLeg{2, 1, "SELL", "SMART"}};
  exercise(encode_open_order_server(oo), wrap(decode_open_order));
  exercise(encode_completed_order_server({oo.order, oo.contract, "Filled"}),
           wrap(decode_completed_order));
  OrderStatusMsg st;
  st.order_id = 7;
  st.status = "Filled";
  st.filled = 2;
  exercise(encode_order_status_server(st), wrap(decode_order_status));
  ExecutionMsg x;
  x.contract = option();
  x.exec_id = "e1";
  x.time = "20251121  10:15:03";
  x.side = "BOT";
  x.shares = 2;
  x.price = core::Price::from_cents(107);
  exercise(encode_execution_server(x), wrap(decode_execution));
  exercise(encode_commission_server({"e1", core::Price::from_cents(130), "USD"}),
           wrap(decode_commission));
  exercise(encode_error_server({7, 201, "rejected"}), wrap(decode_error));
  exercise(encode_position_server({"DU1", option(), -3, core::Price::from_units(125)}),
           wrap(decode_position));
  exercise(encode_account_summary_server({9, "DU1", "NetLiquidation", "1", "USD"}),
           wrap(decode_account_summary));
  exercise(encode_tick_price_server({1, tick::kBid, core::Price::from_cents(105), 3}),
           wrap(decode_tick_price));
  exercise(encode_tick_size_server({1, tick::kBidSize, 3}), wrap(decode_tick_size));
  exercise(encode_tick_option_server({1, 13, 0.2, 0.5, 1.0, 0, 0.1, 0.2, -0.9, 660}),
           wrap(decode_tick_option));
  exercise(encode_depth_server({1, 0, 0, 1, core::Price::from_cents(105), 3}),
           [](FieldReader& r) { return static_cast<bool>(decode_depth(r, true)); });
  exercise(encode_contract_data_server({9, option(), core::Price::from_cents(1)}),
           wrap(decode_contract_data));
  exercise(encode_place_order(oo.order, oo.contract), wrap(decode_place_order_server));
}

TEST(DecoderRobustness, ComboLegCountsAreBounded) {
  OpenOrderMsg oo;
  oo.order.order_id = 7;
  oo.contract.sec_type = "BAG";
  auto fields = split_fields(encode_open_order_server(oo));
  // Field 71 is the combo-leg count: id, orderId, 11 contract fields, 14 order fields up to
  // outsideRth, 35 skipped, deltaNeutralOrderType, its aux price, 7 more up to the description.
  ASSERT_EQ(fields[71], "0");
  FieldWriter w;
  for (std::size_t i = 0; i < fields.size(); ++i)
    w.str(i == 71 ? "1000000" : fields[i]);
  FieldReader r(w.payload(), "x");
  ASSERT_TRUE(r.i64());
  auto d = decode_open_order(r);
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("combo legs"), std::string::npos) << d.error().message;
}

}  // namespace
}  // namespace zerodte::adapters::ibkr
