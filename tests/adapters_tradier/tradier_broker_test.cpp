// The Tradier adapter end to end against the loopback FakeTradier (REST + account stream),
// driven by the real order manager and reconciliation: the done-when list.
#include <gtest/gtest.h>

#include "adapters_tradier/tradier_env.hpp"
#include "zerodte/execution/reconciler.hpp"

namespace zerodte::adapters::tradier::testing {
namespace {

using execution::AlertKind;
using model::OrderStatus;
using model::Side;

constexpr std::string_view kCall = "SPY251121C00660000";

int fake_id(TradierEnv& env, const core::ClientOrderId& id) {
  return env.fake.id_of_tag(std::string(id.view()));
}

TEST(TradierBroker, AcceptedOrderIsAFormWithTheTagAndBearerToken) {
  TradierEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 2, "1.25"));
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  EXPECT_EQ(env.fake.orders_created(), 1);
  const auto f = env.fake.last_form("POST");
  EXPECT_EQ(f.at("class"), "option");
  EXPECT_EQ(f.at("option_symbol"), kCall);
  EXPECT_EQ(f.at("side"), "buy_to_open");
  EXPECT_EQ(f.at("tag"), id->view());
  EXPECT_EQ(env.om->find(*id)->venue_order_id.view(), std::to_string(fake_id(env, *id)));
}

TEST(TradierBroker, RejectedAtSubmitAndRejectedLater) {
  TradierEnv env;
  ASSERT_TRUE(env.wait_ready());
  env.fake.set_max_quantity(5);
  const auto inst = env.option(kCall);
  auto big = env.om->submit(env.intent(inst, Side::kBuy, 50, "1.25"));
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, core::ErrorCode::kRejected);
  EXPECT_NE(big.error().message.find("buying power"), std::string::npos) << big.error().message;
  auto ok = env.om->submit(env.intent(inst, Side::kBuy, 1, "1.25"));
  ASSERT_TRUE(ok);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*ok) == OrderStatus::kAccepted; }));
  env.fake.reject(fake_id(env, *ok));
  EXPECT_TRUE(env.pump_until([&] { return env.status(*ok) == OrderStatus::kCancelled; }));
  EXPECT_NE(env.om->find(*ok)->reason.view().find("rejected"), std::string_view::npos);
  EXPECT_EQ(env.fake.order_posts(), 2);
}

TEST(TradierBroker, PartialThenCompleteFill) {
  TradierEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 3, "1.25"));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  env.fake.fill(fake_id(env, *id), 1, 1.25);
  ASSERT_TRUE(env.pump_until([&] { return env.position(inst) == 1; }));
  EXPECT_EQ(env.status(*id), OrderStatus::kPartiallyFilled);
  env.fake.fill(fake_id(env, *id), 2, 1.24);
  ASSERT_TRUE(env.pump_until([&] { return env.position(inst) == 3; }));
  EXPECT_EQ(env.status(*id), OrderStatus::kFilled);
  EXPECT_EQ(env.alerts_of(AlertKind::kIllegalTransition), 0u);
}

TEST(TradierBroker, MultilegIronCondorFillsPerLegFromTheFetchedOrder) {
  TradierEnv env;
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
  const auto f = env.fake.last_form("POST");
  EXPECT_EQ(f.at("class"), "multileg");
  EXPECT_EQ(f.at("type"), "credit");
  EXPECT_EQ(f.at("price"), "1.1");
  EXPECT_EQ(f.at("option_symbol[3]"), "SPY251121C00680000");
  EXPECT_EQ(f.at("quantity[2]"), "2");
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  env.fake.fill(fake_id(env, *id), 2, -1.10, {0.30, 0.62, 0.55, 0.17});
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kFilled; }));
  ASSERT_TRUE(env.pump_until([&] { return env.position(o.legs[3].instrument) == 2; }));
  EXPECT_EQ(env.position(o.legs[0].instrument), 2);
  EXPECT_EQ(env.position(o.legs[1].instrument), -2);
  EXPECT_EQ(env.position(o.legs[2].instrument), -2);
  EXPECT_GE(env.broker->stream_stats().order_fetches, 1u);
}

