#include "zerodte/engine/message_bus.hpp"

#include <algorithm>
#include <atomic>

namespace zerodte::engine {

namespace detail {
std::uint32_t next_type_index() {
  static std::atomic<std::uint32_t> next{0};
  return next.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace detail

MessageBus::Slot& MessageBus::slot_for(std::uint32_t idx) {
  if (idx >= slots_.size()) slots_.resize(idx + 1);
  return slots_[idx];
}

void MessageBus::dispatch(Slot& slot, Topic topic, const void* msg) {
  ++published_;
  ++slot.dispatch_depth;
  // Index loop: handlers may subscribe (appended, called from the next publish on) or
  // unsubscribe (marked inactive) while we iterate.
  const std::size_t n = slot.handlers.size();
  for (std::size_t i = 0; i < n; ++i) {
    Handler& h = *slot.handlers[i];
    if (!h.active) continue;
    if (h.topic == kAllTopics || topic == kAllTopics || h.topic == topic) h.fn(msg);
  }
  if (--slot.dispatch_depth == 0 && slot.needs_compaction) {
    std::erase_if(slot.handlers, [](const std::unique_ptr<Handler>& h) { return !h->active; });
    slot.needs_compaction = false;
  }
}

void MessageBus::unsubscribe(SubscriptionId id) {
  if (id.serial == 0 || id.type_index >= slots_.size()) return;
  Slot& slot = slots_[id.type_index];
  for (auto& h : slot.handlers) {
    if (h->serial == id.serial) h->active = false;
  }
  if (slot.dispatch_depth == 0) {
    std::erase_if(slot.handlers, [](const std::unique_ptr<Handler>& h) { return !h->active; });
  } else {
    slot.needs_compaction = true;
  }
}

}  // namespace zerodte::engine
