#pragma once
// Time to expiry for intraday use. A contract settles at a settlement instant: PM-settled
// (SPXW, SPY, QQQ, IWM, single stocks) at the close of its expiry day (16:00 America/New_York,
// 13:00 on early-close days), AM-settled (monthly SPX) at the morning's open (09:30 New York,
// SOQ). The year fraction from `now` to that instant is
//   calendar basis (default): elapsed seconds / (365 * 86400)  -- what Cboe and most vendors use;
//   trading basis:           seconds inside regular NYSE sessions / (252 * 6.5 h),
// so in the trading basis overnight and weekend hours carry no variance.
#include <cstdint>

#include "zerodte/core/time.hpp"

namespace zerodte::quant {

enum class Settlement : std::uint8_t { kPm, kAm };
enum class TimeBasis : std::uint8_t { kCalendar, kTrading };

inline constexpr double kSecondsPerCalendarYear = 365.0 * 86400.0;
inline constexpr double kSecondsPerTradingYear = 252.0 * 6.5 * 3600.0;

// Settlement instant (UTC) of a contract expiring on `expiry` (a NYSE trading day).
core::Result<core::Timestamp> settlement_time(core::Date expiry, Settlement settlement);

// Year fraction from `now` to `settlement` (0 when settlement <= now).
double years_between(core::Timestamp now, core::Timestamp settlement,
                     TimeBasis basis = TimeBasis::kCalendar);

// Convenience: settlement_time + years_between.
core::Result<double> years_to_expiry(core::Timestamp now, core::Date expiry, Settlement settlement,
                                     TimeBasis basis = TimeBasis::kCalendar);

}  // namespace zerodte::quant
