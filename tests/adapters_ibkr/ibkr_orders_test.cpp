// Orders through the order manager and IbkrClient against the fake TWS: accepted, rejected,
// partially filled, a BAG combo, cancel/replace, a disconnect between placeOrder and its status
// (no duplicate after reconnect and resync), out-of-order reports, and an order placed in TWS
// adopted by reconciliation.
#include <gtest/gtest.h>

#include "ibkr_env.hpp"
#include "zerodte/adapters/ibkr/tws_protocol.hpp"
#include "zerodte/execution/reconcile_on_reconnect.hpp"
#include "zerodte/execution/reconciler.hpp"

namespace zerodte::adapters::ibkr::testing {
namespace {

using model::OrderStatus;
using model::Side;

struct OrdersTest : ::testing::Test {
  Env env;
  core::InstrumentId call;
  void SetUp() override {
    ASSERT_TRUE(env.client->start());
    call = env.option("SPY   251121C00660000");
  }
};

TEST_F(OrdersTest, AcceptedLimitOrderCarriesTheOptionContractAndOrderRef) {
  auto id = env.om->submit(env.single(call, Side::kBuy, 2, "1.05", 1));
  ASSERT_TRUE(id) << id.error().message;
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  const auto f = env.fake.last_place_fields();
  ASSERT_EQ(f.size(), 110u);
  EXPECT_EQ(f[1], "100");  // nextValidId
  EXPECT_EQ(f[3], "SPY");
  EXPECT_EQ(f[4], "OPT");
  EXPECT_EQ(f[5], "20251121");
  EXPECT_EQ(f[6], "660.0");
  EXPECT_EQ(f[7], "C");
  EXPECT_EQ(f[8], "100");
  EXPECT_EQ(f[9], "SMART");
  EXPECT_EQ(f[13], "SPY");
  EXPECT_EQ(f[16], "BUY");
  EXPECT_EQ(f[17], "2");
  EXPECT_EQ(f[18], "LMT");
  EXPECT_EQ(f[19], "1.05");
  EXPECT_EQ(f[23], "DU1234567");
  EXPECT_EQ(f[26], id->view());
  EXPECT_EQ(env.om->find(*id)->venue_order_id.view(), "100");
  EXPECT_EQ(env.fake.counts().new_orders, 1);
}

TEST_F(OrdersTest, RejectedWithTheTwsErrorCode) {
  env.fake.on_place = [](FakeTws& f, std::int64_t oid, bool) {
    f.reject(oid, code::kOrderRejected, "Order rejected - reason: no trading permissions");
  };
  auto id = env.om->submit(env.single(call, Side::kBuy, 1, "1.05", 2));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kRejected; }));
  bool seen = false;
  for (const auto& u : env.updates) {
    if (u.status == OrderStatus::kRejected) {
      seen = true;
      EXPECT_NE(u.reason.view().find("201"), std::string_view::npos) << u.reason.view();
    }
  }
  EXPECT_TRUE(seen);
}

TEST_F(OrdersTest, PartialThenCompleteFillWithCommissions) {
  auto id = env.om->submit(env.single(call, Side::kBuy, 3, "1.05", 3));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  env.fake.fill(100, 1, "1.04");
  ASSERT_TRUE(env.pump_until([&] { return env.fills.size() == 1; }));
  EXPECT_EQ(env.status(*id), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(env.fills[0].quantity.value, 1);
  EXPECT_EQ(env.fills[0].price, px("1.04"));
  EXPECT_EQ(env.fills[0].fee, px("0.65"));
  EXPECT_EQ(env.fills[0].client_order_id, *id);
  EXPECT_EQ(env.fills[0].liquidity, model::Liquidity::kTaker);
  // 10:15:03 New York time on 2025-11-21 = 15:15:03 UTC.
  EXPECT_EQ(env.fills[0].ts_event,
            core::TradingCalendar::nyse().to_utc({2025, 11, 21}, {10, 15, 3}));
  env.fake.fill(100, 2, "1.05");
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kFilled; }));
  ASSERT_TRUE(env.pump_until([&] { return env.fills.size() == 2; }));
  EXPECT_EQ(env.fills[1].fee, px("1.30"));
  EXPECT_EQ(env.om->executed_positions().at(call), 3);
  auto pos = env.client->positions();
  ASSERT_TRUE(pos);
  ASSERT_EQ(pos->size(), 1u);
  EXPECT_EQ((*pos)[0].quantity.value, 3);
}

