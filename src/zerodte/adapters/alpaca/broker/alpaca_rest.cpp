#include "zerodte/adapters/alpaca/broker/alpaca_rest.hpp"

#include <fmt/format.h>

#include "zerodte/adapters/alpaca/broker/alpaca_json.hpp"
#include "zerodte/execution/retry_policy.hpp"

namespace zerodte::adapters::alpaca {

AlpacaRest::AlpacaRest(const AlpacaBrokerConfig& cfg, const core::Clock& clock)
    : cfg_(cfg), clock_(clock), window_(cfg.requests_per_minute, std::chrono::seconds(60)) {}

core::Result<sentiment::HttpResponse> AlpacaRest::call(std::string_view method,
                                                       std::string_view path, std::string body,
                                                       std::string_view what) {
  {
    std::lock_guard lock(mu_);
    const core::Timestamp now = clock_.now();
    if (now < blocked_until_) {
      ++stats_.paced;
      return core::fail(core::ErrorCode::kRateLimited,
                        "alpaca {}: not sent, Retry-After holds calls for another {} ms", what,
                        (blocked_until_ - now).count() / 1'000'000);
    }
    if (!window_.try_acquire(now)) {
      ++stats_.paced;
      return core::fail(core::ErrorCode::kRateLimited,
                        "alpaca {}: not sent, {} requests in the last minute (pacing)", what,
                        window_.limit());
    }
    ++stats_.sent;
  }
  sentiment::HttpRequest req;
  req.method = std::string(method);
  req.url = cfg_.rest_url + std::string(path);
  req.headers = {{"APCA-API-KEY-ID", cfg_.key_id},
                 {"APCA-API-SECRET-KEY", cfg_.secret},
                 {"Accept", "application/json"}};
  if (!body.empty()) req.headers.emplace_back("Content-Type", "application/json");
  req.body = std::move(body);
  sentiment::HttpOptions opt;
  opt.timeout = cfg_.request_timeout;
  opt.verify_tls = cfg_.verify_tls;
  auto r = sentiment::http_request(req, opt);
  if (!r) return std::unexpected(r.error().with_context(fmt::format("alpaca {}", what)));
  if (r->status >= 200 && r->status < 300) return r;
  if (r->status == 429) {
    std::lock_guard lock(mu_);
    ++stats_.rate_limited;
    const core::Timestamp now = clock_.now();
    core::Duration wait = std::chrono::seconds(1);
    if (auto h = r->header("Retry-After"); !h.empty()) {
      if (auto d = net::parse_retry_after(h, now)) wait = *d;
    }
    blocked_until_ = std::max(blocked_until_, now + wait);
  }
  // Alpaca errors are {"code": 40310000, "message": "..."}: keep the message (order reasons
  // are short fields downstream).
  std::string text = r->body.substr(0, 200);
  if (auto v = detail::parse(r->body, "alpaca error"); v && v->is_object()) {
    if (auto msg = detail::text(v->as_object(), "message"); !msg.empty()) text = msg;
  }
  core::Error e = execution::http_error(r->status, fmt::format("alpaca {}", what), text);
  // Alpaca answers 403 for refusals of the order itself (buying power, options level, PDT);
  // a bad key pair is 401.
  if (r->status == 403) e.code = core::ErrorCode::kRejected;
  return std::unexpected(std::move(e));
}

RestStats AlpacaRest::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

core::Timestamp AlpacaRest::blocked_until() const {
  std::lock_guard lock(mu_);
  return blocked_until_;
}

}  // namespace zerodte::adapters::alpaca
