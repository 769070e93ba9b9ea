// `zerodte bench execution [--json]`: the internal order path (intent -> pre-trade check ->
// order manager -> serialized venue request), per order, for a single-leg limit order and a
// 4-leg iron condor. Goal: p99 <= 20 us.
#include <fmt/core.h>

#include "zerodte/app/bench_registry.hpp"
#include "zerodte/execution/order_path_benchmark.hpp"

namespace {

int run_execution_bench(bool json) {
  const auto single = zerodte::execution::bench_order_path(50'000, 1);
  const auto condor = zerodte::execution::bench_order_path(50'000, 4);
  const bool ok = single.request_bytes > 0 && condor.request_bytes > 0;
  if (json) {
    auto one = [](const zerodte::execution::OrderPathBenchResult& r) {
      return fmt::format(
          "{{\"shape\":\"{}\",\"orders\":{},\"p50_us\":{:.3f},\"p99_us\":{:.3f},"
          "\"p999_us\":{:.3f},\"max_us\":{:.3f},\"mean_us\":{:.3f},\"request_bytes\":{}}}",
          r.shape, r.orders, r.p50_us, r.p99_us, r.p999_us, r.max_us, r.mean_us, r.request_bytes);
    };
    fmt::print(
        "{{\"area\":\"execution\",\"benchmark\":\"order_path\",\"goal_p99_us\":20,"
        "\"results\":[{},{}]}}\n",
        one(single), one(condor));
  } else {
    for (const auto& r : {single, condor}) {
      fmt::print(
          "order path, {:<18} {} orders: p50 {:.2f} us  p99 {:.2f} us  p99.9 {:.2f} us  "
          "max {:.2f} us  ({} byte request)\n",
          r.shape, r.orders, r.p50_us, r.p99_us, r.p999_us, r.max_us, r.request_bytes);
    }
  }
  return ok ? 0 : 1;
}

const zerodte::app::BenchRegistrar kBench{"execution", &run_execution_bench};

}  // namespace
