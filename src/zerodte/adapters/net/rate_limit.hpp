#pragma once
// Rate-limit helpers, all on explicit timestamps (core::Clock time) so they test on a SimClock.
//   parse_retry_after("120", now) / parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now)
//       -> how long to wait (HTTP 429/503 Retry-After: delay-seconds or HTTP-date, RFC 9110).
//   TokenBucket  : bursts up to `capacity`, refilled continuously at `per_second`.
//   LeakyBucket  : releases at most one call per `interval` (steady pacing, no bursts).
//   SlidingWindow: at most `limit` calls in any window of length `window` (vendor quotas such as
//                  "600 calls per minute"); keeps the call times of the last window.
#include <cstdint>
#include <deque>
#include <string_view>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::adapters::net {

// kParse naming the value when it is neither a non-negative integer nor an IMF-fixdate /
// RFC 850 / asctime date. Dates in the past give 0.
core::Result<core::Duration> parse_retry_after(std::string_view value, core::Timestamp now);
// "Sun, 06 Nov 1994 08:49:37 GMT" (and the two obsolete forms RFC 9110 requires accepting).
core::Result<core::Timestamp> parse_http_date(std::string_view value);

class TokenBucket {
 public:
  TokenBucket(double capacity, double per_second, core::Timestamp start);
  bool try_acquire(core::Timestamp now, double tokens = 1.0);
  // How long until `tokens` are available (0 if now).
  [[nodiscard]] core::Duration wait_time(core::Timestamp now, double tokens = 1.0);
  [[nodiscard]] double available(core::Timestamp now);

 private:
  void refill(core::Timestamp now);
  double capacity_, per_second_, tokens_;
  core::Timestamp last_;
};

class LeakyBucket {
 public:
  explicit LeakyBucket(core::Duration interval) : interval_(interval) {}
  // Earliest time >= now at which the next call may go.
  [[nodiscard]] core::Timestamp next_slot(core::Timestamp now) const;
  bool try_acquire(core::Timestamp now);  // true and consumes the slot when next_slot(now) == now
  void push_back(core::Duration d) { next_ = next_ + d; }  // e.g. after a 429

 private:
  core::Duration interval_;
  core::Timestamp next_{};
};

class SlidingWindow {
 public:
  SlidingWindow(std::int64_t limit, core::Duration window) : limit_(limit), window_(window) {}
  [[nodiscard]] std::int64_t count(core::Timestamp now);
  [[nodiscard]] bool allows(core::Timestamp now) { return count(now) < limit_; }
  void record(core::Timestamp now) { calls_.push_back(now); }
  bool try_acquire(core::Timestamp now);
  // Earliest time a call would be allowed.
  [[nodiscard]] core::Timestamp next_allowed(core::Timestamp now);
  [[nodiscard]] std::int64_t limit() const { return limit_; }

 private:
  void expire(core::Timestamp now);
  std::int64_t limit_;
  core::Duration window_;
  std::deque<core::Timestamp> calls_;
};

}  // namespace zerodte::adapters::net
