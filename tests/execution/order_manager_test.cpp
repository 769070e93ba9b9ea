#include "zerodte/execution/order_manager.hpp"

#include <gtest/gtest.h>

#include "sim_env.hpp"
#include "zerodte/execution/client_order_id.hpp"

namespace zerodte::execution {
namespace {

using model::OrderStatus;
using model::OrderType;
using model::Side;
using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::px;
using testing::SimEnv;

constexpr std::string_view kCall = "SPY251121C00660000";

bool has_alert(const OrderManager& om, AlertKind k) {
  for (const auto& a : om.alerts()) {
    if (a.kind == k) return true;
  }
  return false;
}

struct Fixture {
  SimEnv env;
  core::InstrumentId id;
  core::Timestamp t;
  explicit Fixture(sim::SimVenueConfig cfg = {}) : env(std::move(cfg)) {
    id = env.option(kCall);
    t = env.clock.now();
    env.run({SimEnv::quote(id, t, "1.00", "1.10")}, t);
  }
  model::OrderIntent resting(std::uint64_t signal = 1) const {
    return SimEnv::single(id, Side::kBuy, 1, OrderType::kLimit, px("1.02"), signal);
  }
};

TEST(OrderManager, JournalsBeforeSendingAndSubmitsOnce) {
  Fixture f;
  auto r = f.env.om->submit(f.resting());
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(f.env.journal.entries().size(), 1u);
  EXPECT_EQ(f.env.journal.entries()[0].client_order_id, *r);
  EXPECT_EQ(*r, make_client_order_id("zerodte", f.resting()));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kPendingNew);
  f.env.run_until(f.t + milliseconds(1));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kAccepted);
  EXPECT_FALSE(f.env.om->find(*r)->venue_order_id.empty());
  // The same intent again (a strategy re-emitting its signal): refused, nothing sent.
  auto again = f.env.om->submit(f.resting());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kState);
  EXPECT_NE(again.error().message.find("duplicate"), std::string::npos);
  EXPECT_EQ(f.env.venue->orders_received(), 1u);
  EXPECT_EQ(f.env.journal.entries().size(), 1u);
}

TEST(OrderManager, RestartRefusesAJournaledIntent) {
  Fixture f;
  ASSERT_TRUE(f.env.om->submit(f.resting()));
  f.env.run_until(f.t + milliseconds(1));
  // A new process: the journal is replayed into a fresh order manager.
  auto om2 = f.env.make_om({});
  om2->restore(f.env.journal.entries());
  auto again = om2->submit(f.resting());
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("duplicate"), std::string::npos);
  EXPECT_EQ(f.env.venue->orders_received(), 1u);
}

TEST(OrderManager, JournalFailureSendsNothing) {
  Fixture f;
  f.env.journal.fail_next(1);
  auto r = f.env.om->submit(f.resting());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kIo);
  EXPECT_EQ(f.env.venue->orders_received(), 0u);
  EXPECT_TRUE(has_alert(*f.env.om, AlertKind::kJournalFailure));
  EXPECT_TRUE(f.env.om->submit(f.resting()));  // nothing went out, so it may be sent now
  EXPECT_EQ(f.env.venue->orders_received(), 1u);
}

TEST(OrderManager, TransportFailuresRetryWithBackoff) {
  Fixture f;
  f.env.venue->fail_next_submits(2, /*after_accept=*/false);
  auto r = f.env.om->submit(f.resting());
  ASSERT_TRUE(r);
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kPendingNew);
  // Retry 1 after 400-500 ms (500 ms nominal, up to 20% jitter), retry 2 after 0.8-1 s more.
  f.env.run_until(f.t + milliseconds(399));
  EXPECT_EQ(f.env.om->find(*r)->submit_attempts, 1u);
  f.env.run_until(f.t + milliseconds(501));
  EXPECT_EQ(f.env.om->find(*r)->submit_attempts, 2u);
  EXPECT_EQ(f.env.venue->orders_received(), 0u);
  f.env.run_until(f.t + milliseconds(1600));
  EXPECT_EQ(f.env.om->find(*r)->submit_attempts, 3u);
  EXPECT_EQ(f.env.venue->orders_received(), 1u);
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kAccepted);
}

