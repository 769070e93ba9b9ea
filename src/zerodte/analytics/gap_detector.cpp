#include "zerodte/analytics/gap_detector.hpp"

#include <algorithm>

#include "zerodte/core/assert.hpp"

namespace zerodte::analytics {

GapDetector::GapDetector(const core::TradingCalendar& calendar, core::Duration interval,
                         GapFillHook hook)
    : calendar_(calendar), interval_(interval), hook_(std::move(hook)) {
  ZDTE_ASSERT(interval.count() > 0, "gap detector interval must be positive");
}

const core::Session* GapDetector::session_for(core::Date d) {
  if (!cached_valid_ || cached_date_ != d) {
    cached_ = calendar_.session(d);
    cached_date_ = d;
    cached_valid_ = true;
  }
  return cached_ ? &*cached_ : nullptr;
}

void GapDetector::report(core::Timestamp start, core::Timestamp end) {
  if (end <= start) return;
  gaps_.push_back(Gap{start, end});
  if (hook_) hook_(gaps_.back());
}

void GapDetector::close_session() {
  if (current_ && expected_next_ < current_->close) report(expected_next_, current_->close);
}

BarPlacement GapDetector::on_bar(core::Timestamp bar_open) {
  const core::Date d = calendar_.local_date(bar_open);
  const core::Session* s = session_for(d);
  if (s == nullptr) {
    ++closed_day_;
    return BarPlacement::kClosedDay;
  }
  if (bar_open < s->open || bar_open + interval_ > s->close) {
    ++extended_;
    return BarPlacement::kExtendedHours;
  }
  if (!current_ || current_->date != s->date) {
    const bool had_session = current_.has_value();
    const core::Date prev_date = had_session ? current_->date : d;
    close_session();
    // Whole sessions with no bar at all between the previous session and this one.
    if (had_session) {
      for (core::Date g = calendar_.next_trading_day(prev_date); g < d;
           g = calendar_.next_trading_day(g)) {
        if (const auto gs = calendar_.session(g)) report(gs->open, gs->close);
      }
    }
    current_ = *s;
    expected_next_ = s->open;
  }
  if (bar_open > expected_next_) report(expected_next_, bar_open);
  if (bar_open + interval_ > expected_next_) expected_next_ = bar_open + interval_;
  return BarPlacement::kInSession;
}

void GapDetector::finish() {
  close_session();
  current_.reset();
}

std::optional<Gap> GapDetector::pending_gap(core::Timestamp now) const {
  if (!current_) return std::nullopt;
  // Bars opening before floor(now) have fully closed and should have arrived.
  const core::Timestamp until = std::min(now.floor(interval_), current_->close);
  if (until <= expected_next_) return std::nullopt;
  return Gap{expected_next_, until};
}

void GapDetector::fill(core::Timestamp bar_open) {
  filled_.push_back(bar_open);
}

std::vector<Gap> GapDetector::open_gaps() const {
  std::vector<core::Timestamp> filled = filled_;
  std::sort(filled.begin(), filled.end());
  std::vector<Gap> open;
  for (const Gap& g : gaps_) {
    // Split g around filled bars.
    core::Timestamp cursor = g.start;
    auto it = std::lower_bound(filled.begin(), filled.end(), g.start);
    for (; it != filled.end() && *it < g.end; ++it) {
      if (*it > cursor) open.push_back(Gap{cursor, *it});
      cursor = std::max(cursor, *it + interval_);
    }
    if (cursor < g.end) open.push_back(Gap{cursor, g.end});
  }
  return open;
}

}  // namespace zerodte::analytics
