// DBN decode throughput on an in-memory buffer of repeated real records, against memcpy and a
// bare header walk of the same bytes (peers measured in the same run).
#include <benchmark/benchmark.h>

#include <cstring>

#include "zerodte/adapters/databento/dbn_bench_workload.hpp"

namespace db = zerodte::adapters::databento;

static const db::DbnBenchBuffer& buffer() {
  static const db::DbnBenchBuffer buf = *db::make_dbn_bench_buffer(ZERODTE_SHARED_DATA, 64u << 20);
  return buf;
}

static void BM_DbnDecode(benchmark::State& state) {
  const auto& buf = buffer();
  for (auto _ : state)
    benchmark::DoNotOptimize(*db::decode_dbn_buffer(buf));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * buf.bytes.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * buf.records));
}
BENCHMARK(BM_DbnDecode)->Unit(benchmark::kMillisecond);

static void BM_PeerHeaderScan(benchmark::State& state) {
  const auto& buf = buffer();
  for (auto _ : state)
    benchmark::DoNotOptimize(db::scan_dbn_buffer(buf));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * buf.bytes.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * buf.records));
}
BENCHMARK(BM_PeerHeaderScan)->Unit(benchmark::kMillisecond);

static void BM_PeerMemcpy(benchmark::State& state) {
  const auto& buf = buffer();
  std::string copy(buf.bytes.size(), '\0');
  for (auto _ : state) {
    std::memcpy(copy.data(), buf.bytes.data(), buf.bytes.size());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * buf.bytes.size()));
}
BENCHMARK(BM_PeerMemcpy)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
