#pragma once
// Message pacing: a token bucket (rate tokens per second, at most `burst` saved). TWS allows 50
// messages per second per client and answers more with error 100, then disconnects repeat
// offenders; zerodte sends at most `rate` (45 by default) with a small burst, so no one-second
// window can exceed rate + burst. Time is passed in (steady nanoseconds) so tests need no sleeps.
#include <cstdint>

namespace zerodte::adapters::ibkr {

class TokenBucket {
 public:
  TokenBucket(double rate_per_second, double burst);
  // Takes one token at `now_ns` and returns 0, or returns how long (ns) until one is available
  // (nothing taken).
  std::int64_t try_take(std::int64_t now_ns);
  void set_rate(double rate_per_second);
  [[nodiscard]] double rate() const { return rate_; }
  [[nodiscard]] double burst() const { return burst_; }

 private:
  void refill(std::int64_t now_ns);
  double rate_;
  double burst_;
  double tokens_;
  std::int64_t last_ns_ = -1;
};

}  // namespace zerodte::adapters::ibkr
