#pragma once
// Benchmark of the pre-trade checks: every rule for one intent that passes them all (the
// longest path), against a portfolio with open positions, Greeks and rate-limit history.
// Used by bench/risk and `zerodte bench risk`. Goal: p99 <= 2 us.
#include <cstdint>
#include <string>

namespace zerodte::risk {

struct PreTradeBenchResult {
  std::string shape;
  std::uint64_t checks = 0;
  double p50_ns = 0, p99_ns = 0, p999_ns = 0, max_ns = 0, mean_ns = 0;
  std::uint64_t approved = 0;
};

// `legs`: 1 (single call) or 4 (iron condor).
PreTradeBenchResult bench_pre_trade(std::uint64_t checks, int legs);

}  // namespace zerodte::risk
