// The Alpaca adapter end to end against the loopback FakeAlpaca (REST + trade_updates), driven
// by the real order manager and reconciliation: the done-when list.
#include <gtest/gtest.h>

#include "adapters_alpaca_broker/alpaca_env.hpp"
#include "zerodte/execution/reconciler.hpp"

namespace zerodte::adapters::alpaca::testing {
namespace {

using execution::AlertKind;
using model::OrderStatus;
using model::Side;

constexpr std::string_view kCall = "SPY251121C00660000";

TEST(AlpacaBroker, AcceptedOrderCarriesTheDocumentedBodyAndKeyHeaders) {
  AlpacaEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 2, "1.25"));
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  EXPECT_EQ(env.fake.orders_created(), 1);
  const auto venue = env.fake.venue_id_of(std::string(id->view()));
  ASSERT_FALSE(venue.empty());
  EXPECT_EQ(env.om->find(*id)->venue_order_id.view(), venue);
  const auto o = env.fake.order(venue);
  EXPECT_EQ(o.at("symbol").as_string(), kCall);
  EXPECT_EQ(o.at("qty").as_string(), "2");
  EXPECT_EQ(o.at("limit_price").as_string(), "1.25");
  EXPECT_EQ(o.at("position_intent").as_string(), "buy_to_open");
  const auto reqs = env.fake.requests();
  ASSERT_FALSE(reqs.empty());
  EXPECT_EQ(reqs[0].header("APCA-API-KEY-ID"), kKeyId);
  EXPECT_EQ(reqs[0].header("Content-Type"), "application/json");
}

TEST(AlpacaBroker, RejectedAtSubmitAndRejectedLaterByTheStream) {
  AlpacaEnv env;
  ASSERT_TRUE(env.wait_ready());
  env.fake.set_buying_power_contracts(5);
  const auto inst = env.option(kCall);
  auto big = env.om->submit(env.intent(inst, Side::kBuy, 50, "1.25"));
  ASSERT_FALSE(big);  // 403 insufficient buying power -> rejected at once, never retried
  EXPECT_EQ(big.error().code, core::ErrorCode::kRejected);
  EXPECT_NE(big.error().message.find("buying power"), std::string::npos) << big.error().message;
  EXPECT_EQ(env.fake.submit_posts(), 1);
  auto ok = env.om->submit(env.intent(inst, Side::kBuy, 1, "1.25"));
  ASSERT_TRUE(ok);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*ok) == OrderStatus::kAccepted; }));
  env.fake.reject(env.fake.venue_id_of(std::string(ok->view())), "exchange rejected");
  // Rejected after acceptance: ended by the venue (our state machine has no accepted ->
  // rejected), with the reason kept.
  EXPECT_TRUE(env.pump_until([&] { return env.status(*ok) == OrderStatus::kCancelled; }));
  EXPECT_NE(env.om->find(*ok)->reason.view().find("rejected"), std::string_view::npos);
  EXPECT_EQ(env.fake.submit_posts(), 2);
}

TEST(AlpacaBroker, PartialThenCompleteFill) {
  AlpacaEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 3, "1.25"));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  const auto venue = env.fake.venue_id_of(std::string(id->view()));
  env.fake.fill(venue, 1, "1.25");
  ASSERT_TRUE(env.pump_until([&] { return env.position(inst) == 1; }));
  EXPECT_EQ(env.status(*id), OrderStatus::kPartiallyFilled);
  env.fake.fill(venue, 2, "1.24");
  ASSERT_TRUE(env.pump_until([&] { return env.position(inst) == 3; }));
  EXPECT_EQ(env.status(*id), OrderStatus::kFilled);
  EXPECT_EQ(env.alerts_of(AlertKind::kIllegalTransition), 0u);
}

