// AlpacaMsgpackDecoder: the options stream (MessagePack only, per Alpaca's docs).
#include <msgpack.hpp>

#include <charconv>
#include <cstring>

#include "zerodte/adapters/alpaca/data/alpaca_codec.hpp"

namespace zerodte::adapters::alpaca {

using core::ErrorCode;

namespace {

std::string_view str_of(const msgpack::object& o) {
  return o.type == msgpack::type::STR ? std::string_view(o.via.str.ptr, o.via.str.size)
                                      : std::string_view{};
}

const msgpack::object* field(const msgpack::object_map& m, std::string_view key) {
  for (std::uint32_t i = 0; i < m.size; ++i) {
    const auto& kv = m.ptr[i];
    if (kv.key.type == msgpack::type::STR && str_of(kv.key) == key) return &kv.val;
  }
  return nullptr;
}

bool as_double(const msgpack::object* o, double& out) {
  if (!o) return false;
  switch (o->type) {
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64:
      out = o->via.f64;
      return true;
    case msgpack::type::POSITIVE_INTEGER:
      out = static_cast<double>(o->via.u64);
      return true;
    case msgpack::type::NEGATIVE_INTEGER:
      out = static_cast<double>(o->via.i64);
      return true;
    default:
      return false;
  }
}

bool as_int(const msgpack::object* o, std::int64_t& out) {
  if (!o) return false;
  if (o->type == msgpack::type::POSITIVE_INTEGER) {
    out = static_cast<std::int64_t>(o->via.u64);
    return true;
  }
  if (o->type == msgpack::type::NEGATIVE_INTEGER) {
    out = o->via.i64;
    return true;
  }
  double d = 0;
  if (!as_double(o, d)) return false;
  out = static_cast<std::int64_t>(d);
  return true;
}

bool as_price(const msgpack::object* o, core::Price& out) {
  if (o && o->type == msgpack::type::FLOAT32) {
    // A float32 price is the decimal its shortest representation names (1.3f, not
    // 1.2999999523).
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<float>(o->via.f64));
    if (r.ec == std::errc{}) {
      const std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
      if (text.find_first_of("eE") == std::string_view::npos) {
        if (auto p = core::Price::parse(text)) {
          out = *p;
          return true;
        }
      }
    }
  }
  double d = 0;
  if (!as_double(o, d)) return false;
  auto p = core::Price::from_double(d);
  if (!p) return false;
  out = *p;
  return true;
}

std::uint64_t be(const char* p, int n) {
  std::uint64_t v = 0;
  for (int i = 0; i < n; ++i)
    v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

// RFC-3339 text, or the MessagePack timestamp extension (type -1; 32/64/96-bit forms).
bool as_time(const msgpack::object* o, core::Timestamp& out) {
  if (!o) return false;
  if (o->type == msgpack::type::STR) {
    auto t = core::parse_iso8601(str_of(*o));
    if (!t) return false;
    out = *t;
    return true;
  }
  if (o->type != msgpack::type::EXT || o->via.ext.type() != -1) return false;
  const char* d = o->via.ext.data();
  const auto n = o->via.ext.size;
  std::int64_t sec = 0, nsec = 0;
  if (n == 4) {
    sec = static_cast<std::int64_t>(be(d, 4));
  } else if (n == 8) {
    const std::uint64_t v = be(d, 8);
    nsec = static_cast<std::int64_t>(v >> 34);
    sec = static_cast<std::int64_t>(v & 0x3ffffffffULL);
  } else if (n == 12) {
    nsec = static_cast<std::int64_t>(be(d, 4));
    sec = static_cast<std::int64_t>(be(d + 4, 8));
  } else {
    return false;
  }
  if (nsec >= core::kNanosPerSecond) return false;
  out = core::Timestamp{sec * core::kNanosPerSecond + nsec};
  return true;
}

}  // namespace

AlpacaMsgpackDecoder::AlpacaMsgpackDecoder(model::InstrumentRegistry& reg, std::string source)
    : symbols_(reg), source_(std::move(source)) {}

core::Status AlpacaMsgpackDecoder::decode(std::string_view frame, core::Timestamp ts_recv,
                                          std::vector<engine::Event>& out) {
  msgpack::object_handle oh;
  try {
    oh = msgpack::unpack(frame.data(), frame.size());
  } catch (const std::exception& e) {
    return core::fail(ErrorCode::kParse, "{}: malformed MessagePack: {}", source_, e.what());
  }
  const msgpack::object& root = oh.get();
  if (root.type != msgpack::type::ARRAY)
    return core::fail(ErrorCode::kParse, "{}: frame is not a MessagePack array", source_);
  const std::size_t first = out.size();
  auto bad = [&](std::uint32_t i, std::string_view f, std::string_view why) {
    out.resize(first);
    return core::fail(ErrorCode::kParse, "{} [{}].{}: {}", source_, i, f, why);
  };
  for (std::uint32_t i = 0; i < root.via.array.size; ++i) {
    const auto& el = root.via.array.ptr[i];
    if (el.type != msgpack::type::MAP) return bad(i, "T", "element is not a map");
    const auto& m = el.via.map;
    const auto* t = field(m, "T");
    const std::string_view type = t ? str_of(*t) : std::string_view{};
    if (type.empty()) return bad(i, "T", "missing message type");
    if (type != "t" && type != "q") continue;  // control, "subscription", unknown
    const auto* s = field(m, "S");
    const std::string_view sym = s ? str_of(*s) : std::string_view{};
    if (sym.empty()) return bad(i, "S", "missing symbol");
    auto id = symbols_.get(sym);
    if (!id) return bad(i, "S", id.error().message);
    core::Timestamp ts;
    if (!as_time(field(m, "t"), ts)) return bad(i, "t", "missing or not a timestamp");
    if (type == "q") {
      model::OptionQuote q;
      q.hdr = {*id, ts, ts_recv};
      q.last = core::Price::undefined();
      q.underlying_price = core::Price::undefined();
      if (!as_price(field(m, "bp"), q.bid)) return bad(i, "bp", "missing or not a price");
      if (!as_price(field(m, "ap"), q.ask)) return bad(i, "ap", "missing or not a price");
      if (!as_int(field(m, "bs"), q.bid_size)) return bad(i, "bs", "missing or not a number");
      if (!as_int(field(m, "as"), q.ask_size)) return bad(i, "as", "missing or not a number");
      out.emplace_back(q);
    } else {
      model::Trade tr;
      tr.hdr = {*id, ts, ts_recv};
      if (!as_price(field(m, "p"), tr.price)) return bad(i, "p", "missing or not a price");
      if (!as_int(field(m, "s"), tr.size)) return bad(i, "s", "missing or not a number");
      out.emplace_back(tr);
    }
  }
  return core::ok();
}

core::Result<std::vector<ControlMessage>> AlpacaMsgpackDecoder::controls(std::string_view frame) {
  msgpack::object_handle oh;
  try {
    oh = msgpack::unpack(frame.data(), frame.size());
  } catch (const std::exception& e) {
    return core::fail(ErrorCode::kParse, "{}: malformed MessagePack: {}", source_, e.what());
  }
  const auto& root = oh.get();
  if (root.type != msgpack::type::ARRAY)
    return core::fail(ErrorCode::kParse, "{}: frame is not a MessagePack array", source_);
  std::vector<ControlMessage> out;
  for (std::uint32_t i = 0; i < root.via.array.size; ++i) {
    const auto& el = root.via.array.ptr[i];
    if (el.type != msgpack::type::MAP) continue;
    const auto* t = field(el.via.map, "T");
    const auto type = t ? str_of(*t) : std::string_view{};
    if (type != "success" && type != "error" && type != "subscription") continue;
    ControlMessage c;
    c.type = std::string(type);
    if (const auto* msg = field(el.via.map, "msg")) c.msg = std::string(str_of(*msg));
    std::int64_t code = 0;
    if (as_int(field(el.via.map, "code"), code)) c.code = static_cast<int>(code);
    out.push_back(std::move(c));
  }
  return out;
}

std::string msgpack_auth(std::string_view key, std::string_view secret) {
  msgpack::sbuffer buf;
  msgpack::packer<msgpack::sbuffer> pk(buf);
  pk.pack_map(3);
  pk.pack(std::string_view("action"));
  pk.pack(std::string_view("auth"));
  pk.pack(std::string_view("key"));
  pk.pack(key);
  pk.pack(std::string_view("secret"));
  pk.pack(secret);
  return std::string(buf.data(), buf.size());
}

std::string msgpack_subscribe(
    std::string_view action,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& channels) {
  msgpack::sbuffer buf;
  msgpack::packer<msgpack::sbuffer> pk(buf);
  std::uint32_t n = 1;
  for (const auto& c : channels)
    n += c.second.empty() ? 0 : 1;
  pk.pack_map(n);
  pk.pack(std::string_view("action"));
  pk.pack(action);
  for (const auto& [name, syms] : channels) {
    if (syms.empty()) continue;
    pk.pack(name);
    pk.pack(syms);
  }
  return std::string(buf.data(), buf.size());
}

}  // namespace zerodte::adapters::alpaca
