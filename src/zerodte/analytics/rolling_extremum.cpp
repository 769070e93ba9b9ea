#include "zerodte/analytics/rolling_extremum.hpp"

namespace zerodte::analytics {

RollingExtremum::RollingExtremum(Kind kind, int max_samples, std::int64_t span_ns,
                                 std::int64_t required)
    : kind_(kind),
      max_samples_(max_samples),
      span_ns_(span_ns),
      required_(required),
      deque_(static_cast<std::size_t>(max_samples)) {
  ZDTE_ASSERT(max_samples >= 1, "rolling window must hold at least one sample");
}

RollingExtremum RollingExtremum::count_window(Kind kind, int n) {
  return RollingExtremum(kind, n, 0, n);
}

RollingExtremum RollingExtremum::time_window(Kind kind, core::Duration span, int max_samples) {
  ZDTE_ASSERT(span.count() > 0, "time window span must be positive");
  return RollingExtremum(kind, max_samples, span.count(), 1);
}

bool RollingExtremum::update(double x, core::Timestamp ts) {
  const std::int64_t index = seen_++;
  // Evict samples that left the window (by count, then by time).
  while (!deque_.empty() && deque_.front().index <= index - max_samples_)
    deque_.pop_front();
  if (span_ns_ > 0) {
    while (!deque_.empty() && deque_.front().ts_ns <= ts.ns - span_ns_)
      deque_.pop_front();
  }
  // Keep the deque monotonic: drop samples the new one dominates (ties: the newer one survives).
  if (kind_ == Kind::kMax) {
    while (!deque_.empty() && deque_.back().value <= x)
      deque_.pop_back();
  } else {
    while (!deque_.empty() && deque_.back().value >= x)
      deque_.pop_back();
  }
  deque_.push(Entry{index, ts.ns, x});
  return ready();
}

void RollingExtremum::reset() {
  seen_ = 0;
  deque_.clear();
}

}  // namespace zerodte::analytics