TEST(AlpacaBroker, MultiLegIronCondorFillsPerLeg) {
  AlpacaEnv env;
  ASSERT_TRUE(env.wait_ready());
  model::OrderIntent o = env.intent(env.option("SPY251121P00640000"), Side::kBuy, 2, "-1.10");
  o.order_class = model::OrderClass::kMultiLeg;
  o.leg_count = 4;
  o.legs[1] = {env.option("SPY251121P00645000"), Side::kSell, 1,
               model::PositionIntent::kSellToOpen};
  o.legs[2] = {env.option("SPY251121C00675000"), Side::kSell, 1,
               model::PositionIntent::kSellToOpen};
  o.legs[3] = {env.option("SPY251121C00680000"), Side::kBuy, 1, model::PositionIntent::kBuyToOpen};
  auto id = env.om->submit(o);
  ASSERT_TRUE(id) << id.error().message;
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  const auto venue = env.fake.venue_id_of(std::string(id->view()));
  const auto wire = env.fake.order(venue);
  EXPECT_EQ(wire.at("order_class").as_string(), "mleg");
  ASSERT_EQ(wire.at("legs").as_array().size(), 4u);
  EXPECT_EQ(wire.at("limit_price").as_string(), "-1.1");
  env.fake.fill(venue, 2, "-1.10", {"0.30", "0.62", "0.55", "0.17"});
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kFilled; }));
  ASSERT_TRUE(env.pump_until([&] { return env.position(o.legs[3].instrument) == 2; }));
  EXPECT_EQ(env.position(o.legs[0].instrument), 2);
  EXPECT_EQ(env.position(o.legs[1].instrument), -2);
  EXPECT_EQ(env.position(o.legs[2].instrument), -2);
  EXPECT_EQ(env.om->find(*id)->filled().value, 2);
}

TEST(AlpacaBroker, CancelReplaceThenCancel) {
  AlpacaEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 2, "1.25"));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  auto repl = env.om->modify(*id, core::Quantity{2}, *core::Price::parse("1.30"));
  ASSERT_TRUE(repl) << repl.error().message;
  ASSERT_TRUE(env.pump_until([&] {
    return env.status(*id) == OrderStatus::kReplaced && env.status(*repl) == OrderStatus::kAccepted;
  }));
  const auto nv = env.fake.venue_id_of(std::string(repl->view()));
  ASSERT_FALSE(nv.empty());
  EXPECT_EQ(env.fake.order(nv).at("limit_price").as_string(), "1.3");
  EXPECT_EQ(env.fake.order(nv).at("replaces").as_string(),
            env.fake.venue_id_of(std::string(id->view())));
  ASSERT_TRUE(env.om->cancel(*repl));
  EXPECT_TRUE(env.pump_until([&] { return env.status(*repl) == OrderStatus::kCancelled; }));
  EXPECT_EQ(env.fake.orders_created(), 2);
  EXPECT_EQ(env.alerts_of(AlertKind::kIllegalTransition), 0u);
}

TEST(AlpacaBroker, DisconnectBetweenSubmitAndAckNeverDuplicates) {
  AlpacaEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  env.fake.drop_next_submit_response();  // order taken, HTTP answer lost, stream dropped
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 1, "1.25"));
  ASSERT_TRUE(id) << id.error().message;  // a transport failure is retried, not refused
  EXPECT_EQ(env.status(*id), OrderStatus::kPendingNew);
  // The stream comes back; reconciliation finds the order by client_order_id.
  ASSERT_TRUE(env.pump_until([&] { return env.reconcile->runs() >= 1; }));
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  // The order manager's own retry fires later: it asks first and sends nothing.
  for (int i = 0; i < 5; ++i)
    env.advance(std::chrono::seconds(10));
  env.pump_until([] { return false; }, std::chrono::milliseconds(100));
  EXPECT_EQ(env.fake.orders_created(), 1);
  EXPECT_EQ(env.fake.submit_posts(), 1);
  EXPECT_GE(env.fake.stream_connections(), 2);
  ASSERT_TRUE(env.reconcile->last().has_value());
  ASSERT_TRUE(env.reconcile->last()->has_value());
  EXPECT_TRUE((*env.reconcile->last())->positions_match());
  EXPECT_FALSE(env.om->halted());
}

