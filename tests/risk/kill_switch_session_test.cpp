// The kill switch during a simulated session: open multi-leg and single positions plus a working
// order at the sim venue; pulling the switch (a ControlCommand through the kernel) leaves no
// working orders and flat positions, and the risk event log shows each step.
#include <gtest/gtest.h>

#include <fstream>

#include "risk/risk_session.hpp"

namespace zerodte::risk {
namespace {

using execution::testing::px;
using execution::testing::SimEnv;
using model::Side;
using std::chrono::seconds;
using testing::Session;

TEST(KillSwitchSession, CancelsWorkingOrdersAndFlattensMultiLegPositions) {
  Session s;
  const auto t = s.env.clock.now();
  s.env.run(s.quotes(t + seconds(1)), t + seconds(1));
  auto v1 = s.risk->submit(s.condor(2, "-1.40", 1));
  ASSERT_EQ(v1.status, VerdictStatus::kApproved) << v1.details.view();
  auto v2 = s.risk->submit(s.single(s.call, Side::kBuy, 3, "1.05", 2));
  ASSERT_EQ(v2.status, VerdictStatus::kApproved) << v2.details.view();
  s.env.run({}, t + seconds(2));
  // A resting entry order (below the bid) stays working.
  auto v3 = s.risk->submit(s.single(s.call, Side::kBuy, 1, "0.85", 3));
  ASSERT_EQ(v3.status, VerdictStatus::kApproved) << v3.details.view();
  s.env.run(s.quotes(t + seconds(3)), t + seconds(3));
  ASSERT_EQ(s.env.venue->position(s.sp), -2);
  ASSERT_EQ(s.env.venue->position(s.lc), 2);
  ASSERT_EQ(s.env.venue->position(s.call), 3);
  ASSERT_EQ(s.pf.net_quantity(s.sp), -2);
  ASSERT_EQ(s.pf.net_quantity(s.call), 3);
  ASSERT_EQ(s.port.working_orders().size(), 1u);
  // The condor legs are one group in the portfolio.
  const auto* p0 = s.pf.position(core::StrategyId{4}, s.sp);
  const auto* p3 = s.pf.position(core::StrategyId{4}, s.lc);
  ASSERT_NE(p0, nullptr);
  EXPECT_NE(p0->group_id, 0u);
  EXPECT_EQ(p0->group_id, p3->group_id);

  auto cmd = std::make_shared<engine::ControlCommand>();
  cmd->user = "api:alice";
  cmd->action = "kill_switch";
  cmd->args = "manual test";
  cmd->ts_recv = t + seconds(4);
  std::vector<engine::Event> ev = s.quotes(t + seconds(4));
  ev.emplace_back(std::shared_ptr<const engine::ControlCommand>(cmd));
  s.env.run(ev, t + seconds(10));

  EXPECT_TRUE(s.port.working_orders().empty());
  for (auto id : {s.sp, s.lp, s.sc, s.lc, s.call}) {
    EXPECT_EQ(s.env.venue->position(id), 0) << s.env.reg.get(id).symbol_view();
    EXPECT_EQ(s.pf.net_quantity(id), 0);
  }
  EXPECT_EQ(s.risk->state(), TradingState::kHalted);
  const auto steps = s.steps();
  const std::vector<std::string> want = {"state_changed",     "kill_switch_pulled",
                                         "cancel_requested",  "flatten_submitted",
                                         "flatten_submitted", "kill_switch_done"};
  EXPECT_EQ(steps, want);
  const auto& pulled = s.risk->events()[1];
  EXPECT_EQ(pulled.who.view(), "api:alice");
  EXPECT_NE(pulled.text.view().find("1 working order(s)"), std::string_view::npos)
      << pulled.text.view();
  // The condor closed as one 4-leg package.
  bool package = false;
  for (const auto* r : s.env.om->orders()) {
    if (r->intent.leg_count == 4 && r->intent.reduce_only) {
      package = true;
      EXPECT_EQ(r->status, model::OrderStatus::kFilled);
      EXPECT_EQ(r->intent.quantity.value, 2);
    }
  }
  EXPECT_TRUE(package);
  // HALTED: a new entry is refused with the reason; the hold was persisted.
  const auto v4 = s.risk->submit(s.single(s.call, Side::kBuy, 1, "1.00", 9));
  EXPECT_EQ(v4.reason, RejectReason::kStateHalted);
  ASSERT_FALSE(s.store.load()->empty());
  EXPECT_EQ(s.store.load()->front().by, "api:alice");
  // A restart with the same store comes back HALTED.
  OrderManagerPort port2{*s.env.om};
  RiskEngine again(s.env.reg, Session::calendar(), s.pf, port2, RiskEngineConfig{}, &s.store);
  EXPECT_TRUE(again.kill_switch_active());
}

TEST(KillSwitchSession, SignalFile) {
  Session s;
  const auto file =
      std::filesystem::temp_directory_path() / ("zerodte_kill_" + std::to_string(::getpid()));
  std::filesystem::remove(file);
  RiskEngineConfig cfg;
  cfg.limits = Session::relaxed();
  cfg.kill_switch_file = file;
  OrderManagerPort port{*s.env.om};
  RiskEngine r(s.env.reg, Session::calendar(), s.pf, port, cfg);
  r.poll_kill_switch_file();
  EXPECT_FALSE(r.kill_switch_active());
  { std::ofstream(file) << "ops-bob\n"; }
  r.poll_kill_switch_file();
  EXPECT_TRUE(r.kill_switch_active());
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_EQ(r.state_machine().find("kill_switch")->by, "signal-file:ops-bob");
  std::filesystem::remove(file.string() + ".done");
}

TEST(RiskEngineSession, VerdictsArePublishedAndRejectsNeverReachTheVenue) {
  Session s;
  std::vector<RiskVerdict> seen;
  s.env.kernel.bus().subscribe_all<RiskVerdict>([&](const RiskVerdict& v) { seen.push_back(v); });
  const auto t = s.env.clock.now();
  s.env.run(s.quotes(t + seconds(1)), t + seconds(1));
  const auto bad = s.risk->submit(s.single(s.call, Side::kBuy, 7, "1.00", 1));  // > 6
  EXPECT_EQ(bad.reason, RejectReason::kQtyLimit);
  const auto good = s.risk->submit(s.single(s.call, Side::kBuy, 1, "1.05", 2));
  EXPECT_EQ(good.status, VerdictStatus::kApproved);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].reason, RejectReason::kQtyLimit);
  EXPECT_EQ(s.env.venue->orders_received(), 1u);
  ASSERT_NE(s.risk->explain(good.client_order_id), nullptr);
  EXPECT_EQ(s.risk->explain(good.client_order_id)->signal_id, 2u);
  // Intents published on the bus go through the same path.
  s.env.kernel.bus().publish(s.single(s.call, Side::kBuy, 1, "9.00", 3));
  EXPECT_EQ(seen.back().reason, RejectReason::kPriceBand);
}

