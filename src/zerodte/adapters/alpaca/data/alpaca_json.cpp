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
  simdjson::ondemand::parser od;
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

// RFC-3339 "YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z" without allocation; false for anything else (the
// caller then falls back to core::parse_iso8601).
bool fast_time(std::string_view s, core::Timestamp& out) {
  if (s.size() < 20 || s.back() != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
      s[13] != ':' || s[16] != ':')
    return false;
  auto d2 = [&](std::size_t p, int& v) {
    const unsigned a = static_cast<unsigned>(s[p] - '0'), b = static_cast<unsigned>(s[p + 1] - '0');
    if (a > 9 || b > 9) return false;
    v = static_cast<int>(a * 10 + b);
    return true;
  };
  int y1 = 0, y2 = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!d2(0, y1) || !d2(2, y2) || !d2(5, mo) || !d2(8, d) || !d2(11, h) || !d2(14, mi) ||
      !d2(17, se))
    return false;
  const core::Date date{y1 * 100 + y2, mo, d};
  if (!date.valid() || h > 23 || mi > 59 || se > 60) return false;
  std::int64_t frac = 0;
  std::size_t p = 19;
  if (s[p] == '.') {
    ++p;
    int digits = 0;
    while (p < s.size() - 1) {
      const unsigned c = static_cast<unsigned>(s[p] - '0');
      if (c > 9 || digits == 9) return false;
      frac = frac * 10 + c;
      ++digits;
      ++p;
    }
    if (digits == 0) return false;
    for (; digits < 9; ++digits)
      frac *= 10;
  }
  if (p != s.size() - 1) return false;
  out = core::Timestamp{date.days_since_epoch() * core::kNanosPerDay +
                        (h * 3600LL + mi * 60LL + se) * core::kNanosPerSecond + frac};
  return true;
}

// One pass over a stocks message's fields (instead of a key lookup per field).
struct Scan {
  enum : int { kP, kS, kI, kBp, kBs, kAp, kAs, kO, kH, kL, kC, kV, kN, kCount };
  std::string_view type, sym, time;
  dom::element num[kCount];
  unsigned have = 0;
  [[nodiscard]] bool has(int k) const { return (have >> k) & 1u; }
};

void scan(dom::object o, Scan& f) {
  for (auto field : o) {
    const std::string_view k = field.key;
    int slot = -1;
    if (k.size() == 1) {
      switch (k[0]) {
        case 'T':
          if (field.value.get_string().get(f.type) != simdjson::SUCCESS) f.type = {};
          continue;
        case 'S':
          if (field.value.get_string().get(f.sym) != simdjson::SUCCESS) f.sym = {};
          continue;
        case 't':
          if (field.value.get_string().get(f.time) != simdjson::SUCCESS) f.time = {};
          continue;
        case 'p':
          slot = Scan::kP;
          break;
        case 's':
          slot = Scan::kS;
          break;
        case 'i':
          slot = Scan::kI;
          break;
        case 'o':
          slot = Scan::kO;
          break;
        case 'h':
          slot = Scan::kH;
          break;
        case 'l':
          slot = Scan::kL;
          break;
        case 'c':
          slot = Scan::kC;
          break;
        case 'v':
          slot = Scan::kV;
          break;
        case 'n':
          slot = Scan::kN;
          break;
        default:
          break;
      }
    } else if (k.size() == 2) {
      if (k == "bp")
        slot = Scan::kBp;
      else if (k == "bs")
        slot = Scan::kBs;
      else if (k == "ap")
        slot = Scan::kAp;
      else if (k == "as")
        slot = Scan::kAs;
    }
    if (slot >= 0 && field.value.is_number()) {
      f.num[slot] = field.value;
      f.have |= 1u << slot;
    }
  }
}

bool scan_price(const Scan& f, int k, core::Price& out) {
  double d = 0;
  if (!f.has(k) || f.num[k].get_double().get(d) != simdjson::SUCCESS) return false;
  auto p = core::Price::from_double(d);
  if (!p) return false;
  out = *p;
  return true;
}
bool scan_int(const Scan& f, int k, std::int64_t& out) {
  if (!f.has(k)) return false;
  if (f.num[k].get_int64().get(out) == simdjson::SUCCESS) return true;
  double d = 0;
  if (f.num[k].get_double().get(d) != simdjson::SUCCESS) return false;
  out = static_cast<std::int64_t>(d);
  return true;
}

