#include "zerodte/quant/batch_csv.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <optional>

#include "zerodte/quant/american.hpp"
#include "zerodte/quant/black.hpp"
#include "zerodte/quant/csv_line.hpp"
#include "zerodte/quant/implied_vol.hpp"

namespace zerodte::quant {

namespace {

enum class Tool { kGreeks, kIv };

struct Row {
  EuropeanInputs in;
  double price = 0.0;  // iv tool
  bool american = false;
};

std::string join_csv(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) line.push_back(',');
    const bool quote = fields[i].find_first_of(",\"\n") != std::string::npos;
    if (!quote) {
      line += fields[i];
      continue;
    }
    line.push_back('"');
    for (char c : fields[i]) {
      if (c == '"') line.push_back('"');
      line.push_back(c);
    }
    line.push_back('"');
  }
  return line;
}

core::Result<BatchResult> run(Tool tool, std::istream& in, std::ostream& out,
                              std::string_view source) {
  const std::array<std::string_view, 7> names{"type",
                                              "spot",
                                              "strike",
                                              "years",
                                              "rate",
                                              "dividend",
                                              tool == Tool::kGreeks ? "vol" : "price"};
  std::string line;
  if (!std::getline(in, line))
    return core::fail(core::ErrorCode::kParse, "{}: empty input", source);
  const auto header = split_csv_line(line);
  std::array<int, 7> col{};
  for (std::size_t n = 0; n < names.size(); ++n) {
    const auto it = std::find(header.begin(), header.end(), names[n]);
    if (it == header.end()) {
      return core::fail(core::ErrorCode::kParse, "{}:1: missing column '{}' (need {})", source,
                        names[n], fmt::join(names, ","));
    }
    col[n] = static_cast<int>(it - header.begin());
  }
  const auto style_it = std::find(header.begin(), header.end(), "style");
  const int style_col = style_it == header.end() ? -1 : static_cast<int>(style_it - header.begin());
  auto out_header = header;
  if (tool == Tool::kGreeks) {
    for (const char* h : {"price", "delta", "gamma", "vega", "theta", "rho"})
      out_header.emplace_back(h);
  } else {
    out_header.emplace_back("iv");
    out_header.emplace_back("error");
  }
  out << join_csv(out_header) << '\n';
  BatchResult result;
  std::size_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line == "\r") continue;
    ++result.rows;
    auto fields = split_csv_line(line);
    std::optional<std::string> error;
    Row row;
    auto bad = [&](int c, const std::string& why) {
      const std::string name = c < static_cast<int>(header.size()) ? header[c] : "?";
      error = fmt::format("{}:{}: column '{}': {}", source, line_no, name, why);
    };
    const int max_required = *std::max_element(col.begin(), col.end());
    if (static_cast<int>(fields.size()) <= max_required) {
      error = fmt::format("{}:{}: {} columns, header has {}", source, line_no, fields.size(),
                          header.size());
    }
    if (fields.size() < header.size()) fields.resize(header.size());  // optional trailing style
    if (!error) {
      const std::string& t = fields[col[0]];
      if (t == "C" || t == "c" || t == "call" || t == "Call") {
        row.in.type = OptionType::kCall;
      } else if (t == "P" || t == "p" || t == "put" || t == "Put") {
        row.in.type = OptionType::kPut;
      } else {
        bad(col[0], fmt::format("'{}' is not C or P", t));
      }
    }
    std::array<double, 7> v{};
    for (std::size_t n = 1; n < names.size() && !error; ++n) {
      auto d = parse_double(fields[col[n]]);
      if (!d) {
        bad(col[n], d.error().message);
        break;
      }
      v[n] = *d;
      const bool positive = n == 1 || n == 2;  // spot, strike
      if ((positive && !(*d > 0)) || (n == 3 && *d < 0) || (n == 6 && *d < 0)) {
        bad(col[n], fmt::format("{} must be {} (got {})", names[n], positive ? "> 0" : ">= 0", *d));
      }
    }
    if (!error && style_col >= 0 && style_col < static_cast<int>(fields.size())) {
      const std::string& s = fields[style_col];
      if (s == "american" || s == "American") {
        row.american = true;
      } else if (!(s.empty() || s == "european" || s == "European")) {
        bad(style_col, fmt::format("'{}' is not european or american", s));
      }
    }
    row.in.spot = v[1], row.in.strike = v[2], row.in.years = v[3], row.in.rate = v[4];
    row.in.dividend = v[5];
    if (tool == Tool::kGreeks) {
      row.in.vol = v[6];
      if (error) {
        result.row_errors.push_back(*error);
        for (int i = 0; i < 6; ++i)
          fields.emplace_back();
      } else {
        const Greeks g = row.american ? american_greeks(row.in) : bsm_greeks(row.in);
        for (double x : {g.price, g.delta, g.gamma, g.vega, g.theta, g.rho}) {
          fields.push_back(fmt::format("{}", x));
        }
      }
    } else {
      row.price = v[6];
      std::string iv_text;
      if (!error) {
        auto iv =
            row.american ? american_implied_vol(row.in, row.price) : implied_vol(row.in, row.price);
        if (iv) {
          iv_text = fmt::format("{}", *iv);
        } else {
          error = fmt::format("{}:{}: column 'price': {}", source, line_no, iv.error().message);
        }
      }
      if (error) result.row_errors.push_back(*error);
      fields.push_back(iv_text);
      fields.push_back(error.value_or(""));
    }
    out << join_csv(fields) << '\n';
  }
  return result;
}

}  // namespace

core::Result<BatchResult> run_greeks_csv(std::istream& in, std::ostream& out,
                                         std::string_view source) {
  return run(Tool::kGreeks, in, out, source);
}

core::Result<BatchResult> run_iv_csv(std::istream& in, std::ostream& out, std::string_view source) {
  return run(Tool::kIv, in, out, source);
}

}  // namespace zerodte::quant
