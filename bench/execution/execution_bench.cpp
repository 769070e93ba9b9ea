// Execution hot spots: deterministic client_order_id, venue capability + tick validation, the
// order request serializer (peer: the same JSON built with fmt::format into a std::string, the
// usual quick implementation), and the whole internal order path with per-order percentiles
// (reported as counters; `zerodte bench execution --json` prints the same figures).
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <string>

#include "zerodte/execution/broker_capabilities.hpp"
#include "zerodte/execution/client_order_id.hpp"
#include "zerodte/execution/order_path_benchmark.hpp"
#include "zerodte/execution/venue_request.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace {

using namespace zerodte;

model::OrderIntent single_leg(core::InstrumentId id) {
  model::OrderIntent in;
  in.strategy = core::StrategyId{1};
  in.signal_id = 42;
  in.legs[0] = {id, model::Side::kBuy, 1};
  in.leg_count = 1;
  in.quantity = core::Quantity{5};
  in.type = model::OrderType::kLimit;
  in.limit_price = *core::Price::parse("1.37");
  in.stop_price = core::Price::undefined();
  in.client_order_id = execution::make_client_order_id("zerodte", in);
  return in;
}

void BM_ClientOrderId(benchmark::State& state) {
  std::uint64_t sig = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        execution::make_client_order_id("zerodte", core::StrategyId{7}, ++sig, 0));
  }
}
BENCHMARK(BM_ClientOrderId);

void BM_ValidateOrder(benchmark::State& state) {
  model::InstrumentRegistry reg;
  const auto id = *reg.intern_option("SPY251121C00670000");
  const auto in = single_leg(id);
  const auto caps = execution::BrokerCapabilities::alpaca();
  execution::TickRuleLookup ticks = [&reg](core::InstrumentId i) { return &reg.get(i).tick_rule; };
  for (auto _ : state)
    benchmark::DoNotOptimize(execution::validate_order(in, caps, ticks));
}
BENCHMARK(BM_ValidateOrder);

void BM_WriteOrderJson(benchmark::State& state) {
  const core::InstrumentId id{1};
  const auto in = single_leg(id);
  execution::SymbolLookup sym = [](core::InstrumentId) {
    return std::string_view("SPY251121C00670000");
  };
  std::array<char, 1024> buf{};
  for (auto _ : state)
    benchmark::DoNotOptimize(execution::write_order_json(in, sym, buf));
}
BENCHMARK(BM_WriteOrderJson);

void BM_PeerFmtJson(benchmark::State& state) {
  const auto in = single_leg(core::InstrumentId{1});
  for (auto _ : state) {
    std::string s = fmt::format(
        "{{\"client_order_id\":\"{}\",\"qty\":\"{}\",\"type\":\"limit\",\"time_in_force\":\"day\","
        "\"limit_price\":\"{}\",\"symbol\":\"{}\",\"side\":\"buy\"}}",
        in.client_order_id.view(), in.quantity.value, in.limit_price.to_string(),
        "SPY251121C00670000");
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_PeerFmtJson);

void BM_OrderPath(benchmark::State& state) {
  for (auto _ : state) {
    const auto r = execution::bench_order_path(20'000, static_cast<std::size_t>(state.range(0)));
    state.counters["p50_us"] = r.p50_us;
    state.counters["p99_us"] = r.p99_us;
    state.counters["p999_us"] = r.p999_us;
  }
}
BENCHMARK(BM_OrderPath)->Arg(1)->Arg(4)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
