// Option roots with contracts expiring on a given date (what a 0DTE strategy can trade that day).
//
// NYSE/Cboe (rules as implemented):
//   * SPXW (SPX Weeklys, PM-settled): every trading day from 2022-05-11 (Tuesday and Thursday
//     expirations were added in April/May 2022). Before that: Monday, Wednesday and Friday.
//   * SPY, QQQ, IWM (PM-settled ETF options): every trading day from 2022-11-14 (when SPY/QQQ
//     gained Tuesday/Thursday expirations; the IWM date is less certain). Before: Mon/Wed/Fri.
//   * SPX (monthly, AM-settled): the third Friday of every month.
//   A scheduled expiry that falls on a holiday moves to the preceding trading day (e.g. the April
//   2025 SPX monthly: third Friday 2025-04-18 is Good Friday -> Thursday 2025-04-17), except
//   Monday weeklies, which move to the following trading day (Cboe short-term series rule; e.g.
//   MLK day 2021-01-18 -> Tuesday 2021-01-19). The pre-daily Mon/Wed/Fri regime is approximate
//   before 2016-2018, when Monday/Wednesday weeklies were introduced.
//   Not listed: NDX/NDXP, XSP, RUT, VIX (not needed yet; add when a strategy trades them).
// NSE (index options, cash-settled at the close):
//   * NIFTY weekly: Thursday until 2025-08-31, Tuesday from 2025-09-01 (SEBI/NSE expiry-day
//     change). The monthly contract is the last weekly of the month, so it is covered.
//   * BANKNIFTY: weekly on Wednesday 2024-03-01..2024-11-19; monthly only from 2024-11-20 (SEBI:
//     one weekly benchmark per exchange): last Wednesday of the month until 2024-12-31, last
//     Thursday 2025-01-01..2025-08-31, last Tuesday from 2025-09-01. Earlier dates: not listed.
//   An expiry falling on an NSE holiday moves to the previous trading day.
#include "zerodte/core/calendar.hpp"
#include "zerodte/core/market_holidays.hpp"

namespace zerodte::core {
namespace {

constexpr int kTuesday = 2, kWednesday = 3, kThursday = 4, kFriday = 5;

// The trading day on which a contract scheduled for `scheduled` actually expires.
Date adjusted(const TradingCalendar& cal, Date scheduled) {
  return cal.is_trading_day(scheduled) ? scheduled : cal.previous_trading_day(scheduled);
}

// Is `d` the (holiday-adjusted) expiry of a weekly series scheduled on `weekday`?
bool is_weekly_expiry(const TradingCalendar& cal, Date d, int weekday) {
  const Date scheduled = d.add_days((weekday - d.weekday() + 7) % 7);
  return adjusted(cal, scheduled) == d;
}

// Is `d` the (holiday-adjusted) expiry of a monthly series scheduled on the n-th weekday?
bool is_monthly_expiry(const TradingCalendar& cal, Date d, int weekday, int n) {
  return adjusted(cal, holidays::nth_weekday(d.year, d.month, weekday, n)) == d;
}

// Is `d` the expiry of a Monday series? Monday expirations on a holiday move FORWARD to the next
// trading day (Cboe short-term option series rule), Wednesday/Friday ones back.
bool is_monday_expiry(const TradingCalendar& cal, Date d) {
  const Date monday = d.add_days(-((d.weekday() - 1 + 7) % 7));
  const Date actual = cal.is_trading_day(monday) ? monday : cal.next_trading_day(monday);
  return actual == d;
}

bool mon_wed_fri(const TradingCalendar& cal, Date d) {
  return is_monday_expiry(cal, d) || is_weekly_expiry(cal, d, kWednesday) ||
         is_weekly_expiry(cal, d, kFriday);
}

void add(std::vector<ZeroDteExpiry>& out, std::string_view root, std::string_view underlying,
         bool pm) {
  out.push_back(ZeroDteExpiry{std::string(root), std::string(underlying), pm});
}

void nyse_expiries(const TradingCalendar& cal, Date d, std::vector<ZeroDteExpiry>& out) {
  const bool etf_daily = d >= Date{2022, 11, 14};
  const bool spxw_daily = d >= Date{2022, 5, 11};
  if (etf_daily || mon_wed_fri(cal, d)) {
    add(out, "SPY", "SPY", true);
    add(out, "QQQ", "QQQ", true);
    add(out, "IWM", "IWM", true);
  }
  if (spxw_daily || mon_wed_fri(cal, d)) add(out, "SPXW", "SPX", true);
  if (is_monthly_expiry(cal, d, kFriday, 3)) add(out, "SPX", "SPX", false);
}

void nse_expiries(const TradingCalendar& cal, Date d, std::vector<ZeroDteExpiry>& out) {
  const bool tuesday_regime = d >= Date{2025, 9, 1};
  if (is_weekly_expiry(cal, d, tuesday_regime ? kTuesday : kThursday)) {
    add(out, "NIFTY", "NIFTY", true);
  }
  bool banknifty = false;
  if (d >= Date{2025, 9, 1}) {
    banknifty = is_monthly_expiry(cal, d, kTuesday, -1);
  } else if (d >= Date{2025, 1, 1}) {
    banknifty = is_monthly_expiry(cal, d, kThursday, -1);
  } else if (d >= Date{2024, 11, 20}) {
    banknifty = is_monthly_expiry(cal, d, kWednesday, -1);
  } else if (d >= Date{2024, 3, 1}) {
    banknifty = is_weekly_expiry(cal, d, kWednesday);
  }
  if (banknifty) add(out, "BANKNIFTY", "BANKNIFTY", true);
}

}  // namespace

std::vector<ZeroDteExpiry> TradingCalendar::zero_dte_expiries(Date d) const {
  std::vector<ZeroDteExpiry> out;
  if (!is_trading_day(d)) return out;
  if (market_ == Market::kNyse)
    nyse_expiries(*this, d, out);
  else
    nse_expiries(*this, d, out);
  return out;
}

}  // namespace zerodte::core
