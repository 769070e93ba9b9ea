#include "zerodte/core/time.hpp"

#include <charconv>

namespace zerodte::core {
namespace {

bool parse_fixed_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

std::string Date::to_string() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

Result<Date> Date::parse(std::string_view iso) {
  Date d;
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !parse_fixed_int(iso, 0, 4, d.year) ||
      !parse_fixed_int(iso, 5, 2, d.month) || !parse_fixed_int(iso, 8, 2, d.day)) {
    return fail(ErrorCode::kParse, "'{}' is not a date of the form YYYY-MM-DD", iso);
  }
  if (!d.valid()) return fail(ErrorCode::kInvalid, "'{}' is not a valid calendar date", iso);
  return d;
}

std::string TimeOfDay::to_string() const {
  return second == 0 ? fmt::format("{:02}:{:02}", hour, minute)
                     : fmt::format("{:02}:{:02}:{:02}", hour, minute, second);
}

Result<TimeOfDay> TimeOfDay::parse(std::string_view text) {
  TimeOfDay t;
  const bool hm = text.size() == 5 && text[2] == ':';
  const bool hms = text.size() == 8 && text[2] == ':' && text[5] == ':';
  if ((!hm && !hms) || !parse_fixed_int(text, 0, 2, t.hour) ||
      !parse_fixed_int(text, 3, 2, t.minute) || (hms && !parse_fixed_int(text, 6, 2, t.second))) {
    return fail(ErrorCode::kParse, "'{}' is not a time of the form HH:MM or HH:MM:SS", text);
  }
  if (t.hour > 23 || t.minute > 59 || t.second > 59) {
    return fail(ErrorCode::kInvalid, "'{}' is not a valid time of day", text);
  }
  return t;
}

std::string to_iso8601(Timestamp t) {
  std::int64_t days = t.ns / kNanosPerDay;
  std::int64_t rem = t.ns % kNanosPerDay;
  if (rem < 0) {
    rem += kNanosPerDay;
    --days;
  }
  const Date d = Date::from_days_since_epoch(days);
  const std::int64_t secs = rem / kNanosPerSecond;
  const std::int64_t frac = rem % kNanosPerSecond;
  return fmt::format("{}T{:02}:{:02}:{:02}.{:09}Z", d.to_string(), secs / 3600, (secs / 60) % 60,
                     secs % 60, frac);
}

Result<Timestamp> parse_iso8601(std::string_view text, Duration default_offset) {
  auto bad = [&](std::string_view why) {
    return fail(ErrorCode::kParse, "'{}' is not an ISO-8601 timestamp: {}", text, why);
  };
  if (text.size() < 10) return bad("too short");
  auto date = Date::parse(text.substr(0, 10));
  if (!date) return std::unexpected(date.error());
  std::int64_t ns = date->days_since_epoch() * kNanosPerDay;
  if (text.size() == 10) return Timestamp{ns - default_offset.count()};
  if (text[10] != 'T' && text[10] != ' ') return bad("expected 'T' after the date");
  int hh = 0, mm = 0, ss = 0;
  if (!parse_fixed_int(text, 11, 2, hh) || text.size() < 16 || text[13] != ':' ||
      !parse_fixed_int(text, 14, 2, mm)) {
    return bad("expected HH:MM after the date");
  }
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!parse_fixed_int(text, pos + 1, 2, ss)) return bad("expected seconds");
    pos += 3;
  }
  if (hh > 23 || mm > 59 || ss > 60) return bad("time of day out of range");
  std::int64_t frac = 0;
  if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits == 9) return bad("more than 9 fractional digits");
      frac = frac * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return bad("empty fraction");
    for (int i = digits; i < 9; ++i)
      frac *= 10;
  }
  ns += (static_cast<std::int64_t>(hh) * 3600 + mm * 60 + ss) * kNanosPerSecond + frac;
  if (pos == text.size()) return Timestamp{ns - default_offset.count()};
  if (text[pos] == 'Z' && pos + 1 == text.size()) return Timestamp{ns};
  if (text[pos] == '+' || text[pos] == '-') {
    const int sign = text[pos] == '+' ? 1 : -1;
    int oh = 0, om = 0;
    std::string_view off = text.substr(pos + 1);
    if (off.size() == 5 && off[2] == ':' && parse_fixed_int(off, 0, 2, oh) &&
        parse_fixed_int(off, 3, 2, om)) {
    } else if (off.size() == 4 && parse_fixed_int(off, 0, 2, oh) &&
               parse_fixed_int(off, 2, 2, om)) {
    } else if (off.size() == 2 && parse_fixed_int(off, 0, 2, oh)) {
    } else {
      return bad("malformed UTC offset");
    }
    return Timestamp{ns -
                     sign * (static_cast<std::int64_t>(oh) * 3600 + om * 60) * kNanosPerSecond};
  }
  return bad("unexpected trailing characters");
}

}  // namespace zerodte::core