TEST(AlpacaBroker, OutOfOrderStreamEventsConvergeWithoutIllegalTransitions) {
  AlpacaEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  env.fake.set_stream_events(false);  // we replay the events ourselves, shuffled
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 2, "1.25"));
  ASSERT_TRUE(id);
  const auto venue = env.fake.venue_id_of(std::string(id->view()));
  auto snap_new = env.fake.order(venue);
  env.fake.fill(venue, 1, "1.25");
  auto snap_partial = env.fake.order(venue);
  env.fake.fill(venue, 1, "1.23");
  auto snap_filled = env.fake.order(venue);
  env.fake.set_stream_events(true);
  env.fake.send_event_snapshot("fill", snap_filled, "exec-b", 1, "1.23");
  env.fake.send_event_snapshot("partial_fill", snap_partial, "exec-a", 1, "1.25");
  env.fake.send_event_snapshot("new", snap_new);
  env.fake.send_event_snapshot("fill", snap_filled, "exec-b", 1, "1.23");  // a duplicate
  ASSERT_TRUE(env.pump_until([&] { return env.broker->stream_stats().stale_updates >= 3; }));
  env.pump_until(
      [&] { return env.position(inst) == 2 && env.status(*id) == OrderStatus::kFilled; });
  EXPECT_EQ(env.position(inst), 2);
  EXPECT_EQ(env.status(*id), OrderStatus::kFilled);
  EXPECT_EQ(env.alerts_of(AlertKind::kIllegalTransition), 0u);
}

TEST(AlpacaBroker, ReconciliationAfterReconnectAdoptsAnOrderPlacedElsewhere) {
  AlpacaEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto ext = env.fake.add_external_order("SPY251121P00650000", "sell", 3, "2.05");
  env.fake.drop_stream();
  ASSERT_TRUE(env.pump_until([&] { return env.reconcile->runs() >= 1; }));
  ASSERT_TRUE(env.reconcile->last()->has_value()) << env.reconcile->last()->error().message;
  const auto& rep = **env.reconcile->last();
  ASSERT_EQ(rep.adopted.size(), 1u);
  const auto* rec = env.om->find(rep.adopted[0]);
  ASSERT_NE(rec, nullptr);
  EXPECT_TRUE(rec->adopted);
  EXPECT_EQ(rec->venue_order_id.view(), ext);
  EXPECT_EQ(rec->intent.quantity.value, 3);
  EXPECT_EQ(rec->intent.legs[0].side, Side::kSell);
  EXPECT_EQ(env.alerts_of(AlertKind::kOrderAdopted), 1u);
  // Its later fill reaches the order manager under the alias.
  env.fake.fill(ext, 3, "2.05");
  const auto inst = *env.reg.find("SPY251121P00650000");
  EXPECT_TRUE(env.pump_until([&] { return env.position(inst) == -3; }));
}

TEST(AlpacaBroker, FillsSinceMapsActivitiesToOurOrdersAndPositionsMatch) {
  AlpacaEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 2, "1.25"));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  env.fake.fill(env.fake.venue_id_of(std::string(id->view())), 2, "1.25");
  ASSERT_TRUE(env.pump_until([&] { return env.position(inst) == 2; }));
  auto fills = env.broker->fills_since(core::Timestamp{});
  ASSERT_TRUE(fills) << fills.error().message;
  ASSERT_EQ(fills->size(), 1u);
  EXPECT_EQ((*fills)[0].client_order_id, *id);
  EXPECT_TRUE(env.om->seen_exec((*fills)[0].exec_id.view()));  // same id as the stream's
  env.fake.set_position(std::string(kCall), 2, "1.25");
  execution::Reconciler rec(*env.om, env.kernel);
  auto rep = rec.run();
  ASSERT_TRUE(rep) << rep.error().message;
  EXPECT_TRUE(rep->positions_match());
  EXPECT_EQ(rep->fills_replayed, 0u);
  auto acct = env.broker->account();
  ASSERT_TRUE(acct);
  EXPECT_EQ(acct->equity, *core::Price::parse("100250.25"));
}