TEST(TradierBroker, ModifyInPlaceThenCancel) {
  TradierEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 2, "1.25"));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  const int tid = fake_id(env, *id);
  auto repl = env.om->modify(*id, core::Quantity{2}, *core::Price::parse("1.30"));
  ASSERT_TRUE(repl) << repl.error().message;
  ASSERT_TRUE(env.pump_until([&] {
    return env.status(*id) == OrderStatus::kReplaced && env.status(*repl) == OrderStatus::kAccepted;
  }));
  EXPECT_EQ(env.fake.last_form("PUT").at("price"), "1.3");
  EXPECT_EQ(env.fake.order(tid).at("price").as_double(), 1.3);
  EXPECT_EQ(env.om->find(*repl)->venue_order_id.view(), std::to_string(tid));  // same order
  // Quantity changes are not a Tradier modify.
  auto bigger = env.om->modify(*repl, core::Quantity{5}, *core::Price::parse("1.30"));
  ASSERT_FALSE(bigger);
  EXPECT_EQ(bigger.error().code, core::ErrorCode::kUnsupported);
  // A fill after the modify belongs to the replacement.
  env.fake.fill(tid, 1, 1.30);
  ASSERT_TRUE(env.pump_until([&] { return env.position(inst) == 1; }));
  EXPECT_EQ(env.om->find(*repl)->filled().value, 1);
  ASSERT_TRUE(env.om->cancel(*repl));
  EXPECT_TRUE(env.pump_until([&] { return env.status(*repl) == OrderStatus::kCancelled; }));
  EXPECT_EQ(env.fake.orders_created(), 1);
  EXPECT_EQ(env.alerts_of(AlertKind::kIllegalTransition), 0u);
}

TEST(TradierBroker, DisconnectBetweenSubmitAndAckNeverDuplicates) {
  TradierEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  env.fake.drop_next_order_response();
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 1, "1.25"));
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(env.status(*id), OrderStatus::kPendingNew);
  ASSERT_TRUE(env.pump_until([&] { return env.reconcile->runs() >= 1; }));
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  for (int i = 0; i < 5; ++i)
    env.advance(std::chrono::seconds(10));
  env.pump_until([] { return false; }, std::chrono::milliseconds(100));
  EXPECT_EQ(env.fake.orders_created(), 1);
  EXPECT_EQ(env.fake.order_posts(), 1);
  EXPECT_GE(env.fake.stream_connections(), 2);
  ASSERT_TRUE(env.reconcile->last()->has_value()) << env.reconcile->last()->error().message;
  EXPECT_FALSE(env.om->halted());
  // And a second submit of the same id is refused by the adapter itself.
  model::OrderIntent again = env.om->find(*id)->intent;
  auto dup = env.broker->submit(again);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, core::ErrorCode::kRejected);
  EXPECT_EQ(env.fake.order_posts(), 1);
}

TEST(TradierBroker, OutOfOrderEventsConverge) {
  TradierEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  env.fake.set_events(false);
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 2, "1.25"));
  ASSERT_TRUE(id);
  const int tid = fake_id(env, *id);
  const auto snap_open = env.fake.order(tid);
  env.fake.fill(tid, 1, 1.25);
  const auto snap_partial = env.fake.order(tid);
  env.fake.fill(tid, 1, 1.23);
  const auto snap_filled = env.fake.order(tid);
  env.fake.set_events(true);
  env.fake.send_event(snap_filled);
  env.fake.send_event(snap_partial);
  env.fake.send_event(snap_open);
  env.fake.send_event(snap_filled);
  ASSERT_TRUE(env.pump_until([&] { return env.broker->stream_stats().stale_updates >= 3; }));
  env.pump_until(
      [&] { return env.position(inst) == 2 && env.status(*id) == OrderStatus::kFilled; });
  EXPECT_EQ(env.position(inst), 2);
  EXPECT_EQ(env.status(*id), OrderStatus::kFilled);
  EXPECT_EQ(env.alerts_of(AlertKind::kIllegalTransition), 0u);
}

