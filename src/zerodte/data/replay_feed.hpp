#pragma once
// The replay feed: merges any number of event sources into one time-ordered stream for the
// kernel (engine::Kernel::run_simulation), by ts_event (or visible time) with a stable
// tie-break (source index, then the source's own order). Start/end and instrument filters, a
// limit, and pacing: as fast as possible, real time, or N times real time. Pacing reads the
// Clock it is given (a core::LiveClock in live-style runs, a fake in tests) and never the
// system clock directly.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <unordered_set>
#include <vector>

#include "zerodte/core/clock.hpp"
#include "zerodte/engine/event_source.hpp"

namespace zerodte::data {

enum class MergeKey : std::uint8_t { kTsEvent, kVisibleTime };

struct ReplayOptions {
  double speed = 0.0;  // 0: as fast as possible; 1: real time; N: N x real time
  core::Timestamp from = core::Timestamp::min();  // inclusive, on the merge key
  core::Timestamp to = core::Timestamp::max();    // inclusive
  std::vector<core::InstrumentId> instruments;    // empty: all; events without one always pass
  std::size_t limit = 0;                          // 0: no limit
  MergeKey key = MergeKey::kTsEvent;
};

// Parses "max" | "realtime" | "xN" / "N" (N > 0) into ReplayOptions::speed.
core::Result<double> parse_speed(std::string_view text);

std::optional<core::InstrumentId> instrument_of(const engine::Event& e);

class ReplayFeed final : public engine::EventSource {
 public:
  using Sleeper = std::function<void(core::Duration)>;

  // `clock` is required when options.speed > 0; `sleeper` defaults to sleeping the thread.
  ReplayFeed(std::vector<std::unique_ptr<engine::EventSource>> sources, ReplayOptions options,
             const core::Clock* clock = nullptr, Sleeper sleeper = {});

  std::optional<engine::Event> next() override;

  [[nodiscard]] std::size_t emitted() const { return emitted_; }
  [[nodiscard]] std::size_t filtered() const { return filtered_; }

 private:
  struct Head {
    core::Timestamp t;
    std::size_t source;
    std::uint64_t seq;
    engine::Event event;
  };
  struct Later {
    bool operator()(const Head& a, const Head& b) const {
      if (a.t != b.t) return a.t > b.t;
      if (a.source != b.source) return a.source > b.source;
      return a.seq > b.seq;
    }
  };
  void pull(std::size_t source);
  [[nodiscard]] core::Timestamp key_of(const engine::Event& e) const;
  [[nodiscard]] bool passes(const engine::Event& e, core::Timestamp t) const;
  void pace(core::Timestamp t);

  std::vector<std::unique_ptr<engine::EventSource>> sources_;
  std::vector<std::uint64_t> seq_;
  ReplayOptions options_;
  const core::Clock* clock_;
  Sleeper sleeper_;
  std::unordered_set<std::uint32_t> instruments_;
  std::priority_queue<Head, std::vector<Head>, Later> heap_;
  bool primed_ = false;
  bool anchored_ = false;
  core::Timestamp wall0_;
  core::Timestamp t0_;
  std::size_t emitted_ = 0;
  std::size_t filtered_ = 0;
};

}  // namespace zerodte::data