TEST(OrderManager, LostAcknowledgementReportedByTheStreamIsNotResent) {
  Fixture f;
  f.env.venue->fail_next_submits(1, /*after_accept=*/true);  // the venue has it
  auto r = f.env.om->submit(f.resting());
  ASSERT_TRUE(r);
  f.env.run_until(f.t + seconds(2));
  const auto* rec = f.env.om->find(*r);
  EXPECT_EQ(rec->submit_attempts, 1u);  // the stream's ack arrived before the retry was due
  EXPECT_EQ(f.env.venue->orders_received(), 1u);
  EXPECT_EQ(rec->status, OrderStatus::kAccepted);
}

TEST(OrderManager, LostAcknowledgementIsFoundByIdAndNeverResent) {
  Fixture f;
  f.env.venue->fail_next_submits(1, /*after_accept=*/true);  // the venue has it; we never heard
  f.env.venue->set_reports_dropped(true);                    // and the stream is down
  auto r = f.env.om->submit(f.resting());
  ASSERT_TRUE(r);
  f.env.run_until(f.t + seconds(2));
  f.env.venue->set_reports_dropped(false);
  const auto* rec = f.env.om->find(*r);
  EXPECT_EQ(rec->submit_attempts, 1u);  // the retry asked, found it, and did not send
  EXPECT_EQ(f.env.venue->orders_received(), 1u);
  EXPECT_EQ(rec->status, OrderStatus::kAccepted);
  EXPECT_TRUE(has_alert(*f.env.om, AlertKind::kOrderResolved));
}

TEST(OrderManager, RejectsAreNotRetriedAndRetriesEnd) {
  Fixture f;
  auto big =
      f.env.om->submit(SimEnv::single(f.id, Side::kBuy, 5000, OrderType::kLimit, px("1.10"), 9));
  ASSERT_FALSE(big);
  const auto* rec = f.env.om->find(make_client_order_id(
      "zerodte", SimEnv::single(f.id, Side::kBuy, 1, OrderType::kLimit, px("1"), 9)));
  ASSERT_NE(rec, nullptr);
  EXPECT_EQ(rec->status, OrderStatus::kRejected);
  EXPECT_EQ(rec->submit_attempts, 1u);
  EXPECT_TRUE(has_alert(*f.env.om, AlertKind::kSubmitRejected));

  f.env.venue->fail_next_submits(100, false);
  auto r = f.env.om->submit(f.resting(2));
  ASSERT_TRUE(r);
  f.env.run_until(f.t + seconds(30));
  EXPECT_EQ(f.env.om->find(*r)->submit_attempts, 4u);  // max_attempts
  EXPECT_TRUE(f.env.om->find(*r)->needs_reconcile);
  EXPECT_TRUE(has_alert(*f.env.om, AlertKind::kRetryExhausted));
  EXPECT_EQ(f.env.venue->orders_received(), 0u);  // a synchronous reject leaves nothing there
}

TEST(OrderManager, FillMonitorCancelsAnUnfilledOrder) {
  Fixture f;
  auto r = f.env.om->submit(f.resting());
  ASSERT_TRUE(r);
  f.env.run_until(f.t + seconds(59));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kAccepted);
  f.env.run_until(f.t + seconds(61));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kCancelled);
  EXPECT_TRUE(has_alert(*f.env.om, AlertKind::kFillMonitorTimeout));
}

TEST(OrderManager, FillArrivingAfterTheCancelWasSentWins) {
  sim::SimVenueConfig cfg;
  cfg.order_entry_latency = milliseconds(100);
  Fixture f(cfg);
  auto r = f.env.om->submit(f.resting());
  ASSERT_TRUE(r);
  f.env.run_until(f.t + seconds(60) + milliseconds(50));  // the monitor fired at +60 s
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kPendingCancel);
  // The market comes to the order before the cancel reaches the venue (at +60.1 s).
  f.env.run({SimEnv::quote(f.id, f.t + seconds(60) + milliseconds(80), "0.99", "1.01")},
            f.t + seconds(61));
  const auto* rec = f.env.om->find(*r);
  EXPECT_EQ(rec->status, OrderStatus::kFilled);
  EXPECT_EQ(rec->filled().value, 1);
  EXPECT_FALSE(has_alert(*f.env.om, AlertKind::kIllegalTransition));
  EXPECT_EQ(f.env.venue->fill_log().size(), 1u);
}

