#include "zerodte/strategy/signal.hpp"

#include <fmt/format.h>

#include <cmath>

namespace zerodte::strategy {

std::string_view to_string(Direction d) {
  switch (d) {
    case Direction::kLong:
      return "long";
    case Direction::kShort:
      return "short";
    case Direction::kFlat:
      return "flat";
  }
  return "flat";
}

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += ch;
        }
    }
  }
  return out;
}

namespace {

std::string number(double v) {
  return std::isfinite(v) ? fmt::format("{:.6g}", v) : "null";
}

std::string evidence_json(const std::vector<Evidence>& ev) {
  std::string out = "[";
  for (std::size_t i = 0; i < ev.size(); ++i) {
    if (i > 0) out += ',';
    out += fmt::format(R"({{"source":"{}","detail":"{}","value":{},"ts_ns":{}}})",
                       json_escape(ev[i].source), json_escape(ev[i].detail), number(ev[i].value),
                       ev[i].ts.ns);
  }
  return out + "]";
}

}  // namespace

std::string explanation_json(const Signal& s) {
  std::string factors = "[";
  for (std::size_t i = 0; i < s.risk_factors.size(); ++i) {
    if (i > 0) factors += ',';
    factors += fmt::format("\"{}\"", json_escape(s.risk_factors[i]));
  }
  factors += "]";
  return fmt::format(
      R"({{"signal_id":{},"strategy":"{}","symbol":"{}","direction":"{}","confidence":{},)"
      R"("triggered_by":{},"risk_factors":{},"action":"{}"}})",
      s.id, json_escape(s.strategy_name), json_escape(s.symbol), to_string(s.direction),
      number(s.conviction), evidence_json(s.triggered_by), factors, json_escape(s.action));
}

std::string explanation_json(const Suppression& s) {
  return fmt::format(
      R"({{"suppressed":true,"strategy":"{}","symbol":"{}","direction":"{}","reason":"{}",)"
      R"("detail":"{}","triggered_by":{}}})",
      json_escape(s.strategy_name), json_escape(s.symbol), to_string(s.direction),
      json_escape(s.reason), json_escape(s.detail), evidence_json(s.triggered_by));
}

}  // namespace zerodte::strategy
