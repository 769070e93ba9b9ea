// IANA time-zone conversions over Howard Hinnant's date/tz reading the OS tzdata
// (/usr/share/zoneinfo, USE_OS_TZDB=1). <date/tz.h> stays in this file.
#include "zerodte/core/time_zone.hpp"

#include <date/tz.h>

#include <array>
#include <exception>
#include <string>

namespace zerodte::core {
namespace {

using SysNanos = date::sys_time<std::chrono::nanoseconds>;

// Instants this close to the int64 limits cannot be shifted by a UTC offset without overflow
// (Timestamp::max() is used as "never").
constexpr std::int64_t kSafeMargin = 2 * kNanosPerDay;

Result<const date::time_zone*> find_zone(std::string_view tz) {
  // Per-thread cache of the last looked-up zones: calendars convert in a handful of zones, and
  // locate_zone is a search over ~600 names plus a string comparison each step.
  struct Cached {
    std::string name;
    const date::time_zone* zone = nullptr;
  };
  thread_local std::array<Cached, 4> cache;
  thread_local std::size_t next_slot = 0;
  for (const auto& c : cache) {
    if (c.zone != nullptr && c.name == tz) return c.zone;
  }
  try {
    const date::time_zone* zone = date::locate_zone(tz);
    cache[next_slot] = Cached{std::string(tz), zone};
    next_slot = (next_slot + 1) % cache.size();
    return zone;
  } catch (const std::exception&) {
    return fail(ErrorCode::kNotFound,
                "unknown time zone '{}' (expected an IANA name such as America/New_York)", tz);
  }
}

Status check_range(std::string_view tz, Timestamp t) {
  if (t.ns > INT64_MAX - kSafeMargin || t.ns < INT64_MIN + kSafeMargin) {
    return fail(ErrorCode::kOutOfRange, "timestamp {} ns is outside the range convertible to {}",
                t.ns, tz);
  }
  return ok();
}

}  // namespace

Result<Timestamp> local_to_utc(std::string_view tz, Date d, TimeOfDay t) {
  auto zone = find_zone(tz);
  if (!zone) return std::unexpected(zone.error());
  if (!d.valid()) {
    return fail(ErrorCode::kInvalid, "{:04}-{:02}-{:02} is not a valid date", d.year, d.month,
                d.day);
  }
  const date::local_seconds local{date::local_days{date::days{d.days_since_epoch()}} +
                                  std::chrono::seconds{t.seconds_of_day()}};
  const date::local_info info = (*zone)->get_info(local);
  // unique: the only offset. nonexistent (spring-forward gap): using the offset in force before
  // the gap moves the wall time forward by the gap (02:30 EST-gap -> 03:30 EDT). ambiguous
  // (fall-back): `first` is the earlier instant's offset.
  const std::chrono::seconds offset = info.first.offset;
  const date::sys_seconds utc{local.time_since_epoch() - offset};
  return Timestamp{
      std::chrono::duration_cast<std::chrono::nanoseconds>(utc.time_since_epoch()).count()};
}

Result<LocalDateTime> utc_to_local(std::string_view tz, Timestamp t) {
  auto zone = find_zone(tz);
  if (!zone) return std::unexpected(zone.error());
  if (auto range = check_range(tz, t); !range) return std::unexpected(range.error());
  const SysNanos sys{std::chrono::nanoseconds{t.ns}};
  const date::sys_info info = (*zone)->get_info(sys);
  const std::int64_t local_ns = t.ns + info.offset.count() * kNanosPerSecond;
  std::int64_t days = local_ns / kNanosPerDay;
  std::int64_t rem = local_ns % kNanosPerDay;
  if (rem < 0) {
    rem += kNanosPerDay;
    --days;
  }
  const std::int64_t secs = rem / kNanosPerSecond;
  LocalDateTime out;
  out.date = Date::from_days_since_epoch(days);
  out.time = TimeOfDay{static_cast<int>(secs / 3600), static_cast<int>((secs / 60) % 60),
                       static_cast<int>(secs % 60)};
  out.nanos = rem % kNanosPerSecond;
  return out;
}

Result<Duration> utc_offset(std::string_view tz, Timestamp t) {
  auto zone = find_zone(tz);
  if (!zone) return std::unexpected(zone.error());
  if (auto range = check_range(tz, t); !range) return std::unexpected(range.error());
  const date::sys_info info = (*zone)->get_info(SysNanos{std::chrono::nanoseconds{t.ns}});
  return std::chrono::duration_cast<Duration>(info.offset);
}

}  // namespace zerodte::core
