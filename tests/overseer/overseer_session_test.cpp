// Each anomaly injected into a simulated session (kernel + SimClock + sim venue + risk engine):
// the overseer raises the right level, takes the right action through the risk engine, records
// an explanation, alerts the operator, and an admin can reverse the action.
#include <gtest/gtest.h>

#include "overseer/overseer_fixture.hpp"

namespace zerodte::overseer {
namespace {

using execution::testing::SimEnv;
using std::chrono::seconds;
using testing::OverseerSession;

const Anomaly* find(const Overseer& o, std::string_view code) {
  for (const auto& a : o.anomalies()) {
    if (a.code == code) return &a;
  }
  return nullptr;
}

TEST(OverseerSession, StaleFeedHaltsTradingAndAdminResumes) {
  OverseerConfig cfg;
  OverseerSession s(cfg);
  const auto t0 = s.at(10, 0, 1);
  // A quote a second until 10:00:30 (the feed's cadence is learnt), then silence.
  s.env.run(s.quotes(t0, s.at(10, 0, 30)), s.at(10, 0, 40));
  EXPECT_EQ(find(*s.overseer, "stale_data"), nullptr) << "10 s old is not yet stale";
  EXPECT_EQ(s.risk->state(), risk::TradingState::kActive);
  s.env.run_until(s.at(10, 0, 45));
  const Anomaly* a = find(*s.overseer, "stale_data");
  ASSERT_NE(a, nullptr) << s.all_alerts();
  EXPECT_EQ(a->level, Level::kHalt);
  EXPECT_EQ(a->monitor, MonitorKind::kData);
  EXPECT_EQ(a->ts, s.at(10, 0, 41));  // first check with age > 10 s
  EXPECT_EQ(a->explanation.rfind("Feed for ", 0), 0u) << a->explanation;
  EXPECT_NE(a->explanation.find("is 11s old (limit 10s)"), std::string::npos) << a->explanation;
  // The action: the risk engine is HALTED by an overseer hold.
  ASSERT_EQ(s.overseer->actions().size(), 1u);
  const AutoAction& act = s.overseer->actions()[0];
  EXPECT_EQ(act.kind, ActionKind::kHaltTrading);
  EXPECT_TRUE(act.applied);
  EXPECT_EQ(s.risk->state(), risk::TradingState::kHalted);
  EXPECT_EQ(s.overseer->level(), Level::kHalt);
  const auto v = s.risk->submit(SimEnv::single(
      s.call, model::Side::kBuy, 1, model::OrderType::kLimit, execution::testing::px("1.00"), 1));
  EXPECT_EQ(v.reason, risk::RejectReason::kStateHalted);
  // Journaled explanations: the anomaly and the action.
  ASSERT_NE(s.explanations.by_id("ANO-1"), nullptr);
  const auto* rec = s.explanations.by_id("ACT-1");
  ASSERT_NE(rec, nullptr);
  EXPECT_EQ(rec->kind, ExplanationKind::kAutoAction);
  EXPECT_EQ(rec->triggered_by, (std::vector<std::string>{"stale_data", "ANO-1"}));
  EXPECT_TRUE(s.alerted("\U0001F6D1 Feed for "));
  // Data again: the condition clears but the halt stays until an admin reverses it.
  s.env.run(s.quotes(s.at(10, 0, 46), s.at(10, 0, 47)), s.at(10, 0, 47));
  EXPECT_FALSE(s.overseer->active("stale_data", a->subject));
  EXPECT_EQ(s.risk->state(), risk::TradingState::kHalted);
  // Admin reversal through a control command on the kernel.
  auto cmd = std::make_shared<engine::ControlCommand>(engine::ControlCommand{
      "api:alice", "overseer.reverse", R"({"action_id": 1})", s.at(10, 0, 23)});
  s.env.run({engine::Event{std::shared_ptr<const engine::ControlCommand>(cmd)}}, s.at(10, 0, 23));
  EXPECT_FALSE(s.overseer->actions()[0].active);
  EXPECT_EQ(s.overseer->actions()[0].reversed_by, "api:alice");
  EXPECT_EQ(s.risk->state(), risk::TradingState::kActive);
  ASSERT_NE(s.explanations.by_id("REV-1"), nullptr);
  // A second reversal is refused with a reason.
  auto again = s.overseer->reverse(1, "bob");
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("reversed by api:alice"), std::string::npos);
}

TEST(OverseerSession, SparseQuotesAreNotStaleButAWatchedSilentFeedIs) {
  OverseerConfig cfg;
  OverseerSession s(cfg);
  // The option is quoted every 30 s all morning: its own cadence, never stale.
  std::vector<engine::Event> ev;
  for (int i = 0; i < 40; ++i)
    ev.push_back(SimEnv::quote(s.call, s.at(10, 0, 1) + seconds(30 * i), "0.95", "1.05"));
  s.env.run(ev, s.at(10, 20, 0));
  EXPECT_EQ(find(*s.overseer, "stale_data"), nullptr);
  // A watched instrument that never sends anything is stale 10 s after the start.
  OverseerConfig w;
  w.watch = {s.spy};
  OverseerSession t(w);
  t.env.run_until(t.at(10, 0, 12));
  const Anomaly* a = find(*t.overseer, "stale_data");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->subject, "SPY");
  EXPECT_EQ(a->ts, t.at(10, 0, 11));
}

