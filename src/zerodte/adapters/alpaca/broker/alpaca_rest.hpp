#pragma once
// One paced, authenticated REST call to the Alpaca Trading API. Pacing is client-side and on the
// injected clock: at most `requests_per_minute` calls in any 60 s window, and nothing at all
// before the time a 429's Retry-After named (default 1 s when the header is absent). A call the
// pacer holds back fails at once with kRateLimited ("not sent"), so the order manager retries on
// its kernel timers instead of this call blocking. Non-2xx statuses map through
// execution::http_error (429 kRateLimited, 401/403 kAuth, 404 kNotFound, 5xx kTransport, other
// 4xx kRejected). The key pair travels only in headers; it never appears in messages.
#include <mutex>
#include <string>
#include <string_view>

#include "zerodte/adapters/alpaca/broker/alpaca_config.hpp"
#include "zerodte/adapters/net/rate_limit.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/sentiment/http_client.hpp"

namespace zerodte::adapters::alpaca {

struct RestStats {
  std::uint64_t sent = 0;
  std::uint64_t paced = 0;         // refused locally (window full or inside Retry-After)
  std::uint64_t rate_limited = 0;  // 429 answers
};

class AlpacaRest {
 public:
  AlpacaRest(const AlpacaBrokerConfig& cfg, const core::Clock& clock);

  // `path` starts with "/v2/..."; `what` names the call in errors ("submit zabc-123").
  core::Result<sentiment::HttpResponse> call(std::string_view method, std::string_view path,
                                             std::string body, std::string_view what);
  [[nodiscard]] RestStats stats() const;
  // When the pacer will let the next call through (tests, health).
  [[nodiscard]] core::Timestamp blocked_until() const;

 private:
  const AlpacaBrokerConfig& cfg_;
  const core::Clock& clock_;
  mutable std::mutex mu_;
  net::SlidingWindow window_;
  core::Timestamp blocked_until_{};
  RestStats stats_;
};

}  // namespace zerodte::adapters::alpaca