TEST(RiskEngineSession, ManualModeQueuesForAPerson) {
  RiskLimits lim = Session::relaxed();
  lim.mode = ExecutionMode::kManual;
  Session s(lim);
  const auto t = s.env.clock.now();
  s.env.run(s.quotes(t + seconds(1)), t + seconds(1));
  const auto v = s.risk->submit(s.single(s.call, Side::kBuy, 1, "1.05", 1));
  EXPECT_EQ(v.status, VerdictStatus::kQueued);
  EXPECT_EQ(to_string(v.status), "MANUAL_MODE");
  EXPECT_EQ(s.env.venue->orders_received(), 0u);
  ASSERT_EQ(s.risk->manual_queue().size(), 1u);
  auto sent = s.risk->approve_queued(0, "alice");
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(s.env.venue->orders_received(), 1u);
  EXPECT_TRUE(s.risk->manual_queue().empty());
}

TEST(RiskEngineSession, FeedDownHaltsNewOrdersUntilBack) {
  Session s;
  const auto t = s.env.clock.now();
  s.env.run(s.quotes(t + seconds(1)), t + seconds(1));
  model::FeedStatus fs;
  fs.feed = "sim";
  fs.state = model::FeedState::kDisconnected;
  fs.ts_recv = t + seconds(2);
  s.env.run({fs}, t + seconds(2));
  EXPECT_EQ(s.risk->state(), TradingState::kReducing);
  EXPECT_EQ(s.risk->submit(s.single(s.call, Side::kBuy, 1, "1.05", 1)).reason,
            RejectReason::kStateReducing);
  fs.state = model::FeedState::kRecovered;
  fs.ts_recv = t + seconds(3);
  s.env.run({fs}, t + seconds(3));
  EXPECT_EQ(s.risk->state(), TradingState::kActive);
}