TEST_F(OrdersTest, BagComboResolvesConIdsAndFillsPerLeg) {
  const auto put_long = env.option("SPY   251121P00650000");
  const auto put_short = env.option("SPY   251121P00655000");
  model::OrderIntent in = env.single(put_short, Side::kSell, 2, "-0.40", 4);  // credit spread
  in.order_class = model::OrderClass::kMultiLeg;
  in.legs[1] = model::OrderLeg{put_long, Side::kBuy, 1, model::PositionIntent::kAuto};
  in.leg_count = 2;
  auto id = env.om->submit(in);
  ASSERT_TRUE(id) << id.error().message;
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  EXPECT_EQ(env.fake.counts().contract_requests, 2);
  const auto f = env.fake.last_place_fields();
  EXPECT_EQ(f[4], "BAG");
  EXPECT_EQ(f[3], "SPY");
  EXPECT_EQ(f[16], "BUY");
  EXPECT_EQ(f[19], "-0.4");
  ASSERT_EQ(f[35], "2");
  const auto order = env.fake.orders().at(100).msg;
  ASSERT_EQ(order.contract.combo_legs.size(), 2u);
  EXPECT_EQ(order.contract.combo_legs[0].action, "SELL");
  EXPECT_EQ(order.contract.combo_legs[1].action, "BUY");
  EXPECT_NE(order.contract.combo_legs[0].con_id, order.contract.combo_legs[1].con_id);
  env.fake.fill(100, 2, "-0.40");
  ASSERT_TRUE(env.pump_until([&] { return env.fills.size() == 2; }));
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kFilled; }));
  for (const auto& fl : env.fills) {
    if (fl.instrument == put_short) {
      EXPECT_EQ(fl.leg_index, 0);
      EXPECT_EQ(fl.side, Side::kSell);
    } else {
      EXPECT_EQ(fl.instrument, put_long);
      EXPECT_EQ(fl.leg_index, 1);
      EXPECT_EQ(fl.side, Side::kBuy);
    }
    EXPECT_EQ(fl.quantity.value, 2);
  }
  EXPECT_EQ(env.om->executed_positions().at(put_short), -2);
  EXPECT_EQ(env.om->executed_positions().at(put_long), 2);
  // A second combo on the same legs needs no more contract lookups.
  in.signal_id = 5;
  ASSERT_TRUE(env.om->submit(in));
  EXPECT_EQ(env.fake.counts().contract_requests, 2);
}

