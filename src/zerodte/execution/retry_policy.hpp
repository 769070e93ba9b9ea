#pragma once
// Retry with exponential backoff and jitter (seed 004 §6.2). Transport failures, timeouts, 5xx
// and 429 are retried; 4xx and venue rejects are not (sending the same bad request again cannot
// help and may hit a rate limit). Delays are nominal * 2^(attempt-1), capped, then jittered down
// by up to `jitter_fraction` with a seeded RNG, so runs are reproducible and a fleet of clients
// does not retry in lock-step. The order manager schedules retries on kernel timers: nothing
// sleeps on the kernel thread.
#include <cstdint>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::execution {

enum class RetryClass : std::uint8_t {
  kRetry,       // transport failure, timeout, HTTP 5xx
  kRetryLater,  // rate limited (HTTP 429): retry, delay at least rate_limit_floor
  kNoRetry,     // 4xx, venue reject, invalid request, auth, unsupported
};

[[nodiscard]] RetryClass classify(const core::Error& e);

// Adapters map an HTTP status to the error code the retry policy understands:
// 5xx -> kTransport, 429 -> kRateLimited, 401/403 -> kAuth, 404 -> kNotFound, other 4xx ->
// kRejected. The message names the call and carries the status and the venue's text.
[[nodiscard]] core::Error http_error(int http_status, std::string_view call, std::string_view body);

struct RetryPolicy {
  std::uint32_t max_attempts = 4;  // including the first
  core::Duration initial_delay = std::chrono::milliseconds(500);
  double multiplier = 2.0;
  core::Duration max_delay = std::chrono::seconds(8);
  double jitter_fraction = 0.2;  // delay drawn uniformly from [d * (1 - j), d]
  core::Duration rate_limit_floor = std::chrono::seconds(1);
};

// Deterministic RNG for jitter (SplitMix64): the same seed gives the same delays on every run.
class JitterRng {
 public:
  explicit JitterRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  double uniform01();  // [0, 1)

 private:
  std::uint64_t state_;
};

class Backoff {
 public:
  Backoff(const RetryPolicy& policy, std::uint64_t seed) : policy_(policy), rng_(seed) {}

  // Nominal (un-jittered) delay before attempt `attempt` (2 = first retry).
  [[nodiscard]] core::Duration nominal_delay(std::uint32_t attempt) const;
  // Whether another attempt should follow `attempts_made` attempts, the last failing with `e`.
  [[nodiscard]] bool should_retry(std::uint32_t attempts_made, const core::Error& e) const;
  // Jittered delay before attempt `attempt` (advances the RNG).
  core::Duration next_delay(std::uint32_t attempt, const core::Error& e);

  [[nodiscard]] const RetryPolicy& policy() const { return policy_; }

 private:
  RetryPolicy policy_;
  JitterRng rng_;
};

}  // namespace zerodte::execution
