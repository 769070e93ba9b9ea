#pragma once
// A token bucket on the kernel clock: `burst` messages at once, then one every per / burst.
// Discord webhooks allow about 5 requests per 2 s; Telegram about 20 messages a minute per group.
#include <algorithm>
#include <cstdint>

#include "zerodte/core/time.hpp"

namespace zerodte::publish {

struct RateLimit {
  int burst = 5;
  core::Duration per = std::chrono::seconds(2);
};

class TokenBucket {
 public:
  explicit TokenBucket(RateLimit r = {}) : limit_(r), tokens_(r.burst) {}
  // Takes one token at `now` when available.
  bool take(core::Timestamp now) {
    refill(now);
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
  }
  // When the next token will be there (now when one is).
  [[nodiscard]] core::Timestamp next_available(core::Timestamp now) {
    refill(now);
    if (tokens_ >= 1) return now;
    const double missing = 1 - tokens_;
    return now + core::Duration{static_cast<std::int64_t>(missing * interval_ns() + 0.5)};
  }

 private:
  [[nodiscard]] double interval_ns() const {
    return static_cast<double>(limit_.per.count()) / std::max(1, limit_.burst);
  }
  void refill(core::Timestamp now) {
    if (!last_.is_set()) last_ = now;
    if (now <= last_) return;
    tokens_ = std::min<double>(
        limit_.burst, tokens_ + static_cast<double>((now - last_).count()) / interval_ns());
    last_ = now;
  }
  RateLimit limit_;
  double tokens_;
  core::Timestamp last_;
};

}  // namespace zerodte::publish