TEST_F(OrdersTest, CancelReplaceIsAnInPlaceModifyReportedAsReplaced) {
  auto id = env.om->submit(env.single(call, Side::kBuy, 3, "1.00", 6));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  // The execution arrives; its orderStatus is still on the way when the modify goes out.
  env.fake.fill(100, 1, "1.00", false, false, /*with_status=*/false);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kPartiallyFilled; }));
  auto repl = env.om->modify(*id, core::Quantity{2}, px("1.02"));
  ASSERT_TRUE(repl) << repl.error().message;
  env.fake.send_status(100, "Submitted", 1, 2);  // the late status of the partial fill
  ASSERT_TRUE(env.pump_until([&] {
    return env.status(*id) == OrderStatus::kReplaced && env.status(*repl) == OrderStatus::kAccepted;
  }));
  const auto c = env.fake.counts();
  EXPECT_EQ(c.new_orders, 1);  // same TWS order id: modified, not a second order
  EXPECT_EQ(c.modifies, 1);
  const auto o = env.fake.orders().at(100);
  EXPECT_EQ(o.msg.order.total_quantity, 3);  // 1 filled + 2 more
  EXPECT_EQ(o.msg.order.lmt_price, px("1.02"));
  EXPECT_EQ(o.msg.order.order_ref, repl->view());
  env.fake.fill(100, 2, "1.02");
  ASSERT_TRUE(env.pump_until([&] { return env.status(*repl) == OrderStatus::kFilled; }));
  EXPECT_EQ(env.om->find(*repl)->filled().value, 2);
  EXPECT_EQ(env.om->executed_positions().at(call), 3);
  // Once TWS's Filled status is in, cancelling is refused locally as too late.
  ASSERT_TRUE(env.pump_until([&] {
    auto q = env.client->query_order(*repl);
    return q && q->status == OrderStatus::kFilled;
  }));
  auto late = env.client->cancel(*repl, {});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, core::ErrorCode::kRejected);
  auto orig = env.client->query_order(*id);
  ASSERT_TRUE(orig);
  EXPECT_EQ(orig->status, OrderStatus::kReplaced);
}

TEST_F(OrdersTest, RefusedModifyRejectsTheReplacementAndKeepsTheOriginal) {
  env.fake.on_place = [](FakeTws& f, std::int64_t oid, bool modify) {
    if (modify) {
      f.send_error(oid, code::kCannotModifyFilled, "Cannot modify a filled order.");
    } else {
      f.accept(oid);
    }
  };
  auto id = env.om->submit(env.single(call, Side::kBuy, 2, "1.00", 11));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  auto repl = env.om->modify(*id, core::Quantity{2}, px("1.01"));
  ASSERT_TRUE(repl);
  ASSERT_TRUE(env.pump_until([&] {
    return env.status(*repl) == OrderStatus::kRejected && env.status(*id) == OrderStatus::kAccepted;
  }));
  auto q = env.client->query_order(*repl);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->status, OrderStatus::kRejected);
  EXPECT_NE(q->reason.view().find("104"), std::string_view::npos);
  // The original is still the live order: it can be cancelled.
  ASSERT_TRUE(env.om->cancel(*id));
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kCancelled; }));
}

TEST_F(OrdersTest, CancelIsConfirmedByTws) {
  auto id = env.om->submit(env.single(call, Side::kSell, 1, "1.20", 7));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  ASSERT_TRUE(env.om->cancel(*id));
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kCancelled; }));
  EXPECT_EQ(env.fake.counts().cancels, 1);
  auto unknown = env.client->cancel("z3-nope", {});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kNotFound);
}

TEST_F(OrdersTest, DisconnectBetweenPlaceOrderAndStatusNeverDuplicates) {
  auto auto_rec = std::make_shared<execution::ReconcileOnReconnect>(*env.om, "ibkr");
  env.kernel.add_component(auto_rec);
  auto_rec->start(env.kernel);
  // TWS takes the order, then the socket dies before any openOrder/orderStatus.
  env.fake.on_place = [](FakeTws& f, std::int64_t, bool) { f.drop_connection(); };
  auto id = env.om->submit(env.single(call, Side::kBuy, 2, "1.05", 8));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.has_feed(model::FeedState::kDisconnected); }));
  EXPECT_TRUE(env.om->halted());
  env.fake.on_place = nullptr;
  ASSERT_TRUE(env.client->wait_ready(std::chrono::seconds(2)));
  ASSERT_TRUE(env.pump_until([&] { return auto_rec->runs() == 1; }));
  ASSERT_TRUE(auto_rec->last()->has_value()) << auto_rec->last()->error().message;
  EXPECT_EQ(env.status(*id), OrderStatus::kAccepted);  // found by its orderRef at resync
  EXPECT_FALSE(env.om->halted());
  // Sending the same client_order_id again is refused by the adapter, not sent.
  auto again = env.client->submit(env.om->find(*id)->intent);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kRejected);
  EXPECT_EQ(env.fake.counts().new_orders, 1);
  EXPECT_EQ(env.fake.counts().place_messages, 1);
  EXPECT_EQ(env.fake.counts().connections, 2);
  // The order still works normally afterwards.
  env.fake.fill(100, 2, "1.05");
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kFilled; }));
}

