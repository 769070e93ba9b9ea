#pragma once
// A small blocking HTTP/1.1 client over Boost.Beast (plain TCP or TLS with certificate
// verification), with one deadline for the whole exchange, for model APIs and news sources.
// Beast stays inside http_client.cpp. Header values (API keys) never appear in errors.
//   http_request: one request, whole response (Content-Length or chunked), at most max_body bytes.
//   http_stream:  one request, then the body is handed over in pieces as it arrives (X filtered
//                 stream); ends when the server closes, on_data returns false, or a read stalls
//                 longer than idle_timeout.
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::sentiment {

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // http://host:port/path?query or https://...
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  [[nodiscard]] std::string header(std::string_view name) const;  // case-insensitive; "" if none
};

struct HttpOptions {
  core::Duration timeout = std::chrono::seconds(5);        // whole exchange (http_request)
  core::Duration idle_timeout = std::chrono::seconds(30);  // between reads (http_stream)
  std::size_t max_body = 8u << 20;
  bool verify_tls = true;
};

// Transport errors: kTimeout (deadline), kTransport (connect/read/write/TLS), kConfig (bad URL).
// HTTP error statuses are returned as responses; see status_error() to map them.
core::Result<HttpResponse> http_request(const HttpRequest& req, const HttpOptions& opt = {});

using StreamHandler = std::function<bool(std::string_view data)>;
// Returns the response head (status, headers; body empty unless the status is not 2xx, then
// the error body). A stall longer than idle_timeout ends with kTimeout.
core::Result<HttpResponse> http_stream(const HttpRequest& req, const StreamHandler& on_data,
                                       const HttpOptions& opt = {});

// Maps a non-2xx status to an error: 401/403 kAuth, 429 kRateLimited, 5xx kTransport (retryable),
// other 4xx kRejected. `what` names the service; the body is cut to 200 characters.
core::Error status_error(std::string_view what, const HttpResponse& r);
[[nodiscard]] inline bool retryable(core::ErrorCode c) {
  return c == core::ErrorCode::kTransport || c == core::ErrorCode::kTimeout ||
         c == core::ErrorCode::kRateLimited;
}

}  // namespace zerodte::sentiment
