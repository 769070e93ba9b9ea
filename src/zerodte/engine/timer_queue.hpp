#pragma once
// Timers for the kernel thread, in clock time: one-shot ("at T"), periodic ("every 1 min aligned
// to the minute") and rule-based ("at 15:50 America/New_York on every trading day": the rule is a
// function giving the next fire time after a given time, built by core/calendar). Timers due at
// the same time fire in the order they were scheduled.
#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/core/time.hpp"

namespace zerodte::engine {

using TimerId = std::uint64_t;

struct TimerEvent {
  TimerId id = 0;
  std::string_view name;
  core::Timestamp scheduled;  // when it was due
  core::Timestamp fired;      // clock time when it ran (== scheduled in simulation)
};

using TimerCallback = std::function<void(const TimerEvent&)>;
// Given the previous fire time, returns the next one (strictly later), or Timestamp::max() to stop.
using NextFireRule = std::function<core::Timestamp(core::Timestamp previous)>;

class TimerQueue {
 public:
  TimerId schedule_at(core::Timestamp when, std::string name, TimerCallback cb);
  // First fire at the next multiple of `interval` after `now` (aligned to the epoch, so a 1-minute
  // timer fires at :00 of every minute), then every `interval`.
  TimerId schedule_every(core::Timestamp now, core::Duration interval, std::string name,
                         TimerCallback cb);
  // Fires at rule(now), then rule(previous) until the rule returns Timestamp::max().
  TimerId schedule_rule(core::Timestamp now, NextFireRule rule, std::string name, TimerCallback cb);
  void cancel(TimerId id);

  [[nodiscard]] core::Timestamp next_due() const;  // Timestamp::max() when empty
  // Fires every timer due at or before `now`, in (due time, schedule order) order. A callback may
  // schedule or cancel timers; newly scheduled timers due <= now also fire in this call.
  std::size_t fire_due(core::Timestamp now, core::Timestamp clock_now);
  // Fires only the earliest due timer group's first entry; used by the simulation loop to move the
  // clock to each timer's time. Returns false when nothing is due at or before `limit`.
  bool fire_next(core::Timestamp limit, const std::function<void(core::Timestamp)>& set_clock);

  [[nodiscard]] std::size_t size() const { return timers_.size(); }

 private:
  struct Entry {
    core::Timestamp due;
    std::uint64_t seq;
    TimerId id;
    bool operator>(const Entry& o) const { return due != o.due ? due > o.due : seq > o.seq; }
  };
  struct Timer {
    std::string name;
    TimerCallback cb;
    NextFireRule rule;  // empty = one-shot
  };
  void push(TimerId id, core::Timestamp due);
  void run(const Entry& e, core::Timestamp clock_now);

  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
  std::unordered_map<TimerId, Timer> timers_;
  TimerId next_id_ = 1;
  std::uint64_t seq_ = 0;
};

}  // namespace zerodte::engine
