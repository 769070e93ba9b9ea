#pragma once
// Polling news sources:
//  RedditSource   OAuth2 app-only (client credentials, basic auth) then /r/<sub>/new and
//                 /r/<sub>/comments for each subreddit; honours X-Ratelimit-Remaining/-Reset;
//                 a 401 drops the token (the next round re-authenticates).
//  FinnhubSource  /api/v1/news?category=...&minId=<last> with the X-Finnhub-Token header.
//  BenzingaSource /api/v2/news?token=..&updatedSince=<unix> (Accept: application/json).
//  FeedSource     any RSS 2.0 / Atom feed URL (SEC EDGAR, company press releases).
// 429 answers set the next delay from Retry-After; errors back off exponentially.
#include <string>
#include <vector>

#include "zerodte/adapters/news/news_source.hpp"

namespace zerodte::adapters::news {

struct RedditConfig {
  std::string auth_url = "https://www.reddit.com";
  std::string api_url = "https://oauth.reddit.com";
  std::string client_id_env = "REDDIT_CLIENT_ID";
  std::string client_secret_env = "REDDIT_CLIENT_SECRET";
  std::string user_agent = "linux:zerodte:0.1 (news ingestion)";
  std::vector<std::string> subreddits{"wallstreetbets", "options", "stocks", "StockMarket"};
  bool comments = true;
  int limit = 100;
  std::int64_t min_score = 0;
  core::Duration interval = std::chrono::seconds(10);  // 4 subs x 2 listings / 10 s < 100 QPM
  core::Duration timeout = std::chrono::seconds(10);
};

class RedditSource final : public PollingSource {
 public:
  RedditSource(RedditConfig cfg, const core::Clock& clock);
  [[nodiscard]] std::string_view name() const override { return "reddit"; }
  core::Status poll_once(const NewsSink& sink) override;

 private:
  core::Status authenticate();
  core::Status fetch(const std::string& path, const NewsSink& sink);
  RedditConfig cfg_;
  const core::Clock& clock_;
  std::string token_;
  core::Timestamp token_expiry_;
  SeenIds seen_;
};

struct FinnhubConfig {
  std::string base_url = "https://finnhub.io";
  std::string token_env = "FINNHUB_API_KEY";
  std::string category = "general";
  core::Duration interval = std::chrono::seconds(5);  // free tier: 60 calls/min
  core::Duration timeout = std::chrono::seconds(10);
};

class FinnhubSource final : public PollingSource {
 public:
  FinnhubSource(FinnhubConfig cfg, const core::Clock& clock);
  [[nodiscard]] std::string_view name() const override { return "finnhub"; }
  core::Status poll_once(const NewsSink& sink) override;

 private:
  FinnhubConfig cfg_;
  const core::Clock& clock_;
  std::int64_t last_id_ = 0;
  SeenIds seen_;
};

struct BenzingaConfig {
  std::string base_url = "https://api.benzinga.com";
  std::string token_env = "BENZINGA_API_KEY";
  int page_size = 50;
  core::Duration interval = std::chrono::seconds(5);
  core::Duration timeout = std::chrono::seconds(10);
};

class BenzingaSource final : public PollingSource {
 public:
  BenzingaSource(BenzingaConfig cfg, const core::Clock& clock);
  [[nodiscard]] std::string_view name() const override { return "benzinga"; }
  core::Status poll_once(const NewsSink& sink) override;

 private:
  BenzingaConfig cfg_;
  const core::Clock& clock_;
  std::int64_t updated_since_ = 0;  // unix seconds
  SeenIds seen_;
};

struct FeedConfig {
  std::string name = "feed";  // e.g. "sec-edgar-8k"
  std::string url;
  std::string user_agent = "zerodte/0.1 (contact: ops@example.com)";  // SEC requires one
  core::Duration interval = std::chrono::seconds(60);
  core::Duration timeout = std::chrono::seconds(10);
};

class FeedSource final : public PollingSource {
 public:
  FeedSource(FeedConfig cfg, const core::Clock& clock);
  [[nodiscard]] std::string_view name() const override { return cfg_.name; }
  core::Status poll_once(const NewsSink& sink) override;

 private:
  FeedConfig cfg_;
  const core::Clock& clock_;
  SeenIds seen_;
};

}  // namespace zerodte::adapters::news