TEST(OverseerSession, ImpossibleGreeksHalt) {
  OverseerSession s;
  model::OptionQuote q =
      std::get<model::OptionQuote>(SimEnv::quote(s.call, s.at(10, 0, 2), "0.95", "1.05"));
  q.has_greeks = true;
  q.greeks = {0.25, 0.5, -0.01, -0.3, 0.1, 0.01};  // gamma < 0
  s.env.run({q}, s.at(10, 0, 3));
  const Anomaly* a = find(*s.overseer, "impossible_greeks");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->level, Level::kHalt);
  EXPECT_EQ(a->subject, "SPY 660C");
  EXPECT_DOUBLE_EQ(a->value, -0.01);
  EXPECT_NE(a->explanation.find("gamma -0.01 outside [0, 100000]"), std::string::npos);
  EXPECT_EQ(s.risk->state(), risk::TradingState::kHalted);
  ASSERT_TRUE(s.overseer->reverse(1, "admin"));
  EXPECT_EQ(s.risk->state(), risk::TradingState::kActive);
}

TEST(OverseerSession, GreeksFailingThreeTimesHaltsWithTheSeedText) {
  OverseerSession s;
  GreeksReading bad{s.spy, false, 0, 0, 0, s.at(10, 0, 1)};
  s.overseer->on_greeks(bad);
  s.overseer->on_greeks(bad);
  EXPECT_EQ(find(*s.overseer, "greeks_failed"), nullptr);
  s.overseer->on_greeks(bad);
  ASSERT_NE(find(*s.overseer, "greeks_failed"), nullptr);
  EXPECT_TRUE(s.alerted("\U0001F6D1 Greeks calculation failed 3x - halting SPY signals"))
      << s.all_alerts();
  EXPECT_EQ(s.risk->state(), risk::TradingState::kHalted);
}

