// ns per bar for the full streaming indicator set (one instrument, one core) against the batch
// reference (analytics/batch.hpp) on the same 1,000,000 synthetic minute bars, plus the pieces.
// Goal: <= 150 ns per bar for the full set. `zerodte bench analytics --json` prints the summary.
#include <benchmark/benchmark.h>

#include "zerodte/analytics/batch.hpp"
#include "zerodte/analytics/indicator_benchmark.hpp"
#include "zerodte/analytics/sawtooth.hpp"
#include "zerodte/analytics/vpin.hpp"

namespace {

using namespace zerodte::analytics;

const std::vector<BarInput>& bars() {
  static const auto b = synthetic_bars(1'000'000, 42);
  return b;
}

void BM_IndicatorSetStreaming(benchmark::State& state) {
  for (auto _ : state) {
    IndicatorSet set;
    double acc = 0;
    for (const auto& b : bars())
      acc += set.update(b).ema_9;
    benchmark::DoNotOptimize(acc);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * bars().size()));
  state.counters["ns_per_bar"] =
      benchmark::Counter(static_cast<double>(state.iterations() * bars().size()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_IndicatorSetStreaming)->Unit(benchmark::kMillisecond);

void BM_IndicatorSetBatchReference(benchmark::State& state) {
  for (auto _ : state) {
    auto out = batch::indicator_set(bars());
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["ns_per_bar"] =
      benchmark::Counter(static_cast<double>(state.iterations() * bars().size()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_IndicatorSetBatchReference)->Unit(benchmark::kMillisecond);

void BM_Sawtooth(benchmark::State& state) {
  for (auto _ : state) {
    SawtoothDetector d(5, 30);
    std::size_t n = 0;
    for (const auto& b : bars())
      n += d.update(b.ts, b.close).point.has_value();
    benchmark::DoNotOptimize(n);
  }
  state.counters["ns_per_bar"] =
      benchmark::Counter(static_cast<double>(state.iterations() * bars().size()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Sawtooth)->Unit(benchmark::kMillisecond);

void BM_VpinBvc(benchmark::State& state) {
  for (auto _ : state) {
    Vpin v;
    for (const auto& b : bars())
      v.on_bar(b.open, b.close, b.volume);
    benchmark::DoNotOptimize(v.value());
  }
  state.counters["ns_per_bar"] =
      benchmark::Counter(static_cast<double>(state.iterations() * bars().size()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_VpinBvc)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
