// NYSE (and Cboe, which follows the NYSE schedule for equity and index options) holidays and
// 13:00 early closes, by rule for 2000-2100 plus a table of unscheduled closures.
//
// Regular holidays (NYSE Rule 7.2):
//   New Year's Day (Jan 1; Sunday -> Monday Jan 2; Saturday -> NOT observed: the exchange stays
//   open on Friday Dec 31), Martin Luther King Jr. Day (3rd Monday of January, since 1998),
//   Washington's Birthday (3rd Monday of February), Good Friday (Easter - 2 days), Memorial Day
//   (last Monday of May), Juneteenth (June 19, since 2022), Independence Day (July 4), Labor Day
//   (1st Monday of September), Thanksgiving (4th Thursday of November), Christmas (Dec 25).
//   Juneteenth, Independence Day and Christmas on a Saturday are observed the Friday before, on a
//   Sunday the Monday after.
// Early closes at 13:00 ET:
//   the day after Thanksgiving; Christmas Eve when it is Monday-Thursday (on Friday Dec 24 the
//   exchange is closed for Christmas observed); July 3 when it is Monday, Tuesday or Thursday, and
//   since 2013 also Wednesday (before 2013 a Thursday July 4 gave an early close on Friday July 5
//   instead). No early close when July 3 is itself the observed holiday (a Friday) or a weekend.
//   Ad hoc: 2003-12-26.
// The rule set matches every SPX trading date 2000-01-03..2026-07-09 (tests/core/calendar_test).
#include <array>

#include "zerodte/core/market_holidays.hpp"

namespace zerodte::core::holidays {
namespace {

constexpr int kSunday = 0, kMonday = 1, kTuesday = 2, kWednesday = 3, kThursday = 4, kFriday = 5,
              kSaturday = 6;

struct Closure {
  Date date;
  std::string_view name;
};

// Unscheduled full-day closures since 2000 (NYSE closings history).
constexpr std::array kUnscheduledClosures{
    Closure{{2001, 9, 11}, "Closed: September 11 attacks"},
    Closure{{2001, 9, 12}, "Closed: September 11 attacks"},
    Closure{{2001, 9, 13}, "Closed: September 11 attacks"},
    Closure{{2001, 9, 14}, "Closed: September 11 attacks"},
    Closure{{2004, 6, 11}, "National Day of Mourning for President Ronald Reagan"},
    Closure{{2007, 1, 2}, "National Day of Mourning for President Gerald R. Ford"},
    Closure{{2012, 10, 29}, "Closed: Hurricane Sandy"},
    Closure{{2012, 10, 30}, "Closed: Hurricane Sandy"},
    Closure{{2018, 12, 5}, "National Day of Mourning for President George H. W. Bush"},
    Closure{{2025, 1, 9}, "National Day of Mourning for President Jimmy Carter"},
};

constexpr std::array kAdHocEarlyCloses{
    Closure{{2003, 12, 26}, "Day after Christmas"},
};

// Saturday -> Friday before, Sunday -> Monday after.
Date nearest_weekday(Date d) {
  switch (d.weekday()) {
    case kSaturday:
      return d.add_days(-1);
    case kSunday:
      return d.add_days(1);
    default:
      return d;
  }
}

}  // namespace

Date easter_sunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Date{year, month, day};
}

Date nth_weekday(int year, int month, int weekday, int n) {
  if (n < 0) {
    const Date last{year, month, Date::days_in_month(year, month)};
    return last.add_days(-((last.weekday() - weekday + 7) % 7));
  }
  const Date first{year, month, 1};
  return first.add_days((weekday - first.weekday() + 7) % 7 + 7 * (n - 1));
}

std::optional<std::string_view> nyse_holiday(Date d) {
  const int wd = d.weekday();
  if (wd == kSaturday || wd == kSunday) return std::nullopt;
  for (const auto& c : kUnscheduledClosures) {
    if (c.date == d) return c.name;
  }
  const int y = d.year;
  switch (d.month) {
    case 1:
      if ((d.day == 1) || (d.day == 2 && wd == kMonday)) return "New Year's Day";
      if (y >= 1998 && d == nth_weekday(y, 1, kMonday, 3)) return "Martin Luther King Jr. Day";
      break;
    case 2:
      if (d == nth_weekday(y, 2, kMonday, 3)) return "Washington's Birthday";
      break;
    case 5:
      if (d == nth_weekday(y, 5, kMonday, -1)) return "Memorial Day";
      break;
    case 6:
      if (y >= 2022 && d == nearest_weekday(Date{y, 6, 19})) return "Juneteenth";
      break;
    case 7:
      if (d == nearest_weekday(Date{y, 7, 4})) return "Independence Day";
      break;
    case 9:
      if (d == nth_weekday(y, 9, kMonday, 1)) return "Labor Day";
      break;
    case 11:
      if (d == nth_weekday(y, 11, kThursday, 4)) return "Thanksgiving Day";
      break;
    case 12:
      if (d == nearest_weekday(Date{y, 12, 25})) return "Christmas Day";
      break;
    default:
      break;
  }
  if ((d.month == 3 || d.month == 4) && d == easter_sunday(y).add_days(-2)) return "Good Friday";
  return std::nullopt;
}

std::optional<std::string_view> nyse_early_close(Date d) {
  if (nyse_holiday(d)) return std::nullopt;
  const int wd = d.weekday();
  if (wd == kSaturday || wd == kSunday) return std::nullopt;
  for (const auto& c : kAdHocEarlyCloses) {
    if (c.date == d) return c.name;
  }
  if (d.month == 11 && d == nth_weekday(d.year, 11, kThursday, 4).add_days(1)) {
    return "Day after Thanksgiving";
  }
  if (d.month == 12 && d.day == 24 && wd <= kThursday) return "Christmas Eve";
  if (d.month == 7 && d.day == 3) {
    if (wd == kMonday || wd == kTuesday || wd == kThursday) return "Day before Independence Day";
    if (wd == kWednesday && d.year >= 2013) return "Day before Independence Day";
  }
  if (d.month == 7 && d.day == 5 && wd == kFriday && d.year < 2013) {
    return "Day after Independence Day";
  }
  return std::nullopt;
}

}  // namespace zerodte::core::holidays
