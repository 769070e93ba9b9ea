#pragma once
// The kernel's inbox: a bounded multi-producer single-consumer queue (Vyukov's bounded ring with
// per-cell sequence numbers). I/O threads push; only the kernel thread pops.
//
// Back-pressure policy, per push:
//  - OverflowPolicy::kDrop  (market data): a full inbox drops the event and counts it per kind;
//    the kernel reports the count (InboxStats) and the overseer raises it. Never silent.
//  - OverflowPolicy::kBlock (order reports, fills, control): the producer waits until there is
//    room; these must never be lost. Waits are counted too.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "zerodte/engine/event.hpp"

namespace zerodte::engine {

enum class OverflowPolicy : std::uint8_t { kDrop, kBlock };

struct InboxStats {
  std::uint64_t pushed = 0;
  std::uint64_t popped = 0;
  std::uint64_t dropped = 0;         // kDrop pushes that found the inbox full
  std::uint64_t blocked_pushes = 0;  // kBlock pushes that had to wait
  std::uint64_t high_water = 0;      // max observed depth
  std::size_t capacity = 0;
};

class Inbox {
 public:
  explicit Inbox(std::size_t capacity_pow2 = 1u << 16);
  Inbox(const Inbox&) = delete;
  Inbox& operator=(const Inbox&) = delete;

  // Any thread. Returns false only when the event was dropped (kDrop and full).
  bool push(Event event, OverflowPolicy policy = OverflowPolicy::kDrop);
  // Kernel thread only.
  std::optional<Event> try_pop();
  // Kernel thread: waits until an event is available or `wake()` is called or the timeout passes.
  void wait_for_work(std::chrono::nanoseconds timeout);
  void wake();

  [[nodiscard]] std::size_t approx_depth() const;
  [[nodiscard]] InboxStats stats() const;
  [[nodiscard]] std::size_t capacity() const { return mask_ + 1; }

 private:
  struct Cell {
    std::atomic<std::size_t> sequence;
    Event event;
  };
  bool try_push(Event& event);

  std::unique_ptr<Cell[]> cells_;
  std::size_t mask_;
  alignas(64) std::atomic<std::size_t> enqueue_pos_{0};
  alignas(64) std::size_t dequeue_pos_{0};
  alignas(64) std::atomic<std::uint32_t> signal_{0};
  std::atomic<std::uint64_t> pushed_{0};
  std::atomic<std::uint64_t> popped_{0};
  std::atomic<std::uint64_t> dropped_{0};
  std::atomic<std::uint64_t> blocked_{0};
  std::atomic<std::uint64_t> high_water_{0};
};

}  // namespace zerodte::engine
