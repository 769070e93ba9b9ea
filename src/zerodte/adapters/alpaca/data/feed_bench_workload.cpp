#include "zerodte/adapters/alpaca/data/feed_bench_workload.hpp"

#include <simdjson.h>
#include <msgpack.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <random>

#include "zerodte/adapters/alpaca/data/alpaca_codec.hpp"

namespace zerodte::adapters::alpaca {

namespace {
const char* kStocks[] = {"SPY", "QQQ", "IWM", "AAPL", "MSFT", "NVDA", "TSLA", "AMZN"};

std::string iso(std::int64_t ns) {
  return core::to_iso8601(core::Timestamp{ns});
}
}  // namespace

FeedBenchWorkload make_feed_bench_workload(std::size_t frames, std::size_t per_frame,
                                           std::uint64_t seed) {
  FeedBenchWorkload w;
  w.per_frame = per_frame;
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> cents(-50, 50), size(1, 500), pick(0, 7), kind(0, 9);
  std::int64_t t = 1704205800LL * 1'000'000'000;  // 2024-01-02T14:30:00Z
  for (std::size_t f = 0; f < frames; ++f) {
    std::string s = "[";
    for (std::size_t m = 0; m < per_frame; ++m) {
      t += 1'234'567;
      if (m) s += ',';
      const char* sym = kStocks[pick(rng)];
      const double px = 400.0 + cents(rng) / 100.0;
      const int k = kind(rng);
      if (k < 5) {
        s += fmt::format(
            R"({{"T":"q","S":"{}","bx":"U","bp":{:.2f},"bs":{},"ax":"Q","ap":{:.2f},"as":{},"t":"{}","c":["R"],"z":"C"}})",
            sym, px, size(rng), px + 0.01, size(rng), iso(t));
      } else if (k < 9) {
        s += fmt::format(
            R"({{"T":"t","S":"{}","i":{},"x":"V","p":{:.2f},"s":{},"t":"{}","c":["@"],"z":"C"}})",
            sym, f * per_frame + m, px, size(rng), iso(t));
      } else {
        s += fmt::format(
            R"({{"T":"b","S":"{}","o":{:.2f},"h":{:.2f},"l":{:.2f},"c":{:.2f},"v":{},"t":"{}","n":42,"vw":{:.4f}}})",
            sym, px, px + 0.2, px - 0.2, px + 0.1, 10 * size(rng), iso(t - t % 60'000'000'000), px);
      }
    }
    s += ']';
    w.stock_json.push_back(std::move(s));

    msgpack::sbuffer buf;
    msgpack::packer<msgpack::sbuffer> pk(buf);
    pk.pack_array(static_cast<std::uint32_t>(per_frame));
    for (std::size_t m = 0; m < per_frame; ++m) {
      t += 987'654;
      const auto strike = 470 + pick(rng);
      const std::string occ = fmt::format("SPY240102{}00{}000", (m % 2) ? 'C' : 'P', strike);
      const bool quote = kind(rng) < 8;
      pk.pack_map(quote ? 9 : 7);
      pk.pack(std::string_view("T"));
      pk.pack(std::string_view(quote ? "q" : "t"));
      pk.pack(std::string_view("S"));
      pk.pack(occ);
      pk.pack(std::string_view("t"));
      char d[12];
      const auto ns = static_cast<std::uint32_t>(t % 1'000'000'000);
      const auto sec = static_cast<std::uint64_t>(t / 1'000'000'000);
      for (int i = 0; i < 4; ++i)
        d[i] = static_cast<char>((ns >> (24 - 8 * i)) & 0xff);
      for (int i = 0; i < 8; ++i)
        d[4 + i] = static_cast<char>((sec >> (56 - 8 * i)) & 0xff);
      pk.pack_ext(12, -1);
      pk.pack_ext_body(d, 12);
      const double px = 1.0 + (cents(rng) + 50) / 100.0;
      if (quote) {
        pk.pack(std::string_view("bx"));
        pk.pack(std::string_view("C"));
        pk.pack(std::string_view("bp"));
        pk.pack(px);
        pk.pack(std::string_view("bs"));
        pk.pack(size(rng));
        pk.pack(std::string_view("ap"));
        pk.pack(px + 0.05);
        pk.pack(std::string_view("as"));
        pk.pack(size(rng));
        pk.pack(std::string_view("c"));
        pk.pack(std::string_view("A"));
      } else {
        pk.pack(std::string_view("p"));
        pk.pack(px);
        pk.pack(std::string_view("s"));
        pk.pack(size(rng));
        pk.pack(std::string_view("x"));
        pk.pack(std::string_view("C"));
        pk.pack(std::string_view("c"));
        pk.pack(std::string_view("I"));
      }
    }
    w.option_msgpack.emplace_back(buf.data(), buf.size());
  }
  return w;
}

namespace {
double cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}
template <typename F>
double best_ns(int repeats, F&& f) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const double t0 = cpu_ns();
    f();
    best = std::min(best, cpu_ns() - t0);
  }
  return best;
}
}  // namespace

FeedBenchResult run_feed_bench(const FeedBenchWorkload& w, int repeats) {
  FeedBenchResult r;
  r.json_messages = w.stock_messages();
  r.msgpack_messages = w.option_messages();
  model::InstrumentRegistry reg;
  AlpacaJsonDecoder json(reg, "bench.stocks");
  AlpacaMsgpackDecoder mp(reg, "bench.options");
  std::vector<engine::Event> out;
  out.reserve(64);
  std::size_t events = 0;
  const core::Timestamp recv{1};
  const double json_ns = best_ns(repeats, [&] {
    events = 0;
    for (const auto& f : w.stock_json) {
      out.clear();
      if (json.decode(f, recv, out)) events += out.size();
    }
  });
  r.events = events;
  std::vector<simdjson::padded_string> padded;
  padded.reserve(w.stock_json.size());
  for (const auto& f : w.stock_json)
    padded.emplace_back(f);
  simdjson::dom::parser parser;
  std::size_t elements = 0;
  const double bare_json_ns = best_ns(repeats, [&] {
    elements = 0;
    for (const auto& p : padded) {
      simdjson::dom::array arr;
      if (parser.parse(p).get_array().get(arr) == simdjson::SUCCESS) elements += arr.size();
    }
  });
  const double mp_ns = best_ns(repeats, [&] {
    for (const auto& f : w.option_msgpack) {
      out.clear();
      if (mp.decode(f, recv, out)) events += out.size();
    }
  });
  const double bare_mp_ns = best_ns(repeats, [&] {
    for (const auto& f : w.option_msgpack) {
      auto oh = msgpack::unpack(f.data(), f.size());
      elements += oh.get().via.array.size;
    }
  });
  (void)elements;
  auto rate = [](std::size_t n, double ns) { return ns > 0 ? n / (ns / 1e9) : 0.0; };
  r.json_decode_msgs_per_s = rate(r.json_messages, json_ns);
  r.json_bare_msgs_per_s = rate(r.json_messages, bare_json_ns);
  r.msgpack_decode_msgs_per_s = rate(r.msgpack_messages, mp_ns);
  r.msgpack_bare_msgs_per_s = rate(r.msgpack_messages, bare_mp_ns);
  return r;
}

}  // namespace zerodte::adapters::alpaca
