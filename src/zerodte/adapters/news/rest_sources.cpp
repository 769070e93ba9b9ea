#include "zerodte/adapters/news/rest_sources.hpp"

#include <boost/json.hpp>

#include <cmath>

#include "zerodte/adapters/news/news_parsers.hpp"
#include "zerodte/sentiment/http_client.hpp"

namespace zerodte::adapters::news {

namespace json = boost::json;
using sentiment::HttpOptions;
using sentiment::HttpRequest;
using sentiment::HttpResponse;

namespace {

// Sets `throttle` from Retry-After (seconds) when present.
void read_retry_after(const HttpResponse& r, core::Duration& throttle) {
  const std::string ra = r.header("retry-after");
  if (ra.empty()) return;
  char* end = nullptr;
  const double s = std::strtod(ra.c_str(), &end);
  if (end != ra.c_str() && s > 0) {
    throttle = std::chrono::duration_cast<core::Duration>(std::chrono::duration<double>(s));
  }
}

core::Result<HttpResponse> get(const std::string& url,
                               std::vector<std::pair<std::string, std::string>> headers,
                               core::Duration timeout, std::string_view what,
                               core::Duration& throttle) {
  HttpRequest req;
  req.method = "GET";
  req.url = url;
  req.headers = std::move(headers);
  HttpOptions opt;
  opt.timeout = timeout;
  auto r = sentiment::http_request(req, opt);
  if (!r) return std::unexpected(r.error().with_context(what));
  if (r->status < 200 || r->status >= 300) {
    read_retry_after(*r, throttle);
    return std::unexpected(sentiment::status_error(what, *r));
  }
  return r;
}

void emit(const ParsedBatch& batch, SeenIds& seen, SourceStats& stats, const core::Clock& clock,
          const NewsSink& sink) {
  stats.skipped += batch.skipped;
  for (const auto& item : batch.items) {
    if (!seen.insert(item.source + "/" + item.id)) {
      ++stats.duplicates;
      continue;
    }
    model::NewsItem n = item;
    n.ts_recv = clock.now();
    ++stats.items;
    sink(std::move(n));
  }
}

}  // namespace

// ---------------------------------------------------------------- Reddit
RedditSource::RedditSource(RedditConfig cfg, const core::Clock& clock)
    : cfg_(std::move(cfg)), clock_(clock) {
  interval_ = cfg_.interval;
}

core::Status RedditSource::authenticate() {
  const std::string id = env_or_empty(cfg_.client_id_env);
  const std::string secret = env_or_empty(cfg_.client_secret_env);
  if (id.empty()) {
    return core::fail(core::ErrorCode::kAuth, "reddit: environment variable {} is not set",
                      cfg_.client_id_env);
  }
  HttpRequest req;
  req.method = "POST";
  req.url = cfg_.auth_url + "/api/v1/access_token";
  req.headers = {{"authorization", "Basic " + base64(id + ":" + secret)},
                 {"user-agent", cfg_.user_agent},
                 {"content-type", "application/x-www-form-urlencoded"}};
  req.body = "grant_type=client_credentials";
  HttpOptions opt;
  opt.timeout = cfg_.timeout;
  auto r = sentiment::http_request(req, opt);
  if (!r) return std::unexpected(r.error().with_context("reddit auth"));
  if (r->status != 200) {
    read_retry_after(*r, throttle_until_);
    return std::unexpected(sentiment::status_error("reddit auth", *r));
  }
  boost::system::error_code ec;
  auto v = json::parse(r->body, ec);
  if (ec || !v.is_object() || !v.as_object().if_contains("access_token") ||
      !v.as_object().at("access_token").is_string()) {
    return core::fail(core::ErrorCode::kParse, "reddit auth: response has no access_token");
  }
  token_ = std::string(v.as_object().at("access_token").as_string());
  std::int64_t expires = 3600;
  if (const auto* e = v.as_object().if_contains("expires_in"); e && e->is_int64())
    expires = e->as_int64();
  token_expiry_ = clock_.now() + std::chrono::seconds(std::max<std::int64_t>(60, expires - 60));
  return core::ok();
}

core::Status RedditSource::fetch(const std::string& path, const NewsSink& sink) {
  HttpRequest req;
  req.url = cfg_.api_url + path;
  req.headers = {{"authorization", "bearer " + token_}, {"user-agent", cfg_.user_agent}};
  HttpOptions opt;
  opt.timeout = cfg_.timeout;
  auto r = sentiment::http_request(req, opt);
  if (!r) return std::unexpected(r.error().with_context("reddit"));
  // Rate limit: stop early when the window is used up.
  const std::string remaining = r->header("x-ratelimit-remaining");
  const std::string reset = r->header("x-ratelimit-reset");
  if (!remaining.empty() && std::strtod(remaining.c_str(), nullptr) < 1.0 && !reset.empty()) {
    throttle_until_ = std::chrono::seconds(
        static_cast<std::int64_t>(std::ceil(std::strtod(reset.c_str(), nullptr))));
  }
  if (r->status == 401) token_.clear();
  if (r->status != 200) {
    read_retry_after(*r, throttle_until_);
    return std::unexpected(sentiment::status_error("reddit " + path, *r));
  }
  auto batch = parse_reddit_listing(r->body);
  if (!batch) return std::unexpected(batch.error());
  ParsedBatch kept;
  kept.skipped = batch->skipped;
  for (auto& n : batch->items) {
    if (n.likes < cfg_.min_score) {
      ++stats_.filtered;
      continue;
    }
    kept.items.push_back(std::move(n));
  }
  emit(kept, seen_, stats_, clock_, sink);
  return core::ok();
}

core::Status RedditSource::poll_once(const NewsSink& sink) {
  ++stats_.polls;
  if (token_.empty() || clock_.now() >= token_expiry_) {
    if (auto st = authenticate(); !st) {
      count_error(st.error());
      return st;
    }
  }
  for (const auto& sub : cfg_.subreddits) {
    for (const char* listing : {"new", "comments"}) {
      if (std::string_view(listing) == "comments" && !cfg_.comments) continue;
      auto st = fetch(fmt::format("/r/{}/{}?limit={}&raw_json=1", sub, listing, cfg_.limit), sink);
      if (!st) {
        count_error(st.error());
        return st;
      }
      if (throttle_until_.count() > 0) return core::ok();  // window used up: wait for the reset
    }
  }
  return core::ok();
}

// ---------------------------------------------------------------- Finnhub
FinnhubSource::FinnhubSource(FinnhubConfig cfg, const core::Clock& clock)
    : cfg_(std::move(cfg)), clock_(clock) {
  interval_ = cfg_.interval;
}

core::Status FinnhubSource::poll_once(const NewsSink& sink) {
  ++stats_.polls;
  const std::string token = env_or_empty(cfg_.token_env);
  if (token.empty()) {
    auto e =
        core::Error{core::ErrorCode::kAuth,
                    fmt::format("finnhub: environment variable {} is not set", cfg_.token_env)};
    count_error(e);
    return std::unexpected(e);
  }
  auto r = get(
      fmt::format("{}/api/v1/news?category={}&minId={}", cfg_.base_url, cfg_.category, last_id_),
      {{"x-finnhub-token", token}}, cfg_.timeout, "finnhub", throttle_until_);
  if (!r) {
    count_error(r.error());
    return std::unexpected(r.error());
  }
  auto batch = parse_finnhub_news(r->body);
  if (!batch) {
    count_error(batch.error());
    return std::unexpected(batch.error());
  }
  for (const auto& n : batch->items)
    last_id_ = std::max<std::int64_t>(last_id_, std::strtoll(n.id.c_str(), nullptr, 10));
  emit(*batch, seen_, stats_, clock_, sink);
  return core::ok();
}

// ---------------------------------------------------------------- Benzinga
BenzingaSource::BenzingaSource(BenzingaConfig cfg, const core::Clock& clock)
    : cfg_(std::move(cfg)), clock_(clock) {
  interval_ = cfg_.interval;
}

core::Status BenzingaSource::poll_once(const NewsSink& sink) {
  ++stats_.polls;
  const std::string token = env_or_empty(cfg_.token_env);
  if (token.empty()) {
    auto e =
        core::Error{core::ErrorCode::kAuth,
                    fmt::format("benzinga: environment variable {} is not set", cfg_.token_env)};
    count_error(e);
    return std::unexpected(e);
  }
  const std::int64_t now_s = clock_.now().ns / core::kNanosPerSecond;
  auto r =
      get(fmt::format("{}/api/v2/news?token={}&pageSize={}&displayOutput=abstract&updatedSince={}",
                      cfg_.base_url, token, cfg_.page_size, updated_since_),
          {{"accept", "application/json"}}, cfg_.timeout, "benzinga", throttle_until_);
  if (!r) {
    count_error(r.error());
    return std::unexpected(r.error());
  }
  auto batch = parse_benzinga_news(r->body);
  if (!batch) {
    count_error(batch.error());
    return std::unexpected(batch.error());
  }
  updated_since_ = now_s - 5;  // small overlap; duplicates are suppressed by id
  emit(*batch, seen_, stats_, clock_, sink);
  return core::ok();
}

// ---------------------------------------------------------------- RSS / Atom
FeedSource::FeedSource(FeedConfig cfg, const core::Clock& clock)
    : cfg_(std::move(cfg)), clock_(clock) {
  interval_ = cfg_.interval;
}

core::Status FeedSource::poll_once(const NewsSink& sink) {
  ++stats_.polls;
  auto r = get(cfg_.url,
               {{"user-agent", cfg_.user_agent},
                {"accept", "application/rss+xml, application/atom+xml, */*"}},
               cfg_.timeout, cfg_.name, throttle_until_);
  if (!r) {
    count_error(r.error());
    return std::unexpected(r.error());
  }
  auto batch = parse_feed(r->body, cfg_.name);
  if (!batch) {
    count_error(batch.error());
    return std::unexpected(batch.error());
  }
  emit(*batch, seen_, stats_, clock_, sink);
  return core::ok();
}

}  // namespace zerodte::adapters::news
