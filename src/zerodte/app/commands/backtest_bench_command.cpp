// `zerodte bench backtest [--json]`: events per second (thread CPU time) of the no-op backtest
// loop and of the realistic loop (real SPY minute bars with a chain every minute through the
// whole session and one adx_trend strategy when registered). Goals: >= 10M and >= 1M events/s.
#include <fmt/core.h>

#include <string>

#include "zerodte/app/bench_registry.hpp"
#include "zerodte/backtest/backtest_benchmark.hpp"

#ifndef ZERODTE_SHARED_DATA_DIR
#define ZERODTE_SHARED_DATA_DIR "../shared/data"  // relative to the repository root
#endif

namespace {

int run_backtest_bench(bool json) {
  namespace bt = zerodte::backtest;
  const auto noop = bt::bench_noop_loop(2'000'000);
  const std::string csv =
      std::string(ZERODTE_SHARED_DATA_DIR) + "/bars/intraday-1m/gcfc-money-tree_SPY_1m_2024-08.csv";
  auto real = bt::bench_realistic_loop(csv);
  if (!real) {
    fmt::print(stderr, "zerodte bench backtest: {}\n", real.error().to_string());
    return 1;
  }
  const std::string strat = real->strategy.empty() ? "none registered" : real->strategy;
  if (json) {
    fmt::print(
        "{{\"area\":\"backtest\",\"noop_events_per_sec\":{:.0f},\"realistic_events_per_sec\":"
        "{:.0f},\"noop_events\":{},\"realistic_events\":{},\"noop_wall_s\":{:.3f},"
        "\"realistic_wall_s\":{:.3f},\"realistic_strategy\":\"{}\",\"goal_noop_events_per_sec\":"
        "10000000,\"goal_realistic_events_per_sec\":1000000}}\n",
        noop.events_per_sec(), real->events_per_sec(), noop.events, real->events, noop.wall_seconds,
        real->wall_seconds, strat);
  } else {
    fmt::print("no-op loop:      {} events, {:.2f}M events/s (CPU), {:.2f}s wall\n", noop.events,
               noop.events_per_sec() / 1e6, noop.wall_seconds);
    fmt::print("realistic loop:  {} events, {:.2f}M events/s (CPU), {:.2f}s wall, strategy {}\n",
               real->events, real->events_per_sec() / 1e6, real->wall_seconds, strat);
  }
  return 0;
}

const zerodte::app::BenchRegistrar kBench{"backtest", &run_backtest_bench};

}  // namespace