TEST(OrderManager, LateFillAfterCancelIsCountedAndFlagged) {
  Fixture f;
  auto r = f.env.om->submit(SimEnv::single(f.id, Side::kBuy, 2, OrderType::kLimit, px("1.02"), 1));
  ASSERT_TRUE(r);
  f.env.run_until(f.t + milliseconds(1));
  model::OrderUpdate u;
  u.client_order_id = *r;
  u.status = OrderStatus::kCancelled;
  f.env.kernel.dispatch(u);
  model::Fill fill;
  fill.client_order_id = *r;
  fill.exec_id = "x-1";
  fill.instrument = f.id;
  fill.side = Side::kBuy;
  fill.quantity = core::Quantity{1};
  fill.price = px("1.02");
  f.env.kernel.dispatch(fill);
  f.env.kernel.dispatch(fill);  // a duplicate report of the same execution
  const auto* rec = f.env.om->find(*r);
  EXPECT_EQ(rec->status, OrderStatus::kCancelled);
  EXPECT_EQ(rec->filled().value, 1);
  EXPECT_EQ(f.env.om->executed_positions().at(f.id), 1);
  EXPECT_TRUE(has_alert(*f.env.om, AlertKind::kLateFill));
}

TEST(OrderManager, IllegalTransitionIsRaisedAndNotApplied) {
  Fixture f;
  std::vector<ExecutionAlert> seen;
  f.env.kernel.bus().subscribe_all<ExecutionAlert>(
      [&seen](const ExecutionAlert& a) { seen.push_back(a); });
  auto r = f.env.om->submit(SimEnv::single(f.id, Side::kBuy, 1, OrderType::kLimit, px("1.10"), 1));
  ASSERT_TRUE(r);
  f.env.run_until(f.t + milliseconds(1));
  ASSERT_EQ(f.env.om->find(*r)->status, OrderStatus::kFilled);
  model::OrderUpdate u;
  u.client_order_id = *r;
  u.status = OrderStatus::kAccepted;
  f.env.kernel.dispatch(u);
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kFilled);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().kind, AlertKind::kIllegalTransition);
  EXPECT_EQ(seen.back().from, OrderStatus::kFilled);
  EXPECT_EQ(seen.back().to, OrderStatus::kAccepted);
  ASSERT_FALSE(f.env.log.empty());  // and logged
  EXPECT_NE(f.env.log.back().find("illegal transition filled -> accepted"), std::string::npos);
}

TEST(OrderManager, ModifyIsACancelReplaceWithADeterministicId) {
  Fixture f;
  const auto intent = SimEnv::single(f.id, Side::kBuy, 3, OrderType::kLimit, px("1.02"), 1);
  auto r = f.env.om->submit(intent);
  ASSERT_TRUE(r);
  f.env.run_until(f.t + milliseconds(1));
  auto m = f.env.om->modify(*r, core::Quantity{3}, px("1.10"));
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(*m, make_client_order_id("zerodte", intent, 1));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kPendingReplace);
  EXPECT_EQ(f.env.journal.entries().size(), 2u);  // the replacement was journaled first
  f.env.run_until(f.t + milliseconds(2));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kReplaced);
  EXPECT_EQ(f.env.om->find(*m)->status, OrderStatus::kFilled);  // 1.10 takes the ask
  EXPECT_EQ(f.env.om->find(*m)->avg_fill_price(), px("1.10"));
  EXPECT_FALSE(f.env.om->modify(*r, core::Quantity{1}, px("1.05")));  // replaced: final
}

TEST(OrderManager, HaltAllowsOnlyReducingOrders) {
  Fixture f;
  f.env.venue->set_position(f.id, 1, px("1.00"));
  f.env.om->halt("test");
  auto open = f.env.om->submit(f.resting());
  ASSERT_FALSE(open);
  EXPECT_NE(open.error().message.find("halted"), std::string::npos);
  auto close = SimEnv::single(f.id, Side::kSell, 1, OrderType::kLimit, px("1.00"), 2);
  close.reduce_only = true;
  EXPECT_TRUE(f.env.om->submit(close));
  f.env.om->resume("test");
  EXPECT_TRUE(f.env.om->submit(f.resting(3)));
}

}  // namespace
}  // namespace zerodte::execution

