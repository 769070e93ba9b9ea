#pragma once
// Benchmarks reachable from the CLI: `zerodte bench AREA [--json]`. Each area registers one
// function from a file in app/commands/:
//   const zerodte::app::BenchRegistrar kBench{"analytics", &run_analytics_bench};
// The function prints its result (one JSON object with --json) and returns the exit code.
// Header-only so no shared .cpp needs editing.
#include <string_view>
#include <vector>

namespace zerodte::app {

using BenchFn = int (*)(bool json);

struct BenchEntry {
  std::string_view area;
  BenchFn fn;
};

inline std::vector<BenchEntry>& bench_entries() {
  static std::vector<BenchEntry> entries;
  return entries;
}

struct BenchRegistrar {
  BenchRegistrar(std::string_view area, BenchFn fn) { bench_entries().push_back({area, fn}); }
};

}  // namespace zerodte::app
