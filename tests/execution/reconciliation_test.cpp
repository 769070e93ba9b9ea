#include "zerodte/execution/reconciler.hpp"

#include <gtest/gtest.h>

#include "sim_env.hpp"

namespace zerodte::execution {
namespace {

using model::OrderStatus;
using model::OrderType;
using model::Side;
using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::px;
using testing::SimEnv;

OrderManagerConfig no_retry() {
  OrderManagerConfig c;
  c.retry.max_attempts = 1;  // leave the unknown outcome to reconciliation
  return c;
}

struct Broker {
  SimEnv env;
  core::InstrumentId id;
  core::Timestamp t;
  Broker() : env({}, SimEnv::kDay, {10, 0, 0}, no_retry()) {
    id = env.option("SPY251121C00660000");
    t = env.clock.now();
    env.run({SimEnv::quote(id, t, "1.00", "1.10")}, t);
  }
  // A process restart: a fresh order manager that replays the intent journal.
  std::shared_ptr<OrderManager> restart() {
    auto om = env.make_om(no_retry());
    env.kernel.add_component(om);  // subscribes to reports
    om->restore(env.journal.entries());
    env.om->stop();
    return om;
  }
};

TEST(Reconciliation, OrdersPlacedOutsideZerodteAreAdopted) {
  Broker b;
  auto ext = SimEnv::single(b.id, Side::kBuy, 2, OrderType::kLimit, px("0.90"), 0);
  ext.client_order_id = "web-1234";
  ASSERT_TRUE(b.env.venue->place_external(ext));
  Reconciler rec(*b.env.om, b.env.kernel);
  auto r = rec.run();
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->adopted.size(), 1u);
  EXPECT_EQ(r->adopted[0].view(), "web-1234");
  const auto* o = b.env.om->find("web-1234");
  ASSERT_NE(o, nullptr);
  EXPECT_TRUE(o->adopted);
  EXPECT_EQ(o->status, OrderStatus::kAccepted);
  EXPECT_EQ(o->intent.quantity.value, 2);
  EXPECT_TRUE(r->positions_match());
  EXPECT_FALSE(b.env.om->halted());
  // Adopted orders are managed like ours: cancellable.
  EXPECT_TRUE(b.env.om->cancel("web-1234"));
  b.env.run_until(b.t + milliseconds(1));
  EXPECT_EQ(b.env.om->find("web-1234")->status, OrderStatus::kCancelled);
}

TEST(Reconciliation, OrderLostBetweenSubmitAndAckIsFoundByIdNeverResent) {
  Broker b;
  b.env.venue->fail_next_submits(1, /*after_accept=*/true);  // reached the venue, no answer
  b.env.venue->set_reports_dropped(true);                    // and the stream went down
  auto id = b.env.om->submit(SimEnv::single(b.id, Side::kBuy, 3, OrderType::kLimit, px("1.10"), 1));
  ASSERT_TRUE(id);
  b.env.run_until(b.t + seconds(1));  // the venue fills it; we hear nothing
  EXPECT_EQ(b.env.om->find(*id)->status, OrderStatus::kPendingNew);
  EXPECT_TRUE(b.env.om->find(*id)->needs_reconcile);
  b.env.venue->set_reports_dropped(false);

  auto om2 = b.restart();  // and the process restarts before reconnecting
  Reconciler rec(*om2, b.env.kernel);
  auto r = rec.run();
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->resolved.size(), 1u);  // not open any more: asked for by client_order_id
  EXPECT_EQ(r->resolved[0], *id);
  EXPECT_EQ(r->fills_replayed, 1u);
  const auto* o = om2->find(*id);
  EXPECT_EQ(o->status, OrderStatus::kFilled);
  EXPECT_EQ(o->filled().value, 3);
  EXPECT_TRUE(r->positions_match());
  EXPECT_EQ(b.env.venue->orders_received(), 1u);  // never resent
  EXPECT_FALSE(om2->submit(SimEnv::single(b.id, Side::kBuy, 3, OrderType::kLimit, px("1.10"), 1)));
  EXPECT_EQ(b.env.venue->orders_received(), 1u);
}

TEST(Reconciliation, OrderTheVenueNeverSawIsMarkedLostNotResent) {
  Broker b;
  b.env.venue->fail_next_submits(1, /*after_accept=*/false);
  auto id = b.env.om->submit(SimEnv::single(b.id, Side::kBuy, 1, OrderType::kLimit, px("1.00"), 1));
  ASSERT_TRUE(id);
  Reconciler rec(*b.env.om, b.env.kernel);
  auto r = rec.run();
  ASSERT_TRUE(r);
  ASSERT_EQ(r->lost.size(), 1u);
  EXPECT_EQ(b.env.om->find(*id)->status, OrderStatus::kRejected);
  EXPECT_EQ(b.env.venue->orders_received(), 0u);
}

TEST(Reconciliation, MissedFillsAreReplayedOnce) {
  Broker b;
  auto id = b.env.om->submit(SimEnv::single(b.id, Side::kBuy, 2, OrderType::kLimit, px("1.05"), 1));
  ASSERT_TRUE(id);
  b.env.run_until(b.t + milliseconds(1));
  b.env.venue->set_reports_dropped(true);  // disconnected
  b.env.run({SimEnv::quote(b.id, b.t + seconds(1), "0.95", "1.00")}, b.t + seconds(2));
  b.env.venue->set_reports_dropped(false);  // reconnected
  EXPECT_EQ(b.env.om->find(*id)->status, OrderStatus::kAccepted);
  Reconciler rec(*b.env.om, b.env.kernel);
  auto r = rec.run();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->fills_replayed, 1u);
  EXPECT_EQ(b.env.om->find(*id)->status, OrderStatus::kFilled);
  EXPECT_TRUE(r->positions_match());
  auto again = rec.run();  // idempotent
  ASSERT_TRUE(again);
  EXPECT_EQ(again->fills_replayed, 0u);
  EXPECT_EQ(b.env.om->executed_positions().at(b.id), 2);
}