namespace zerodte::execution {
namespace {

TEST(OrderManagerSim, DayOrdersExpireAtTheClose) {
  Fixture f;
  auto r = f.env.om->submit(f.resting(), seconds(0));  // no fill monitor
  ASSERT_TRUE(r);
  f.env.run_until(f.env.at({15, 59, 59}));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kAccepted);
  f.env.run_until(f.env.at({16, 0, 0}));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kExpired);
}

TEST(OrderManagerSim, StopOrderTriggersThenTakesTheTouch) {
  sim::SimVenueConfig cfg;
  cfg.capabilities = BrokerCapabilities::ibkr();
  Fixture f(cfg);
  f.env.venue->set_position(f.id, 2, px("1.00"));
  auto stop = SimEnv::single(f.id, Side::kSell, 2, OrderType::kStop, {}, 1);
  stop.stop_price = px("0.90");
  auto r = f.env.om->submit(stop);
  ASSERT_TRUE(r) << r.error().message;
  f.env.run({SimEnv::quote(f.id, f.t + seconds(1), "0.91", "1.00")}, f.t + seconds(2));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kAccepted);  // bid 0.91 > stop
  f.env.run({SimEnv::quote(f.id, f.t + seconds(3), "0.88", "0.95")}, f.t + seconds(4));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kFilled);
  EXPECT_EQ(f.env.om->find(*r)->avg_fill_price(), px("0.88"));
}

TEST(OrderManagerSim, IocRemainderIsCancelled) {
  sim::SimVenueConfig cfg;
  cfg.capabilities = BrokerCapabilities::ibkr();
  cfg.fill_model = sim::FillModel::size_aware();
  Fixture f(cfg);  // quote 1.00 / 1.10, 10 shown
  auto ioc = SimEnv::single(f.id, Side::kBuy, 15, OrderType::kLimit, px("1.10"), 1);
  ioc.tif = model::TimeInForce::kIoc;
  auto r = f.env.om->submit(ioc);
  ASSERT_TRUE(r);
  f.env.run_until(f.t + milliseconds(1));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kCancelled);
  EXPECT_EQ(f.env.om->find(*r)->filled().value, 10);
  auto miss = SimEnv::single(f.id, Side::kBuy, 1, OrderType::kLimit, px("1.00"), 2);
  miss.tif = model::TimeInForce::kIoc;
  auto r2 = f.env.om->submit(miss);
  ASSERT_TRUE(r2);
  f.env.run_until(f.t + milliseconds(2));
  EXPECT_EQ(f.env.om->find(*r2)->status, OrderStatus::kCancelled);
  EXPECT_EQ(f.env.om->find(*r2)->filled().value, 0);
}

TEST(OrderManagerSim, CancelRefusedAsTooLateRevertsAndTheFillCompletes) {
  sim::SimVenueConfig cfg;
  cfg.report_latency = seconds(1);  // we learn of everything a second late
  Fixture f(cfg);
  auto r = f.env.om->submit(f.resting());
  ASSERT_TRUE(r);
  f.env.run({SimEnv::quote(f.id, f.t + seconds(2), "0.95", "1.01")}, f.t + seconds(2));
  // The venue filled at +2 s; we still see accepted (ack at +1 s) and ask to cancel.
  ASSERT_EQ(f.env.om->find(*r)->status, OrderStatus::kAccepted);
  EXPECT_TRUE(f.env.om->cancel(*r));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kAccepted);  // "too late": reverted
  f.env.run_until(f.t + seconds(4));
  EXPECT_EQ(f.env.om->find(*r)->status, OrderStatus::kFilled);
  EXPECT_FALSE(has_alert(*f.env.om, AlertKind::kIllegalTransition));
}

}  // namespace
}  // namespace zerodte::execution