TEST(TradierBroker, ReconciliationAfterReconnectAdoptsAnUntaggedOrder) {
  TradierEnv env;
  ASSERT_TRUE(env.wait_ready());
  const int ext = env.fake.add_external_order("SPY251121P00650000", "sell_to_open", 3, 2.05);
  env.fake.drop_stream();
  ASSERT_TRUE(env.pump_until([&] { return env.reconcile->runs() >= 1; }));
  ASSERT_TRUE(env.reconcile->last()->has_value()) << env.reconcile->last()->error().message;
  const auto& rep = **env.reconcile->last();
  ASSERT_EQ(rep.adopted.size(), 1u);
  EXPECT_EQ(rep.adopted[0].view(), std::to_string(ext));
  const auto* rec = env.om->find(rep.adopted[0]);
  ASSERT_NE(rec, nullptr);
  EXPECT_TRUE(rec->adopted);
  EXPECT_EQ(rec->intent.quantity.value, 3);
  EXPECT_EQ(rec->intent.legs[0].side, Side::kSell);
  env.fake.fill(ext, 3, 2.05);
  const auto inst = *env.reg.find("SPY251121P00650000");
  EXPECT_TRUE(env.pump_until([&] { return env.position(inst) == -3; }));
}

TEST(TradierBroker, FillsMissedWhileDisconnectedAreReplayedOnce) {
  TradierEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 2, "1.25"));
  ASSERT_TRUE(id);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  env.fake.set_events(false);  // the fill happens while we hear nothing
  env.fake.fill(fake_id(env, *id), 2, 1.25);
  env.fake.set_position(std::string(kCall), 2, 250.0);
  env.fake.set_events(true);
  env.fake.drop_stream();
  ASSERT_TRUE(env.pump_until([&] { return env.reconcile->runs() >= 1; }));
  ASSERT_TRUE(env.reconcile->last()->has_value()) << env.reconcile->last()->error().message;
  const auto& rep = **env.reconcile->last();
  EXPECT_EQ(rep.fills_replayed, 1u);
  EXPECT_TRUE(rep.positions_match());
  ASSERT_TRUE(env.pump_until([&] { return env.position(inst) == 2; }));
  EXPECT_EQ(env.status(*id), OrderStatus::kFilled);
  auto again = env.broker->fills_since(core::Timestamp{});
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());  // reported once
  auto pos = env.broker->positions();
  ASSERT_TRUE(pos);
  ASSERT_EQ(pos->size(), 1u);
  EXPECT_EQ((*pos)[0].avg_price, *core::Price::parse("1.25"));  // 250 / (2 x 100)
  auto acct = env.broker->account();
  ASSERT_TRUE(acct);
  EXPECT_EQ(acct->buying_power, *core::Price::parse("11000.25"));
}

TEST(TradierBroker, RefusedSessionBlocksOrdersAndBadTokenIsAuthError) {
  TradierEnv env;
  ASSERT_TRUE(env.wait_ready());
  env.fake.set_token("rotated-elsewhere");
  env.fake.drop_stream();
  ASSERT_TRUE(env.pump_until([&] { return env.broker->stream_stats().session_failures >= 1; }));
  EXPECT_FALSE(env.broker->stream_ready());
  ASSERT_TRUE(env.pump_until([&] {
    for (const auto& s : env.statuses) {
      if (s.state == model::FeedState::kDisconnected &&
          s.detail.view().find("401") != std::string_view::npos) {
        return true;
      }
    }
    return false;
  }));
  const auto inst = env.option(kCall);
  model::OrderIntent o = env.intent(inst, Side::kBuy, 1, "1.25");
  o.client_order_id = "z1-direct";
  auto direct = env.broker->submit(o);
  ASSERT_FALSE(direct);
  EXPECT_EQ(direct.error().code, core::ErrorCode::kTransport);
  EXPECT_EQ(env.fake.order_posts(), 0);
  auto acct = env.broker->account();
  ASSERT_FALSE(acct);
  EXPECT_EQ(acct.error().code, core::ErrorCode::kAuth);
  EXPECT_EQ(acct.error().message.find(kToken), std::string::npos);
  for (const auto& s : env.statuses)
    EXPECT_EQ(s.detail.view().find(kToken), std::string_view::npos);
}

