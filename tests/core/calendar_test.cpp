// NYSE/Cboe and NSE calendars against the exchanges' published holiday lists (typed in by hand
// from the NYSE holiday/early-close announcements 2020-2027), real SPX trading dates 2000-2026,
// DST-correct session instants and 0DTE expiry rules.
#include "zerodte/core/calendar.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "zerodte/core/market_holidays.hpp"

namespace zerodte::core {
namespace {

Date D(std::string_view s) {
  return Date::parse(s).value();
}
Timestamp T(std::string_view s) {
  return parse_iso8601(s).value();
}

const TradingCalendar& nyse = TradingCalendar::nyse();
const TradingCalendar& nse = TradingCalendar::nse();

// Every NYSE full-day closure on a weekday, 2020-2027 (NYSE published calendars).
const std::set<std::string> kNyseClosed2020to2027 = {
    "2020-01-01", "2020-01-20", "2020-02-17", "2020-04-10", "2020-05-25", "2020-07-03",
    "2020-09-07", "2020-11-26", "2020-12-25",  //
    "2021-01-01", "2021-01-18", "2021-02-15", "2021-04-02", "2021-05-31", "2021-07-05",
    "2021-09-06", "2021-11-25", "2021-12-24",  //
    "2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20", "2022-07-04",
    "2022-09-05", "2022-11-24", "2022-12-26",  //
    "2023-01-02", "2023-01-16", "2023-02-20", "2023-04-07", "2023-05-29", "2023-06-19",
    "2023-07-04", "2023-09-04", "2023-11-23", "2023-12-25",  //
    "2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27", "2024-06-19",
    "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25",  //
    "2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26",
    "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25",  //
    "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19",
    "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25",  //
    "2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31", "2027-06-18",
    "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24",
};

// Every NYSE 13:00 early close, 2020-2027.
const std::set<std::string> kNyseEarly2020to2027 = {
    "2020-11-27", "2020-12-24", "2021-11-26", "2022-11-25", "2023-07-03",
    "2023-11-24", "2024-07-03", "2024-11-29", "2024-12-24", "2025-07-03",
    "2025-11-28", "2025-12-24", "2026-11-27", "2026-12-24", "2027-11-26",
};

TEST(NyseCalendar, EveryHolidayAndEarlyClose2020To2027) {
  std::set<std::string> closed, early;
  for (Date d{2020, 1, 1}; d <= Date{2027, 12, 31}; d = d.add_days(1)) {
    const int wd = d.weekday();
    if (wd == 0 || wd == 6) {
      EXPECT_FALSE(nyse.is_trading_day(d)) << d.to_string();
      continue;
    }
    if (!nyse.is_trading_day(d)) {
      closed.insert(d.to_string());
      EXPECT_TRUE(nyse.holiday_name(d).has_value()) << d.to_string();
      EXPECT_FALSE(nyse.session(d).has_value()) << d.to_string();
    }
    const auto s = nyse.session(d);
    if (s && s->early_close) {
      early.insert(d.to_string());
      EXPECT_EQ(s->close_local, (TimeOfDay{13, 0, 0})) << d.to_string();
      EXPECT_TRUE(nyse.early_close_reason(d).has_value());
    }
  }
  EXPECT_EQ(closed, kNyseClosed2020to2027);
  EXPECT_EQ(early, kNyseEarly2020to2027);
}

TEST(NyseCalendar, NamedExamplesFromTheIssue) {
  EXPECT_FALSE(nyse.is_trading_day(D("2025-01-09")));
  EXPECT_EQ(*nyse.holiday_name(D("2025-01-09")),
            "National Day of Mourning for President Jimmy Carter");
  EXPECT_EQ(*nyse.holiday_name(D("2026-06-19")), "Juneteenth");
  EXPECT_EQ(*nyse.holiday_name(D("2027-12-24")), "Christmas Day");
  EXPECT_EQ(*nyse.holiday_name(D("2025-04-18")), "Good Friday");
  EXPECT_EQ(*nyse.early_close_reason(D("2025-07-03")), "Day before Independence Day");
  EXPECT_EQ(*nyse.early_close_reason(D("2025-11-28")), "Day after Thanksgiving");
  EXPECT_FALSE(nyse.holiday_name(D("2025-11-29")).has_value());  // Saturday: not a holiday
  // New Year's Day on a Saturday is not observed on the Friday before.
  EXPECT_TRUE(nyse.is_trading_day(D("2021-12-31")));
  EXPECT_TRUE(nyse.is_trading_day(D("2010-12-31")));
  EXPECT_FALSE(nyse.is_trading_day(D("2017-01-02")));  // Jan 1 2017 was a Sunday
  // Juneteenth only from 2022.
  EXPECT_TRUE(nyse.is_trading_day(D("2021-06-18")));
  // Independence Day early-close history: Friday July 5 before 2013, Wednesday July 3 after.
  EXPECT_TRUE(nyse.session(D("2002-07-05"))->early_close);
  EXPECT_FALSE(nyse.session(D("2002-07-03"))->early_close);
  EXPECT_TRUE(nyse.session(D("2013-07-03"))->early_close);
  EXPECT_FALSE(nyse.session(D("2019-07-05"))->early_close);
  EXPECT_TRUE(nyse.session(D("2003-12-26"))->early_close);
  for (auto s : {"2001-09-11", "2001-09-14", "2004-06-11", "2007-01-02", "2012-10-29", "2012-10-30",
                 "2018-12-05"}) {
    EXPECT_FALSE(nyse.is_trading_day(D(s))) << s;
  }
}

// Independent oracle: the dates of the real SPX daily history are exactly the NYSE trading days.
TEST(NyseCalendar, MatchesSpxTradingDates2000To2026) {
  std::ifstream in(std::string(ZERODTE_SHARED_DATA) + "/bars/daily/SPX_History.csv");
  ASSERT_TRUE(in) << "missing shared SPX_History.csv";
  std::set<Date> traded;
  std::string line;
  std::getline(in, line);  // header DATE,OPEN,...
  while (std::getline(in, line)) {
    ASSERT_GE(line.size(), 10u);
    const Date d{std::stoi(line.substr(6, 4)), std::stoi(line.substr(0, 2)),
                 std::stoi(line.substr(3, 2))};
    if (d.year >= 2000) traded.insert(d);
  }
  ASSERT_GT(traded.size(), 6500u);
  const Date last = *traded.rbegin();
  int days = 0;
  for (Date d{2000, 1, 1}; d <= last; d = d.add_days(1)) {
    EXPECT_EQ(nyse.is_trading_day(d), traded.contains(d)) << d.to_string();
    days += nyse.is_trading_day(d) ? 1 : 0;
  }
  EXPECT_EQ(days, static_cast<int>(traded.size()));
}

TEST(NyseCalendar, RulesHoldForEveryYear2000To2100) {
  EXPECT_EQ(holidays::easter_sunday(2000), D("2000-04-23"));
  EXPECT_EQ(holidays::easter_sunday(2008), D("2008-03-23"));
  EXPECT_EQ(holidays::easter_sunday(2038), D("2038-04-25"));
  EXPECT_EQ(holidays::easter_sunday(2049), D("2049-04-18"));
  EXPECT_EQ(holidays::easter_sunday(2100), D("2100-03-28"));
  for (int y = 2000; y <= 2100; ++y) {
    int closed = 0, early = 0;
    for (Date d{y, 1, 1}; d.year == y; d = d.add_days(1)) {
      if (d.weekday() == 0 || d.weekday() == 6) continue;
      if (!nyse.is_trading_day(d)) ++closed;
      if (nyse.is_trading_day(d) && nyse.session(d)->early_close) ++early;
    }
    // 9 regular holidays (10 with Juneteenth) minus a Saturday New Year's Day, plus closures.
    const int regular = (y >= 2022 ? 10 : 9) - (Date{y, 1, 1}.weekday() == 6 ? 1 : 0);
    EXPECT_GE(closed, regular) << y;
    EXPECT_LE(closed, regular + 4) << y;
    EXPECT_GE(early, 1) << y;                  // the day after Thanksgiving
    EXPECT_LE(early, y == 2003 ? 4 : 3) << y;  // 2003: ad hoc 12-26 early close
    EXPECT_EQ(holidays::easter_sunday(y).add_days(-2).weekday(), 5);
    EXPECT_FALSE(nyse.is_trading_day(holidays::easter_sunday(y).add_days(-2))) << y;
  }
}

TEST(NyseCalendar, SessionsInUtcFollowDaylightSaving) {
  EXPECT_EQ(nyse.session(D("2025-03-07"))->open, T("2025-03-07T14:30:00Z"));  // EST
  EXPECT_EQ(nyse.session(D("2025-03-10"))->open, T("2025-03-10T13:30:00Z"));  // EDT
  EXPECT_EQ(nyse.session(D("2025-03-10"))->close, T("2025-03-10T20:00:00Z"));
  EXPECT_EQ(nyse.session(D("2025-10-31"))->open, T("2025-10-31T13:30:00Z"));
  EXPECT_EQ(nyse.session(D("2025-11-03"))->open, T("2025-11-03T14:30:00Z"));
  const auto s = nyse.session(D("2025-11-28")).value();
  EXPECT_EQ(s.open_local, (TimeOfDay{9, 30, 0}));
  EXPECT_EQ(s.close, T("2025-11-28T18:00:00Z"));
  EXPECT_EQ(nyse.session(D("2025-07-03"))->close, T("2025-07-03T17:00:00Z"));
  EXPECT_TRUE(nyse.is_open(T("2025-03-10T13:30:00Z")));
  EXPECT_FALSE(nyse.is_open(T("2025-03-10T13:29:59Z")));
  EXPECT_TRUE(nyse.is_open(T("2025-03-10T19:59:59.999999999Z")));
  EXPECT_FALSE(nyse.is_open(T("2025-03-10T20:00:00Z")));
  EXPECT_TRUE(nyse.is_open(T("2025-11-28T17:59:00Z")));
  EXPECT_FALSE(nyse.is_open(T("2025-11-28T18:00:00Z")));
  EXPECT_FALSE(nyse.is_open(T("2025-01-09T15:00:00Z")));
  EXPECT_FALSE(nyse.is_open(Timestamp::max()));
  EXPECT_EQ(nyse.local_date(T("2025-03-11T03:00:00Z")), D("2025-03-10"));  // 23:00 EDT
  EXPECT_EQ(nyse.local_time(T("2025-03-11T03:00:00Z")), (TimeOfDay{23, 0, 0}));
  EXPECT_EQ(nyse.to_utc(D("2025-12-01"), {15, 50, 0}), T("2025-12-01T20:50:00Z"));
}

TEST(NyseCalendar, NextAndPreviousTradingDay) {
  EXPECT_EQ(nyse.next_trading_day(D("2025-11-26")), D("2025-11-28"));
  EXPECT_EQ(nyse.previous_trading_day(D("2025-12-01")), D("2025-11-28"));
  EXPECT_EQ(nyse.next_trading_day(D("2025-01-08")), D("2025-01-10"));
  EXPECT_EQ(nyse.previous_trading_day(D("2025-01-10")), D("2025-01-08"));
  EXPECT_EQ(nyse.next_trading_day(D("2025-12-31")), D("2026-01-02"));
  EXPECT_EQ(nyse.previous_trading_day(D("2026-07-06")), D("2026-07-02"));
  EXPECT_EQ(nyse.next_trading_day(D("2001-09-10")), D("2001-09-17"));
  EXPECT_EQ(nyse.next_trading_day(D("2025-11-29")), D("2025-12-01"));  // from a Saturday
  EXPECT_EQ(nyse.previous_trading_day(D("2025-04-21")), D("2025-04-17"));
}

std::vector<std::string> roots(const TradingCalendar& cal, std::string_view date) {
  std::vector<std::string> out;
  for (const auto& e : cal.zero_dte_expiries(D(date)))
    out.push_back(e.root);
  return out;
}
using V = std::vector<std::string>;

TEST(ZeroDte, NyseDailyAndSpxMonthly) {
  EXPECT_EQ(roots(nyse, "2025-11-28"), (V{"SPY", "QQQ", "IWM", "SPXW"}));
  EXPECT_EQ(roots(nyse, "2025-11-25"), (V{"SPY", "QQQ", "IWM", "SPXW"}));  // a Tuesday
  EXPECT_EQ(roots(nyse, "2025-11-21"), (V{"SPY", "QQQ", "IWM", "SPXW", "SPX"}));
  EXPECT_EQ(roots(nyse, "2025-04-17"), (V{"SPY", "QQQ", "IWM", "SPXW", "SPX"}));  // Good Fri shift
  EXPECT_TRUE(roots(nyse, "2025-04-18").empty());
  EXPECT_TRUE(roots(nyse, "2025-11-29").empty());
  const auto spx = nyse.zero_dte_expiries(D("2026-01-16"));
  ASSERT_EQ(spx.back().root, "SPX");
  EXPECT_FALSE(spx.back().pm_settled);
  EXPECT_EQ(spx[3].root, "SPXW");
  EXPECT_TRUE(spx[3].pm_settled);
  EXPECT_EQ(spx[3].underlying, "SPX");
  // Before the daily regimes: Mon/Wed/Fri only.
  EXPECT_TRUE(roots(nyse, "2021-03-16").empty());
  EXPECT_EQ(roots(nyse, "2021-01-19"), (V{"SPY", "QQQ", "IWM", "SPXW"}));  // MLK Monday moves on
  EXPECT_TRUE(roots(nyse, "2021-01-20").size() == 4);                      // Wednesday
  EXPECT_TRUE(roots(nyse, "2021-01-21").empty());
  EXPECT_EQ(roots(nyse, "2021-03-17"), (V{"SPY", "QQQ", "IWM", "SPXW"}));
  EXPECT_EQ(roots(nyse, "2021-03-19"), (V{"SPY", "QQQ", "IWM", "SPXW", "SPX"}));
  EXPECT_EQ(roots(nyse, "2021-04-01"), (V{"SPY", "QQQ", "IWM", "SPXW"}));  // Good Friday 04-02
  EXPECT_EQ(roots(nyse, "2022-08-02"), (V{"SPXW"}));  // SPXW daily, ETFs not yet
  // Every trading day since 2022-11-14 lists the four daily roots.
  for (Date d{2022, 11, 14}; d <= Date{2027, 12, 31}; d = d.add_days(1)) {
    EXPECT_EQ(nyse.zero_dte_expiries(d).size() >= 4, nyse.is_trading_day(d)) << d.to_string();
  }
}

TEST(ZeroDte, NseWeeklyAndMonthly) {
  EXPECT_EQ(roots(nse, "2025-08-28"), (V{"NIFTY", "BANKNIFTY"}));  // last Thursday
  EXPECT_EQ(roots(nse, "2025-08-21"), (V{"NIFTY"}));
  EXPECT_EQ(roots(nse, "2025-09-02"), (V{"NIFTY"}));  // first Tuesday expiry
  EXPECT_TRUE(roots(nse, "2025-09-04").empty());
  EXPECT_EQ(roots(nse, "2025-09-30"), (V{"NIFTY", "BANKNIFTY"}));  // last Tuesday
  EXPECT_EQ(roots(nse, "2024-08-14"), (V{"NIFTY", "BANKNIFTY"}));  // Thu 08-15 holiday; weekly Wed
  EXPECT_EQ(roots(nse, "2024-11-13"), (V{"BANKNIFTY"}));           // last BANKNIFTY weekly
  EXPECT_TRUE(roots(nse, "2024-11-20").empty());                   // holiday
  EXPECT_EQ(roots(nse, "2024-11-27"), (V{"BANKNIFTY"}));           // monthly, last Wednesday
  EXPECT_EQ(roots(nse, "2024-12-24"), (V{"BANKNIFTY"}));           // 12-25 holiday
  EXPECT_EQ(roots(nse, "2025-01-30"), (V{"NIFTY", "BANKNIFTY"}));
  EXPECT_EQ(roots(nse, "2025-04-09"), (V{"NIFTY"}));               // Thu 04-10 Mahavir Jayanti
  EXPECT_EQ(roots(nse, "2026-03-30"), (V{"NIFTY", "BANKNIFTY"}));  // Tue 03-31 holiday
}

TEST(NseCalendar, SessionsHolidaysAndConfigExtras) {
  const auto s = nse.session(D("2025-11-28")).value();
  EXPECT_EQ(s.open, T("2025-11-28T03:45:00Z"));
  EXPECT_EQ(s.close, T("2025-11-28T10:00:00Z"));
  EXPECT_FALSE(s.early_close);
  EXPECT_EQ(nse.time_zone(), "Asia/Kolkata");
  EXPECT_FALSE(nse.is_trading_day(D("2025-10-21")));
  EXPECT_EQ(*nse.holiday_name(D("2025-10-21")), "Diwali Laxmi Pujan");
  EXPECT_TRUE(nse.is_trading_day(D("2025-02-01")));  // Budget Saturday session
  EXPECT_FALSE(nse.is_trading_day(D("2025-02-02")));
  EXPECT_TRUE(nse.is_trading_day(D("2026-02-01")));  // Budget Sunday session
  EXPECT_EQ(nse.session(D("2026-02-01"))->open, T("2026-02-01T03:45:00Z"));
  EXPECT_FALSE(nse.is_trading_day(D("2026-01-15")));  // municipal elections
  EXPECT_TRUE(nse.is_trading_day(D("2025-07-04")));   // a US holiday is an Indian trading day
  EXPECT_EQ(nse.next_trading_day(D("2025-10-20")), D("2025-10-23"));
  EXPECT_EQ(nse.previous_trading_day(D("2024-01-23")), D("2024-01-20"));  // special Saturday
  EXPECT_TRUE(nse.is_open(T("2025-11-28T09:59:59Z")));
  EXPECT_FALSE(nse.is_open(T("2025-11-28T03:44:59Z")));

  const auto cal = TradingCalendar::nse_with_holidays({D("2027-01-26"), D("2027-01-26")});
  EXPECT_TRUE(nse.is_trading_day(D("2027-01-26")));
  EXPECT_FALSE(cal.is_trading_day(D("2027-01-26")));
  EXPECT_EQ(*cal.holiday_name(D("2027-01-26")), "Exchange holiday (config)");
  EXPECT_FALSE(cal.is_trading_day(D("2025-10-21")));  // built-in table still applies
  EXPECT_EQ(cal.next_trading_day(D("2027-01-25")), D("2027-01-27"));
  EXPECT_EQ(cal.market(), Market::kNse);

  // Every built-in holiday is a weekday inside the table's years.
  for (Date d{holidays::kNseFirstTableYear, 1, 1}; d.year <= holidays::kNseLastTableYear;
       d = d.add_days(1)) {
    if (holidays::nse_holiday(d)) {
      EXPECT_NE(d.weekday(), 0) << d.to_string();
      EXPECT_NE(d.weekday(), 6) << d.to_string();
    }
  }
}

TEST(Market, ParseAndPrint) {
  EXPECT_EQ(parse_market("NYSE").value(), Market::kNyse);
  EXPECT_EQ(parse_market("nse").value(), Market::kNse);
  EXPECT_EQ(to_string(Market::kNse), "nse");
  const auto bad = parse_market("lse");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("'lse'"), std::string::npos);
  EXPECT_EQ(&TradingCalendar::for_market(Market::kNyse), &TradingCalendar::nyse());
}

}  // namespace
}  // namespace zerodte::core
