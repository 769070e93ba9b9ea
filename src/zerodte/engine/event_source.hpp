#pragma once
// A time-ordered source of events for simulation and replay (the replay feed in data/ merges
// files; tests use VectorEventSource). Events must come out in non-decreasing visible_time().
#include <cstddef>
#include <optional>
#include <vector>

#include "zerodte/engine/event.hpp"

namespace zerodte::engine {

class EventSource {
 public:
  virtual ~EventSource() = default;
  // The next event, or nullopt at the end.
  virtual std::optional<Event> next() = 0;
};

class VectorEventSource final : public EventSource {
 public:
  explicit VectorEventSource(std::vector<Event> events) : events_(std::move(events)) {}
  std::optional<Event> next() override {
    if (pos_ >= events_.size()) return std::nullopt;
    return events_[pos_++];
  }

 private:
  std::vector<Event> events_;
  std::size_t pos_ = 0;
};

}  // namespace zerodte::engine
