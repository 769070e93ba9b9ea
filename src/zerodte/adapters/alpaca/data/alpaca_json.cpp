// AlpacaJsonDecoder: stocks/news stream frames and REST bodies (simdjson DOM, one reused parser).
#include <simdjson.h>

#include <fmt/format.h>

#include "zerodte/adapters/alpaca/data/alpaca_codec.hpp"

namespace zerodte::adapters::alpaca {

namespace dom = simdjson::dom;
using core::ErrorCode;

struct AlpacaJsonDecoder::Impl {
  SymbolCache symbols;
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

bool get_num(dom::object o, std::string_view key, double& out) {
  return o[key].get_double().get(out) == simdjson::SUCCESS;
}
bool get_int(dom::object o, std::string_view key, std::int64_t& out) {
  dom::element e;
  if (o[key].get(e) != simdjson::SUCCESS) return false;
  if (e.get_int64().get(out) == simdjson::SUCCESS) return true;
  double d = 0;
  if (e.get_double().get(d) != simdjson::SUCCESS) return false;
  out = static_cast<std::int64_t>(d);
  return true;
}
bool get_str(dom::object o, std::string_view key, std::string_view& out) {
  return o[key].get_string().get(out) == simdjson::SUCCESS;
}

// Price from a JSON number (rounded to the nano).
bool get_price(dom::object o, std::string_view key, core::Price& out) {
  double d = 0;
  if (!get_num(o, key, d)) return false;
  auto p = core::Price::from_double(d);
  if (!p) return false;
  out = *p;
  return true;
}

}  // namespace

// Field-by-field decoders shared by the stream and REST paths. `i` names the element.
namespace {
struct Ctx {
  AlpacaJsonDecoder::Impl& im;
  std::size_t i;
  core::Timestamp ts_recv;
};

core::Result<core::Timestamp> get_time(Ctx& c, dom::object o, std::string_view key) {
  std::string_view s;
  if (!get_str(o, key, s)) return c.im.bad(c.i, key, "missing or not a string");
  auto t = core::parse_iso8601(s);
  if (!t) return c.im.bad(c.i, key, t.error().message);
  return *t;
}

core::Result<model::Bar> bar_from(Ctx& c, dom::object o, core::InstrumentId id,
                                  std::int32_t interval) {
  model::Bar b;
  b.hdr.instrument = id;
  b.hdr.ts_recv = c.ts_recv;
  b.interval_s = interval;
  auto t = get_time(c, o, "t");
  if (!t) return std::unexpected(t.error());
  b.hdr.ts_event = *t;
  if (!get_price(o, "o", b.open)) return c.im.bad(c.i, "o", "missing or not a price");
  if (!get_price(o, "h", b.high)) return c.im.bad(c.i, "h", "missing or not a price");
  if (!get_price(o, "l", b.low)) return c.im.bad(c.i, "l", "missing or not a price");
  if (!get_price(o, "c", b.close)) return c.im.bad(c.i, "c", "missing or not a price");
  if (!get_int(o, "v", b.volume)) return c.im.bad(c.i, "v", "missing or not a number");
  std::int64_t n = 0;
  if (get_int(o, "n", n)) b.trade_count = static_cast<std::int32_t>(n);
  if (b.low > b.high) return c.im.bad(c.i, "l", "low above high");
  return b;
}

core::Result<model::Quote> quote_from(Ctx& c, dom::object o, core::InstrumentId id) {
  model::Quote q;
  q.hdr.instrument = id;
  q.hdr.ts_recv = c.ts_recv;
  auto t = get_time(c, o, "t");
  if (!t) return std::unexpected(t.error());
  q.hdr.ts_event = *t;
  if (!get_price(o, "bp", q.bid)) return c.im.bad(c.i, "bp", "missing or not a price");
  if (!get_price(o, "ap", q.ask)) return c.im.bad(c.i, "ap", "missing or not a price");
  if (!get_int(o, "bs", q.bid_size)) return c.im.bad(c.i, "bs", "missing or not a number");
  if (!get_int(o, "as", q.ask_size)) return c.im.bad(c.i, "as", "missing or not a number");
  return q;
}

core::Result<model::Trade> trade_from(Ctx& c, dom::object o, core::InstrumentId id) {
  model::Trade tr;
  tr.hdr.instrument = id;
  tr.hdr.ts_recv = c.ts_recv;
  auto t = get_time(c, o, "t");
  if (!t) return std::unexpected(t.error());
  tr.hdr.ts_event = *t;
  if (!get_price(o, "p", tr.price)) return c.im.bad(c.i, "p", "missing or not a price");
  if (!get_int(o, "s", tr.size)) return c.im.bad(c.i, "s", "missing or not a number");
  std::int64_t tid = 0;
  if (get_int(o, "i", tid)) tr.sequence = static_cast<std::uint32_t>(tid);
  return tr;
}

model::TradingStatus status_code(std::string_view sc) {
  // Alpaca/CTA/UTP status codes: H halt, P volatility pause, Q quotation resumption,
  // T trading resumption.
  if (sc == "H") return model::TradingStatus::kHalted;
  if (sc == "P") return model::TradingStatus::kPaused;
  if (sc == "T" || sc == "Q") return model::TradingStatus::kTrading;
  return model::TradingStatus::kUnknown;
}

std::shared_ptr<const model::NewsItem> news_from(Ctx& c, dom::object o) {
  auto n = std::make_shared<model::NewsItem>();
  std::int64_t id = 0;
  std::string_view s;
  if (get_int(o, "id", id)) n->id = std::to_string(id);
  n->source = "alpaca.news";
  n->kind = model::NewsKind::kArticle;
  if (get_str(o, "author", s)) n->author = std::string(s);
  if (get_str(o, "headline", s)) n->headline = std::string(s);
  if (get_str(o, "summary", s)) n->text = std::string(s);
  if (get_str(o, "url", s)) n->url = std::string(s);
  dom::array syms;
  if (o["symbols"].get_array().get(syms) == simdjson::SUCCESS) {
    for (auto e : syms) {
      if (e.get_string().get(s) == simdjson::SUCCESS) n->symbols.emplace_back(s);
    }
  }
  if (get_str(o, "created_at", s)) {
    if (auto t = core::parse_iso8601(s)) n->ts_event = *t;
  }
  n->ts_recv = c.ts_recv;
  return n;
}

}  // namespace

AlpacaJsonDecoder::AlpacaJsonDecoder(model::InstrumentRegistry& reg, std::string source)
    : impl_(std::make_unique<Impl>(reg, std::move(source))) {}
AlpacaJsonDecoder::~AlpacaJsonDecoder() = default;

core::Status AlpacaJsonDecoder::decode(std::string_view frame, core::Timestamp ts_recv,
                                       std::vector<engine::Event>& out) {
  auto& im = *impl_;
  auto root = im.parse(frame);
  if (!root) return std::unexpected(root.error());
  dom::array arr;
  if (root->get_array().get(arr) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{}: frame is not a JSON array", im.source);
  std::size_t i = 0;
  const std::size_t first = out.size();
  for (dom::element el : arr) {
    Ctx c{im, i, ts_recv};
    dom::object o;
    std::string_view type;
    if (el.get_object().get(o) != simdjson::SUCCESS || !get_str(o, "T", type)) {
      out.resize(first);
      return im.bad(i, "T", "element is not an object with a type");
    }
    core::Status st = core::ok();
    if (type == "n") {
      auto n = news_from(c, o);
      if (n->id.empty()) {
        st = im.bad(i, "id", "missing");
      } else {
        out.emplace_back(std::move(n));
      }
    } else if (type == "t" || type == "q" || type == "b" || type == "u" || type == "d" ||
               type == "s") {
      std::string_view sym;
      if (!get_str(o, "S", sym)) {
        st = im.bad(i, "S", "missing symbol");
      } else if (auto id = im.symbols.get(sym); !id) {
        st = im.bad(i, "S", id.error().message);
      } else if (type == "t") {
        auto t = trade_from(c, o, *id);
        if (t)
          out.emplace_back(*t);
        else
          st = std::unexpected(t.error());
      } else if (type == "q") {
        auto q = quote_from(c, o, *id);
        if (q)
          out.emplace_back(*q);
        else
          st = std::unexpected(q.error());
      } else if (type == "s") {
        model::InstrumentStatus s;
        s.hdr.instrument = *id;
        s.hdr.ts_recv = ts_recv;
        auto t = get_time(c, o, "t");
        std::string_view sc, sm;
        if (!t) {
          st = std::unexpected(t.error());
        } else {
          s.hdr.ts_event = *t;
          if (get_str(o, "sc", sc)) s.status = status_code(sc);
          if (get_str(o, "sm", sm)) s.reason = core::FixedString<24>(sm);
          out.emplace_back(s);
        }
      } else {
        auto b = bar_from(c, o, *id, type == "d" ? 86'400 : 60);
        if (b)
          out.emplace_back(*b);
        else
          st = std::unexpected(b.error());
      }
    }
    // "success", "subscription", "error" and unknown types carry no market data.
    if (!st) {
      out.resize(first);  // all-or-nothing per frame: a malformed frame is skipped whole
      return st;
    }
    ++i;
  }
  return core::ok();
}

core::Result<std::vector<ControlMessage>> AlpacaJsonDecoder::controls(std::string_view frame) {
  auto& im = *impl_;
  auto root = im.parse(frame);
  if (!root) return std::unexpected(root.error());
  std::vector<ControlMessage> out;
  dom::array arr;
  if (root->get_array().get(arr) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{}: frame is not a JSON array", im.source);
  for (dom::element el : arr) {
    dom::object o;
    std::string_view type, msg;
    if (el.get_object().get(o) != simdjson::SUCCESS || !get_str(o, "T", type)) continue;
    if (type != "success" && type != "error" && type != "subscription") continue;
    ControlMessage m;
    m.type = std::string(type);
    if (get_str(o, "msg", msg)) m.msg = std::string(msg);
    std::int64_t code = 0;
    if (get_int(o, "code", code)) m.code = static_cast<int>(code);
    out.push_back(std::move(m));
  }
  return out;
}

core::Result<std::string> AlpacaJsonDecoder::decode_bars_page(std::string_view body,
                                                              core::Timestamp ts_recv,
                                                              std::int32_t interval_s,
                                                              std::vector<engine::Event>& out) {
  auto& im = *impl_;
  auto root = im.parse(body);
  if (!root) return std::unexpected(root.error());
  dom::object bars;
  if ((*root)["bars"].get_object().get(bars) != simdjson::SUCCESS) {
    dom::element b;
    if ((*root)["bars"].get(b) == simdjson::SUCCESS && b.is_null()) return std::string{};
    return core::fail(ErrorCode::kParse, "{} bars: no \"bars\" object", im.source);
  }
  std::size_t i = 0;
  for (auto [sym, list] : bars) {
    auto id = im.symbols.get(sym);
    if (!id) return im.bad(i, "bars." + std::string(sym), id.error().message);
    dom::array arr;
    if (list.get_array().get(arr) != simdjson::SUCCESS)
      return im.bad(i, "bars." + std::string(sym), "not an array");
    for (dom::element e : arr) {
      Ctx c{im, i++, ts_recv};
      dom::object o;
      if (e.get_object().get(o) != simdjson::SUCCESS) return im.bad(c.i, "bars", "not an object");
      auto b = bar_from(c, o, *id, interval_s);
      if (!b) return std::unexpected(b.error());
      out.emplace_back(*b);
    }
  }
  std::string_view token;
  if ((*root)["next_page_token"].get_string().get(token) == simdjson::SUCCESS)
    return std::string(token);
  return std::string{};
}

core::Status AlpacaJsonDecoder::decode_latest_quotes(std::string_view body, core::Timestamp ts_recv,
                                                     std::vector<engine::Event>& out) {
  auto& im = *impl_;
  auto root = im.parse(body);
  if (!root) return std::unexpected(root.error());
  dom::object quotes;
  if ((*root)["quotes"].get_object().get(quotes) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{} latest quotes: no \"quotes\" object", im.source);
  std::size_t i = 0;
  for (auto [sym, q] : quotes) {
    Ctx c{im, i++, ts_recv};
    auto id = im.symbols.get(sym);
    if (!id) return im.bad(c.i, "quotes." + std::string(sym), id.error().message);
    dom::object o;
    if (q.get_object().get(o) != simdjson::SUCCESS)
      return im.bad(c.i, "quotes." + std::string(sym), "not an object");
    auto quote = quote_from(c, o, *id);
    if (!quote) return std::unexpected(quote.error());
    out.emplace_back(*quote);
  }
  return core::ok();
}

core::Result<std::string> AlpacaJsonDecoder::decode_news_page(std::string_view body,
                                                              core::Timestamp ts_recv,
                                                              std::vector<engine::Event>& out) {
  auto& im = *impl_;
  auto root = im.parse(body);
  if (!root) return std::unexpected(root.error());
  dom::array news;
  if ((*root)["news"].get_array().get(news) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{} news: no \"news\" array", im.source);
  std::size_t i = 0;
  for (dom::element e : news) {
    Ctx c{im, i++, ts_recv};
    dom::object o;
    if (e.get_object().get(o) != simdjson::SUCCESS) return im.bad(c.i, "news", "not an object");
    auto n = news_from(c, o);
    if (n->id.empty()) return im.bad(c.i, "id", "missing");
    out.emplace_back(std::move(n));
  }
  std::string_view token;
  if ((*root)["next_page_token"].get_string().get(token) == simdjson::SUCCESS)
    return std::string(token);
  return std::string{};
}

namespace {
void json_escape(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (static_cast<unsigned char>(ch) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(ch)));
    } else {
      out += ch;
    }
  }
  out += '"';
}
}  // namespace

std::string json_auth(std::string_view key, std::string_view secret) {
  std::string s = R"({"action":"auth","key":)";
  json_escape(s, key);
  s += R"(,"secret":)";
  json_escape(s, secret);
  s += '}';
  return s;
}

std::string json_subscribe(
    std::string_view action,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& channels) {
  std::string s = R"({"action":)";
  json_escape(s, action);
  for (const auto& [name, syms] : channels) {
    if (syms.empty()) continue;
    s += ',';
    json_escape(s, name);
    s += ":[";
    for (std::size_t i = 0; i < syms.size(); ++i) {
      if (i) s += ',';
      json_escape(s, syms[i]);
    }
    s += ']';
  }
  s += '}';
  return s;
}

}  // namespace zerodte::adapters::alpaca
