#pragma once
// X (Twitter) API v2 filtered stream: bearer-token auth, rule management (cashtags/keywords),
// and the long-lived stream with verified/engagement filters. Reconnect policy per X's
// guidance: network errors back off linearly from 250 ms to 16 s, HTTP errors exponentially from
// 5 s to 320 s, 429 exponentially from 1 min.
#include <atomic>
#include <string>
#include <vector>

#include "zerodte/adapters/news/news_source.hpp"

namespace zerodte::adapters::news {

struct XStreamConfig {
  std::string base_url = "https://api.twitter.com";
  std::string bearer_env = "X_BEARER_TOKEN";
  // Rule values, e.g. "($SPY OR $QQQ OR $TSLA OR $NVDA) -is:retweet lang:en".
  std::vector<std::string> rules{"($SPY OR $QQQ OR $TSLA OR $NVDA OR $AAPL) -is:retweet lang:en"};
  bool verified_only = false;
  std::int64_t min_followers = 0;
  std::int64_t min_engagement = 0;  // likes + reposts + replies
  core::Duration connect_timeout = std::chrono::seconds(10);
  core::Duration idle_timeout = std::chrono::seconds(30);  // X sends a heartbeat every 20 s
};

class XStreamClient {
 public:
  XStreamClient(XStreamConfig cfg, const core::Clock& clock);
  // Makes the server's rule set equal to cfg.rules (deletes others, adds missing).
  core::Status sync_rules();
  // One streaming session until the server closes, `stop` is set, or an error. kTransport when
  // the stream ends or stalls, kAuth / kRateLimited / kRejected for HTTP errors, kParse is counted
  // per malformed line and the stream continues.
  core::Status stream_once(const NewsSink& sink, const std::atomic<bool>& stop);
  // Reconnecting loop.
  void run(const NewsSink& sink, const std::atomic<bool>& stop);
  // Delay before reconnecting after `last` (X's reconnect guidance).
  core::Duration reconnect_delay(const core::Status& last);
  [[nodiscard]] const SourceStats& stats() const { return stats_; }

 private:
  bool keep(const model::NewsItem& n) const;
  std::vector<std::pair<std::string, std::string>> auth_headers() const;
  XStreamConfig cfg_;
  const core::Clock& clock_;
  SourceStats stats_;
  core::Duration net_backoff_{0}, http_backoff_{0}, rate_backoff_{0};
};

}  // namespace zerodte::adapters::news
