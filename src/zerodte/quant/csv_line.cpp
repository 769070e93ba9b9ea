#include "zerodte/quant/csv_line.hpp"

#include <charconv>
#include <cmath>

namespace zerodte::quant {

std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> fields;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cur.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cur.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  fields.push_back(std::move(cur));
  return fields;
}

core::Result<double> parse_double(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  if (text.empty()) return core::fail(core::ErrorCode::kParse, "empty value");
  if (text.front() == '+') text.remove_prefix(1);
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(v)) {
    return core::fail(core::ErrorCode::kParse, "'{}' is not a number", text);
  }
  return v;
}

}  // namespace zerodte::quant