TEST(OverseerSession, SlippageBurstWarnsAndTapersSizes) {
  OverseerSession s;
  s.env.run(s.quotes(s.at(10, 0, 1), s.at(10, 0, 2)), s.at(10, 0, 2));
  // A strategy's intent on the bus: risk approves it; the overseer learns the expected price.
  s.env.kernel.bus().publish(SimEnv::single(s.call, model::Side::kBuy, 2, model::OrderType::kLimit,
                                            execution::testing::px("1.00"), 7));
  ASSERT_FALSE(s.risk->verdicts().empty());
  const auto& v = s.risk->verdicts().back();
  ASSERT_TRUE(v.approved()) << v.details.view();
  EXPECT_EQ(s.risk->checker().limits().max_contracts_per_order, 6);
  // The venue fills it 4% worse than expected.
  model::Fill f;
  f.client_order_id = v.client_order_id;
  f.exec_id = "slip-1";
  f.instrument = s.call;
  f.side = model::Side::kBuy;
  f.quantity = core::Quantity{2};
  f.price = execution::testing::px("1.04");
  f.fee = core::Price::zero();
  f.ts_event = f.ts_recv = s.at(10, 0, 3);
  s.env.run({f}, s.at(10, 0, 3));
  const Anomaly* a = find(*s.overseer, "high_slippage");
  ASSERT_NE(a, nullptr) << s.all_alerts();
  EXPECT_EQ(a->level, Level::kWarn);
  EXPECT_NEAR(a->value, 0.04, 1e-9);
  EXPECT_NE(a->explanation.find("Slippage 4.0% exceeds threshold 2.0%"), std::string::npos)
      << a->explanation;
  ASSERT_EQ(s.overseer->actions().size(), 1u);
  EXPECT_EQ(s.overseer->actions()[0].kind, ActionKind::kTaperSizes);
  EXPECT_DOUBLE_EQ(s.overseer->size_factor(), 0.5);
  EXPECT_EQ(s.risk->checker().limits().max_contracts_per_order, 3);
  EXPECT_EQ(s.risk->state(), risk::TradingState::kActive);  // a warning does not halt
  // 4 contracts now exceed the tapered limit.
  const auto big = s.risk->submit(SimEnv::single(
      s.call, model::Side::kBuy, 4, model::OrderType::kLimit, execution::testing::px("1.00"), 8));
  EXPECT_EQ(big.reason, risk::RejectReason::kQtyLimit);
  ASSERT_TRUE(s.overseer->reverse(1, "admin"));
  EXPECT_EQ(s.risk->checker().limits().max_contracts_per_order, 6);
  EXPECT_DOUBLE_EQ(s.overseer->size_factor(), 1.0);
}

TEST(OverseerSession, RejectStormWarnsWithReasons) {
  OverseerSession s;
  std::vector<engine::Event> ev;
  for (int i = 0; i < 5; ++i) {
    model::OrderUpdate u;
    u.client_order_id = fmt::format("X{}", i);
    u.status = model::OrderStatus::kRejected;
    u.reason = i < 3 ? "insufficient buying power" : "market closed";
    u.ts_event = u.ts_recv = s.at(10, 0, 10 + i);
    ev.push_back(u);
  }
  s.env.run({ev.begin(), ev.begin() + 4}, s.at(10, 0, 13));
  EXPECT_EQ(find(*s.overseer, "reject_storm"), nullptr);
  s.env.run({ev.begin() + 4, ev.end()}, s.at(10, 0, 14));
  const Anomaly* a = find(*s.overseer, "reject_storm");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->level, Level::kWarn);
  EXPECT_EQ(a->value, 5);
  EXPECT_NE(a->explanation.find("insufficient buying power x3, market closed x2"),
            std::string::npos)
      << a->explanation;
  ASSERT_EQ(s.overseer->actions().size(), 1u);
  EXPECT_EQ(s.overseer->actions()[0].kind, ActionKind::kTaperSizes);
  EXPECT_EQ(s.overseer->reject_reasons().at("market closed"), 2);
}