TEST(AlpacaBroker, StreamAuthFailureBlocksOrdersAndRestAuthFailureIsNotRetried) {
  AlpacaEnv env;
  env.fake.set_stream_secret("another-secret");
  env.fake.drop_stream();
  ASSERT_TRUE(env.pump_until([&] { return env.broker->stream_stats().auth_failures >= 1; }));
  EXPECT_FALSE(env.broker->stream_ready());
  ASSERT_TRUE(env.pump_until([&] {
    for (const auto& s : env.statuses) {
      if (s.state == model::FeedState::kDisconnected &&
          s.detail.view().find("unauthorized") != std::string_view::npos) {
        return true;
      }
    }
    return false;
  }));
  for (const auto& s : env.statuses) {
    EXPECT_EQ(s.detail.view().find(kSecret), std::string_view::npos);  // never in messages
  }
  const auto inst = env.option(kCall);
  model::OrderIntent o = env.intent(inst, Side::kBuy, 1, "1.25");
  o.client_order_id = "zs1-direct";
  auto direct = env.broker->submit(o);
  ASSERT_FALSE(direct);
  EXPECT_EQ(direct.error().code, core::ErrorCode::kTransport);
  EXPECT_EQ(env.fake.submit_posts(), 0);
  env.fake.set_rest_secret("rotated");
  auto acct = env.broker->account();
  ASSERT_FALSE(acct);
  EXPECT_EQ(acct.error().code, core::ErrorCode::kAuth);
  EXPECT_EQ(acct.error().message.find(kSecret), std::string::npos);
}

TEST(AlpacaBroker, RetryAfterPacingHoldsCallsThenTheRetryGoesThrough) {
  AlpacaEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  env.fake.rate_limit_next(1, "2");
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 1, "1.25"));
  ASSERT_TRUE(id);  // 429: retried later, not refused
  EXPECT_EQ(env.status(*id), OrderStatus::kPendingNew);
  EXPECT_EQ(env.broker->rest_stats().rate_limited, 1u);
  // Inside the Retry-After window nothing is sent.
  const int before = static_cast<int>(env.fake.requests().size());
  EXPECT_FALSE(env.broker->account());
  EXPECT_EQ(static_cast<int>(env.fake.requests().size()), before);
  EXPECT_EQ(env.broker->rest_stats().paced, 1u);
  // After it, the order manager's retry asks by client_order_id (not found) and sends once.
  for (int i = 0; i < 4 && env.status(*id) == OrderStatus::kPendingNew; ++i) {
    env.advance(std::chrono::seconds(3));
    env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; },
                   std::chrono::milliseconds(500));
  }
  EXPECT_EQ(env.status(*id), OrderStatus::kAccepted);
  EXPECT_EQ(env.fake.orders_created(), 1);
}

TEST(AlpacaBroker, RequestsPerMinuteWindow) {
  AlpacaEnv env([](AlpacaBrokerConfig& c) { c.requests_per_minute = 3; });
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(env.broker->account());
  auto fourth = env.broker->account();
  ASSERT_FALSE(fourth);
  EXPECT_EQ(fourth.error().code, core::ErrorCode::kRateLimited);
  EXPECT_EQ(env.fake.requests().size(), 3u);
  env.advance(std::chrono::seconds(61));
  EXPECT_TRUE(env.broker->account());
}

}  // namespace
}  // namespace zerodte::adapters::alpaca::testing
