#pragma once
// Time in zerodte: UNIX nanoseconds in UTC (Timestamp), std::chrono::nanoseconds (Duration), and
// civil dates (Date). Trading logic gets the current time only from a Clock (clock.hpp).
#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "zerodte/core/error.hpp"

namespace zerodte::core {

using Duration = std::chrono::nanoseconds;
using namespace std::chrono_literals;  // NOLINT(google-global-names-in-headers)

inline constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
inline constexpr std::int64_t kNanosPerMinute = 60 * kNanosPerSecond;
inline constexpr std::int64_t kNanosPerDay = 86'400 * kNanosPerSecond;

struct Timestamp {
  std::int64_t ns = 0;  // nanoseconds since 1970-01-01T00:00:00Z

  constexpr Timestamp() = default;
  constexpr explicit Timestamp(std::int64_t unix_ns) : ns(unix_ns) {}
  static constexpr Timestamp from_seconds(std::int64_t s) { return Timestamp{s * kNanosPerSecond}; }
  static constexpr Timestamp max() { return Timestamp{INT64_MAX}; }
  static constexpr Timestamp min() { return Timestamp{INT64_MIN}; }

  [[nodiscard]] constexpr bool is_set() const { return ns != 0; }
  constexpr auto operator<=>(const Timestamp&) const = default;

  constexpr Timestamp& operator+=(Duration d) {
    ns += d.count();
    return *this;
  }
  constexpr Timestamp& operator-=(Duration d) {
    ns -= d.count();
    return *this;
  }
  friend constexpr Timestamp operator+(Timestamp t, Duration d) {
    return Timestamp{t.ns + d.count()};
  }
  friend constexpr Timestamp operator-(Timestamp t, Duration d) {
    return Timestamp{t.ns - d.count()};
  }
  friend constexpr Duration operator-(Timestamp a, Timestamp b) { return Duration{a.ns - b.ns}; }

  // Floor to a multiple of `step` since the epoch (e.g. the start of the minute).
  [[nodiscard]] constexpr Timestamp floor(Duration step) const {
    const std::int64_t s = step.count();
    std::int64_t q = ns / s;
    if (ns % s < 0) --q;
    return Timestamp{q * s};
  }
};

// A civil (proleptic Gregorian) date.
struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  constexpr auto operator<=>(const Date&) const = default;

  // Days since 1970-01-01 (negative before). Howard Hinnant's days_from_civil.
  [[nodiscard]] constexpr std::int64_t days_since_epoch() const {
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
  }
  static constexpr Date from_days_since_epoch(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const auto y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
    return Date{y, static_cast<int>(m), static_cast<int>(d)};
  }
  // 0 = Sunday .. 6 = Saturday.
  [[nodiscard]] constexpr int weekday() const {
    const std::int64_t z = days_since_epoch();
    return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
  }
  [[nodiscard]] constexpr Date add_days(std::int64_t n) const {
    return from_days_since_epoch(days_since_epoch() + n);
  }
  [[nodiscard]] constexpr bool valid() const {
    if (month < 1 || month > 12 || day < 1) return false;
    return day <= days_in_month(year, month);
  }
  static constexpr bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
  static constexpr int days_in_month(int y, int m) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
  }

  // "YYYY-MM-DD"
  [[nodiscard]] std::string to_string() const;
  static Result<Date> parse(std::string_view iso);
};

// Time of day in local (exchange) time, seconds precision is enough for sessions and schedules.
struct TimeOfDay {
  int hour = 0;
  int minute = 0;
  int second = 0;
  constexpr auto operator<=>(const TimeOfDay&) const = default;
  [[nodiscard]] constexpr int seconds_of_day() const { return hour * 3600 + minute * 60 + second; }
  [[nodiscard]] std::string to_string() const;            // "HH:MM" or "HH:MM:SS" when seconds != 0
  static Result<TimeOfDay> parse(std::string_view text);  // "HH:MM" or "HH:MM:SS"
};

// "2025-03-14T14:30:00.123456789Z" (UTC, always 9 fractional digits).
std::string to_iso8601(Timestamp t);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.f{1,9}]]" with "Z", "+HH:MM", "-HHMM" or no
// offset; without an offset, `default_offset` (e.g. from a time zone lookup by the caller) applies.
Result<Timestamp> parse_iso8601(std::string_view text, Duration default_offset = Duration{0});

}  // namespace zerodte::core
