// parse_bar_csv: header mapping, row parsing, ordering, validation and the session report.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>

#include "zerodte/analytics/bar_csv.hpp"
#include "zerodte/analytics/validator.hpp"
#include "zerodte/core/time_zone.hpp"

namespace zerodte::analytics {

namespace {

using core::ErrorCode;
using core::fail;

std::string_view trim_cell(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"'))
    s.remove_suffix(1);
  return s;
}

void split_cells(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == ',') {
      out.push_back(trim_cell(line.substr(start, i - start)));
      start = i + 1;
    }
  }
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

core::Result<double> number(std::string_view s, std::string_view column) {
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(v))
    return fail(ErrorCode::kParse, "column '{}': '{}' is not a number", column, s);
  return v;
}

struct Row {
  std::size_t line = 0;
  ParsedTime time;
  double o = 0, h = 0, l = 0, c = 0, v = 0;
};

struct Columns {
  int ts = -1, open = -1, high = -1, low = -1, close = -1, volume = -1;
};

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    start = end + 1;
  }
  return lines;
}

core::Result<core::Price> to_price(double v, std::string_view column) {
  auto p = core::Price::from_double(v);
  if (!p)
    return fail(ErrorCode::kOutOfRange, "column '{}': {} is not a representable price", column, v);
  return *p;
}

}  // namespace

