#include "zerodte/adapters/news/x_stream.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>
#include <thread>

#include "zerodte/adapters/news/news_parsers.hpp"
#include "zerodte/sentiment/http_client.hpp"

namespace zerodte::adapters::news {

namespace json = boost::json;
using sentiment::HttpOptions;
using sentiment::HttpRequest;

XStreamClient::XStreamClient(XStreamConfig cfg, const core::Clock& clock)
    : cfg_(std::move(cfg)), clock_(clock) {}

std::vector<std::pair<std::string, std::string>> XStreamClient::auth_headers() const {
  return {{"authorization", "Bearer " + env_or_empty(cfg_.bearer_env)}};
}

bool XStreamClient::keep(const model::NewsItem& n) const {
  if (cfg_.verified_only && !n.author_verified) return false;
  if (n.author_followers < cfg_.min_followers) return false;
  return n.likes + n.reposts + n.replies >= cfg_.min_engagement;
}

core::Status XStreamClient::sync_rules() {
  if (env_or_empty(cfg_.bearer_env).empty()) {
    return core::fail(core::ErrorCode::kAuth, "x: environment variable {} is not set",
                      cfg_.bearer_env);
  }
  HttpOptions opt;
  opt.timeout = cfg_.connect_timeout;
  HttpRequest get{"GET", cfg_.base_url + "/2/tweets/search/stream/rules", auth_headers(), {}};
  auto r = sentiment::http_request(get, opt);
  if (!r) return std::unexpected(r.error().with_context("x rules"));
  if (r->status != 200) return std::unexpected(sentiment::status_error("x rules", *r));
  boost::system::error_code ec;
  auto v = json::parse(r->body, ec);
  if (ec || !v.is_object())
    return core::fail(core::ErrorCode::kParse, "x rules: response is not a JSON object");
  std::set<std::string> want(cfg_.rules.begin(), cfg_.rules.end());
  json::array del;
  if (const auto* data = v.as_object().if_contains("data"); data && data->is_array()) {
    for (const auto& rule : data->as_array()) {
      if (!rule.is_object()) continue;
      const auto& o = rule.as_object();
      const std::string value = o.if_contains("value") && o.at("value").is_string()
                                    ? std::string(o.at("value").as_string())
                                    : "";
      if (want.erase(value) == 0 && o.if_contains("id")) del.push_back(o.at("id"));
    }
  }
  auto post = [&](json::object body) -> core::Status {
    HttpRequest req{"POST", cfg_.base_url + "/2/tweets/search/stream/rules", auth_headers(),
                    json::serialize(body)};
    req.headers.emplace_back("content-type", "application/json");
    auto pr = sentiment::http_request(req, opt);
    if (!pr) return std::unexpected(pr.error().with_context("x rules"));
    if (pr->status != 200 && pr->status != 201)
      return std::unexpected(sentiment::status_error("x rules", *pr));
    return core::ok();
  };
  if (!del.empty()) {
    if (auto st = post(json::object{{"delete", json::object{{"ids", del}}}}); !st) return st;
  }
  if (!want.empty()) {
    json::array add;
    for (const auto& w : want)
      add.push_back(json::object{{"value", w}});
    if (auto st = post(json::object{{"add", add}}); !st) return st;
  }
  return core::ok();
}

core::Status XStreamClient::stream_once(const NewsSink& sink, const std::atomic<bool>& stop) {
  ++stats_.polls;
  if (env_or_empty(cfg_.bearer_env).empty()) {
    ++stats_.auth_failures;
    return core::fail(core::ErrorCode::kAuth, "x: environment variable {} is not set",
                      cfg_.bearer_env);
  }
  HttpRequest req{
      "GET",
      cfg_.base_url +
          "/2/tweets/search/stream?tweet.fields=created_at,public_metrics,entities,author_id"
          "&expansions=author_id&user.fields=verified,public_metrics,username",
      auth_headers(),
      {}};
  HttpOptions opt;
  opt.timeout = cfg_.connect_timeout;
  opt.idle_timeout = cfg_.idle_timeout;
  std::string buf;
  bool got_data = false;
  auto on_data = [&](std::string_view chunk) {
    got_data = true;
    buf.append(chunk);
    std::size_t nl = 0;
    while ((nl = buf.find('\n')) != std::string::npos) {
      const std::string line = buf.substr(0, nl);
      buf.erase(0, nl + 1);
      auto batch = parse_x_stream_line(line);
      if (!batch) {
        if (batch.error().code == core::ErrorCode::kParse) {
          ++stats_.malformed;
          continue;
        }
        ++stats_.errors;
        return false;
      }
      stats_.skipped += batch->skipped;
      for (auto& n : batch->items) {
        if (!keep(n)) {
          ++stats_.filtered;
          continue;
        }
        n.ts_recv = clock_.now();
        ++stats_.items;
        sink(std::move(n));
      }
    }
    return !stop.load();
  };
  auto r = sentiment::http_stream(req, on_data, opt);
  if (!r) {
    ++stats_.disconnects;
    return std::unexpected(r.error().with_context("x stream"));
  }
  if (r->status != 200) {
    auto e = sentiment::status_error("x stream", *r);
    if (e.code == core::ErrorCode::kAuth) ++stats_.auth_failures;
    if (e.code == core::ErrorCode::kRateLimited) ++stats_.rate_limited;
    ++stats_.errors;
    return std::unexpected(e);
  }
  if (stop.load()) return core::ok();
  ++stats_.disconnects;
  (void)got_data;
  return core::fail(core::ErrorCode::kTransport, "x stream: server closed the stream");
}

core::Duration XStreamClient::reconnect_delay(const core::Status& last) {
  using namespace std::chrono_literals;
  if (last) {
    net_backoff_ = http_backoff_ = rate_backoff_ = core::Duration{0};
    return 0s;
  }
  switch (last.error().code) {
    case core::ErrorCode::kTransport:
    case core::ErrorCode::kTimeout:
      net_backoff_ = std::min<core::Duration>(16s, net_backoff_ + 250ms);
      return net_backoff_;
    case core::ErrorCode::kRateLimited:
      rate_backoff_ = rate_backoff_.count() == 0 ? core::Duration{60s} : rate_backoff_ * 2;
      return rate_backoff_;
    default:
      http_backoff_ = http_backoff_.count() == 0
                          ? core::Duration{5s}
                          : std::min<core::Duration>(320s, http_backoff_ * 2);
      return http_backoff_;
  }
}

void XStreamClient::run(const NewsSink& sink, const std::atomic<bool>& stop) {
  while (!stop.load()) {
    const auto st = stream_once(sink, stop);
    auto wait = reconnect_delay(st);
    while (!stop.load() && wait.count() > 0) {
      const auto step = std::min<core::Duration>(wait, std::chrono::milliseconds(50));
      std::this_thread::sleep_for(step);
      wait -= step;
    }
  }
}

}  // namespace zerodte::adapters::news