TEST(OverseerSession, DecayingStrategyIsReviewedThenDisabledAndReEnabled) {
  OverseerConfig cfg;
  cfg.decay_min_trades = 10;
  cfg.disable_after = 3;
  OverseerSession s(cfg);
  s.env.run(s.quotes(s.at(10, 0, 1), s.at(10, 2, 0)), s.at(10, 2, 0));
  const core::StrategyId strat{3};
  for (int i = 0; i < 9; ++i)
    s.overseer->on_outcome({strat, std::uint64_t(100 + i), 100, -20, s.at(10, 1, i)});
  EXPECT_EQ(find(*s.overseer, "strategy_decay"), nullptr) << "fewer than decay_min_trades";
  s.overseer->on_outcome({strat, 110, 100, -20, s.at(10, 1, 10)});
  const Anomaly* a = find(*s.overseer, "strategy_decay");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->level, Level::kReview);
  EXPECT_EQ(a->subject, "gamma_scalp");
  EXPECT_DOUBLE_EQ(a->value, -200);
  EXPECT_DOUBLE_EQ(a->threshold, 1000);
  EXPECT_TRUE(s.overseer->actions().empty()) << "a review flag alone takes no action";
  s.overseer->on_outcome({strat, 111, 100, -20, s.at(10, 1, 11)});
  s.overseer->on_outcome({strat, 112, 100, -20, s.at(10, 1, 12)});
  ASSERT_EQ(s.overseer->actions().size(), 1u);
  const AutoAction act = s.overseer->actions()[0];
  EXPECT_EQ(act.kind, ActionKind::kDisableStrategy);
  EXPECT_EQ(act.subject, "gamma_scalp");
  EXPECT_FALSE(s.overseer->strategy_enabled(strat));
  // The risk engine now refuses the strategy's entries.
  const auto v = s.risk->submit(SimEnv::single(
      s.call, model::Side::kBuy, 1, model::OrderType::kLimit, execution::testing::px("1.00"), 50));
  EXPECT_EQ(v.reason, risk::RejectReason::kTradingWindow);
  // Its explanation is queryable by strategy.
  ExplanationQuery q;
  q.strategy = "gamma_scalp";
  q.kind = ExplanationKind::kAutoAction;
  ASSERT_EQ(s.explanations.query(q).size(), 1u);
  ASSERT_TRUE(s.overseer->reverse(act.id, "admin"));
  EXPECT_TRUE(s.overseer->strategy_enabled(strat));
  const auto v2 = s.risk->submit(SimEnv::single(
      s.call, model::Side::kBuy, 1, model::OrderType::kLimit, execution::testing::px("1.00"), 51));
  EXPECT_TRUE(v2.approved()) << v2.details.view();
}

TEST(OverseerSession, BrokerDisconnectsRepeatedlyFlipsToPaper) {
  OverseerSession s;
  auto feed = [&](model::FeedState st, int sec) {
    model::FeedStatus f;
    f.ts_event = f.ts_recv = s.at(10, 5, sec);
    f.feed = "broker";
    f.state = st;
    f.detail = "socket closed";
    return engine::Event{f};
  };
  s.env.run({feed(model::FeedState::kDisconnected, 1)}, s.at(10, 5, 1));
  const Anomaly* a = find(*s.overseer, "feed_down");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->level, Level::kHalt);
  EXPECT_EQ(a->explanation, "Feed broker is disconnected: socket closed");
  s.env.run({feed(model::FeedState::kConnected, 2), feed(model::FeedState::kDisconnected, 3),
             feed(model::FeedState::kConnected, 4), feed(model::FeedState::kDisconnected, 5)},
            s.at(10, 5, 5));
  // Three halts today: one halt action (still active) and a flip to paper.
  int halts = 0, papers = 0;
  for (const auto& x : s.overseer->actions()) {
    halts += x.kind == ActionKind::kHaltTrading;
    papers += x.kind == ActionKind::kFlipToPaper;
  }
  EXPECT_EQ(halts, 1);
  EXPECT_EQ(papers, 1);
  EXPECT_TRUE(s.overseer->paper_mode());
  EXPECT_EQ(s.paper_switches, std::vector<bool>{true});
  const auto& paper = s.overseer->actions().back();
  ASSERT_TRUE(s.overseer->reverse(paper.id, "admin"));
  EXPECT_EQ(s.paper_switches, (std::vector<bool>{true, false}));
  EXPECT_FALSE(s.overseer->paper_mode());
}

