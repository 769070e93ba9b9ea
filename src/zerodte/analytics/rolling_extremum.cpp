#include "zerodte/analytics/rolling_extremum.hpp"

#include <bit>

#include "zerodte/core/assert.hpp"

namespace zerodte::analytics {

RollingExtremum::RollingExtremum(Kind kind, int max_samples, std::int64_t span_ns,
                                 std::int64_t required)
    : kind_(kind), max_samples_(max_samples), span_ns_(span_ns), required_(required) {
  ZDTE_ASSERT(max_samples >= 1, "rolling window must hold at least one sample");
  const std::uint64_t cap = std::bit_ceil(static_cast<std::uint64_t>(max_samples));
  buf_.resize(cap);
  mask_ = cap - 1;
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
  // Evict samples that left the window (by count, then by time). The deque then holds fewer
  // than max_samples entries, so the push below cannot overflow the ring.
  while (head_ != tail_ && at(head_).index <= index - max_samples_)
    ++head_;
  if (span_ns_ > 0) {
    while (head_ != tail_ && at(head_).ts_ns <= ts.ns - span_ns_)
      ++head_;
  }
  // Keep the deque monotonic: drop samples the new one dominates (ties: the newer one survives).
  if (kind_ == Kind::kMax) {
    while (head_ != tail_ && at(tail_ - 1).value <= x)
      --tail_;
  } else {
    while (head_ != tail_ && at(tail_ - 1).value >= x)
      --tail_;
  }
  at(tail_++) = Entry{index, ts.ns, x};
  return ready();
}

void RollingExtremum::reset() {
  seen_ = 0;
  head_ = tail_ = 0;
}

}  // namespace zerodte::analytics