namespace zerodte::execution {
namespace {

model::OrderIntent bracket(core::InstrumentId id) {
  auto in = SimEnv::single(id, Side::kBuy, 2, OrderType::kLimit, px("1.10"), 77);
  in.order_class = model::OrderClass::kBracket;
  in.take_profit_price = px("1.50");
  in.stop_loss_price = px("0.80");
  return in;
}

struct BracketFixture : Fixture {
  BracketFixture() : Fixture() {}
  std::shared_ptr<OrderManager> om;
  void use_emulation() {
    OrderManagerConfig c;
    c.emulate_brackets = true;
    om = env.make_om(c);
    env.kernel.add_component(om);
    env.om->stop();
  }
};

TEST(EmulatedBracket, RefusedWithoutEmulationOnAVenueWithoutBrackets) {
  Fixture f;
  auto r = f.env.om->submit(bracket(f.id));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("bracket orders not supported"), std::string::npos);
}

TEST(EmulatedBracket, TakeProfitFillsAndCancelsTheStop) {
  BracketFixture f;
  f.use_emulation();
  auto r = f.om->submit(bracket(f.id));
  ASSERT_TRUE(r) << r.error().message;
  f.env.run_until(f.t + milliseconds(1));
  EXPECT_EQ(f.om->find(*r)->status, OrderStatus::kFilled);  // entry at the ask 1.10
  const auto tp_id = make_client_order_id("zerodte", bracket(f.id), kTakeProfitRevision);
  const auto sl_id = make_client_order_id("zerodte", bracket(f.id), kStopLossRevision);
  ASSERT_NE(f.om->find(tp_id), nullptr);
  ASSERT_NE(f.om->find(sl_id), nullptr);
  EXPECT_EQ(f.om->find(tp_id)->intent.quantity.value, 2);
  EXPECT_TRUE(f.om->find(sl_id)->intent.reduce_only);
  EXPECT_EQ(f.env.journal.entries().size(), 3u);  // entry and both exits journaled
  f.env.run({SimEnv::quote(f.id, f.t + seconds(1), "1.55", "1.60")}, f.t + seconds(2));
  EXPECT_EQ(f.om->find(tp_id)->status, OrderStatus::kFilled);
  EXPECT_EQ(f.om->find(tp_id)->avg_fill_price(), px("1.50"));  // a resting limit: its price
  EXPECT_EQ(f.om->find(sl_id)->status, OrderStatus::kCancelled);
  EXPECT_EQ(f.env.venue->position(f.id), 0);
  EXPECT_EQ(f.env.venue->orders_received(), 3u);
  // The exits outlive the fill monitor (no timeout on them).
  f.env.run_until(f.t + seconds(120));
  EXPECT_FALSE(has_alert(*f.om, AlertKind::kFillMonitorTimeout));
}

TEST(EmulatedBracket, StopLossFillsAndCancelsTheTakeProfit) {
  BracketFixture f;
  f.use_emulation();
  auto r = f.om->submit(bracket(f.id));
  ASSERT_TRUE(r);
  f.env.run_until(f.t + milliseconds(1));
  const auto tp_id = make_client_order_id("zerodte", bracket(f.id), kTakeProfitRevision);
  const auto sl_id = make_client_order_id("zerodte", bracket(f.id), kStopLossRevision);
  f.env.run({SimEnv::quote(f.id, f.t + seconds(1), "0.79", "0.85")}, f.t + seconds(2));
  EXPECT_EQ(f.om->find(sl_id)->status, OrderStatus::kFilled);
  EXPECT_EQ(f.om->find(sl_id)->avg_fill_price(), px("0.79"));  // stop -> market at the bid
  EXPECT_EQ(f.om->find(tp_id)->status, OrderStatus::kCancelled);
  EXPECT_EQ(f.env.venue->position(f.id), 0);
  // A restart re-links the exits from the journal.
  auto om2 = f.env.make_om([] {
    OrderManagerConfig c;
    c.emulate_brackets = true;
    return c;
  }());
  om2->restore(f.env.journal.entries());
  EXPECT_EQ(om2->find(tp_id)->oco_sibling, sl_id);
  EXPECT_TRUE(om2->find(*r)->exits_sent);
}

}  // namespace
}  // namespace zerodte::execution
