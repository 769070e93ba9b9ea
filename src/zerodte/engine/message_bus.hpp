#pragma once
// Typed publish/subscribe inside the kernel thread. Handlers subscribe to a message type and a
// topic (usually an InstrumentId value) or to every topic (kAllTopics). publish() calls the
// matching handlers synchronously, in subscription order, so dispatch is deterministic.
// Not thread-safe by design: only the kernel thread touches the bus.
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace zerodte::engine {

using Topic = std::uint64_t;
inline constexpr Topic kAllTopics = ~Topic{0};

struct SubscriptionId {
  std::uint32_t type_index = 0;
  std::uint32_t serial = 0;  // 0 = invalid
};

namespace detail {
std::uint32_t next_type_index();
template <typename T>
std::uint32_t type_index() {
  static const std::uint32_t index = next_type_index();
  return index;
}
}  // namespace detail

class MessageBus {
 public:
  template <typename T, typename F>
  SubscriptionId subscribe(Topic topic, F&& handler) {
    auto& slot = slot_for(detail::type_index<T>());
    auto h = std::make_unique<Handler>();
    h->topic = topic;
    h->serial = ++serial_;
    h->fn = [f = std::forward<F>(handler)](const void* msg) { f(*static_cast<const T*>(msg)); };
    slot.handlers.push_back(std::move(h));
    return SubscriptionId{detail::type_index<T>(), serial_};
  }

  template <typename T, typename F>
  SubscriptionId subscribe_all(F&& handler) {
    return subscribe<T>(kAllTopics, std::forward<F>(handler));
  }

  template <typename T>
  void publish(Topic topic, const T& msg) {
    const std::uint32_t idx = detail::type_index<T>();
    if (idx >= slots_.size()) return;
    dispatch(slots_[idx], topic, &msg);
  }

  template <typename T>
  void publish(const T& msg) {
    publish<T>(kAllTopics, msg);
  }

  void unsubscribe(SubscriptionId id);

  template <typename T>
  [[nodiscard]] std::size_t subscriber_count() const {
    const std::uint32_t idx = detail::type_index<T>();
    return idx < slots_.size() ? slots_[idx].handlers.size() : 0;
  }

  [[nodiscard]] std::uint64_t published_count() const { return published_; }

 private:
  struct Handler {
    Topic topic = kAllTopics;
    std::uint32_t serial = 0;
    bool active = true;
    std::function<void(const void*)> fn;
  };
  struct Slot {
    std::vector<std::unique_ptr<Handler>> handlers;  // stable addresses during dispatch
    int dispatch_depth = 0;
    bool needs_compaction = false;
  };

  Slot& slot_for(std::uint32_t idx);
  void dispatch(Slot& slot, Topic topic, const void* msg);

  std::vector<Slot> slots_;
  std::uint32_t serial_ = 0;
  std::uint64_t published_ = 0;
};

}  // namespace zerodte::engine
