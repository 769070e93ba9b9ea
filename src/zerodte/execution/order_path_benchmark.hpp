#pragma once
// The internal order path, measured per order: an approved-to-be intent enters a stand-in
// pre-trade check (quantity and notional limits, halt flag: the risk area's engine plugs in
// here), then OrderManager::submit (deterministic id, duplicate check, venue capability and tick
// checks, durable-journal call on the in-memory journal, order record, fill-monitor timer) and
// ends when the venue request is serialized (write_order_json) by the client. Used by
// `zerodte bench execution` and bench/execution.
#include <cstddef>
#include <string>

namespace zerodte::execution {

struct OrderPathBenchResult {
  std::string shape;  // "single-leg limit" | "4-leg iron condor"
  std::size_t orders = 0;
  double p50_us = 0;
  double p99_us = 0;
  double p999_us = 0;
  double max_us = 0;
  double mean_us = 0;
  std::size_t request_bytes = 0;  // size of the last serialized request
};

// `legs` is 1 or 4.
OrderPathBenchResult bench_order_path(std::size_t orders, std::size_t legs);

}  // namespace zerodte::execution