// Trades, quotes and bars from a scanned message; nullopt error on success.
core::Status fast_event(AlpacaJsonDecoder::Impl& im, std::size_t i, const Scan& f,
                        core::Timestamp ts_recv, std::vector<engine::Event>& out) {
  if (f.sym.empty()) return im.bad(i, "S", "missing symbol");
  auto id = im.symbols.get(f.sym);
  if (!id) return im.bad(i, "S", id.error().message);
  core::Timestamp ts;
  if (!fast_time(f.time, ts)) {
    auto t = core::parse_iso8601(f.time);
    if (!t) return im.bad(i, "t", f.time.empty() ? "missing or not a string" : t.error().message);
    ts = *t;
  }
  const model::EventHeader hdr{*id, ts, ts_recv};
  if (f.type == "t") {
    model::Trade t;
    t.hdr = hdr;
    if (!scan_price(f, Scan::kP, t.price)) return im.bad(i, "p", "missing or not a price");
    if (!scan_int(f, Scan::kS, t.size)) return im.bad(i, "s", "missing or not a number");
    std::int64_t tid = 0;
    if (scan_int(f, Scan::kI, tid)) t.sequence = static_cast<std::uint32_t>(tid);
    out.emplace_back(t);
  } else if (f.type == "q") {
    model::Quote q;
    q.hdr = hdr;
    if (!scan_price(f, Scan::kBp, q.bid)) return im.bad(i, "bp", "missing or not a price");
    if (!scan_price(f, Scan::kAp, q.ask)) return im.bad(i, "ap", "missing or not a price");
    if (!scan_int(f, Scan::kBs, q.bid_size)) return im.bad(i, "bs", "missing or not a number");
    if (!scan_int(f, Scan::kAs, q.ask_size)) return im.bad(i, "as", "missing or not a number");
    out.emplace_back(q);
  } else {
    model::Bar b;
    b.hdr = hdr;
    b.interval_s = f.type == "d" ? 86'400 : 60;
    if (!scan_price(f, Scan::kO, b.open)) return im.bad(i, "o", "missing or not a price");
    if (!scan_price(f, Scan::kH, b.high)) return im.bad(i, "h", "missing or not a price");
    if (!scan_price(f, Scan::kL, b.low)) return im.bad(i, "l", "missing or not a price");
    if (!scan_price(f, Scan::kC, b.close)) return im.bad(i, "c", "missing or not a price");
    if (!scan_int(f, Scan::kV, b.volume)) return im.bad(i, "v", "missing or not a number");
    std::int64_t n = 0;
    if (scan_int(f, Scan::kN, n)) b.trade_count = static_cast<std::int32_t>(n);
    if (b.low > b.high) return im.bad(i, "l", "low above high");
    out.emplace_back(b);
  }
  return core::ok();
}

// The hot path: simdjson On-Demand over the frame, one pass per message, for frames made only
// of trades, quotes and bars (nearly all of them). Anything else, or anything wrong, returns
// false and the frame goes through the DOM path, which also writes the error messages.
struct OdFields {
  std::string_view type, sym, time;
  double p = 0, bp = 0, ap = 0, o = 0, h = 0, l = 0, c = 0;
  std::int64_t s = 0, bs = 0, as = 0, v = 0, n = 0, id = 0;
  unsigned have = 0;
};
enum : unsigned {
  kHP = 1,
  kHS = 2,
  kHBp = 4,
  kHAp = 8,
  kHBs = 16,
  kHAs = 32,
  kHO = 64,
  kHH = 128,
  kHL = 256,
  kHC = 512,
  kHV = 1024,
  kHN = 2048,
  kHI = 4096
};

bool od_int(simdjson::ondemand::value v, std::int64_t& out) {
  if (v.get_int64().get(out) == simdjson::SUCCESS) return true;
  double d = 0;
  if (v.get_double().get(d) != simdjson::SUCCESS) return false;
  out = static_cast<std::int64_t>(d);
  return true;
}

bool od_price(double d, core::Price& out) {
  auto p = core::Price::from_double(d);
  if (!p) return false;
  out = *p;
  return true;
}

