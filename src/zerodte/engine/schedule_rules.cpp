#include "zerodte/engine/schedule_rules.hpp"

#include "zerodte/core/assert.hpp"

namespace zerodte::engine {
namespace {

// Enough trading days to cover a year of sessions (the search bound for rules that skip days).
constexpr int kMaxDaysAhead = 400;

// The first trading day on or after d.
core::Date first_trading_day_from(const core::TradingCalendar& cal, core::Date d) {
  return cal.is_trading_day(d) ? d : cal.next_trading_day(d);
}

// Generic "one instant per trading day" rule: the first instant(day) strictly after prev.
template <typename InstantOfDay>
NextFireRule per_trading_day(const core::TradingCalendar& calendar, InstantOfDay instant) {
  return [cal = calendar, instant](core::Timestamp prev) {
    if (prev == core::Timestamp::max()) return core::Timestamp::max();
    // Start one local day before prev's date: an instant relative to a session (close - N)
    // may lie on the calendar day before the session's local date.
    core::Date d = first_trading_day_from(cal, cal.local_date(prev).add_days(-1));
    for (int i = 0; i < kMaxDaysAhead; ++i, d = cal.next_trading_day(d)) {
      const core::Timestamp t = instant(cal, d);
      if (t > prev) return t;
    }
    return core::Timestamp::max();
  };
}

// The first multiple of `step` (since the epoch) at or after t.
core::Timestamp ceil_to(core::Timestamp t, core::Duration step) {
  const core::Timestamp f = t.floor(step);
  return f == t ? t : f + step;
}

}  // namespace

NextFireRule daily_at_local(const core::TradingCalendar& cal, core::TimeOfDay local) {
  return per_trading_day(
      cal, [local](const core::TradingCalendar& c, core::Date d) { return c.to_utc(d, local); });
}

NextFireRule daily_before_close(const core::TradingCalendar& cal, core::Duration before) {
  return per_trading_day(cal, [before](const core::TradingCalendar& c, core::Date d) {
    return c.session(d)->close - before;
  });
}

NextFireRule daily_after_open(const core::TradingCalendar& cal, core::Duration after) {
  return per_trading_day(cal, [after](const core::TradingCalendar& c, core::Date d) {
    return c.session(d)->open + after;
  });
}

NextFireRule every_aligned(core::Duration interval) {
  ZDTE_ASSERT(interval.count() > 0, "timer interval must be positive");
  return [interval](core::Timestamp prev) {
    if (prev.ns > INT64_MAX - 2 * interval.count()) return core::Timestamp::max();
    return prev.floor(interval) + interval;
  };
}

NextFireRule every_in_session(const core::TradingCalendar& calendar, core::Duration interval) {
  ZDTE_ASSERT(interval.count() > 0, "timer interval must be positive");
  return [cal = calendar, interval](core::Timestamp prev) {
    if (prev.ns > INT64_MAX - 2 * interval.count() - core::kNanosPerDay) {
      return core::Timestamp::max();
    }
    const core::Timestamp candidate = prev.floor(interval) + interval;
    core::Date d = first_trading_day_from(cal, cal.local_date(candidate).add_days(-1));
    for (int i = 0; i < kMaxDaysAhead; ++i, d = cal.next_trading_day(d)) {
      const auto s = cal.session(d);
      if (s->close <= candidate) continue;
      const core::Timestamp t = candidate > s->open ? candidate : ceil_to(s->open, interval);
      if (t < s->close) return t;
    }
    return core::Timestamp::max();
  };
}

}  // namespace zerodte::engine
