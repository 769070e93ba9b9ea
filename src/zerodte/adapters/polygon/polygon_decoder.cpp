// PolygonDecoder: WebSocket frames and REST aggregates (simdjson DOM, one reused parser).
#include <simdjson.h>

#include <fmt/format.h>

#include "zerodte/adapters/polygon/polygon_feed.hpp"

namespace zerodte::adapters::polygon {

namespace dom = simdjson::dom;
using core::ErrorCode;

struct PolygonDecoder::Impl {
  net::SymbolCache symbols;
  std::string source;
  dom::parser parser;
  std::string buf;
  Impl(model::InstrumentRegistry& reg, std::string src) : symbols(reg), source(std::move(src)) {}
  core::Result<dom::element> parse(std::string_view text) {
    buf.reserve(text.size() + simdjson::SIMDJSON_PADDING);
    buf.assign(text);
    dom::element root;
    if (auto err = parser.parse(buf.data(), buf.size(), false).get(root); err)
      return core::fail(ErrorCode::kParse, "{}: malformed JSON: {}", source,
                        simdjson::error_message(err));
    return root;
  }
  std::unexpected<core::Error> bad(std::size_t i, std::string_view field, std::string_view why) {
    return core::fail(ErrorCode::kParse, "{} [{}].{}: {}", source, i, field, why);
  }
};

namespace {
bool num(dom::object o, std::string_view k, double& out) {
  return o[k].get_double().get(out) == simdjson::SUCCESS;
}
bool integer(dom::object o, std::string_view k, std::int64_t& out) {
  dom::element e;
  if (o[k].get(e) != simdjson::SUCCESS) return false;
  if (e.get_int64().get(out) == simdjson::SUCCESS) return true;
  double d = 0;
  if (e.get_double().get(d) != simdjson::SUCCESS) return false;
  out = static_cast<std::int64_t>(d);
  return true;
}
bool price(dom::object o, std::string_view k, core::Price& out) {
  double d = 0;
  if (!num(o, k, d)) return false;
  auto p = core::Price::from_double(d);
  if (!p) return false;
  out = *p;
  return true;
}
bool ms_time(dom::object o, std::string_view k, core::Timestamp& out) {
  std::int64_t ms = 0;
  if (!integer(o, k, ms) || ms < 0) return false;
  out = core::Timestamp{ms * 1'000'000};
  return true;
}
bool is_option(std::string_view sym) {
  return sym.starts_with("O:");
}

core::Result<model::Bar> agg_from(PolygonDecoder::Impl& im, std::size_t i, dom::object o,
                                  core::InstrumentId id, std::int32_t interval,
                                  std::string_view start_key, core::Timestamp ts_recv) {
  model::Bar b;
  b.hdr.instrument = id;
  b.hdr.ts_recv = ts_recv;
  b.interval_s = interval;
  if (!ms_time(o, start_key, b.hdr.ts_event)) return im.bad(i, start_key, "missing or not ms");
  if (!price(o, "o", b.open)) return im.bad(i, "o", "missing or not a price");
  if (!price(o, "h", b.high)) return im.bad(i, "h", "missing or not a price");
  if (!price(o, "l", b.low)) return im.bad(i, "l", "missing or not a price");
  if (!price(o, "c", b.close)) return im.bad(i, "c", "missing or not a price");
  if (!integer(o, "v", b.volume)) return im.bad(i, "v", "missing or not a number");
  std::int64_t n = 0;
  if (integer(o, "n", n)) b.trade_count = static_cast<std::int32_t>(n);
  if (b.low > b.high) return im.bad(i, "l", "low above high");
  return b;
}
}  // namespace

PolygonDecoder::PolygonDecoder(model::InstrumentRegistry& reg, std::string source)
    : impl_(std::make_unique<Impl>(reg, std::move(source))) {}
PolygonDecoder::~PolygonDecoder() = default;

core::Status PolygonDecoder::decode(std::string_view frame, core::Timestamp ts_recv,
                                    std::vector<engine::Event>& out) {
  auto& im = *impl_;
  auto root = im.parse(frame);
  if (!root) return std::unexpected(root.error());
  dom::array arr;
  if (root->get_array().get(arr) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{}: frame is not a JSON array", im.source);
  const std::size_t first = out.size();
  std::size_t i = 0;
  auto fail_frame = [&](std::unexpected<core::Error> e) {
    out.resize(first);
    return e;
  };
  for (dom::element el : arr) {
    dom::object o;
    std::string_view ev, sym;
    if (el.get_object().get(o) != simdjson::SUCCESS ||
        o["ev"].get_string().get(ev) != simdjson::SUCCESS)
      return fail_frame(im.bad(i, "ev", "element is not an object with an event type"));
    if (ev == "status") {
      ++i;
      continue;
    }
    const bool known = ev == "AM" || ev == "A" || ev == "T" || ev == "Q";
    if (!known) {
      ++i;
      continue;  // other clusters' events (LULD, FMV, ...) are not decoded here
    }
    if (o["sym"].get_string().get(sym) != simdjson::SUCCESS)
      return fail_frame(im.bad(i, "sym", "missing symbol"));
    auto id = im.symbols.get(sym);
    if (!id) return fail_frame(im.bad(i, "sym", id.error().message));
    if (ev == "AM" || ev == "A") {
      auto b = agg_from(im, i, o, *id, ev == "AM" ? 60 : 1, "s", ts_recv);
      if (!b) return fail_frame(std::unexpected(b.error()));
      out.emplace_back(*b);
    } else if (ev == "T") {
      model::Trade t;
      t.hdr.instrument = *id;
      t.hdr.ts_recv = ts_recv;
      if (!ms_time(o, "t", t.hdr.ts_event)) return fail_frame(im.bad(i, "t", "missing time"));
      if (!price(o, "p", t.price)) return fail_frame(im.bad(i, "p", "missing or not a price"));
      if (!integer(o, "s", t.size)) return fail_frame(im.bad(i, "s", "missing size"));
      std::int64_t q = 0;
      if (integer(o, "q", q)) t.sequence = static_cast<std::uint32_t>(q);
      std::int64_t x = 0;
      if (integer(o, "x", x)) t.publisher = static_cast<std::uint16_t>(x);
      out.emplace_back(t);
    } else {  // Q
      core::Price bid, ask;
      std::int64_t bs = 0, as = 0;
      core::Timestamp ts;
      if (!ms_time(o, "t", ts)) return fail_frame(im.bad(i, "t", "missing time"));
      if (!price(o, "bp", bid)) return fail_frame(im.bad(i, "bp", "missing or not a price"));
      if (!price(o, "ap", ask)) return fail_frame(im.bad(i, "ap", "missing or not a price"));
      if (!integer(o, "bs", bs)) return fail_frame(im.bad(i, "bs", "missing size"));
      if (!integer(o, "as", as)) return fail_frame(im.bad(i, "as", "missing size"));
      if (is_option(sym)) {
        model::OptionQuote q;
        q.hdr = {*id, ts, ts_recv};
        q.bid = bid;
        q.ask = ask;
        q.bid_size = bs;
        q.ask_size = as;
        q.last = core::Price::undefined();
        q.underlying_price = core::Price::undefined();
        out.emplace_back(q);
      } else {
        model::Quote q;
        q.hdr = {*id, ts, ts_recv};
        q.bid = bid;
        q.ask = ask;
        q.bid_size = bs;
        q.ask_size = as;
        out.emplace_back(q);
      }
    }
    ++i;
  }
  return core::ok();
}

core::Result<std::vector<PolygonStatus>> PolygonDecoder::statuses(std::string_view frame) {
  auto& im = *impl_;
  auto root = im.parse(frame);
  if (!root) return std::unexpected(root.error());
  dom::array arr;
  if (root->get_array().get(arr) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{}: frame is not a JSON array", im.source);
  std::vector<PolygonStatus> out;
  for (dom::element el : arr) {
    dom::object o;
    std::string_view ev, st, msg;
    if (el.get_object().get(o) != simdjson::SUCCESS ||
        o["ev"].get_string().get(ev) != simdjson::SUCCESS || ev != "status")
      continue;
    if (o["status"].get_string().get(st) != simdjson::SUCCESS) st = {};
    if (o["message"].get_string().get(msg) != simdjson::SUCCESS) msg = {};
    out.push_back({std::string(st), std::string(msg)});
  }
  return out;
}

core::Result<std::string> PolygonDecoder::decode_aggs(std::string_view body,
                                                      std::string_view ticker,
                                                      std::int32_t interval_s,
                                                      core::Timestamp ts_recv,
                                                      std::vector<engine::Event>& out) {
  auto& im = *impl_;
  auto root = im.parse(body);
  if (!root) return std::unexpected(root.error());
  auto id = im.symbols.get(ticker);
  if (!id) return std::unexpected(id.error());
  dom::array results;
  if ((*root)["results"].get_array().get(results) == simdjson::SUCCESS) {
    std::size_t i = 0;
    for (dom::element e : results) {
      dom::object o;
      if (e.get_object().get(o) != simdjson::SUCCESS) return im.bad(i, "results", "not an object");
      auto b = agg_from(im, i++, o, *id, interval_s, "t", ts_recv);
      if (!b) return std::unexpected(b.error());
      out.emplace_back(*b);
    }
  }
  std::string_view next;
  if ((*root)["next_url"].get_string().get(next) == simdjson::SUCCESS) return std::string(next);
  return std::string{};
}

}  // namespace zerodte::adapters::polygon
