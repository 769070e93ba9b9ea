#include "zerodte/quant/cboe_quotedata.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <fstream>
#include <map>

#include "zerodte/core/time_zone.hpp"
#include "zerodte/quant/csv_line.hpp"

namespace zerodte::quant {

namespace {

std::vector<std::string_view> tokens(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '"'))
      ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != ',' && text[j] != '"')
      ++j;
    if (j > i) out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

int month_of(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  std::string lower;
  for (char ch : name.substr(0, 3))
    lower.push_back(static_cast<char>(std::tolower(ch)));
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (lower == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool to_int(std::string_view s, int& v) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc{} && p == s.data() + s.size();
}

}  // namespace

core::Result<core::Date> parse_cboe_expiry(std::string_view text) {
  const auto t = tokens(text);
  core::Date d;
  if (t.size() != 4 || (d.month = month_of(t[1])) == 0 || !to_int(t[2], d.day) ||
      !to_int(t[3], d.year) || !d.valid()) {
    return core::fail(core::ErrorCode::kParse, "expiration '{}' is not like 'Fri Jun 09 2023'",
                      text);
  }
  return d;
}

core::Result<core::Timestamp> parse_cboe_snapshot_time(std::string_view text) {
  core::Date d{0, 0, 0};
  core::TimeOfDay tod;
  bool pm = false, have_time = false;
  for (std::string_view tok : tokens(text)) {
    int v = 0;
    if (tok == "at" || tok == "EDT" || tok == "EST" || tok == "ET") continue;
    if (tok == "PM" || tok == "AM") {
      pm = tok == "PM";
    } else if (const int m = month_of(tok); m != 0 && !std::isdigit(tok[0])) {
      d.month = m;
    } else if (const auto colon = tok.find(':'); colon != std::string_view::npos) {
      if (!to_int(tok.substr(0, colon), tod.hour) || !to_int(tok.substr(colon + 1), tod.minute)) {
        return core::fail(core::ErrorCode::kParse, "bad time '{}' in snapshot date '{}'", tok,
                          text);
      }
      have_time = true;
    } else if (to_int(tok, v)) {
      (v > 31 ? d.year : d.day) = v;
    } else {
      return core::fail(core::ErrorCode::kParse, "unexpected '{}' in snapshot date '{}'", tok,
                        text);
    }
  }
  if (!d.valid() || !have_time || tod.hour < 1 || tod.hour > 12) {
    return core::fail(core::ErrorCode::kParse,
                      "snapshot date '{}' is not like '9 June 2023, 1:40 PM EDT'", text);
  }
  if (pm && tod.hour != 12) tod.hour += 12;
  if (!pm && tod.hour == 12) tod.hour = 0;
  return core::local_to_utc("America/New_York", d, tod);
}

