#pragma once
// Reconnect delays: exponential backoff with "full jitter" (AWS architecture blog): attempt n
// waits a uniform random time in [0, min(cap, base * 2^n)], drawn from a seeded RNG so runs are
// reproducible. reset() after a successful session starts again from `base`.
//   net::Backoff b({.base = 500ms, .cap = 30s, .seed = 7});
//   while (!connected) { sleep(b.next()); ... }   b.reset() once data flows again.
#include <cstdint>
#include <random>

#include "zerodte/core/time.hpp"

namespace zerodte::adapters::net {

struct BackoffConfig {
  core::Duration base = std::chrono::milliseconds(500);
  core::Duration cap = std::chrono::seconds(30);
  std::uint64_t seed = 1;
  // When > 0, the delay never goes below this floor (e.g. a vendor's minimum reconnect pause).
  core::Duration floor{0};
};

class Backoff {
 public:
  explicit Backoff(BackoffConfig cfg = {});
  // The delay before the next attempt; increments the attempt count.
  core::Duration next();
  // The ceiling next() would draw under for the current attempt (no jitter).
  [[nodiscard]] core::Duration ceiling() const;
  void reset() { attempt_ = 0; }
  [[nodiscard]] int attempts() const { return attempt_; }
  [[nodiscard]] const BackoffConfig& config() const { return cfg_; }

 private:
  BackoffConfig cfg_;
  std::mt19937_64 rng_;
  int attempt_ = 0;
};

}  // namespace zerodte::adapters::net
