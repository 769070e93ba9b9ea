#pragma once
// Times the full streaming IndicatorSet against the batch reference (batch.hpp) on the same
// synthetic bars in the same run, and checks they agree. Used by bench/analytics and
// `zerodte bench analytics --json`.
#include <cstdint>
#include <string>
#include <vector>

#include "zerodte/analytics/indicator_set.hpp"

namespace zerodte::analytics {

// Seeded geometric random-walk minute bars (390 per session), consistent OHLC.
std::vector<BarInput> synthetic_bars(std::size_t n, std::uint64_t seed);

struct IndicatorBenchResult {
  std::size_t bars = 0;
  double stream_ns_per_bar = 0;       // full set, one instrument: thread CPU time per bar
  double stream_wall_ns_per_bar = 0;  // the same in wall time (inflated on a loaded machine)
  double batch_ns_per_bar = 0;        // batch reference over the same bars
  double max_rel_diff = 0;            // streaming vs batch, over every field and bar
  [[nodiscard]] std::string to_json() const;
};

IndicatorBenchResult bench_indicator_set(std::size_t n_bars, std::uint64_t seed = 42,
                                         int repeats = 3);

}  // namespace zerodte::analytics
