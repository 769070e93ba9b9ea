// Backtest loop throughput (Google Benchmark): the no-op loop (replay -> kernel -> no-op strategy
// + simulated venue), the realistic loop (real SPY minute bars, a chain every minute, the whole
// session with adx_trend when registered) and a 1-year minute-bar backtest. items_per_second =
// events per second of thread CPU time.
#include <benchmark/benchmark.h>

#include "zerodte/backtest/backtest_benchmark.hpp"

namespace {

namespace bt = zerodte::backtest;

void report(benchmark::State& state, const bt::LoopBench& b) {
  state.SetIterationTime(b.cpu_seconds);
  state.counters["events"] = static_cast<double>(b.events);
  state.counters["events_per_sec"] = b.events_per_sec();
  state.counters["wall_s"] = b.wall_seconds;
  state.SetItemsProcessed(state.items_processed() + static_cast<std::int64_t>(b.events));
}

void BM_NoopLoop(benchmark::State& state) {
  for (auto _ : state)
    report(state, bt::bench_noop_loop(2'000'000));
}
BENCHMARK(BM_NoopLoop)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_RealisticLoop(benchmark::State& state) {
  const std::string csv =
      std::string(ZERODTE_SHARED_DATA) + "/bars/intraday-1m/gcfc-money-tree_SPY_1m_2024-08.csv";
  for (auto _ : state) {
    auto b = bt::bench_realistic_loop(csv);
    if (!b) {
      state.SkipWithError(b.error().to_string().c_str());
      return;
    }
    state.SetLabel(b->strategy.empty() ? "no strategy registered" : b->strategy);
    report(state, *b);
  }
}
BENCHMARK(BM_RealisticLoop)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_YearOfMinuteBars(benchmark::State& state) {
  for (auto _ : state) {
    auto b = bt::bench_year_backtest(252);
    if (!b) {
      state.SkipWithError(b.error().to_string().c_str());
      return;
    }
    state.SetLabel(b->strategy.empty() ? "no strategy registered" : b->strategy);
    report(state, *b);
  }
}
BENCHMARK(BM_YearOfMinuteBars)->UseManualTime()->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
