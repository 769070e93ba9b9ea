#pragma once
// The only source of "now" for trading logic. LiveClock reads the system clock; SimClock is set
// by the kernel from each replayed event's timestamp. Timers are scheduled through the kernel's
// TimerQueue (engine/timer_queue.hpp), which reads this clock.
#include <atomic>

#include "zerodte/core/time.hpp"

namespace zerodte::core {

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual Timestamp now() const = 0;
  [[nodiscard]] virtual bool is_simulated() const = 0;
};

class LiveClock final : public Clock {
 public:
  [[nodiscard]] Timestamp now() const override;
  [[nodiscard]] bool is_simulated() const override { return false; }
};

class SimClock final : public Clock {
 public:
  explicit SimClock(Timestamp start = Timestamp{}) : now_(start.ns) {}
  [[nodiscard]] Timestamp now() const override {
    return Timestamp{now_.load(std::memory_order_acquire)};
  }
  [[nodiscard]] bool is_simulated() const override { return true; }
  // Time never goes backwards: an earlier timestamp leaves the clock where it is.
  void advance_to(Timestamp t) {
    if (t.ns > now_.load(std::memory_order_relaxed)) now_.store(t.ns, std::memory_order_release);
  }
  void set(Timestamp t) { now_.store(t.ns, std::memory_order_release); }

 private:
  std::atomic<std::int64_t> now_;
};

// The wall clock for I/O edges that need it (receive timestamps, log stamps). Kernel code uses a
// Clock&. This is the one place in the tree allowed to read system_clock (CI greps for others).
Timestamp wall_clock_now();

}  // namespace zerodte::core
