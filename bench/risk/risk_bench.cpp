// Pre-trade checks for one intent: p99 goal <= 2 us. Prints one line per shape.
#include <fmt/core.h>

#include "zerodte/risk/pre_trade_benchmark.hpp"

int main() {
  bool ok = true;
  for (int legs : {1, 4}) {
    const auto r = zerodte::risk::bench_pre_trade(200'000, legs);
    fmt::print(
        "pre-trade checks, {:<20} {} checks: p50 {:.0f} ns  p99 {:.0f} ns  p99.9 {:.0f} ns  "
        "max {:.0f} ns  mean {:.0f} ns  approved {}\n",
        r.shape, r.checks, r.p50_ns, r.p99_ns, r.p999_ns, r.max_ns, r.mean_ns, r.approved);
    ok = ok && r.approved == r.checks;
  }
  return ok ? 0 : 1;
}
