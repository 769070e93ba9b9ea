#pragma once
// News articles and social posts. Not trivially copyable (free text); they travel through the
// kernel as shared_ptr<const NewsItem>.
#include <cstdint>
#include <string>
#include <vector>

#include "zerodte/core/time.hpp"

namespace zerodte::model {

enum class NewsKind : std::uint8_t { kArticle, kSocialPost, kFiling, kPressRelease };

struct NewsItem {
  std::string id;  // source-unique id (tweet id, reddit fullname, article id)
  std::string
      source;  // "x", "reddit", "alpaca.news", "finnhub", "benzinga", "rss:<feed>", "replay"
  NewsKind kind = NewsKind::kArticle;
  std::string author;
  std::string headline;  // empty for posts
  std::string text;      // body / post text
  std::string url;
  std::vector<std::string> symbols;  // tickers the source tagged (extraction may add more)
  std::int64_t likes = 0;
  std::int64_t reposts = 0;
  std::int64_t replies = 0;
  std::int64_t author_followers = 0;
  bool author_verified = false;
  core::Timestamp ts_event;  // published time
  core::Timestamp ts_recv;   // received time
};

}  // namespace zerodte::model