TEST(RiskEngineSession, DailyLossBreakerExitsAllAndHaltsForTheDay) {
  Session s;
  const auto t = s.env.clock.now();
  s.env.run(s.quotes(t + seconds(1)), t + seconds(1));
  ASSERT_TRUE(s.risk->submit(s.single(s.call, Side::kBuy, 6, "1.05", 1)).approved());
  s.env.run({}, t + seconds(2));
  ASSERT_EQ(s.pf.net_quantity(s.call), 6);
  // The call collapses: 6 x 100 x (1.05 - 0.05) = 600 lost; make the limit 0.5% of 100k = 500.
  RiskLimits lim = Session::relaxed();
  lim.breakers.daily_loss_pct = 0.5;
  s.risk->breakers() = CircuitBreakers(lim.breakers);
  s.env.run({SimEnv::quote(s.call, t + seconds(30), "0.04", "0.06")}, t + std::chrono::minutes(2));
  EXPECT_EQ(s.risk->state(), TradingState::kHalted);
  EXPECT_EQ(s.pf.net_quantity(s.call), 0);
  bool tripped = false;
  for (const auto& e : s.risk->events()) {
    tripped = tripped ||
              (e.kind == RiskEventKind::kBreakerTripped && e.who.view() == "breaker:daily_loss");
  }
  EXPECT_TRUE(tripped);
  // The halt lapses at the next trading day.
  const auto* h = s.risk->state_machine().find("breaker:daily_loss");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->until, Session::calendar().to_utc({2025, 11, 24}, {0, 0, 0}));
}

}  // namespace
}  // namespace zerodte::risk

namespace zerodte::risk {
namespace {

TEST(RiskEngineSession, PremiumStopExitsThePositionAtTheNextEvaluation) {
  RiskLimits lim = Session::relaxed();
  lim.exits.ladder_enabled = false;
  Session s(lim);
  const auto t = s.env.clock.now();
  s.env.run(s.quotes(t + seconds(1)), t + seconds(1));
  ASSERT_TRUE(s.risk->submit(s.single(s.call, Side::kBuy, 2, "1.05", 1)).approved());
  s.env.run({}, t + seconds(2));
  ASSERT_EQ(s.pf.net_quantity(s.call), 2);
  // -38% at the mid: nothing; -40%: the premium stop closes it at the next minute.
  s.env.run({SimEnv::quote(s.call, t + seconds(30), "0.60", "0.70")}, t + std::chrono::minutes(2));
  EXPECT_EQ(s.pf.net_quantity(s.call), 2);
  s.env.run({SimEnv::quote(s.call, t + std::chrono::minutes(2) + seconds(30), "0.58", "0.68")},
            t + std::chrono::minutes(4));
  EXPECT_EQ(s.pf.net_quantity(s.call), 0);
  EXPECT_EQ(s.env.venue->position(s.call), 0);
  bool exit_logged = false;
  for (const auto& e : s.risk->events()) {
    exit_logged = exit_logged || (e.kind == RiskEventKind::kExitSubmitted &&
                                  e.text.view().find("premium_stop") != std::string_view::npos);
  }
  EXPECT_TRUE(exit_logged);
  EXPECT_TRUE(s.risk->groups().empty());
}

TEST(RiskEngineSession, ZeroDteFlatTenMinutesBeforeTheClose) {
  RiskLimits lim = Session::relaxed();
  lim.exits.max_hold_negative = std::chrono::hours(10);
  lim.exits.max_hold_no_profit = std::chrono::hours(10);
  lim.exits.ladder_enabled = false;
  lim.exits.premium_stop_pct = 99;
  lim.exits.underlying_stop_pct = 100;
  Session s(lim);
  const auto t = s.env.clock.now();
  s.env.run(s.quotes(t + seconds(1)), t + seconds(1));
  ASSERT_TRUE(s.risk->submit(s.single(s.call, Side::kBuy, 1, "1.05", 1)).approved());
  s.env.run({SimEnv::quote(s.call, s.env.at({15, 48, 0}), "0.95", "1.05")}, s.env.at({15, 49, 59}));
  EXPECT_EQ(s.pf.net_quantity(s.call), 1);
  s.env.run({}, s.env.at({15, 50, 30}));
  EXPECT_EQ(s.pf.net_quantity(s.call), 0);
}

}  // namespace
}  // namespace zerodte::risk
