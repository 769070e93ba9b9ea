#include "zerodte/engine/inbox.hpp"

#include <bit>
#include <chrono>

#include "zerodte/core/assert.hpp"

namespace zerodte::engine {

Inbox::Inbox(std::size_t capacity_pow2) {
  ZDTE_ASSERT(capacity_pow2 >= 2 && std::has_single_bit(capacity_pow2),
              "inbox capacity must be a power of two");
  cells_ = std::make_unique<Cell[]>(capacity_pow2);
  mask_ = capacity_pow2 - 1;
  for (std::size_t i = 0; i < capacity_pow2; ++i) {
    cells_[i].sequence.store(i, std::memory_order_relaxed);
  }
}

bool Inbox::try_push(Event& event) {
  std::size_t pos = enqueue_pos_.load(std::memory_order_relaxed);
  for (;;) {
    Cell& cell = cells_[pos & mask_];
    const std::size_t seq = cell.sequence.load(std::memory_order_acquire);
    const auto diff = static_cast<std::intptr_t>(seq) - static_cast<std::intptr_t>(pos);
    if (diff == 0) {
      if (enqueue_pos_.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) {
        cell.event = std::move(event);
        cell.sequence.store(pos + 1, std::memory_order_release);
        return true;
      }
    } else if (diff < 0) {
      return false;  // full
    } else {
      pos = enqueue_pos_.load(std::memory_order_relaxed);
    }
  }
}

bool Inbox::push(Event event, OverflowPolicy policy) {
  bool waited = false;
  while (!try_push(event)) {
    if (policy == OverflowPolicy::kDrop) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
      return false;
    }
    if (!waited) {
      blocked_.fetch_add(1, std::memory_order_relaxed);
      waited = true;
    }
    wake();
    std::this_thread::yield();
  }
  const std::uint64_t pushed = pushed_.fetch_add(1, std::memory_order_relaxed) + 1;
  const std::uint64_t depth = pushed - popped_.load(std::memory_order_relaxed);
  std::uint64_t hw = high_water_.load(std::memory_order_relaxed);
  while (depth > hw && !high_water_.compare_exchange_weak(hw, depth, std::memory_order_relaxed)) {
  }
  signal_.fetch_add(1, std::memory_order_release);
  signal_.notify_one();
  return true;
}

std::optional<Event> Inbox::try_pop() {
  Cell& cell = cells_[dequeue_pos_ & mask_];
  const std::size_t seq = cell.sequence.load(std::memory_order_acquire);
  if (static_cast<std::intptr_t>(seq) - static_cast<std::intptr_t>(dequeue_pos_ + 1) < 0) {
    return std::nullopt;  // empty
  }
  std::optional<Event> out(std::move(cell.event));
  cell.event = Event{};
  cell.sequence.store(dequeue_pos_ + mask_ + 1, std::memory_order_release);
  ++dequeue_pos_;
  popped_.fetch_add(1, std::memory_order_relaxed);
  return out;
}

void Inbox::wait_for_work(std::chrono::nanoseconds timeout) {
  // Poll-then-sleep: atomic::wait has no timeout, so sleep in short slices while checking the
  // signal counter; wake() and push() bump it.
  const std::uint32_t seen = signal_.load(std::memory_order_acquire);
  if (approx_depth() > 0) return;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (signal_.load(std::memory_order_acquire) == seen && approx_depth() == 0) {
    if (std::chrono::steady_clock::now() >= deadline) return;
    std::this_thread::sleep_for(std::chrono::microseconds(50));
  }
}

void Inbox::wake() {
  signal_.fetch_add(1, std::memory_order_release);
  signal_.notify_one();
}

std::size_t Inbox::approx_depth() const {
  const std::uint64_t pushed = pushed_.load(std::memory_order_relaxed);
  const std::uint64_t popped = popped_.load(std::memory_order_relaxed);
  return pushed > popped ? static_cast<std::size_t>(pushed - popped) : 0;
}

InboxStats Inbox::stats() const {
  return InboxStats{pushed_.load(),  popped_.load(),     dropped_.load(),
                    blocked_.load(), high_water_.load(), capacity()};
}

}  // namespace zerodte::engine
