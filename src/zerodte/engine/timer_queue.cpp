#include "zerodte/engine/timer_queue.hpp"

#include "zerodte/core/assert.hpp"

namespace zerodte::engine {

void TimerQueue::push(TimerId id, core::Timestamp due) {
  heap_.push(Entry{due, seq_++, id});
}

TimerId TimerQueue::schedule_at(core::Timestamp when, std::string name, TimerCallback cb) {
  const TimerId id = next_id_++;
  timers_.emplace(id, Timer{std::move(name), std::move(cb), {}});
  push(id, when);
  return id;
}

TimerId TimerQueue::schedule_every(core::Timestamp now, core::Duration interval, std::string name,
                                   TimerCallback cb) {
  ZDTE_ASSERT(interval.count() > 0, "timer interval must be positive");
  auto rule = [interval](core::Timestamp prev) { return prev.floor(interval) + interval; };
  return schedule_rule(now, std::move(rule), std::move(name), std::move(cb));
}

TimerId TimerQueue::schedule_rule(core::Timestamp now, NextFireRule rule, std::string name,
                                  TimerCallback cb) {
  const core::Timestamp first = rule(now);
  const TimerId id = next_id_++;
  timers_.emplace(id, Timer{std::move(name), std::move(cb), std::move(rule)});
  if (first != core::Timestamp::max()) push(id, first);
  return id;
}

void TimerQueue::cancel(TimerId id) {
  timers_.erase(id);
}

core::Timestamp TimerQueue::next_due() const {
  // Cancelled entries stay in the heap until popped; they only make next_due() conservative.
  return heap_.empty() ? core::Timestamp::max() : heap_.top().due;
}

void TimerQueue::run(const Entry& e, core::Timestamp clock_now) {
  auto it = timers_.find(e.id);
  if (it == timers_.end()) return;  // cancelled
  // Copy what we need: the callback may cancel this timer or schedule others (rehash).
  TimerCallback cb = it->second.cb;
  NextFireRule rule = it->second.rule;
  std::string name = it->second.name;
  if (rule) {
    const core::Timestamp next = rule(e.due);
    ZDTE_ASSERT(next > e.due, "a periodic timer rule must move forward");
    if (next != core::Timestamp::max())
      push(e.id, next);
    else
      timers_.erase(it);
  } else {
    timers_.erase(it);
  }
  cb(TimerEvent{e.id, name, e.due, clock_now});
}

std::size_t TimerQueue::fire_due(core::Timestamp now, core::Timestamp clock_now) {
  std::size_t fired = 0;
  while (!heap_.empty() && heap_.top().due <= now) {
    const Entry e = heap_.top();
    heap_.pop();
    if (!timers_.contains(e.id)) continue;
    run(e, clock_now);
    ++fired;
  }
  return fired;
}

bool TimerQueue::fire_next(core::Timestamp limit,
                           const std::function<void(core::Timestamp)>& set_clock) {
  while (!heap_.empty() && heap_.top().due <= limit) {
    const Entry e = heap_.top();
    heap_.pop();
    if (!timers_.contains(e.id)) continue;
    set_clock(e.due);
    run(e, e.due);
    return true;
  }
  return false;
}

}  // namespace zerodte::engine
