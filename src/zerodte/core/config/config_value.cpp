#include "zerodte/core/config/config_value.hpp"

#include <array>
#include <cctype>
#include <limits>
#include <utility>

#include <fmt/format.h>

namespace zerodte::core::config {
namespace {

struct Unit {
  std::string_view suffix;
  std::int64_t ns;
};
// Longest suffixes first so "ms" is not read as "m" + garbage.
constexpr std::array<Unit, 7> kUnits = {{{"ns", 1},
                                         {"us", 1'000},
                                         {"ms", 1'000'000},
                                         {"s", kNanosPerSecond},
                                         {"m", kNanosPerMinute},
                                         {"h", 60 * kNanosPerMinute},
                                         {"d", kNanosPerDay}}};

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return out;
}

std::string format_number(double v) {
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".eninf") == std::string::npos) s += ".0";  // 2.0 reads as a float
  return s;
}

}  // namespace

std::string_view to_string(ValueType type) noexcept {
  switch (type) {
    case ValueType::kBool:
      return "bool";
    case ValueType::kInt:
      return "integer";
    case ValueType::kDouble:
      return "number";
    case ValueType::kString:
      return "string";
    case ValueType::kEnum:
      return "enum";
    case ValueType::kTimeOfDay:
      return "time of day";
    case ValueType::kDate:
      return "date";
    case ValueType::kDuration:
      return "duration";
    case ValueType::kPrice:
      return "price";
    case ValueType::kStringList:
      return "array of strings";
    case ValueType::kNumberList:
      return "array of numbers";
    case ValueType::kDateList:
      return "array of dates";
  }
  return "unknown";
}

Result<Duration> parse_duration(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return fail(ErrorCode::kParse,
                "'{}' is not a duration ({}); write e.g. \"500ms\", \"3s\", \"5m\", \"1h30m\"",
                text, why);
  };
  if (text.empty()) return bad("empty");
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) return bad("expected a digit");
    std::int64_t n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      if (n > (std::numeric_limits<std::int64_t>::max() - 9) / 10) return bad("too large");
      n = n * 10 + (text[i] - '0');
      ++i;
    }
    const Unit* unit = nullptr;
    for (const auto& u : kUnits) {
      if (text.substr(i, u.suffix.size()) == u.suffix) {
        unit = &u;
        break;
      }
    }
    if (unit == nullptr) return bad("missing or unknown unit; units are ns, us, ms, s, m, h, d");
    i += unit->suffix.size();
    if (n > std::numeric_limits<std::int64_t>::max() / unit->ns) return bad("too large");
    const std::int64_t part = n * unit->ns;
    if (total > std::numeric_limits<std::int64_t>::max() - part) return bad("too large");
    total += part;
  }
  return Duration{total};
}

std::string format_duration(Duration d) {
  std::int64_t ns = d.count();
  if (ns == 0) return "0s";
  std::string out;
  if (ns < 0) {
    out.push_back('-');
    ns = -ns;
  }
  // Whole days/hours/minutes/seconds, then the sub-second remainder in the largest exact unit.
  for (std::size_t k = kUnits.size(); k-- > 3;) {
    const auto& u = kUnits[k];
    if (ns >= u.ns) {
      out += fmt::format("{}{}", ns / u.ns, u.suffix);
      ns %= u.ns;
    }
  }
  if (ns > 0) {
    for (std::size_t k = 3; k-- > 0;) {
      if (ns % kUnits[k].ns == 0) {
        out += fmt::format("{}{}", ns / kUnits[k].ns, kUnits[k].suffix);
        break;
      }
    }
  }
  return out;
}

std::string format_value(const Value& value) {
  struct Visitor {
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return fmt::format("{}", i); }
    std::string operator()(double d) const { return format_number(d); }
    std::string operator()(const std::string& s) const { return quote(s); }
    std::string operator()(const TimeOfDay& t) const {
      return fmt::format("\"{}\"", t.to_string());
    }
    std::string operator()(const Date& d) const { return d.to_string(); }
    std::string operator()(Duration d) const { return fmt::format("\"{}\"", format_duration(d)); }
    std::string operator()(const Price& p) const { return fmt::format("\"{}\"", p.to_string()); }
    std::string operator()(const std::vector<std::string>& v) const {
      std::string out = "[";
      for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? ", " : "") + quote(v[i]);
      return out + "]";
    }
    std::string operator()(const std::vector<double>& v) const {
      std::string out = "[";
      for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? ", " : "") + format_number(v[i]);
      return out + "]";
    }
    std::string operator()(const std::vector<Date>& v) const {
      std::string out = "[";
      for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? ", " : "") + v[i].to_string();
      return out + "]";
    }
  };
  return std::visit(Visitor{}, value);
}

}  // namespace zerodte::core::config
