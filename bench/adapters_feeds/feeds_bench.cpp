// Google Benchmark: Alpaca stream decode (ours) beside the bare parsers on the same frames.
//   bench_adapters_feeds --benchmark_counters_tabular=true
// items_per_second = messages per second.
#include <benchmark/benchmark.h>
#include <simdjson.h>
#include <msgpack.hpp>

#include "zerodte/adapters/alpaca/data/alpaca_codec.hpp"
#include "zerodte/adapters/alpaca/data/feed_bench_workload.hpp"

namespace alpaca = zerodte::adapters::alpaca;

namespace {
const alpaca::FeedBenchWorkload& workload() {
  static const auto w = alpaca::make_feed_bench_workload(5'000, 8);
  return w;
}

void BM_AlpacaJsonDecode(benchmark::State& state) {
  const auto& w = workload();
  zerodte::model::InstrumentRegistry reg;
  alpaca::AlpacaJsonDecoder dec(reg, "bench");
  std::vector<zerodte::engine::Event> out;
  for (auto _ : state) {
    for (const auto& f : w.stock_json) {
      out.clear();
      benchmark::DoNotOptimize(dec.decode(f, zerodte::core::Timestamp{1}, out));
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.stock_messages()));
}
BENCHMARK(BM_AlpacaJsonDecode);

void BM_BareSimdjsonParse(benchmark::State& state) {
  const auto& w = workload();
  std::vector<simdjson::padded_string> padded;
  for (const auto& f : w.stock_json)
    padded.emplace_back(f);
  simdjson::dom::parser parser;
  for (auto _ : state) {
    for (const auto& p : padded) {
      simdjson::dom::element e;
      benchmark::DoNotOptimize(parser.parse(p).get(e));
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.stock_messages()));
}
BENCHMARK(BM_BareSimdjsonParse);

void BM_AlpacaMsgpackDecode(benchmark::State& state) {
  const auto& w = workload();
  zerodte::model::InstrumentRegistry reg;
  alpaca::AlpacaMsgpackDecoder dec(reg, "bench");
  std::vector<zerodte::engine::Event> out;
  for (auto _ : state) {
    for (const auto& f : w.option_msgpack) {
      out.clear();
      benchmark::DoNotOptimize(dec.decode(f, zerodte::core::Timestamp{1}, out));
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.option_messages()));
}
BENCHMARK(BM_AlpacaMsgpackDecode);

void BM_BareMsgpackUnpack(benchmark::State& state) {
  const auto& w = workload();
  for (auto _ : state) {
    for (const auto& f : w.option_msgpack) {
      auto oh = msgpack::unpack(f.data(), f.size());
      benchmark::DoNotOptimize(oh.get().type);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.option_messages()));
}
BENCHMARK(BM_BareMsgpackUnpack);
}  // namespace

BENCHMARK_MAIN();
