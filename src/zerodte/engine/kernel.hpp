#pragma once
// The kernel: one thread owns all trading state and processes one event at a time.
//
// Live:       I/O threads push into the Inbox; run_live() pops, stamps nothing (events carry
//             their own times), dispatches on the bus, and fires due timers by the LiveClock.
// Simulation: run_simulation() drains a time-ordered EventSource, advancing the SimClock to each
//             event's visible_time(); timers and deferred events (post_at) due before the next
//             event fire first, in time order. Ties at one timestamp: timers, then deferred events
//             (in posting order), then the source's event. Same input -> same output sequence.
//
// Every inbound event is shown to the registered observers (the journal) before dispatch.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include "zerodte/core/clock.hpp"
#include "zerodte/engine/component.hpp"
#include "zerodte/engine/event.hpp"
#include "zerodte/engine/event_source.hpp"
#include "zerodte/engine/inbox.hpp"
#include "zerodte/engine/message_bus.hpp"
#include "zerodte/engine/timer_queue.hpp"

namespace zerodte::engine {

struct KernelConfig {
  std::size_t inbox_capacity = 1u << 16;
  // Live mode: how long the kernel sleeps at most when idle (timers are checked at least this
  // often).
  core::Duration idle_wait = std::chrono::milliseconds(1);
};

struct KernelStats {
  std::uint64_t events_dispatched = 0;
  std::uint64_t timers_fired = 0;
  std::uint64_t deferred_dispatched = 0;
  InboxStats inbox;
};

// Sees every inbound event before it is dispatched (the journal implements this).
class EventObserver {
 public:
  virtual ~EventObserver() = default;
  virtual void on_inbound(const Event& e) = 0;
};

class Kernel {
 public:
  explicit Kernel(core::Clock& clock, KernelConfig cfg = {});
  ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  [[nodiscard]] MessageBus& bus() { return bus_; }
  [[nodiscard]] TimerQueue& timers() { return timers_; }
  [[nodiscard]] Inbox& inbox() { return inbox_; }
  [[nodiscard]] const core::Clock& clock() const { return clock_; }
  [[nodiscard]] core::Timestamp now() const { return clock_.now(); }

  void add_component(std::shared_ptr<Component> c);
  [[nodiscard]] const std::vector<std::shared_ptr<Component>>& components() const {
    return components_;
  }
  void add_observer(EventObserver* observer) { observers_.push_back(observer); }

  void start();  // starts components in order
  void stop();   // stops components in reverse order (idempotent)
  [[nodiscard]] bool started() const { return started_; }

  // Dispatch one event now (kernel thread): observers, then the bus by type and instrument topic.
  void dispatch(const Event& e);
  // Schedule an event to be dispatched at `when` (simulation: exact; live: when the clock passes).
  void post_at(core::Timestamp when, Event e);

  // Any thread: ask run_live()/run_simulation() to return after the current event.
  void request_stop();
  [[nodiscard]] bool stop_requested() const { return stop_requested_.load(); }

  // Live loop on the calling thread until request_stop().
  void run_live();
  // Processes whatever is in the inbox and due timers, without blocking. Returns events handled.
  std::size_t poll_once();

  // Simulation loop. `sim_clock` must be the clock the kernel was built with.
  // Runs until the source ends (then fires timers up to `end`) or request_stop().
  void run_simulation(EventSource& source, core::SimClock& sim_clock,
                      core::Timestamp end = core::Timestamp::max());

  [[nodiscard]] KernelStats stats() const;

 private:
  struct Deferred {
    core::Timestamp due;
    std::uint64_t seq;
    bool operator>(const Deferred& o) const { return due != o.due ? due > o.due : seq > o.seq; }
  };
  void drain_inbox();
  bool fire_one_deferred(core::Timestamp limit, core::SimClock* sim);
  void advance_sim_to(core::Timestamp limit, core::SimClock& sim);

  core::Clock& clock_;
  KernelConfig cfg_;
  MessageBus bus_;
  TimerQueue timers_;
  Inbox inbox_;
  std::vector<std::shared_ptr<Component>> components_;
  std::vector<EventObserver*> observers_;
  std::priority_queue<Deferred, std::vector<Deferred>, std::greater<>> deferred_heap_;
  std::unordered_map<std::uint64_t, Event> deferred_events_;
  std::uint64_t deferred_seq_ = 0;
  std::atomic<bool> stop_requested_{false};
  bool started_ = false;
  std::uint64_t events_dispatched_ = 0;
  std::uint64_t timers_fired_ = 0;
  std::uint64_t deferred_dispatched_ = 0;
};

}  // namespace zerodte::engine
