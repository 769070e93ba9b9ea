#include "zerodte/sentiment/preprocessor.hpp"

#include <algorithm>
#include <cmath>

#include "zerodte/sentiment/text_normalizer.hpp"

namespace zerodte::sentiment {

RelevanceParts relevance(const model::NewsItem& item, const std::vector<TickerMention>& tickers,
                         core::Timestamp now, const RelevanceConfig& cfg) {
  RelevanceParts r;
  const double eng = static_cast<double>(std::max<std::int64_t>(0, item.likes)) +
                     2.0 * static_cast<double>(std::max<std::int64_t>(0, item.reposts)) +
                     static_cast<double>(std::max<std::int64_t>(0, item.replies));
  r.engagement = std::min(1.0, std::log1p(eng) / std::log1p(cfg.engagement_scale));
  r.author = item.author_verified
                 ? 1.0
                 : std::min(1.0, std::log1p(static_cast<double>(
                                     std::max<std::int64_t>(0, item.author_followers))) /
                                     std::log1p(cfg.follower_scale));
  const double age_s = std::max(0.0, static_cast<double>((now - item.ts_event).count()) / 1e9);
  const double hl_s = static_cast<double>(cfg.recency_half_life.count()) / 1e9;
  r.recency = item.ts_event.is_set() && hl_s > 0 ? std::exp2(-age_s / hl_s) : 1.0;
  double best = 0.0;
  for (const auto& m : tickers) {
    const double k = m.kind == MentionKind::kCashtag ? 1.0
                     : m.kind == MentionKind::kPlain ? 0.8
                                                     : 0.6;
    best = std::max(best, k);
  }
  r.specificity = tickers.empty() ? 0.0 : best / std::sqrt(static_cast<double>(tickers.size()));
  const double wsum = cfg.w_engagement + cfg.w_author + cfg.w_recency + cfg.w_specificity;
  r.total = wsum <= 0 ? 0.0
                      : (cfg.w_engagement * r.engagement + cfg.w_author * r.author +
                         cfg.w_recency * r.recency + cfg.w_specificity * r.specificity) /
                            wsum;
  return r;
}

Preprocessor::Preprocessor(PreprocessorConfig cfg)
    : cfg_(std::move(cfg)), extractor_(cfg_.tickers), dedup_(cfg_.dedup) {}

PreparedPost Preprocessor::prepare(const model::NewsItem& item, core::Timestamp now) {
  PreparedPost p;
  std::string raw;
  if (!item.headline.empty() && !item.text.empty()) {
    raw = item.headline + ". " + item.text;
  } else {
    raw = item.headline.empty() ? item.text : item.headline;
  }
  const std::string norm = normalize_unicode(raw);
  p.text = clean_for_scoring(norm);
  p.language = check_language(p.text);
  p.tickers = extractor_.extract(norm);
  for (const auto& s : item.symbols) {  // symbols tagged by the source count as cashtags
    std::string sym = s;
    for (char& c : sym)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto it = std::find_if(p.tickers.begin(), p.tickers.end(),
                           [&](const TickerMention& m) { return m.symbol == sym; });
    if (it == p.tickers.end()) {
      p.tickers.push_back(TickerMention{sym, MentionKind::kCashtag, raw.size(), 1});
    } else {
      it->kind = MentionKind::kCashtag;
    }
  }
  p.dedup = dedup_.check(item.id, norm, now);
  p.relevance = relevance(item, p.tickers, now, cfg_.relevance);
  return p;
}

}  // namespace zerodte::sentiment
