#pragma once
// Session-aware gap detection for a bar stream (seed 004 section 4.2): a bar start that should
// exist inside a regular session but did not arrive is reported as a Gap with its start, end and
// duration; whole missing sessions too. Bars outside the regular session are classified as
// extended hours (reported, never counted as gaps). A GapFillHook is called for every new gap so
// the data layer can backfill it (REST); fill() marks backfilled bars and closes gaps.
#include <functional>
#include <optional>
#include <vector>

#include "zerodte/core/calendar.hpp"

namespace zerodte::analytics {

struct Gap {
  core::Timestamp start;  // first missing bar's open time
  core::Timestamp end;    // open time of the first bar after the gap (exclusive)
  [[nodiscard]] core::Duration duration() const { return end - start; }
  [[nodiscard]] std::int64_t missing_bars(core::Duration interval) const {
    return duration().count() / interval.count();
  }
  bool operator==(const Gap&) const = default;
};

using GapFillHook = std::function<void(const Gap&)>;

enum class BarPlacement : std::uint8_t { kInSession, kExtendedHours, kClosedDay };

class GapDetector {
 public:
  GapDetector(const core::TradingCalendar& calendar, core::Duration interval,
              GapFillHook hook = {});

  // Feed bar open times in increasing order. Returns where the bar lies; new gaps (before this
  // bar) are appended to gaps() and passed to the hook.
  BarPlacement on_bar(core::Timestamp bar_open);
  // End of data (or end of day): reports bars missing up to the close of the last session seen.
  void finish();
  // Live staleness check (seed 004: NOW - last bar > interval): the gap that is open at `now`,
  // without recording it (bars may still arrive late).
  [[nodiscard]] std::optional<Gap> pending_gap(core::Timestamp now) const;
  // A backfilled bar arrived: shrinks or closes the gap containing it.
  void fill(core::Timestamp bar_open);

  [[nodiscard]] const std::vector<Gap>& gaps() const { return gaps_; }  // all detected
  [[nodiscard]] std::vector<Gap> open_gaps() const;                     // not yet filled
  [[nodiscard]] core::Duration interval() const { return interval_; }
  [[nodiscard]] std::size_t extended_hours_bars() const { return extended_; }
  [[nodiscard]] std::size_t closed_day_bars() const { return closed_day_; }

 private:
  const core::Session* session_for(core::Date d);
  void report(core::Timestamp start, core::Timestamp end);
  void close_session();

  const core::TradingCalendar& calendar_;
  core::Duration interval_;
  GapFillHook hook_;
  std::optional<core::Session> cached_;  // last looked-up session (by date)
  core::Date cached_date_{};
  bool cached_valid_ = false;
  std::optional<core::Session> current_;  // session of the last in-session bar
  core::Timestamp expected_next_;
  std::vector<Gap> gaps_;
  std::vector<core::Timestamp> filled_;  // backfilled bar opens
  std::size_t extended_ = 0;
  std::size_t closed_day_ = 0;
};

}  // namespace zerodte::analytics
