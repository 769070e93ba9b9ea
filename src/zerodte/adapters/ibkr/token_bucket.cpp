#include "zerodte/adapters/ibkr/token_bucket.hpp"

#include <algorithm>
#include <cmath>

#include "zerodte/core/assert.hpp"

namespace zerodte::adapters::ibkr {

TokenBucket::TokenBucket(double rate_per_second, double burst)
    : rate_(rate_per_second), burst_(std::max(1.0, burst)), tokens_(std::max(1.0, burst)) {
  ZDTE_ASSERT(rate_per_second > 0, "pacing rate must be positive");
}

void TokenBucket::refill(std::int64_t now_ns) {
  if (last_ns_ >= 0 && now_ns > last_ns_) {
    tokens_ = std::min(burst_, tokens_ + static_cast<double>(now_ns - last_ns_) * 1e-9 * rate_);
  }
  if (now_ns > last_ns_) last_ns_ = now_ns;
}

std::int64_t TokenBucket::try_take(std::int64_t now_ns) {
  refill(now_ns);
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    return 0;
  }
  const double wait_s = (1.0 - tokens_) / rate_;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(wait_s * 1e9)));
}

void TokenBucket::set_rate(double rate_per_second) {
  ZDTE_ASSERT(rate_per_second > 0, "pacing rate must be positive");
  rate_ = rate_per_second;
}

}  // namespace zerodte::adapters::ibkr
