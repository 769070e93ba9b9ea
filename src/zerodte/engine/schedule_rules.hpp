#pragma once
// Timer rules in exchange time for TimerQueue::schedule_rule (timer_queue.hpp). Each rule maps the
// previous fire time to the next one (strictly later), so a timer scheduled with
// schedule_rule(now, rule, ...) first fires at rule(now). Rules keep a copy of the calendar (a
// market tag plus any config extra holidays), so a temporary calendar is fine.
#include "zerodte/core/calendar.hpp"
#include "zerodte/core/time.hpp"
#include "zerodte/engine/timer_queue.hpp"

namespace zerodte::engine {

// "At 15:50 America/New_York on every trading day": fires at `local` exchange time on each
// trading day of `cal` (holidays and weekends skipped). It fires even when `local` is after an
// early close (use daily_before_close for session-relative times). A local time inside a DST gap
// fires at the shifted instant (see core::local_to_utc).
NextFireRule daily_at_local(const core::TradingCalendar& cal, core::TimeOfDay local);

// `before` before each trading day's close, following early closes (13:00 -> 12:50 for 10 min).
NextFireRule daily_before_close(const core::TradingCalendar& cal, core::Duration before);

// `after` after each trading day's open (e.g. 09:45 New York for 15 min).
NextFireRule daily_after_open(const core::TradingCalendar& cal, core::Duration after);

// Every `interval`, aligned to multiples of `interval` since the epoch (1 min -> :00 of every
// minute), around the clock. Same schedule as TimerQueue::schedule_every.
NextFireRule every_aligned(core::Duration interval);

// Like every_aligned, but only at instants inside a regular session of `cal`: open <= t < close
// (so with 1 min: 09:30, 09:31 .. 15:59 New York; 12:59 last on an early close). Returns
// Timestamp::max() (the timer stops) when no aligned instant falls inside any session within a
// year, e.g. a 1-day interval aligned to UTC midnight.
NextFireRule every_in_session(const core::TradingCalendar& cal, core::Duration interval);

}  // namespace zerodte::engine
