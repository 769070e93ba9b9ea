// TradingCalendar: NYSE/Cboe and NSE trading days, sessions and exchange-local time. Holiday rules
// and tables live in nyse_holidays.cpp / nse_holidays.cpp, 0DTE expiry rules in zero_dte.cpp.
#include "zerodte/core/calendar.hpp"

#include <algorithm>
#include <cctype>

#include "zerodte/core/assert.hpp"
#include "zerodte/core/market_holidays.hpp"
#include "zerodte/core/time_zone.hpp"

namespace zerodte::core {
namespace {

constexpr std::string_view kNewYork = "America/New_York";
constexpr std::string_view kKolkata = "Asia/Kolkata";
constexpr TimeOfDay kNyseOpen{9, 30, 0};
constexpr TimeOfDay kNyseClose{16, 0, 0};
constexpr TimeOfDay kNyseEarlyClose{13, 0, 0};
constexpr TimeOfDay kNseOpen{9, 15, 0};
constexpr TimeOfDay kNseClose{15, 30, 0};
// Longest run of consecutive closed days we accept before declaring a broken calendar (the
// longest real one since 2000 is 2001-09-08..16, i.e. 9 days).
constexpr int kMaxClosedRun = 60;

bool is_weekend(Date d) {
  return d.weekday() == 0 || d.weekday() == 6;
}

}  // namespace

std::string_view to_string(Market m) {
  switch (m) {
    case Market::kNyse:
      return "nyse";
    case Market::kNse:
      return "nse";
  }
  return "unknown";
}

Result<Market> parse_market(std::string_view text) {
  std::string lower(text);
  std::ranges::transform(lower, lower.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "nyse") return Market::kNyse;
  if (lower == "nse") return Market::kNse;
  return fail(ErrorCode::kInvalid, "unknown market '{}' (expected nyse or nse)", text);
}

const TradingCalendar& TradingCalendar::nyse() {
  static const TradingCalendar cal{Market::kNyse};
  return cal;
}

const TradingCalendar& TradingCalendar::nse() {
  static const TradingCalendar cal{Market::kNse};
  return cal;
}

const TradingCalendar& TradingCalendar::for_market(Market m) {
  return m == Market::kNyse ? nyse() : nse();
}

TradingCalendar TradingCalendar::nse_with_holidays(const std::vector<Date>& extra_holidays) {
  TradingCalendar cal{Market::kNse};
  cal.extra_holidays_ = extra_holidays;
  std::ranges::sort(cal.extra_holidays_);
  const auto dup = std::ranges::unique(cal.extra_holidays_);
  cal.extra_holidays_.erase(dup.begin(), dup.end());
  return cal;
}

std::string_view TradingCalendar::time_zone() const {
  return market_ == Market::kNyse ? kNewYork : kKolkata;
}

std::optional<std::string> TradingCalendar::holiday_name(Date d) const {
  if (market_ == Market::kNyse) {
    if (auto name = holidays::nyse_holiday(d)) return std::string(*name);
    return std::nullopt;
  }
  if (holidays::nse_special_session(d)) return std::nullopt;
  if (is_weekend(d)) return std::nullopt;
  if (auto name = holidays::nse_holiday(d)) return std::string(*name);
  if (std::ranges::binary_search(extra_holidays_, d))
    return std::string("Exchange holiday (config)");
  return std::nullopt;
}

std::optional<std::string> TradingCalendar::early_close_reason(Date d) const {
  if (market_ != Market::kNyse) return std::nullopt;
  if (auto reason = holidays::nyse_early_close(d)) return std::string(*reason);
  return std::nullopt;
}

bool TradingCalendar::is_trading_day(Date d) const {
  if (!d.valid()) return false;
  if (market_ == Market::kNse && holidays::nse_special_session(d)) return true;
  if (is_weekend(d)) return false;
  return !holiday_name(d).has_value();
}

std::optional<Session> TradingCalendar::session(Date d) const {
  if (!is_trading_day(d)) return std::nullopt;
  Session s;
  s.date = d;
  if (market_ == Market::kNyse) {
    s.early_close = holidays::nyse_early_close(d).has_value();
    s.open_local = kNyseOpen;
    s.close_local = s.early_close ? kNyseEarlyClose : kNyseClose;
  } else {
    s.open_local = kNseOpen;
    s.close_local = kNseClose;
  }
  s.open = to_utc(d, s.open_local);
  s.close = to_utc(d, s.close_local);
  return s;
}

Date TradingCalendar::next_trading_day(Date d) const {
  for (int i = 1; i <= kMaxClosedRun; ++i) {
    const Date c = d.add_days(i);
    if (is_trading_day(c)) return c;
  }
  assertion_failed("next_trading_day", "no trading day within 60 days: broken holiday table");
}

Date TradingCalendar::previous_trading_day(Date d) const {
  for (int i = 1; i <= kMaxClosedRun; ++i) {
    const Date c = d.add_days(-i);
    if (is_trading_day(c)) return c;
  }
  assertion_failed("previous_trading_day", "no trading day within 60 days: broken holiday table");
}

bool TradingCalendar::is_open(Timestamp t) const {
  auto local = utc_to_local(time_zone(), t);
  if (!local) return false;  // beyond the convertible range: never in a session
  if (!is_trading_day(local->date)) return false;
  // Sessions lie away from DST switches (which happen at night), so comparing exchange-local
  // wall times equals comparing the session's UTC instants, with one tz conversion instead of 3.
  const TimeOfDay open = market_ == Market::kNyse ? kNyseOpen : kNseOpen;
  const TimeOfDay close = market_ == Market::kNse                   ? kNseClose
                          : holidays::nyse_early_close(local->date) ? kNyseEarlyClose
                                                                    : kNyseClose;
  return local->time >= open && local->time < close;
}

// Out-of-range instants (within two days of the int64 limits, e.g. Timestamp::max() used as
// "never") cannot be shifted by an offset; they are reported in UTC.
Date TradingCalendar::local_date(Timestamp t) const {
  auto local = utc_to_local(time_zone(), t);
  if (local) return local->date;
  std::int64_t days = t.ns / kNanosPerDay;
  if (t.ns % kNanosPerDay < 0) --days;
  return Date::from_days_since_epoch(days);
}

TimeOfDay TradingCalendar::local_time(Timestamp t) const {
  auto local = utc_to_local(time_zone(), t);
  return local ? local->time : TimeOfDay{};
}

Timestamp TradingCalendar::to_utc(Date d, TimeOfDay local) const {
  auto utc = local_to_utc(time_zone(), d, local);
  ZDTE_ASSERT(utc.has_value(), "TradingCalendar::to_utc needs a valid date");
  return *utc;
}

}  // namespace zerodte::core
