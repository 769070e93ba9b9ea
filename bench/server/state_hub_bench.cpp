// What the kernel-side publisher pays per StateHub::publish_event as the number of WebSocket
// subscribers grows (in-process, no sockets: isolates the hub's O(subscribers) fan-out from the
// I/O threads). Each subscriber's notify does what the server's does at minimum (an atomic flag);
// queues are drained outside the timed region so no subscriber is dropped.
#include <benchmark/benchmark.h>

#include <atomic>
#include <string>
#include <vector>

#include "zerodte/server/state_hub.hpp"

namespace {
using zerodte::server::StateHub;

void BM_PublishEvent(benchmark::State& state) {
  const auto n = static_cast<int>(state.range(0));
  StateHub hub(4096, 256);
  std::atomic<int> flag{0};
  std::vector<StateHub::Subscription> subs;
  for (int i = 0; i < n; ++i) {
    subs.push_back(hub.subscribe(0));
    subs.back().subscriber->set_notify([&flag] { flag.store(1, std::memory_order_release); });
  }
  const std::string data = R"({"t":1,"pad":")" + std::string(1024, 'x') + "\"}";
  std::int64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(hub.publish_event("quote", data));
    if (++i % 128 == 0) {
      state.PauseTiming();
      for (auto& s : subs)
        benchmark::DoNotOptimize(s.subscriber->drain());
      state.ResumeTiming();
    }
  }
  state.counters["subscribers"] = static_cast<double>(hub.stats().subscribers);
  state.counters["dropped"] = static_cast<double>(hub.stats().slow_clients_dropped);
}
BENCHMARK(BM_PublishEvent)->Arg(0)->Arg(10)->Arg(100)->Arg(500);

}  // namespace

BENCHMARK_MAIN();