TEST(OverseerSession, WarningsForRegimeVolumeVpinAndLatency) {
  OverseerConfig cfg;
  cfg.baseline_min_samples = 20;
  OverseerSession s(cfg);
  s.overseer->on_regime({s.spy, 0.4, s.at(10, 0, 1)});
  EXPECT_EQ(find(*s.overseer, "regime_uncertainty"), nullptr);
  s.overseer->on_regime({s.spy, 0.62, s.at(10, 0, 2)});
  ASSERT_NE(find(*s.overseer, "regime_uncertainty"), nullptr);
  EXPECT_EQ(find(*s.overseer, "regime_uncertainty")->explanation,
            "Regime uncertainty on SPY at 62% (> 50%)");
  AnalyticsReading vpin{s.spy, "vpin", 0.89, s.at(10, 0, 3)};
  s.overseer->on_analytics(vpin);
  EXPECT_TRUE(s.alerted("\u26A0\uFE0F VPIN spike to 0.89 - toxic flow detected on SPY"))
      << s.all_alerts();
  // Unusual volume: 30 quiet bars, then a spike.
  std::vector<engine::Event> bars;
  for (int i = 0; i < 31; ++i) {
    model::Bar b;
    b.hdr.instrument = s.spy;
    b.hdr.ts_event = b.hdr.ts_recv = s.at(10, 10 + i, 0);
    b.volume = i < 30 ? 1000 + (i % 5) * 50 : 20'000;
    bars.push_back(b);
  }
  s.env.run(bars, s.at(10, 40, 0));
  const Anomaly* v = find(*s.overseer, "unusual_volume");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->level, Level::kWarn);
  EXPECT_DOUBLE_EQ(v->value, 20'000);
  // Latency: received 3 s after the venue time.
  auto q = OverseerSession::spy_quote(s.spy, s.at(10, 41, 0));
  std::get<model::Quote>(q).hdr.ts_event = s.at(10, 40, 57);
  s.env.run({q}, s.at(10, 41, 0));
  ASSERT_NE(find(*s.overseer, "feed_latency"), nullptr);
  // One taper for all the warnings.
  int tapers = 0;
  for (const auto& x : s.overseer->actions())
    tapers += x.kind == ActionKind::kTaperSizes;
  EXPECT_EQ(tapers, 1);
}

TEST(OverseerSession, DecodeErrorsWarnThenHalt) {
  OverseerConfig cfg;
  cfg.decode_errors_to_halt = 3;
  OverseerSession s(cfg);
  for (int i = 0; i < 3; ++i)
    s.overseer->on_decode_error({"databento", s.at(10, 0, i + 1), "unknown rtype 0x99"});
  std::vector<Level> levels;
  for (const auto& a : s.overseer->anomalies())
    levels.push_back(a.level);
  EXPECT_EQ(levels, (std::vector<Level>{Level::kWarn, Level::kHalt}));
  EXPECT_EQ(s.risk->state(), risk::TradingState::kHalted);
}

TEST(OverseerSession, StaleBookWarnsOnceAndClearsWhenRefreshed) {
  OverseerSession s;
  model::BookDepth b;
  b.hdr.instrument = s.spy;
  b.hdr.ts_event = b.hdr.ts_recv = s.at(10, 0, 1);
  b.depth = 1;
  s.env.run({b}, s.at(10, 0, 30));
  int raised = 0;
  for (const auto& a : s.overseer->anomalies())
    raised += a.code == "stale_book";
  EXPECT_EQ(raised, 1) << "raised once while the condition lasts";
  EXPECT_TRUE(s.overseer->active("stale_book", "SPY"));
  b.hdr.ts_event = b.hdr.ts_recv = s.at(10, 0, 31);
  s.env.run({b}, s.at(10, 0, 31));
  EXPECT_FALSE(s.overseer->active("stale_book", "SPY"));
}

TEST(OverseerSession, DailySummary) {
  OverseerSession s;
  s.env.run(s.quotes(s.at(10, 0, 1), s.at(10, 0, 2)), s.at(10, 0, 2));
  for (std::uint64_t i = 1; i <= 3; ++i) {
    (void)s.risk->submit(SimEnv::single(s.call, model::Side::kBuy, 1, model::OrderType::kLimit,
                                        execution::testing::px("1.00"), i));
  }
  EXPECT_EQ(s.overseer->daily_summary(s.env.clock.now()),
            "\u2705 All systems normal - 3 signals validated today");
}

}  // namespace
}  // namespace zerodte::overseer
