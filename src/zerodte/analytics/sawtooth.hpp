#pragma once
// Causal saw-tooth detector (seed 000 section 2, without its look-ahead).
//
// Bar i is a peak when its value is the maximum of the window [i-w, i+w], strictly above every
// value to its left in the window (the first of equal highs wins) and strictly above both window
// ends x[i-w] and x[i+w]; a trough mirrors this. The seed's sketch reads `w` bars into the future;
// here a point is reported only when bar i+w has arrived, stamped with that confirmation time, so
// a backtest cannot act on it earlier. A Peak->Trough->Peak sequence whose peaks are at most
// `max_pattern_bars` apart is a saw-tooth pattern event.
#include <cstdint>
#include <optional>
#include <vector>

#include "zerodte/analytics/ring_buffer.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::analytics {

enum class TurnKind : std::uint8_t { kPeak, kTrough };

struct TurningPoint {
  TurnKind kind = TurnKind::kPeak;
  std::int64_t index = 0;  // bar index of the extreme (0 = first update)
  core::Timestamp ts;      // its time
  double value = 0;
  std::int64_t confirm_index = 0;  // index + window
  core::Timestamp confirmed_at;    // time of the confirming bar
};

struct SawtoothPattern {
  TurningPoint first_peak, trough, second_peak;
  [[nodiscard]] core::Timestamp confirmed_at() const { return second_peak.confirmed_at; }
};

struct SawtoothResult {
  std::optional<TurningPoint> point;
  std::optional<SawtoothPattern> pattern;
};

class SawtoothDetector {
 public:
  explicit SawtoothDetector(int window = 5, int max_pattern_bars = 30);
  // One value (e.g. a 1-minute close) known at `ts`.
  SawtoothResult update(core::Timestamp ts, double value);
  [[nodiscard]] int window() const { return window_; }

 private:
  struct Sample {
    core::Timestamp ts;
    double value = 0;
  };
  int window_;
  int max_pattern_bars_;
  RingBuffer<Sample> samples_;
  std::int64_t count_ = 0;
  RingBuffer<TurningPoint> recent_;  // last three confirmed points
};

// Offline reference over a whole series (uses the future: only for tests and research).
std::vector<TurningPoint> sawtooth_batch(const std::vector<double>& values, int window);

}  // namespace zerodte::analytics
