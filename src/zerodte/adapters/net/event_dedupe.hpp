#pragma once
// EventDedupe: drops market events delivered twice, as happens when a REST backfill after a
// reconnect overlaps what the stream already sent (or the stream re-sends after resubscribing).
// Cheap on the hot path: an event newer than every earlier event of its instrument and kind is
// new (one vector lookup, no allocation). Only an event at or before that high-water mark is
// looked up among the keys of the last `window` events (a fixed ring). A key covers the
// vendor-visible content (instrument, kind, ts_event, prices, sizes, sequence) but not ts_recv,
// so a REST copy of a streamed bar matches it.
#include <cstdint>
#include <vector>

#include "zerodte/engine/event.hpp"

namespace zerodte::adapters::net {

class EventDedupe {
 public:
  explicit EventDedupe(std::size_t window = 4096) : ring_(window, 0) {}
  // True when `e` is new (and remembers it); false for a duplicate. Events that are not
  // market data (news, status) always pass: news has its own ids (seen-id sets).
  bool accept(const engine::Event& e);
  static std::uint64_t key(const engine::Event& e);

 private:
  std::int64_t& high_water(std::uint32_t instrument, std::size_t kind);
  std::vector<std::uint64_t> ring_;
  std::size_t pos_ = 0;
  std::vector<std::int64_t> hwm_;  // [instrument * kKinds + kind] -> max ts_event
};

}  // namespace zerodte::adapters::net
