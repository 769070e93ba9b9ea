#pragma once
// One paced, authenticated call to the Tradier API (Bearer token, Accept: application/json,
// form-encoded bodies). Pacing on the injected clock: order calls (POST/PUT/DELETE on orders) and
// other calls have their own per-minute windows; a 429 holds every call until its Retry-After (1 s
// when absent), and X-Ratelimit-Available: 0 holds calls until X-Ratelimit-Expiry (epoch ms).
// A held call fails at once with kRateLimited and is not sent. Errors carry Tradier's
// {"errors":{"error":[...]}} text; the token never appears in them.
#include <mutex>
#include <string>
#include <string_view>

#include "zerodte/adapters/net/rate_limit.hpp"
#include "zerodte/adapters/tradier/tradier_config.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/sentiment/http_client.hpp"

namespace zerodte::adapters::tradier {

struct RestStats {
  std::uint64_t sent = 0;
  std::uint64_t paced = 0;
  std::uint64_t rate_limited = 0;
};

class TradierRest {
 public:
  TradierRest(const TradierBrokerConfig& cfg, const core::Clock& clock);
  // `path` after the base URL ("/accounts/ID/orders"); `what` names the call in errors.
  core::Result<sentiment::HttpResponse> call(std::string_view method, std::string_view path,
                                             std::string form_body, std::string_view what);
  [[nodiscard]] RestStats stats() const;
  [[nodiscard]] core::Timestamp blocked_until() const;

 private:
  const TradierBrokerConfig& cfg_;
  const core::Clock& clock_;
  mutable std::mutex mu_;
  net::SlidingWindow trading_;
  net::SlidingWindow other_;
  core::Timestamp blocked_until_{};
  RestStats stats_;
};

}  // namespace zerodte::adapters::tradier
