#include "zerodte/analytics/bar_csv.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "zerodte/core/time_zone.hpp"

namespace zerodte::analytics {

namespace {

using core::ErrorCode;
using core::fail;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"'))
    s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Bars are accepted from 1900 to 2200 (beyond that, time-zone arithmetic would overflow).
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2200;

core::Result<ParsedTime> from_local(core::Date d, core::TimeOfDay t, std::int64_t nanos,
                                    std::string_view tz) {
  if (!d.valid() || d.year < kMinYear || d.year >= kMaxYear)
    return fail(ErrorCode::kOutOfRange, "date {:04}-{:02}-{:02} is not a valid date in {}..{}",
                d.year, d.month, d.day, kMinYear, kMaxYear - 1);
  auto ts = core::local_to_utc(tz, d, t);
  if (!ts) return std::unexpected(ts.error());
  return ParsedTime{core::Timestamp{ts->ns + nanos}, d, true, t == core::TimeOfDay{} && nanos == 0};
}

}  // namespace

core::Result<ParsedTime> parse_bar_time(std::string_view text, std::string_view tz) {
  text = trim(text);
  if (text.empty()) return fail(ErrorCode::kParse, "empty time");
  // Epoch numbers (an 8-digit YYYYMMDD that is a valid date is a date).
  if (all_digits(text) || (text[0] == '-' && all_digits(text.substr(1)))) {
    if (text.size() == 8) {
      const core::Date d{to_int(text.substr(0, 4)), to_int(text.substr(4, 2)),
                         to_int(text.substr(6, 2))};
      if (d.valid() && d.year >= 1900 && d.year <= 2200) {
        auto p = from_local(d, {}, 0, tz);
        if (p) p->has_time = false;
        return p;
      }
    }
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size())
      return fail(ErrorCode::kParse, "'{}' is not an epoch time", text);
    const std::int64_t mag = v < 0 ? -v : v;
    // Unit by magnitude: seconds < 1e10 <= milliseconds < 1e13 <= microseconds < 1e16 <= ns.
    __int128 scaled = v;
    if (mag < 10'000'000'000LL) {
      scaled *= 1'000'000'000;
    } else if (mag < 10'000'000'000'000LL) {
      scaled *= 1'000'000;
    } else if (mag < 10'000'000'000'000'000LL) {
      scaled *= 1'000;
    }
    const core::Date lo{kMinYear, 1, 1}, hi{kMaxYear, 1, 1};
    if (scaled < static_cast<__int128>(lo.days_since_epoch()) * core::kNanosPerDay ||
        scaled >= static_cast<__int128>(hi.days_since_epoch()) * core::kNanosPerDay)
      return fail(ErrorCode::kOutOfRange, "epoch time '{}' is outside {}..{}", text, kMinYear,
                  kMaxYear - 1);
    const auto ns = static_cast<std::int64_t>(scaled);
    auto local = core::utc_to_local(tz, core::Timestamp{ns});
    if (!local) return std::unexpected(local.error());
    return ParsedTime{core::Timestamp{ns}, local->date, true,
                      local->time == core::TimeOfDay{} && local->nanos == 0};
  }
  // MM/DD/YYYY
  if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    const core::Date d{to_int(text.substr(6, 4)), to_int(text.substr(0, 2)),
                       to_int(text.substr(3, 2))};
    if (!d.valid()) return fail(ErrorCode::kParse, "'{}' is not a valid MM/DD/YYYY date", text);
    auto p = from_local(d, {}, 0, tz);
    if (p) p->has_time = false;
    return p;
  }
  auto date = core::Date::parse(text.substr(0, std::min<std::size_t>(10, text.size())));
  if (!date) return fail(ErrorCode::kParse, "'{}' is not an ISO-8601 date/time", text);
  if (date->year < kMinYear || date->year >= kMaxYear)
    return fail(ErrorCode::kOutOfRange, "'{}': year outside {}..{}", text, kMinYear, kMaxYear - 1);
  if (text.size() == 10) {
    auto p = from_local(*date, {}, 0, tz);
    if (p) p->has_time = false;
    return p;
  }
  if (text[10] != ' ' && text[10] != 'T')
    return fail(ErrorCode::kParse, "'{}' is not an ISO-8601 date/time", text);
  std::string_view rest = text.substr(11);
  // Offset suffix?
  const auto off = rest.find_first_of("Z+-");
  if (off != std::string_view::npos) {
    std::string iso(text);
    iso[10] = 'T';
    auto ts = core::parse_iso8601(iso);
    if (!ts) return std::unexpected(ts.error());
    const core::TimeOfDay t{to_int(rest.substr(0, 2)), to_int(rest.substr(3, 2)),
                            rest.size() >= 8 && rest[5] == ':' ? to_int(rest.substr(6, 2)) : 0};
    const bool frac = rest.size() > 8 && rest[8] == '.';
    return ParsedTime{*ts, *date, true, t == core::TimeOfDay{} && !frac};
  }
  // Naive local time: HH:MM[:SS[.fffffffff]]
  std::string_view hms = rest;
  std::int64_t nanos = 0;
  if (const auto dot = rest.find('.'); dot != std::string_view::npos) {
    hms = rest.substr(0, dot);
    std::string_view f = rest.substr(dot + 1);
    if (!all_digits(f) || f.size() > 9)
      return fail(ErrorCode::kParse, "bad fraction in '{}'", text);
    nanos = to_int(f);
    for (std::size_t i = f.size(); i < 9; ++i)
      nanos *= 10;
  }
  auto tod = core::TimeOfDay::parse(hms);
  if (!tod) return fail(ErrorCode::kParse, "'{}' has no valid time of day", text);
  return from_local(*date, *tod, nanos, tz);
}

std::string BarCsvReport::summary() const {
  std::ostringstream o;
  o << source << ": " << rows << " rows, " << (daily ? "daily" : "intraday") << " interval "
    << interval_s << "s, " << (newest_first ? "newest-first" : "oldest-first")
    << (end_stamped ? ", times were bar ends (moved to bar opens)" : "")
    << (has_volume ? "" : ", no volume column") << ", duplicates " << duplicates << ", rejected "
    << rejected.size() << ", extended-hours " << extended_hours << ", non-trading-day "
    << closed_days << ", gaps " << gaps.size();
  return o.str();
}

core::Result<BarSeries> read_bar_csv(const std::string& path, const BarCsvOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::kIo, "cannot open bar file '{}'", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_bar_csv(ss.str(), path, options);
}

}  // namespace zerodte::analytics