TEST_F(OrdersTest, AfterARestartACancelledOrderIsKnownAndNeverResent) {
  auto id = env.om->submit(env.single(call, Side::kBuy, 1, "1.00", 10));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  ASSERT_TRUE(env.om->cancel(*id));
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kCancelled; }));
  const model::OrderIntent intent = env.om->find(*id)->intent;
  // A new process: a fresh client (empty cache) against the same TWS.
  env.client->stop();
  IbkrClient fresh(test_config(env.fake.port()), env.reg, env.kernel.inbox());
  ASSERT_TRUE(fresh.start());
  auto q = fresh.query_order(*id);
  ASSERT_TRUE(q) << q.error().message;  // not "not found": that would invite a resend
  EXPECT_EQ(q->status, OrderStatus::kCancelled);
  auto again = fresh.submit(intent);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kRejected);
  auto none = fresh.query_order("z3-never-sent");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(env.fake.counts().new_orders, 1);
  fresh.stop();
}

TEST_F(OrdersTest, OutOfOrderStatusesAndExecutions) {
  // Filled status before openOrder, commission before its execution, and a stale "Submitted"
  // status after the fill: the order ends filled with one fill and its fee.
  env.fake.on_place = [](FakeTws& f, std::int64_t oid, bool) {
    f.send_status(oid, "PreSubmitted", 0, 2);
    f.fill(oid, 2, "1.06", /*status_first=*/true, /*commission_first=*/true);
    f.send_open_order(oid);
    f.send_status(oid, "Submitted", 0, 2);
  };
  auto id = env.om->submit(env.single(call, Side::kBuy, 2, "1.06", 9));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kFilled; }));
  ASSERT_TRUE(env.pump_until([&] { return env.fills.size() == 1; }));
  env.pump_for(50);
  EXPECT_EQ(env.status(*id), OrderStatus::kFilled);
  EXPECT_EQ(env.fills.size(), 1u);
  EXPECT_EQ(env.fills[0].fee, px("1.30"));
  EXPECT_EQ(env.om->executed_positions().at(call), 2);
  for (const auto& a : env.om->alerts()) {
    EXPECT_NE(a.kind, execution::AlertKind::kIllegalTransition) << a.detail.view();
  }
}

TEST_F(OrdersTest, OrderPlacedInTwsIsAdoptedByReconciliation) {
  OpenOrderMsg ext;
  ext.order.order_id = 0;
  ext.order.perm_id = 777;
  ext.order.action = "SELL";
  ext.order.total_quantity = 4;
  ext.order.order_type = "LMT";
  ext.order.lmt_price = px("2.10");
  ext.order.tif = "DAY";
  ext.contract.symbol = "SPY";
  ext.contract.sec_type = "OPT";
  ext.contract.last_trade_date = "20251121";
  ext.contract.strike = core::Price::from_units(670);
  ext.contract.right = "C";
  ext.contract.multiplier = "100";
  ext.contract.trading_class = "SPY";
  env.fake.add_external_order(ext);
  execution::Reconciler rec(*env.om, env.kernel);
  auto r = rec.run();
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->adopted.size(), 1u);
  EXPECT_EQ(r->adopted[0].view(), "tws-777");
  const auto* o = env.om->find("tws-777");
  ASSERT_NE(o, nullptr);
  EXPECT_TRUE(o->adopted);
  EXPECT_EQ(o->intent.quantity.value, 4);
  EXPECT_EQ(o->intent.legs[0].side, Side::kSell);
  EXPECT_EQ(env.reg.get(o->intent.legs[0].instrument).symbol_view(), "SPY   251121C00670000");
  EXPECT_TRUE(r->positions_match());
}

}  // namespace
}  // namespace zerodte::adapters::ibkr::testing