core::Result<CboeChainLoad> read_cboe_quotedata(std::istream& in, std::string_view source,
                                                const CboeLoadOptions& options) {
  CboeChainLoad out;
  OptionChain& c = out.chain;
  std::string line;
  std::uint32_t line_no = 0;
  bool have_spot = false, have_time = false, have_header = false;
  // Header block: spot, date, column names (the leading empty line is optional).
  while (!have_header && std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (const auto pos = line.find("Last:"); pos != std::string::npos && !have_spot) {
      out.underlying = line.substr(0, line.find(','));
      auto v = parse_double(std::string_view(line).substr(pos + 5, line.find(',', pos) - pos - 5));
      if (!v || !(*v > 0)) {
        return core::fail(core::ErrorCode::kParse, "{}:{}: cannot read the spot from 'Last:'",
                          source, line_no);
      }
      c.spot = *v;
      have_spot = true;
    } else if (const auto dpos = line.find("Date:"); dpos != std::string::npos && !have_time) {
      const auto end = line.find(",Bid:");
      auto t = parse_cboe_snapshot_time(std::string_view(line).substr(
          dpos + 5, end == std::string::npos ? std::string::npos : end - dpos - 5));
      if (!t) return std::unexpected(t.error().with_context(fmt::format("{}:{}", source, line_no)));
      c.as_of = *t - options.quote_delay;
      have_time = true;
    } else if (line.rfind("Expiration Date", 0) == 0) {
      have_header = true;
    }
  }
  if (!have_spot || !have_time || !have_header) {
    return core::fail(core::ErrorCode::kParse,
                      "{}: not a Cboe quotedata export (needs 'Last:', 'Date:' and the "
                      "'Expiration Date,...' header in the first lines)",
                      source);
  }
  static constexpr std::array<const char*, 22> kColumns{"Expiration Date",
                                                        "Calls",
                                                        "Last Sale",
                                                        "Net",
                                                        "Bid",
                                                        "Ask",
                                                        "Volume",
                                                        "IV",
                                                        "Delta",
                                                        "Gamma",
                                                        "Open Interest",
                                                        "Strike",
                                                        "Puts",
                                                        "Last Sale",
                                                        "Net",
                                                        "Bid",
                                                        "Ask",
                                                        "Volume",
                                                        "IV",
                                                        "Delta",
                                                        "Gamma",
                                                        "Open Interest"};
  std::map<std::pair<std::int64_t, std::string>, std::uint32_t> expiry_index;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line == "\r") continue;
    const auto f = split_csv_line(line);
    auto row_error = [&](std::size_t col, const std::string& what) {
      out.row_errors.emplace_back(core::ErrorCode::kParse,
                                  fmt::format("{}:{}: column {} ('{}'): {}", source, line_no,
                                              col + 1, kColumns[col], what));
    };
    if (f.size() < kColumns.size()) {
      out.row_errors.emplace_back(core::ErrorCode::kParse,
                                  fmt::format("{}:{}: {} columns, expected {}", source, line_no,
                                              f.size(), kColumns.size()));
      continue;
    }
    const auto date = parse_cboe_expiry(f[0]);
    if (!date) {
      row_error(0, date.error().message);
      continue;
    }
    std::array<double, 22> num{};
    bool ok = true;
    for (std::size_t col : {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21}) {
      auto v = parse_double(f[col]);
      if (!v) {
        row_error(col, v.error().message);
        ok = false;
        break;
      }
      num[col] = *v;
    }
    if (!ok) continue;
    if (!(num[11] > 0)) {
      row_error(11, fmt::format("strike must be > 0, got {}", f[11]));
      continue;
    }
    std::string root;
    for (char ch : f[1]) {
      if (!std::isalpha(static_cast<unsigned char>(ch))) break;
      root.push_back(ch);
    }
    const auto key = std::make_pair(date->days_since_epoch(), root);
    auto it = expiry_index.find(key);
    if (it == expiry_index.end()) {
      ChainExpiry ex;
      ex.date = *date;
      ex.root = root;
      const Settlement settle = root == "SPX" ? Settlement::kAm : Settlement::kPm;
      auto years = years_to_expiry(c.as_of, *date, settle, options.basis);
      if (!years) {
        row_error(0, years.error().message);
        continue;
      }
      ex.years = *years;
      it = expiry_index.emplace(key, static_cast<std::uint32_t>(c.expiries.size())).first;
      c.expiries.push_back(ex);
    }
    const OptionChain::Quote call{num[4], num[5], num[10], num[6], num[7], num[8], num[9]};
    const OptionChain::Quote put{num[15], num[16], num[21], num[17], num[18], num[19], num[20]};
    c.add_strike(it->second, num[11], call, put, line_no);
  }
  return out;
}

core::Result<CboeChainLoad> load_cboe_quotedata(const std::string& path,
                                                const CboeLoadOptions& options) {
  std::ifstream in(path);
  if (!in) return core::fail(core::ErrorCode::kIo, "cannot open {}", path);
  return read_cboe_quotedata(in, path, options);
}

}  // namespace zerodte::quant
