// Journal benchmarks (issue 12 goals: >= 2M records/s appended with group commit; 10M records
// recovered in <= 5 s). Journals are written under $TMPDIR (default /tmp, a real disk, so the
// fsync-per-order numbers include the device's sync latency). Peers: CRC32C hardware vs the
// portable table implementation; zstd level 1 vs 3 on a journal segment.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "zerodte/store/crc32c.hpp"
#include "zerodte/store/journal_benchmark.hpp"
#include "zerodte/store/zstd_codec.hpp"

namespace {

namespace st = zerodte::store;

std::filesystem::path bench_dir(const char* name) {
  const char* tmp = std::getenv("TMPDIR");
  return std::filesystem::path(tmp != nullptr ? tmp : "/tmp") / "zerodte-bench-store" / name;
}

void BM_AppendGroupCommit(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    auto r = st::bench_append(bench_dir("group"), st::WritePolicy::kGroupCommit, n, 0);
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      return;
    }
    state.SetIterationTime(r->seconds);
    state.counters["syncs"] = static_cast<double>(r->syncs);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_AppendGroupCommit)
    ->Arg(2'000'000)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

// One record in `order_every` is an order intent, fsynced before append() returns.
void BM_AppendFsyncPerOrder(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const auto every = static_cast<std::uint64_t>(state.range(1));
  for (auto _ : state) {
    auto r = st::bench_append(bench_dir("per-order"), st::WritePolicy::kFsyncPerOrder, n, every);
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      return;
    }
    state.SetIterationTime(r->seconds);
    state.counters["syncs"] = static_cast<double>(r->syncs);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_AppendFsyncPerOrder)
    ->Args({2'000, 1})
    ->Args({200'000, 100})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

void BM_Recovery(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    auto r = st::bench_recovery(bench_dir("recovery"), n);
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      return;
    }
    state.SetIterationTime(r->recover_seconds);
    state.counters["s_per_million"] = r->seconds_per_million();
    state.counters["segments"] = static_cast<double>(r->segments);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_Recovery)
    ->Arg(10'000'000)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

void BM_Crc32c(benchmark::State& state, bool hardware) {
  std::vector<unsigned char> buf(static_cast<std::size_t>(state.range(0)));
  std::mt19937 rng(1);
  for (auto& b : buf)
    b = static_cast<unsigned char>(rng());
  for (auto _ : state) {
    benchmark::DoNotOptimize(hardware ? st::crc32c_hardware(buf.data(), buf.size(), 0)
                                      : st::crc32c_portable(buf.data(), buf.size(), 0));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * buf.size()));
}
BENCHMARK_CAPTURE(BM_Crc32c, sse42, true)->Arg(64)->Arg(4096);
BENCHMARK_CAPTURE(BM_Crc32c, table, false)->Arg(64)->Arg(4096);

}  // namespace

BENCHMARK_MAIN();
