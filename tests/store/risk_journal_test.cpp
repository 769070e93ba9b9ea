// The risk engine's verdicts and events reach the journal through RiskJournal, and read back as
// the records the projections turn into risk_events rows.
#include "zerodte/store/risk_journal.hpp"

#include <gtest/gtest.h>

#include "temp_dir.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/risk/risk_types.hpp"
#include "zerodte/store/decision_records.hpp"
#include "zerodte/store/journal_reader.hpp"

namespace zerodte::store {
namespace {

using testing::TempDir;

TEST(RiskJournal, WritesEveryVerdictAndEventPublishedOnTheBus) {
  TempDir tmp("risk_journal");
  JournalConfig jc;
  jc.dir = tmp.path();
  auto j = Journal::open(jc);
  ASSERT_TRUE(j) << j.error().to_string();
  core::SimClock clock{core::Timestamp{1'700'000'000'000'000'000}};
  engine::Kernel kernel(clock);
  auto rj = std::make_shared<RiskJournal>(**j);
  kernel.add_component(rj);
  kernel.start();

  risk::RiskVerdict rejected;
  rejected.status = risk::VerdictStatus::kRejected;
  rejected.reason = risk::RejectReason::kQtyLimit;
  rejected.strategy = core::StrategyId{7};
  rejected.signal_id = 41;
  rejected.intent_seq = 2;
  rejected.ts = core::Timestamp{1'700'000'000'000'000'100};
  rejected.details.assign("quantity 7 > max_contracts_per_order 6");
  risk::RiskVerdict approved;
  approved.signal_id = 42;
  approved.client_order_id = core::ClientOrderId("zd-7-42-0");
  approved.ts = core::Timestamp{1'700'000'000'000'000'200};
  risk::RiskEvent tripped;
  tripped.kind = risk::RiskEventKind::kBreakerTripped;
  tripped.state = risk::TradingState::kReducing;
  tripped.ts = core::Timestamp{1'700'000'000'000'000'300};
  tripped.who.assign("breaker:vix_level");
  tripped.text.assign("VIX 31.20 > 30.00: exit all and pause");
  kernel.bus().publish(rejected);
  kernel.bus().publish(approved);
  kernel.bus().publish(tripped);
  EXPECT_EQ(rj->verdicts_written(), 2u);
  EXPECT_EQ(rj->events_written(), 1u);
  EXPECT_EQ(rj->health().state, engine::HealthState::kOk);
  kernel.stop();
  j->reset();

  std::vector<RiskVerdictRecord> verdicts;
  std::vector<TradingStateRecord> states;
  auto rep = read_journal(tmp.path(), {}, [&](const RecordView& v) -> core::Status {
    if (v.type == RecordType::kRiskVerdict)
      verdicts.push_back(*decode_record<RiskVerdictRecord>(v));
    if (v.type == RecordType::kTradingState)
      states.push_back(*decode_record<TradingStateRecord>(v));
    return core::ok();
  });
  ASSERT_TRUE(rep) << rep.error().to_string();
  ASSERT_EQ(verdicts.size(), 2u);
  EXPECT_EQ(verdicts[0].signal_id, 41u);
  EXPECT_FALSE(verdicts[0].approved);
  EXPECT_EQ(verdicts[0].rule, "QTY_LIMIT");
  EXPECT_EQ(verdicts[0].reason, "strategy 7 intent 2: quantity 7 > max_contracts_per_order 6");
  EXPECT_EQ(verdicts[0].ts, rejected.ts);
  EXPECT_TRUE(verdicts[1].approved);
  EXPECT_EQ(verdicts[1].client_order_id, "zd-7-42-0");
  EXPECT_EQ(verdicts[1].rule, "APPROVED");
  ASSERT_EQ(states.size(), 1u);
  EXPECT_EQ(states[0].state, TradingState::kReducing);
  EXPECT_EQ(states[0].by, "breaker:vix_level");
  EXPECT_EQ(states[0].reason, "breaker_tripped: VIX 31.20 > 30.00: exit all and pause");
}

TEST(RiskJournal, StopsWritingWhenStopped) {
  TempDir tmp("risk_journal_stop");
  JournalConfig jc;
  jc.dir = tmp.path();
  auto j = Journal::open(jc);
  ASSERT_TRUE(j);
  core::SimClock clock{core::Timestamp{1}};
  engine::Kernel kernel(clock);
  auto rj = std::make_shared<RiskJournal>(**j);
  kernel.add_component(rj);
  kernel.start();
  rj->stop();
  kernel.bus().publish(risk::RiskVerdict{});
  EXPECT_EQ(rj->verdicts_written(), 0u);
  EXPECT_EQ((*j)->last_seq(), 0u);
}

}  // namespace
}  // namespace zerodte::store
