#pragma once
// REST calls for the feed adapters over zerodte::sentiment::http_request (one connection per
// request: the feeds' REST traffic is a few calls per minute plus backfills, so keep-alive is
// not worth a second HTTP client). rest_get() adds the policy every adapter needs:
//   * HTTP 429 / 503 with Retry-After: waits that long (capped by max_retry_wait) and retries;
//   * transport errors, timeouts and 5xx: retried with the caller's Backoff;
//   * 401/403 -> kAuth at once (never retried); other 4xx -> kRejected.
// Waiting goes through `sleep` so tests can record the waits instead of sleeping.
//   net::RestOptions o; o.timeout = 2s;
//   auto body = net::rest_get(url, {{"APCA-API-KEY-ID", key}}, o, backoff);
// Errors name the URL path (never the query, which may carry an API key) and never headers.
#include <functional>
#include <string>
#include <string_view>

#include "zerodte/adapters/net/backoff.hpp"
#include "zerodte/adapters/net/websocket_client.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::adapters::net {

using Sleeper = std::function<void(core::Duration)>;
void real_sleep(core::Duration d);

struct RestOptions {
  core::Duration timeout = std::chrono::seconds(5);  // per attempt, whole exchange
  int max_attempts = 3;
  core::Duration max_retry_wait = std::chrono::seconds(60);
  std::size_t max_body = 32u << 20;
  bool verify_tls = true;
  Sleeper sleep = real_sleep;
};

struct RestStats {
  std::uint64_t requests = 0, rate_limited = 0, timeouts = 0, transport_errors = 0, retries = 0;
  core::Duration waited{0};  // total Retry-After / backoff wait
};

core::Result<std::string> rest_get(const std::string& url, const Headers& headers,
                                   const RestOptions& opt, Backoff& backoff,
                                   RestStats* stats = nullptr);

// "https://host/path?apikey=..." -> "https://host/path" (for messages).
std::string redact_url(std::string_view url);

}  // namespace zerodte::adapters::net
