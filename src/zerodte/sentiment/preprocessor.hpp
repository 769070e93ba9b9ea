#pragma once
// The preprocessing pipeline for one NewsItem: normalise, clean, language check, ticker
// extraction (source-tagged symbols are kept), exact/near duplicate suppression, relevance.
//
// Relevance in [0, 1] = weighted mean of
//   engagement  log1p(likes + 2*reposts + replies) / log1p(engagement_scale), capped at 1
//   author      verified -> 1, else log1p(followers) / log1p(follower_scale), capped at 1
//   recency     2^(-age / recency_half_life), age = now - ts_event (0 when in the future)
//   specificity best mention kind (cashtag 1, source tag 1, plain 0.8, alias 0.6) / sqrt(#tickers)
#include <string>
#include <vector>

#include "zerodte/model/news.hpp"
#include "zerodte/sentiment/deduplicator.hpp"
#include "zerodte/sentiment/language.hpp"
#include "zerodte/sentiment/ticker_extractor.hpp"

namespace zerodte::sentiment {

struct RelevanceConfig {
  double w_engagement = 0.3;
  double w_author = 0.2;
  double w_recency = 0.2;
  double w_specificity = 0.3;
  double engagement_scale = 10'000;
  double follower_scale = 1'000'000;
  core::Duration recency_half_life = std::chrono::minutes(10);
};

struct RelevanceParts {
  double engagement = 0, author = 0, recency = 0, specificity = 0, total = 0;
};

[[nodiscard]] RelevanceParts relevance(const model::NewsItem& item,
                                       const std::vector<TickerMention>& tickers,
                                       core::Timestamp now, const RelevanceConfig& cfg = {});

struct PreparedPost {
  std::string text;  // cleaned text for the scorers (headline + ". " + body when both)
  std::vector<TickerMention> tickers;
  LanguageCheck language;
  DedupResult dedup;
  RelevanceParts relevance;
  [[nodiscard]] bool usable() const {
    return language.is_english && dedup.kind == DuplicateKind::kUnique && !text.empty();
  }
};

struct PreprocessorConfig {
  TickerConfig tickers = TickerConfig::defaults();
  DedupConfig dedup;
  RelevanceConfig relevance;
};

class Preprocessor {
 public:
  explicit Preprocessor(PreprocessorConfig cfg = {});
  PreparedPost prepare(const model::NewsItem& item, core::Timestamp now);
  [[nodiscard]] const TickerExtractor& tickers() const { return extractor_; }

 private:
  PreprocessorConfig cfg_;
  TickerExtractor extractor_;
  Deduplicator dedup_;
};

}  // namespace zerodte::sentiment
