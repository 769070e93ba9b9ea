// `zerodte bench quant [--json]`: ns per option for price + first-order Greeks, ns per implied
// vol, and ms for a 10,000-contract chain refresh (IVs from mids + Greeks + GEX by strike), on
// the same deterministic workloads as bench/quant (thread CPU time, best of several runs). QuantLib
// peers are only in the Google Benchmark binary (bench_quant): linking QuantLib into the app is not
// worth its size.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <ctime>

#include "zerodte/app/bench_registry.hpp"
#include "zerodte/quant/bench_workload.hpp"
#include "zerodte/quant/implied_vol.hpp"

namespace {

namespace quant = zerodte::quant;

// Thread CPU time (the machine is shared; wall time would count other processes), best of N.
double thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

template <typename F>
double best_ns(int repeats, F&& f) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const double t0 = thread_cpu_ns();
    f();
    best = std::min(best, thread_cpu_ns() - t0);
  }
  return best;
}

int run_quant_bench(bool json) {
  const auto inputs = quant::make_bench_inputs(100'000);
  std::vector<double> prices(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i)
    prices[i] = quant::bsm_price(inputs[i]);
  volatile double sink = 0;
  const double greeks_ns = best_ns(5,
                                   [&] {
                                     double s = 0;
                                     for (const auto& in : inputs) {
                                       const auto g = quant::bsm_greeks(in);
                                       s += g.price + g.delta + g.gamma + g.vega + g.theta + g.rho;
                                     }
                                     sink = s;
                                   }) /
                           inputs.size();
  std::size_t failures = 0;
  const double iv_ns = best_ns(5,
                               [&] {
                                 double s = 0;
                                 failures = 0;
                                 for (std::size_t i = 0; i < inputs.size(); ++i) {
                                   auto iv = quant::implied_vol(inputs[i], prices[i]);
                                   if (iv) {
                                     s += *iv;
                                   } else {
                                     ++failures;
                                   }
                                 }
                                 sink = s;
                               }) /
                       inputs.size();
  auto chain = quant::make_bench_chain(10'000);
  const double chain_ms = best_ns(20, [&] { sink = quant::refresh_chain_gex(chain); }) / 1e6;
  (void)sink;
  if (json) {
    fmt::print(
        "{{\"area\":\"quant\",\"greeks_ns_per_option\":{:.2f},\"iv_ns_per_option\":{:.2f},"
        "\"iv_failures\":{},\"chain_10k_refresh_ms\":{:.3f},\"options\":{},\"chain_contracts\":{},"
        "\"quantlib_peers\":\"not linked into the app; see bench_quant\"}}\n",
        greeks_ns, iv_ns, failures, chain_ms, inputs.size(), chain.size());
  } else {
    fmt::print(
        "price + 5 Greeks: {:.1f} ns/option\nimplied vol: {:.1f} ns/option ({} failures)\n"
        "10k-contract chain refresh (IV + Greeks + GEX): {:.3f} ms\n",
        greeks_ns, iv_ns, failures, chain_ms);
  }
  return 0;
}

const zerodte::app::BenchRegistrar kBench{"quant", &run_quant_bench};

}  // namespace
