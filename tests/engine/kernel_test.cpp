#include "zerodte/engine/kernel.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace zerodte::engine {
namespace {

using core::Timestamp;
constexpr std::int64_t kSec = core::kNanosPerSecond;

model::Trade trade(std::uint32_t inst, std::int64_t t_sec, std::int64_t px) {
  model::Trade tr;
  tr.hdr.instrument = core::InstrumentId{inst};
  tr.hdr.ts_event = Timestamp{t_sec * kSec};
  tr.hdr.ts_recv = Timestamp{t_sec * kSec};
  tr.price = core::Price::from_units(px);
  tr.size = 1;
  return tr;
}

// Records what happened in order, as text.
struct Recorder final : Component {
  std::vector<std::string> log;
  std::string_view name() const override { return "recorder"; }
  void start(Kernel& k) override {
    kernel = &k;
    k.bus().subscribe_all<model::Trade>([this](const model::Trade& t) {
      log.push_back(fmt::format("trade {} @{}", t.price.to_string(), kernel->now().ns / kSec));
    });
    k.timers().schedule_every(
        k.now(), std::chrono::seconds(10), "every10", [this](const TimerEvent& e) {
          log.push_back(
              fmt::format("timer {} @{}", e.scheduled.ns / kSec, kernel->now().ns / kSec));
        });
    k.timers().schedule_at(Timestamp{25 * kSec}, "once", [this](const TimerEvent& e) {
      log.push_back(fmt::format("once @{}", e.fired.ns / kSec));
    });
  }
  Kernel* kernel = nullptr;
};

std::vector<std::string> run_sim(const std::vector<Event>& events, std::int64_t end_sec = 42) {
  core::SimClock clock{Timestamp{1 * kSec}};
  Kernel k(clock);
  auto rec = std::make_shared<Recorder>();
  k.add_component(rec);
  VectorEventSource src(events);
  k.run_simulation(src, clock, Timestamp{end_sec * kSec});
  return rec->log;
}

TEST(Kernel, EventsAndTimersInterleaveInTimestampOrder) {
  const std::vector<Event> events = {trade(1, 5, 100), trade(1, 10, 101), trade(2, 21, 102),
                                     trade(1, 30, 103)};
  const auto log = run_sim(events);
  const std::vector<std::string> expected = {"trade 100 @5", "timer 10 @10",  "trade 101 @10",
                                             "timer 20 @20", "trade 102 @21", "once @25",
                                             "timer 30 @30", "trade 103 @30", "timer 40 @40"};
  EXPECT_EQ(log, expected);
}

TEST(Kernel, SameInputSameOutput) {
  std::vector<Event> events;
  std::uint64_t x = 42;
  std::int64_t t = 1;
  for (int i = 0; i < 500; ++i) {
    x = x * 6364136223846793005ULL + 1;
    t += static_cast<std::int64_t>(x >> 61);  // 0..7 s steps, with ties
    events.push_back(
        trade(static_cast<std::uint32_t>(1 + (x >> 62)), t, static_cast<std::int64_t>(i)));
  }
  const auto a = run_sim(events, t + 5);
  const auto b = run_sim(events, t + 5);
  EXPECT_EQ(a, b);
  EXPECT_GT(a.size(), 500u);
}

TEST(Kernel, DeferredEventsFireAtTheirTimeAfterTimers) {
  core::SimClock clock{Timestamp{0}};
  Kernel k(clock);
  std::vector<std::string> log;
  k.bus().subscribe_all<model::Trade>([&](const model::Trade& tr) {
    log.push_back(fmt::format("trade {} @{}", tr.price.to_string(), k.now().ns / kSec));
    if (tr.price == core::Price::from_units(1)) k.post_at(Timestamp{7 * kSec}, trade(1, 7, 99));
  });
  k.timers().schedule_at(Timestamp{7 * kSec}, "t7",
                         [&](const TimerEvent&) { log.push_back("timer @7"); });
  VectorEventSource src({trade(1, 1, 1), trade(1, 7, 2), trade(1, 9, 3)});
  k.run_simulation(src, clock);
  const std::vector<std::string> expected = {"trade 1 @1", "timer @7", "trade 99 @7", "trade 2 @7",
                                             "trade 3 @9"};
  EXPECT_EQ(log, expected);
}

TEST(Kernel, TopicsRouteByInstrument) {
  core::SimClock clock;
  Kernel k(clock);
  int spy = 0, all = 0;
  k.bus().subscribe<model::Trade>(7, [&](const model::Trade&) { ++spy; });
  k.bus().subscribe_all<model::Trade>([&](const model::Trade&) { ++all; });
  k.dispatch(trade(7, 1, 1));
  k.dispatch(trade(8, 2, 1));
  EXPECT_EQ(spy, 1);
  EXPECT_EQ(all, 2);
}

TEST(Inbox, OverflowIsCountedNotSilent) {
  Inbox inbox(8);
  int accepted = 0;
  for (int i = 0; i < 20; ++i)
    accepted += inbox.push(trade(1, i, i)) ? 1 : 0;
  EXPECT_EQ(accepted, 8);
  const InboxStats s = inbox.stats();
  EXPECT_EQ(s.dropped, 12u);
  EXPECT_EQ(s.pushed, 8u);
  EXPECT_EQ(s.high_water, 8u);
  int popped = 0;
  while (inbox.try_pop())
    ++popped;
  EXPECT_EQ(popped, 8);
}

TEST(Inbox, BlockingPushNeverLosesEventsAcrossThreads) {
  Inbox inbox(64);
  constexpr int kProducers = 3;
  constexpr int kPerProducer = 5000;
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < kPerProducer; ++i) {
        model::Fill f;
        f.instrument = core::InstrumentId{static_cast<std::uint32_t>(p + 1)};
        f.quantity = core::Quantity{i};
        inbox.push(f, OverflowPolicy::kBlock);
      }
    });
  }
  std::vector<int> next(kProducers + 1, 0);
  int received = 0;
  while (received < kProducers * kPerProducer) {
    if (auto e = inbox.try_pop()) {
      const auto& f = std::get<model::Fill>(*e);
      // per-producer FIFO order holds
      ASSERT_EQ(f.quantity.value, next[f.instrument.value]);
      ++next[f.instrument.value];
      ++received;
    }
  }
  for (auto& t : producers)
    t.join();
  EXPECT_EQ(inbox.stats().dropped, 0u);
}

TEST(Kernel, LiveLoopProcessesInboxAndStops) {
  core::LiveClock clock;
  Kernel k(clock);
  int n = 0;
  k.bus().subscribe_all<model::Trade>([&](const model::Trade&) {
    if (++n == 100) k.request_stop();
  });
  std::thread producer([&] {
    for (int i = 0; i < 100; ++i)
      k.inbox().push(trade(1, i, i), OverflowPolicy::kBlock);
  });
  k.run_live();
  producer.join();
  EXPECT_EQ(n, 100);
}

TEST(MessageBus, UnsubscribeDuringDispatchIsSafe) {
  MessageBus bus;
  int a = 0, b = 0;
  SubscriptionId sb;
  bus.subscribe<int>(kAllTopics, [&](const int&) {
    ++a;
    bus.unsubscribe(sb);
  });
  sb = bus.subscribe<int>(kAllTopics, [&](const int&) { ++b; });
  bus.publish(1);
  bus.publish(2);
  EXPECT_EQ(a, 2);
  EXPECT_EQ(b, 0);
}

}  // namespace
}  // namespace zerodte::engine