bool decode_fast(AlpacaJsonDecoder::Impl& im, core::Timestamp ts_recv,
                 std::vector<engine::Event>& out) {
  namespace od = simdjson::ondemand;
  od::document doc;
  if (im.od.iterate(im.buf.data(), im.buf.size(), im.buf.capacity()).get(doc)) return false;
  od::array arr;
  if (doc.get_array().get(arr)) return false;
  for (auto el : arr) {
    od::object obj;
    if (el.get_object().get(obj)) return false;
    OdFields f;
    for (auto field_r : obj) {
      od::field field;
      std::string_view k;
      if (std::move(field_r).get(field) || field.unescaped_key().get(k)) return false;
      od::value v = field.value();
      bool ok = true;
      if (k.size() == 1) {
        switch (k[0]) {
          case 'T':
            ok = v.get_string().get(f.type) == simdjson::SUCCESS;
            break;
          case 'S':
            ok = v.get_string().get(f.sym) == simdjson::SUCCESS;
            break;
          case 't':
            ok = v.get_string().get(f.time) == simdjson::SUCCESS;
            break;
          case 'p':
            ok = v.get_double().get(f.p) == simdjson::SUCCESS;
            f.have |= kHP;
            break;
          case 's':
            ok = od_int(v, f.s);
            f.have |= kHS;
            break;
          case 'i':
            ok = od_int(v, f.id);
            f.have |= kHI;
            break;
          case 'o':
            ok = v.get_double().get(f.o) == simdjson::SUCCESS;
            f.have |= kHO;
            break;
          case 'h':
            ok = v.get_double().get(f.h) == simdjson::SUCCESS;
            f.have |= kHH;
            break;
          case 'l':
            ok = v.get_double().get(f.l) == simdjson::SUCCESS;
            f.have |= kHL;
            break;
          case 'c':
            if (v.type() == od::json_type::number) {
              ok = v.get_double().get(f.c) == simdjson::SUCCESS;
              f.have |= kHC;
            }
            break;
          case 'v':
            ok = od_int(v, f.v);
            f.have |= kHV;
            break;
          case 'n':
            ok = od_int(v, f.n);
            f.have |= kHN;
            break;
          default:
            break;
        }
      } else if (k.size() == 2) {
        if (k == "bp") {
          ok = v.get_double().get(f.bp) == simdjson::SUCCESS;
          f.have |= kHBp;
        } else if (k == "ap") {
          ok = v.get_double().get(f.ap) == simdjson::SUCCESS;
          f.have |= kHAp;
        } else if (k == "bs") {
          ok = od_int(v, f.bs);
          f.have |= kHBs;
        } else if (k == "as") {
          ok = od_int(v, f.as);
          f.have |= kHAs;
        }
      }
      if (!ok) return false;
    }
    if (f.type.size() != 1 || f.sym.empty()) return false;
    const char ty = f.type[0];
    core::Timestamp ts;
    if (!fast_time(f.time, ts)) return false;
    auto id = im.symbols.get(f.sym);
    if (!id) return false;
    const model::EventHeader hdr{*id, ts, ts_recv};
    if (ty == 't') {
      if ((f.have & (kHP | kHS)) != (kHP | kHS)) return false;
      model::Trade t;
      t.hdr = hdr;
      if (!od_price(f.p, t.price)) return false;
      t.size = f.s;
      t.sequence = static_cast<std::uint32_t>(f.id);
      out.emplace_back(t);
    } else if (ty == 'q') {
      constexpr unsigned kNeed = kHBp | kHAp | kHBs | kHAs;
      if ((f.have & kNeed) != kNeed) return false;
      model::Quote q;
      q.hdr = hdr;
      if (!od_price(f.bp, q.bid) || !od_price(f.ap, q.ask)) return false;
      q.bid_size = f.bs;
      q.ask_size = f.as;
      out.emplace_back(q);
    } else if (ty == 'b' || ty == 'u' || ty == 'd') {
      constexpr unsigned kNeed = kHO | kHH | kHL | kHC | kHV;
      if ((f.have & kNeed) != kNeed) return false;
      model::Bar b;
      b.hdr = hdr;
      b.interval_s = ty == 'd' ? 86'400 : 60;
      if (!od_price(f.o, b.open) || !od_price(f.h, b.high) || !od_price(f.l, b.low) ||
          !od_price(f.c, b.close))
        return false;
      if (b.low > b.high) return false;
      b.volume = f.v;
      b.trade_count = static_cast<std::int32_t>(f.n);
      out.emplace_back(b);
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

AlpacaJsonDecoder::AlpacaJsonDecoder(model::InstrumentRegistry& reg, std::string source)
    : impl_(std::make_unique<Impl>(reg, std::move(source))) {}
AlpacaJsonDecoder::~AlpacaJsonDecoder() = default;

core::Status AlpacaJsonDecoder::decode(std::string_view frame, core::Timestamp ts_recv,
                                       std::vector<engine::Event>& out) {
  auto& im = *impl_;
  const std::size_t first = out.size();
  im.buf.reserve(frame.size() + simdjson::SIMDJSON_PADDING);
  im.buf.assign(frame);
  if (decode_fast(im, ts_recv, out)) return core::ok();
  out.resize(first);
  auto root = im.parse(frame);
  if (!root) return std::unexpected(root.error());
  dom::array arr;
  if (root->get_array().get(arr) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{}: frame is not a JSON array", im.source);
  std::size_t i = 0;
  for (dom::element el : arr) {
    Ctx c{im, i, ts_recv};
    dom::object o;
    Scan f;
    if (el.get_object().get(o) == simdjson::SUCCESS) scan(o, f);
    const std::string_view type = f.type;
    if (type.empty()) {
      out.resize(first);
      return im.bad(i, "T", "element is not an object with a type");
    }
    if (type == "t" || type == "q" || type == "b" || type == "u" || type == "d") {
      if (auto st = fast_event(im, i, f, ts_recv, out); !st) {
        out.resize(first);  // all-or-nothing per frame: a malformed frame is skipped whole
        return st;
      }
      ++i;
      continue;
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
