#include "zerodte/adapters/tradier/tradier_rest.hpp"

#include <fmt/format.h>

#include <charconv>

#include "zerodte/adapters/tradier/tradier_json.hpp"
#include "zerodte/execution/retry_policy.hpp"

namespace zerodte::adapters::tradier {

TradierRest::TradierRest(const TradierBrokerConfig& cfg, const core::Clock& clock)
    : cfg_(cfg),
      clock_(clock),
      trading_(cfg.trading_requests_per_minute, std::chrono::seconds(60)),
      other_(cfg.requests_per_minute, std::chrono::seconds(60)) {}

namespace {
std::string error_text(const std::string& body) {
  if (auto v = detail::parse(body, "tradier error"); v && v->is_object()) {
    const auto* e = detail::field(v->as_object(), "errors");
    if (e != nullptr && e->is_object()) {
      const auto* list = detail::field(e->as_object(), "error");
      if (list != nullptr && list->is_string()) return std::string(list->as_string());
      if (list != nullptr && list->is_array() && !list->as_array().empty() &&
          list->as_array()[0].is_string()) {
        return std::string(list->as_array()[0].as_string());
      }
    }
    if (auto f = detail::text(v->as_object(), "fault"); !f.empty()) return f;
  }
  return body.substr(0, 200);
}
}  // namespace

core::Result<sentiment::HttpResponse> TradierRest::call(std::string_view method,
                                                        std::string_view path,
                                                        std::string form_body,
                                                        std::string_view what) {
  // Order placement, modification and cancellation count against the trading limit.
  const bool trading = method != "GET" && path.find("/orders") != std::string_view::npos;
  {
    std::lock_guard lock(mu_);
    const core::Timestamp now = clock_.now();
    if (now < blocked_until_) {
      ++stats_.paced;
      return core::fail(core::ErrorCode::kRateLimited,
                        "tradier {}: not sent, rate limit holds calls for another {} ms", what,
                        (blocked_until_ - now).count() / 1'000'000);
    }
    net::SlidingWindow& w = trading ? trading_ : other_;
    if (!w.try_acquire(now)) {
      ++stats_.paced;
      return core::fail(core::ErrorCode::kRateLimited,
                        "tradier {}: not sent, {} {} calls in the last minute (pacing)", what,
                        w.limit(), trading ? "order" : "other");
    }
    ++stats_.sent;
  }
  sentiment::HttpRequest req;
  req.method = std::string(method);
  req.url = cfg_.rest_url + std::string(path);
  req.headers = {{"Authorization", "Bearer " + cfg_.token}, {"Accept", "application/json"}};
  if (!form_body.empty()) {
    req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  }
  req.body = std::move(form_body);
  sentiment::HttpOptions opt;
  opt.timeout = cfg_.request_timeout;
  opt.verify_tls = cfg_.verify_tls;
  auto r = sentiment::http_request(req, opt);
  if (!r) return std::unexpected(r.error().with_context(fmt::format("tradier {}", what)));
  {
    std::lock_guard lock(mu_);
    const core::Timestamp now = clock_.now();
    if (r->header("X-Ratelimit-Available") == "0") {
      const std::string exp = r->header("X-Ratelimit-Expiry");
      std::int64_t ms = 0;
      if (std::from_chars(exp.data(), exp.data() + exp.size(), ms).ec == std::errc{} && ms > 0) {
        blocked_until_ = std::max(blocked_until_, core::Timestamp{ms * 1'000'000});
      }
    }
    if (r->status == 429) {
      ++stats_.rate_limited;
      core::Duration wait = std::chrono::seconds(1);
      if (auto h = r->header("Retry-After"); !h.empty()) {
        if (auto d = net::parse_retry_after(h, now)) wait = *d;
      }
      blocked_until_ = std::max(blocked_until_, now + wait);
    }
  }
  if (r->status >= 200 && r->status < 300) return r;
  return std::unexpected(
      execution::http_error(r->status, fmt::format("tradier {}", what), error_text(r->body)));
}

RestStats TradierRest::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

core::Timestamp TradierRest::blocked_until() const {
  std::lock_guard lock(mu_);
  return blocked_until_;
}

}  // namespace zerodte::adapters::tradier
