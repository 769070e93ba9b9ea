// `zerodte bench feeds [--json]`: Alpaca stream decode (JSON stocks, MessagePack options) in
// messages per second against a bare simdjson DOM parse / msgpack::unpack of the same frames in
// the same run (thread CPU time, best of 5). Goal ([feeds]): decode >= 50% of the bare parse.
#include <fmt/core.h>

#include "zerodte/adapters/alpaca/data/feed_bench_workload.hpp"
#include "zerodte/app/bench_registry.hpp"

namespace {

int run_feeds_bench(bool json) {
  namespace alpaca = zerodte::adapters::alpaca;
  const auto w = alpaca::make_feed_bench_workload(20'000, 8);
  const auto r = alpaca::run_feed_bench(w, 5);
  const double json_ratio = r.json_decode_msgs_per_s / r.json_bare_msgs_per_s;
  const double mp_ratio = r.msgpack_decode_msgs_per_s / r.msgpack_bare_msgs_per_s;
  if (json) {
    fmt::print(
        "{{\"area\":\"feeds\",\"json_messages\":{},\"json_decode_msgs_per_s\":{:.0f},"
        "\"json_bare_simdjson_msgs_per_s\":{:.0f},\"json_ratio\":{:.3f},"
        "\"msgpack_messages\":{},\"msgpack_decode_msgs_per_s\":{:.0f},"
        "\"msgpack_bare_unpack_msgs_per_s\":{:.0f},\"msgpack_ratio\":{:.3f},\"goal_ratio\":0.5}}\n",
        r.json_messages, r.json_decode_msgs_per_s, r.json_bare_msgs_per_s, json_ratio,
        r.msgpack_messages, r.msgpack_decode_msgs_per_s, r.msgpack_bare_msgs_per_s, mp_ratio);
  } else {
    fmt::print(
        "Alpaca stocks JSON: decode {:.2f} M msgs/s vs bare simdjson {:.2f} M msgs/s ({:.0f}%)\n",
        r.json_decode_msgs_per_s / 1e6, r.json_bare_msgs_per_s / 1e6, 100 * json_ratio);
    fmt::print(
        "Alpaca options MessagePack: decode {:.2f} M msgs/s vs bare msgpack::unpack {:.2f} M "
        "msgs/s ({:.0f}%)\n",
        r.msgpack_decode_msgs_per_s / 1e6, r.msgpack_bare_msgs_per_s / 1e6, 100 * mp_ratio);
  }
  return 0;
}

const zerodte::app::BenchRegistrar kBench{"feeds", &run_feeds_bench};

}  // namespace
