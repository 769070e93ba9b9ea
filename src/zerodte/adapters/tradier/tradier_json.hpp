#pragma once
// Reading Tradier's JSON (Boost.JSON; include only from .cpp files): decimal fields arrive as
// strings or numbers, absent and null mean the same. Errors name the object and the field.
#include <boost/json.hpp>
#include <cctype>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/price.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::adapters::tradier::detail {

namespace json = boost::json;

inline const json::value* field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return (v == nullptr || v->is_null()) ? nullptr : v;
}

inline std::string text(const json::object& o, std::string_view key) {
  const auto* v = field(o, key);
  if (v == nullptr) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return {};
}

// Decimal price; undefined when absent. `where` names the object for the message.
inline core::Result<core::Price> price(const json::object& o, std::string_view key,
                                       std::string_view where) {
  const auto* v = field(o, key);
  if (v == nullptr) return core::Price::undefined();
  if (v->is_string()) {
    const auto s = std::string_view(v->as_string());
    if (s.empty()) return core::Price::undefined();
    // Averages come with up to 16 decimals ("1.2433333333333334"): keep nine (our resolution).
    std::string_view cut = s;
    if (const auto dot = s.find('.'); dot != std::string_view::npos && s.size() - dot - 1 > 9) {
      cut = s.substr(0, dot + 10);
    }
    auto p = core::Price::parse(cut);
    if (!p)
      return core::fail(core::ErrorCode::kParse, "{}: {} = \"{}\" is not a decimal", where, key, s);
    return *p;
  }
  if (v->is_int64()) return core::Price::from_units(v->as_int64());
  if (v->is_uint64()) return core::Price::from_units(static_cast<std::int64_t>(v->as_uint64()));
  if (v->is_double()) {
    auto p = core::Price::from_double(v->as_double());
    if (!p)
      return core::fail(core::ErrorCode::kParse, "{}: {} = {} out of range", where, key,
                        v->as_double());
    return *p;
  }
  return core::fail(core::ErrorCode::kParse, "{}: {} is neither a number nor a string", where, key);
}

// Whole quantity (contracts/shares); 0 when absent. Fractions are an error.
inline core::Result<std::int64_t> quantity(const json::object& o, std::string_view key,
                                           std::string_view where) {
  auto p = price(o, key, where);
  if (!p) return std::unexpected(p.error());
  if (!p->is_defined()) return 0;
  if (p->raw() % core::Price::kScale != 0) {
    return core::fail(core::ErrorCode::kInvalid, "{}: {} = {} is not a whole quantity", where, key,
                      *p);
  }
  return p->raw() / core::Price::kScale;
}

inline core::Result<core::Timestamp> timestamp(const json::object& o, std::string_view key,
                                               std::string_view where) {
  const auto s = text(o, key);
  if (s.empty()) return core::Timestamp{};
  auto t = core::parse_iso8601(s);
  if (!t)
    return core::fail(core::ErrorCode::kParse, "{}: {} = \"{}\": {}", where, key, s,
                      t.error().message);
  return *t;
}

// Tradier's JSON comes from XML: a list of one is a bare object, an empty list is the string
// "null" (or JSON null). Returns the elements in all three cases.
inline std::vector<const json::object*> as_list(const json::value* v) {
  std::vector<const json::object*> out;
  if (v == nullptr) return out;
  if (v->is_object()) out.push_back(&v->as_object());
  if (v->is_array()) {
    for (const auto& e : v->as_array()) {
      if (e.is_object()) out.push_back(&e.as_object());
    }
  }
  return out;
}

inline std::string lower(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline core::Result<json::value> parse(std::string_view body, std::string_view what) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) {
    return core::fail(core::ErrorCode::kParse, "{}: invalid JSON ({}) in \"{}\"", what,
                      ec.message(), body.substr(0, 120));
  }
  return v;
}

}  // namespace zerodte::adapters::tradier::detail
