#include "zerodte/execution/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace zerodte::execution {

RetryClass classify(const core::Error& e) {
  switch (e.code) {
    case core::ErrorCode::kTransport:
    case core::ErrorCode::kTimeout:
    case core::ErrorCode::kIo:
      return RetryClass::kRetry;
    case core::ErrorCode::kRateLimited:
      return RetryClass::kRetryLater;
    default:
      return RetryClass::kNoRetry;
  }
}

core::Error http_error(int http_status, std::string_view call, std::string_view body) {
  core::ErrorCode code = core::ErrorCode::kRejected;
  if (http_status >= 500)
    code = core::ErrorCode::kTransport;
  else if (http_status == 429)
    code = core::ErrorCode::kRateLimited;
  else if (http_status == 401 || http_status == 403)
    code = core::ErrorCode::kAuth;
  else if (http_status == 404)
    code = core::ErrorCode::kNotFound;
  else if (http_status == 408)
    code = core::ErrorCode::kTimeout;
  return core::Error{code, fmt::format("{}: HTTP {}: {}", call, http_status, body)};
}

std::uint64_t JitterRng::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double JitterRng::uniform01() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

core::Duration Backoff::nominal_delay(std::uint32_t attempt) const {
  if (attempt <= 1) return core::Duration{0};
  const double base = static_cast<double>(policy_.initial_delay.count()) *
                      std::pow(policy_.multiplier, static_cast<double>(attempt - 2));
  const double capped = std::min(base, static_cast<double>(policy_.max_delay.count()));
  return core::Duration{static_cast<std::int64_t>(capped)};
}

bool Backoff::should_retry(std::uint32_t attempts_made, const core::Error& e) const {
  return classify(e) != RetryClass::kNoRetry && attempts_made < policy_.max_attempts;
}

core::Duration Backoff::next_delay(std::uint32_t attempt, const core::Error& e) {
  const core::Duration nominal = nominal_delay(attempt);
  const double j = std::clamp(policy_.jitter_fraction, 0.0, 1.0);
  const double scaled = static_cast<double>(nominal.count()) * (1.0 - j * rng_.uniform01());
  core::Duration d{static_cast<std::int64_t>(scaled)};
  if (classify(e) == RetryClass::kRetryLater) d = std::max(d, policy_.rate_limit_floor);
  return d;
}

}  // namespace zerodte::execution
