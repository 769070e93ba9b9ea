#include "zerodte/quant/expiry_time.hpp"

#include <algorithm>

#include "zerodte/core/calendar.hpp"

namespace zerodte::quant {

core::Result<core::Timestamp> settlement_time(core::Date expiry, Settlement settlement) {
  const auto& nyse = core::TradingCalendar::nyse();
  const auto session = nyse.session(expiry);
  if (!session) {
    return core::fail(core::ErrorCode::kInvalid, "expiry {} is not a NYSE trading day",
                      expiry.to_string());
  }
  return settlement == Settlement::kAm ? session->open : session->close;
}

double years_between(core::Timestamp now, core::Timestamp settlement, TimeBasis basis) {
  if (settlement <= now) return 0.0;
  if (basis == TimeBasis::kCalendar) {
    return static_cast<double>((settlement - now).count()) / 1e9 / kSecondsPerCalendarYear;
  }
  const auto& nyse = core::TradingCalendar::nyse();
  core::Date day = nyse.local_date(now);
  const core::Date last = nyse.local_date(settlement);
  std::int64_t inside_ns = 0;
  for (; day <= last; day = day.add_days(1)) {
    const auto session = nyse.session(day);
    if (!session) continue;
    const auto from = std::max(session->open, now);
    const auto to = std::min(session->close, settlement);
    if (to > from) inside_ns += (to - from).count();
  }
  return static_cast<double>(inside_ns) / 1e9 / kSecondsPerTradingYear;
}

core::Result<double> years_to_expiry(core::Timestamp now, core::Date expiry, Settlement settlement,
                                     TimeBasis basis) {
  auto settle = settlement_time(expiry, settlement);
  if (!settle) return std::unexpected(settle.error());
  return years_between(now, *settle, basis);
}

}  // namespace zerodte::quant
