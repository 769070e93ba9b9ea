#pragma once
// Deterministic Alpaca stream frames for the decode benchmarks (bench/adapters_feeds and
// `zerodte bench feeds`): stocks frames in JSON (trades, quotes, minute bars mixed) and options
// frames in MessagePack (quotes and trades), `per_frame` messages per frame as Alpaca batches
// them. The same frames feed our decoders and the bare parsers (simdjson DOM / msgpack::unpack).
#include <cstdint>
#include <string>
#include <vector>

namespace zerodte::adapters::alpaca {

struct FeedBenchWorkload {
  std::vector<std::string> stock_json;
  std::vector<std::string> option_msgpack;
  std::size_t per_frame = 0;
  [[nodiscard]] std::size_t stock_messages() const { return stock_json.size() * per_frame; }
  [[nodiscard]] std::size_t option_messages() const { return option_msgpack.size() * per_frame; }
};

FeedBenchWorkload make_feed_bench_workload(std::size_t frames, std::size_t per_frame = 8,
                                           std::uint64_t seed = 7);

struct FeedBenchResult {
  double json_decode_msgs_per_s = 0, json_bare_msgs_per_s = 0;
  double msgpack_decode_msgs_per_s = 0, msgpack_bare_msgs_per_s = 0;
  std::size_t json_messages = 0, msgpack_messages = 0, events = 0;
};

// Best of `repeats` passes each, thread CPU time (the machine is shared).
FeedBenchResult run_feed_bench(const FeedBenchWorkload& w, int repeats = 5);

}  // namespace zerodte::adapters::alpaca
