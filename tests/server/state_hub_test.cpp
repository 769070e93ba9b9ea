#include "zerodte/server/state_hub.hpp"

#include <gtest/gtest.h>

namespace zerodte::server {
namespace {

TEST(StateHub, SnapshotSwapIsVisibleAndOldSnapshotsStayValid) {
  StateHub hub;
  const auto before = hub.snapshot();
  Snapshot s;
  s.status = R"({"mode":"paper"})";
  hub.publish_snapshot(s);
  EXPECT_EQ(hub.snapshot()->status, R"({"mode":"paper"})");
  EXPECT_EQ(before->status, "{}");  // readers holding the old one are unaffected
}

TEST(StateHub, ResumesAfterSequenceFromReplayBuffer) {
  StateHub hub(8, 100);
  for (int i = 0; i < 5; ++i)
    hub.publish_event("trade_executed", std::to_string(i));
  auto sub = hub.subscribe(3);
  EXPECT_FALSE(sub.gap);
  auto got = sub.subscriber->drain();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0]->seq, 4u);
  EXPECT_EQ(got[0]->json, R"({"seq":4,"type":"trade_executed","data":3})");
  hub.publish_event("position_update", "{}");
  got = sub.subscriber->drain();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]->seq, 6u);
}

TEST(StateHub, ReportsGapWhenResumePointWasEvicted) {
  StateHub hub(4, 100);
  for (int i = 0; i < 10; ++i)
    hub.publish_event("x", "0");
  auto sub = hub.subscribe(2);
  EXPECT_TRUE(sub.gap);
  EXPECT_EQ(sub.subscriber->drain().size(), 4u);  // 7..10
  auto fresh = hub.subscribe(6);                  // 7 is the oldest kept: no gap
  EXPECT_FALSE(fresh.gap);
}

TEST(StateHub, SlowClientIsDroppedNotBufferedWithoutLimit) {
  StateHub hub(16, 3);
  auto slow = hub.subscribe(0);
  auto fast = hub.subscribe(0);
  for (int i = 0; i < 10; ++i) {
    hub.publish_event("x", "0");
    fast.subscriber->drain();
  }
  EXPECT_TRUE(slow.subscriber->dropped());
  EXPECT_TRUE(slow.subscriber->drain().empty());
  EXPECT_FALSE(fast.subscriber->dropped());
  EXPECT_EQ(hub.stats().slow_clients_dropped, 1u);
  EXPECT_EQ(hub.stats().subscribers, 1u);
}

TEST(StateHub, SymbolEventsOnlyReachSubscribers) {
  StateHub hub;
  auto spy = hub.subscribe(0, {"SPY"});
  auto none = hub.subscribe(0);
  hub.publish_event("bar", "{}", "SPY");
  hub.publish_event("bar", "{}", "QQQ");
  hub.publish_event("system_status", "{}");
  EXPECT_EQ(spy.subscriber->drain().size(), 2u);
  EXPECT_EQ(none.subscriber->drain().size(), 1u);
  none.subscriber->set_symbols({"QQQ"});
  hub.publish_event("bar", "{}", "QQQ");
  EXPECT_EQ(none.subscriber->drain().size(), 1u);
}

}  // namespace
}  // namespace zerodte::server