TEST(Reconciliation, PositionMismatchHaltsNewOrders) {
  Broker b;
  std::vector<PositionMismatch> seen;
  b.env.kernel.bus().subscribe_all<PositionMismatch>(
      [&seen](const PositionMismatch& m) { seen.push_back(m); });
  b.env.venue->set_position(b.id, 5, px("1.00"));  // a trade we know nothing about
  Reconciler rec(*b.env.om, b.env.kernel);
  auto r = rec.run();
  ASSERT_TRUE(r);
  ASSERT_EQ(r->mismatches.size(), 1u);
  EXPECT_EQ(r->mismatches[0].ours.value, 0);
  EXPECT_EQ(r->mismatches[0].venue.value, 5);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].venue.value, 5);
  EXPECT_TRUE(b.env.om->halted());
  auto blocked =
      b.env.om->submit(SimEnv::single(b.id, Side::kBuy, 1, OrderType::kLimit, px("1.00"), 7));
  ASSERT_FALSE(blocked);
  EXPECT_NE(blocked.error().message.find("halted"), std::string::npos);
  // Once the books agree (the operator loads the broker's position), a clean run resumes.
  ReconcileOptions opts;
  opts.expected_positions = std::map<core::InstrumentId, std::int64_t>{{b.id, 5}};
  opts.resume_if_clean = true;
  auto clean = rec.run(opts);
  ASSERT_TRUE(clean);
  EXPECT_TRUE(clean->positions_match());
  EXPECT_FALSE(b.env.om->halted());
}

}  // namespace
}  // namespace zerodte::execution

#include "zerodte/execution/reconcile_on_reconnect.hpp"

namespace zerodte::execution {
namespace {

model::FeedStatus feed(core::Timestamp t, model::FeedState s) {
  model::FeedStatus f;
  f.ts_event = f.ts_recv = t;
  f.feed = "sim";
  f.state = s;
  return f;
}

TEST(Reconciliation, RunsAfterEveryReconnectAndHaltsWhileDown) {
  Broker b;
  auto auto_rec = std::make_shared<ReconcileOnReconnect>(*b.env.om, "sim");
  b.env.kernel.add_component(auto_rec);
  auto id = b.env.om->submit(SimEnv::single(b.id, Side::kBuy, 1, OrderType::kLimit, px("1.05"), 1));
  ASSERT_TRUE(id);
  b.env.run_until(b.t + milliseconds(1));
  b.env.kernel.dispatch(feed(b.t + seconds(1), model::FeedState::kDisconnected));
  EXPECT_TRUE(b.env.om->halted());
  b.env.venue->set_reports_dropped(true);
  b.env.run({SimEnv::quote(b.id, b.t + seconds(2), "0.95", "1.00")}, b.t + seconds(3));
  b.env.venue->set_reports_dropped(false);
  b.env.kernel.dispatch(feed(b.t + seconds(4), model::FeedState::kRecovered));
  EXPECT_EQ(auto_rec->runs(), 1u);
  ASSERT_TRUE(auto_rec->last().has_value() && auto_rec->last()->has_value());
  EXPECT_EQ((*auto_rec->last())->fills_replayed, 1u);
  EXPECT_EQ(b.env.om->find(*id)->status, OrderStatus::kFilled);
  EXPECT_FALSE(b.env.om->halted());  // clean: resumed
  b.env.kernel.dispatch(feed(b.t + seconds(5), model::FeedState::kConnected));
  EXPECT_EQ(auto_rec->runs(), 1u);  // no disconnect in between: nothing to do
}

}  // namespace
}  // namespace zerodte::execution

namespace zerodte::execution {
namespace {

TEST(Reconciliation, RestartAfterAReplaceTakesTheVenuesWord) {
  Broker b;
  auto id = b.env.om->submit(SimEnv::single(b.id, Side::kBuy, 2, OrderType::kLimit, px("1.02"), 1));
  ASSERT_TRUE(id);
  b.env.run_until(b.t + milliseconds(1));
  auto repl = b.env.om->modify(*id, core::Quantity{2}, px("1.03"));
  ASSERT_TRUE(repl);
  b.env.run_until(b.t + milliseconds(2));
  auto om2 = b.restart();
  Reconciler rec(*om2, b.env.kernel);
  auto r = rec.run();
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(om2->find(*id)->status, OrderStatus::kReplaced);
  EXPECT_EQ(om2->find(*repl)->status, OrderStatus::kAccepted);
  EXPECT_FALSE(om2->find(*repl)->needs_reconcile);
  for (const auto& a : om2->alerts())
    EXPECT_NE(a.kind, AlertKind::kIllegalTransition);
  EXPECT_TRUE(om2->cancel(*repl));  // the restored order is fully managed again
  EXPECT_EQ(b.env.venue->orders_received(), 2u);
}

}  // namespace
}  // namespace zerodte::execution