core::Result<BarSeries> parse_bar_csv(std::string_view text, std::string_view source,
                                      const BarCsvOptions& options) {
  BarSeries out;
  BarCsvReport& rep = out.report;
  rep.source = std::string(source);
  const auto lines = lines_of(text);
  std::size_t header_line = 0;
  while (header_line < lines.size() && trim_cell(lines[header_line]).empty())
    ++header_line;
  if (header_line == lines.size()) return fail(ErrorCode::kParse, "{}: empty file", source);

  // Header.
  std::vector<std::string_view> cells;
  split_cells(lines[header_line], cells);
  Columns col;
  std::map<std::string, int> names;
  for (std::size_t i = 0; i < cells.size(); ++i)
    names.emplace(lowercase(cells[i]), static_cast<int>(i));
  for (const char* n : {"ts", "timestamp", "datetime", "date"}) {
    if (auto it = names.find(n); it != names.end()) {
      col.ts = it->second;
      break;
    }
  }
  auto need = [&](const char* n, int& slot) -> core::Status {
    auto it = names.find(n);
    if (it == names.end())
      return fail(ErrorCode::kParse, "{}:{}: header has no '{}' column (header: '{}')", source,
                  header_line + 1, n, lines[header_line]);
    slot = it->second;
    return {};
  };
  if (col.ts < 0)
    return fail(ErrorCode::kParse,
                "{}:{}: header has no ts|timestamp|datetime|date column (header: '{}')", source,
                header_line + 1, lines[header_line]);
  for (auto [n, slot] : {std::pair<const char*, int*>{"open", &col.open},
                         {"high", &col.high},
                         {"low", &col.low},
                         {"close", &col.close}}) {
    if (auto st = need(n, *slot); !st) return std::unexpected(st.error());
  }
  if (auto it = names.find("volume"); it != names.end()) col.volume = it->second;
  rep.has_volume = col.volume >= 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const int k = static_cast<int>(i);
    if (k != col.ts && k != col.open && k != col.high && k != col.low && k != col.close &&
        k != col.volume)
      rep.ignored_columns.push_back(cells[i].empty() ? "(unnamed)" : std::string(cells[i]));
  }

  // Rows.
  std::vector<Row> rows;
  rows.reserve(lines.size());
  for (std::size_t li = header_line + 1; li < lines.size(); ++li) {
    if (trim_cell(lines[li]).empty()) continue;
    split_cells(lines[li], cells);
    const std::size_t line_no = li + 1;
    auto where = [&](const core::Error& e) {
      return std::unexpected(e.with_context(fmt::format("{}:{}", source, line_no)));
    };
    if (cells.size() != names.size() &&
        cells.size() <
            static_cast<std::size_t>(
                std::max({col.ts, col.open, col.high, col.low, col.close, col.volume}) + 1))
      return fail(ErrorCode::kParse, "{}:{}: expected {} fields, got {}", source, line_no,
                  names.size(), cells.size());
    Row r;
    r.line = line_no;
    auto t = parse_bar_time(cells[col.ts], options.tz);
    if (!t) return where(t.error());
    r.time = *t;
    for (auto [idx, dst, n] : {std::tuple<int, double*, const char*>{col.open, &r.o, "open"},
                               {col.high, &r.h, "high"},
                               {col.low, &r.l, "low"},
                               {col.close, &r.c, "close"},
                               {col.volume, &r.v, "volume"}}) {
      if (idx < 0) continue;
      auto v = number(cells[idx], n);
      if (!v) return where(v.error());
      *dst = *v;
    }
    rows.push_back(r);
  }
  rep.rows = rows.size();
  if (rows.empty()) return out;

  // Order: newest-first files are reversed; any other disorder is sorted (stable by line).
  rep.newest_first = rows.size() >= 2 && rows.front().time.ts > rows.back().time.ts;
  if (rep.newest_first) std::reverse(rows.begin(), rows.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.time.ts < b.time.ts; });
  // Duplicates: keep the row that came later in the file.
  std::vector<Row> unique;
  unique.reserve(rows.size());
  for (const Row& r : rows) {
    if (!unique.empty() && unique.back().time.ts == r.time.ts) {
      ++rep.duplicates;
      if (r.line > unique.back().line) unique.back() = r;
      continue;
    }
    unique.push_back(r);
  }
  rows.swap(unique);

  rep.daily = std::all_of(rows.begin(), rows.end(),
                          [](const Row& r) { return !r.time.has_time || r.time.midnight; });
  const core::TradingCalendar& cal = core::TradingCalendar::for_market(options.market);
  if (rep.daily) {
    // Daily bars keep the date as written (a "+00:00" midnight is still that calendar day).
    rep.interval_s = 86'400;
    for (Row& r : rows) {
      auto ts = core::local_to_utc(options.tz, r.time.local_date, {});
      if (!ts)
        return std::unexpected(ts.error().with_context(fmt::format("{}:{}", source, r.line)));
      r.time.ts = *ts;
    }
  } else {
    std::map<std::int64_t, std::size_t> diffs;
    for (std::size_t i = 1; i < rows.size(); ++i)
      ++diffs[(rows[i].time.ts - rows[i - 1].time.ts).count()];
    std::int64_t best = core::kNanosPerMinute;
    std::size_t best_n = 0;
    for (const auto& [d, n] : diffs)
      if (n > best_n) best = d, best_n = n;
    rep.interval_s = static_cast<std::int32_t>(best / core::kNanosPerSecond);
    if (rep.interval_s <= 0) rep.interval_s = 60;
    // Bar-end stamps: bars at the session close but none at the open.
    std::size_t at_open = 0, at_close = 0;
    for (const Row& r : rows) {
      const auto s = cal.session(cal.local_date(r.time.ts));
      if (!s) continue;
      at_open += r.time.ts == s->open;
      at_close += r.time.ts == s->close;
    }
    rep.end_stamped = options.stamp == BarStamp::kEnd ||
                      (options.stamp == BarStamp::kAuto && at_close > 0 && at_open == 0);
    if (rep.end_stamped)
      for (Row& r : rows)
        r.time.ts -= core::Duration{std::int64_t{rep.interval_s} * core::kNanosPerSecond};
  }

  const core::Duration interval{std::int64_t{rep.interval_s} * core::kNanosPerSecond};
  GapDetector gaps(cal, interval);
  std::optional<core::Date> prev_day;
  for (const Row& r : rows) {
    model::Bar b;
    b.hdr.instrument = options.instrument;
    b.hdr.ts_event = b.hdr.ts_recv = r.time.ts;
    b.interval_s = rep.interval_s;
    auto o = to_price(r.o, "open"), h = to_price(r.h, "high"), l = to_price(r.l, "low"),
         c = to_price(r.c, "close");
    for (auto* p : {&o, &h, &l, &c})
      if (!*p)
        return std::unexpected(p->error().with_context(fmt::format("{}:{}", source, r.line)));
    b.open = *o, b.high = *h, b.low = *l, b.close = *c;
    b.volume = std::llround(r.v);
    if (auto why = check_bar_fields(b)) {
      rep.rejected.push_back(RejectedRow{r.line, std::string(to_string(*why))});
      continue;
    }
    bool keep = true;
    if (rep.daily) {
      const core::Date d = r.time.local_date;
      if (d.year >= 2000 && d.year <= 2100) {
        if (!cal.is_trading_day(d)) {
          ++rep.closed_days;
          keep = options.keep_extended_hours;
        } else if (prev_day && prev_day->year >= 2000) {
          // Missing trading days between the previous bar and this one.
          core::Date g = cal.next_trading_day(*prev_day);
          if (g < d) rep.gaps.push_back(Gap{cal.session(g)->open, cal.session(d)->open});
        }
        if (cal.is_trading_day(d)) prev_day = d;
      }
    } else {
      switch (gaps.on_bar(r.time.ts)) {
        case BarPlacement::kInSession:
          break;
        case BarPlacement::kExtendedHours:
          keep = options.keep_extended_hours;
          break;
        case BarPlacement::kClosedDay:
          keep = options.keep_extended_hours;
          break;
      }
    }
    if (keep) out.bars.push_back(b);
  }
  if (!rep.daily) {
    gaps.finish();
    rep.gaps = gaps.gaps();
    rep.extended_hours = gaps.extended_hours_bars();
    rep.closed_days = gaps.closed_day_bars();
  }
  return out;
}

}  // namespace zerodte::analytics
