#pragma once
// Holiday rules and tables behind TradingCalendar (calendar.hpp). Internal to core: other areas
// use TradingCalendar.
#include <optional>
#include <string_view>

#include "zerodte/core/time.hpp"

namespace zerodte::core::holidays {

// Gregorian Easter Sunday (anonymous Gregorian computus, Meeus/Jones/Butcher).
Date easter_sunday(int year);
// The n-th (1-based) `weekday` (0 = Sunday) of a month; n = -1 is the last one.
Date nth_weekday(int year, int month, int weekday, int n);

// NYSE/Cboe full-day closure on a weekday (regular holiday by rule or an unscheduled closure),
// with its name. Weekends are not reported here.
std::optional<std::string_view> nyse_holiday(Date d);
// NYSE 13:00 early close (reason), for a date that is not a holiday.
std::optional<std::string_view> nyse_early_close(Date d);

// NSE full-day trading holidays from the built-in table (years kNseFirstTableYear..Last).
inline constexpr int kNseFirstTableYear = 2024;
inline constexpr int kNseLastTableYear = 2026;
std::optional<std::string_view> nse_holiday(Date d);
// Weekend days on which NSE held a full regular session (e.g. Union Budget Saturdays).
std::optional<std::string_view> nse_special_session(Date d);

}  // namespace zerodte::core::holidays
