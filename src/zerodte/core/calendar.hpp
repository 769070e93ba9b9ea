#pragma once
// Trading calendars: NYSE/Cboe (rules for every year 2000-2100 plus a table of unscheduled
// closures) and NSE (09:15-15:30 Asia/Kolkata, holiday table extendable from config).
// Exchange-local times are converted with the IANA database (time_zone.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/time.hpp"

namespace zerodte::core {

enum class Market : std::uint8_t { kNyse, kNse };
std::string_view to_string(Market m);
Result<Market> parse_market(std::string_view text);  // "nyse" | "nse" (case-insensitive)

struct Session {
  Date date;
  TimeOfDay open_local;   // exchange-local
  TimeOfDay close_local;  // exchange-local (13:00 on NYSE early closes)
  Timestamp open;         // UTC
  Timestamp close;        // UTC
  bool early_close = false;
};

// An option root whose contracts expire on a given date (0DTE listing).
struct ZeroDteExpiry {
  std::string root;        // "SPY", "SPXW", "NIFTY"
  std::string underlying;  // "SPY", "SPX", "NIFTY"
  bool pm_settled = true;  // SPXW/ETFs: PM; SPX monthly: AM
};

class TradingCalendar {
 public:
  static const TradingCalendar& nyse();
  static const TradingCalendar& nse();
  static const TradingCalendar& for_market(Market m);
  // An NSE calendar with extra holidays (from config `[calendar.nse] extra_holidays`).
  static TradingCalendar nse_with_holidays(const std::vector<Date>& extra_holidays);

  [[nodiscard]] Market market() const { return market_; }
  [[nodiscard]] std::string_view time_zone() const;  // "America/New_York" | "Asia/Kolkata"

  [[nodiscard]] bool is_trading_day(Date d) const;
  [[nodiscard]] std::optional<std::string> holiday_name(Date d) const;  // full-day closures
  [[nodiscard]] std::optional<Session> session(Date d) const;           // nullopt when closed
  [[nodiscard]] Date next_trading_day(Date d) const;                    // strictly after d
  [[nodiscard]] Date previous_trading_day(Date d) const;                // strictly before d
  [[nodiscard]] bool is_open(Timestamp t) const;                        // inside a regular session
  // Option roots with contracts expiring on `d` (empty on closed days).
  [[nodiscard]] std::vector<ZeroDteExpiry> zero_dte_expiries(Date d) const;
  // Why the session closes early (e.g. "Day after Thanksgiving"); nullopt on regular/closed days.
  [[nodiscard]] std::optional<std::string> early_close_reason(Date d) const;

  // Exchange-local conversions.
  [[nodiscard]] Date local_date(Timestamp t) const;
  [[nodiscard]] TimeOfDay local_time(Timestamp t) const;
  [[nodiscard]] Timestamp to_utc(Date d, TimeOfDay local) const;

 private:
  explicit TradingCalendar(Market m) : market_(m) {}
  Market market_;
  std::vector<Date> extra_holidays_;
};

}  // namespace zerodte::core