TEST(TradierBroker, RetryAfterAndQuotaHeadersHoldCalls) {
  TradierEnv env;
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  env.fake.rate_limit_next(1, "2");
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 1, "1.25"));
  ASSERT_TRUE(id);
  EXPECT_EQ(env.status(*id), OrderStatus::kPendingNew);
  const auto sent = env.fake.requests().size();
  EXPECT_FALSE(env.broker->account());
  EXPECT_EQ(env.fake.requests().size(), sent);  // held, not sent
  for (int i = 0; i < 4 && env.status(*id) == OrderStatus::kPendingNew; ++i) {
    env.advance(std::chrono::seconds(3));
    env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; },
                   std::chrono::milliseconds(500));
  }
  EXPECT_EQ(env.status(*id), OrderStatus::kAccepted);
  EXPECT_EQ(env.fake.orders_created(), 1);
  // X-Ratelimit-Available: 0 holds calls until X-Ratelimit-Expiry.
  const std::int64_t expiry_ms = env.clock.now().ns / 1'000'000 + 30'000;
  env.fake.exhaust_quota_until_ms(expiry_ms);
  ASSERT_TRUE(env.broker->account());  // this answer carries the exhausted quota
  auto held = env.broker->account();
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error().code, core::ErrorCode::kRateLimited);
  env.advance(std::chrono::seconds(31));
  EXPECT_TRUE(env.broker->account());
}

TEST(TradierBroker, TradingCallsHaveTheirOwnWindow) {
  TradierEnv env([](TradierBrokerConfig& c) { c.trading_requests_per_minute = 1; });
  ASSERT_TRUE(env.wait_ready());
  const auto inst = env.option(kCall);
  auto a = env.om->submit(env.intent(inst, Side::kBuy, 1, "1.25"));
  ASSERT_TRUE(a);
  ASSERT_TRUE(env.pump_until([&] { return env.status(*a) == OrderStatus::kAccepted; }));
  auto b = env.om->submit(env.intent(inst, Side::kBuy, 1, "1.25"));
  ASSERT_TRUE(b);  // paced: retried later
  EXPECT_EQ(env.status(*b), OrderStatus::kPendingNew);
  EXPECT_EQ(env.fake.order_posts(), 1);
  EXPECT_TRUE(env.broker->account());  // reads are not held by the order window
  env.advance(std::chrono::seconds(61));
  env.pump_until([&] { return env.status(*b) == OrderStatus::kAccepted; });
  EXPECT_EQ(env.status(*b), OrderStatus::kAccepted);
  EXPECT_EQ(env.fake.orders_created(), 2);
}

TEST(TradierBroker, SandboxWithoutStreamPollsTheOrderList) {
  TradierEnv env([](TradierBrokerConfig& c) {
    c.require_stream = false;
    c.poll_interval = std::chrono::milliseconds(30);
  });
  env.fake.set_streaming_available(false);
  env.fake.drop_stream();
  ASSERT_TRUE(env.pump_until([&] { return env.broker->stream_stats().session_failures >= 1; }));
  const auto inst = env.option(kCall);
  auto id = env.om->submit(env.intent(inst, Side::kBuy, 2, "1.25"));
  ASSERT_TRUE(id) << id.error().message;  // not blocked: the stream is optional here
  ASSERT_TRUE(env.pump_until([&] { return env.status(*id) == OrderStatus::kAccepted; }));
  env.fake.fill(fake_id(env, *id), 2, 1.25);
  ASSERT_TRUE(env.pump_until([&] { return env.position(inst) == 2; }));
  EXPECT_EQ(env.status(*id), OrderStatus::kFilled);
  EXPECT_FALSE(env.om->halted());
  EXPECT_EQ(env.fake.orders_created(), 1);
}

}  // namespace
}  // namespace zerodte::adapters::tradier::testing
