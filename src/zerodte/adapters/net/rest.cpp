#include "zerodte/adapters/net/rest.hpp"

#include <algorithm>
#include <thread>

#include "zerodte/adapters/net/rate_limit.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/sentiment/http_client.hpp"

namespace zerodte::adapters::net {

void real_sleep(core::Duration d) {
  if (d.count() > 0) std::this_thread::sleep_for(d);
}

std::string redact_url(std::string_view url) {
  return std::string(url.substr(0, url.find('?')));
}

core::Result<std::string> rest_get(const std::string& url, const Headers& headers,
                                   const RestOptions& opt, Backoff& backoff, RestStats* stats) {
  RestStats local;
  RestStats& st = stats ? *stats : local;
  sentiment::HttpRequest req;
  req.url = url;
  req.headers = headers;
  sentiment::HttpOptions ho;
  ho.timeout = opt.timeout;
  ho.max_body = opt.max_body;
  ho.verify_tls = opt.verify_tls;
  const std::string where = redact_url(url);
  core::Error last{core::ErrorCode::kTransport, where + ": no attempt made"};
  for (int attempt = 0; attempt < std::max(1, opt.max_attempts); ++attempt) {
    if (attempt > 0) ++st.retries;
    ++st.requests;
    auto res = sentiment::http_request(req, ho);
    core::Duration wait{0};
    if (!res) {
      last = res.error().with_context(where);
      if (res.error().code == core::ErrorCode::kTimeout)
        ++st.timeouts;
      else
        ++st.transport_errors;
      if (res.error().code != core::ErrorCode::kTimeout &&
          res.error().code != core::ErrorCode::kTransport)
        return std::unexpected(last);
      wait = backoff.next();
    } else if (res->status >= 200 && res->status < 300) {
      backoff.reset();
      return std::move(res->body);
    } else {
      last = sentiment::status_error(where, *res);
      if (res->status == 429 || res->status == 503) {
        if (res->status == 429) ++st.rate_limited;
        const auto ra = res->header("Retry-After");
        auto parsed = ra.empty() ? core::Result<core::Duration>(core::Duration{0})
                                 : parse_retry_after(ra, core::wall_clock_now());
        wait = parsed && parsed->count() > 0 ? *parsed : backoff.next();
        if (wait > opt.max_retry_wait)
          return core::fail(
              core::ErrorCode::kRateLimited,
              "{}: HTTP {} with Retry-After {} s beyond the {} s limit", where, res->status,
              std::chrono::duration_cast<std::chrono::seconds>(wait).count(),
              std::chrono::duration_cast<std::chrono::seconds>(opt.max_retry_wait).count());
      } else if (res->status >= 500) {
        wait = backoff.next();
      } else {
        return std::unexpected(last);  // 401/403 kAuth, other 4xx kRejected: not retried
      }
    }
    if (attempt + 1 < std::max(1, opt.max_attempts)) {
      st.waited += wait;
      opt.sleep(wait);
    }
  }
  return std::unexpected(last);
}

}  // namespace zerodte::adapters::net
