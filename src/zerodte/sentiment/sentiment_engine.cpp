#include "zerodte/sentiment/sentiment_engine.hpp"

#include <algorithm>

#include "zerodte/engine/kernel.hpp"

namespace zerodte::sentiment {

SentimentEngine::SentimentEngine(SentimentEngineConfig cfg,
                                 std::vector<std::unique_ptr<Scorer>> fast,
                                 std::vector<std::shared_ptr<AsyncScorer>> slow)
    : cfg_(std::move(cfg)),
      fast_(std::move(fast)),
      slow_(std::move(slow)),
      pre_(cfg_.preprocess),
      agg_(cfg_.tickers) {}

void SentimentEngine::start(engine::Kernel& kernel) {
  kernel_ = &kernel;
  kernel.bus().subscribe_all<model::NewsItem>([this](const model::NewsItem& n) { on_news(n); });
  kernel.bus().subscribe_all<ModelAnswer>([this](const ModelAnswer& a) { on_answer(a); });
}

engine::Health SentimentEngine::health() const {
  engine::Health h;
  h.last_activity = last_activity_;
  if (stats_.scorer_errors > 0 && stats_.scored == 0) {
    h.state = engine::HealthState::kFailed;
    h.detail = "every fast scorer failed";
  } else if (stats_.slow_failed + stats_.slow_late > stats_.slow_applied &&
             stats_.slow_submitted > 10) {
    h.state = engine::HealthState::kDegraded;
    h.detail = fmt::format("slow models: {} applied, {} failed, {} late", stats_.slow_applied,
                           stats_.slow_failed, stats_.slow_late);
  }
  return h;
}

ConsensusResult SentimentEngine::consensus_of(const Pending& p) const {
  std::vector<ModelVote> votes;
  votes.reserve(p.votes.size());
  for (const auto& [m, r] : p.votes)
    votes.push_back(ModelVote{m, r});
  return combine(votes, cfg_.consensus);
}

void SentimentEngine::publish_score(const Pending& p, bool final) {
  SentimentScore s;
  s.post_id = PostId(p.post_id);
  s.post_key = hash64(p.post_id);
  s.score = p.last.score;
  s.label = p.last.label;
  s.confidence = p.last.confidence;
  s.disagreement = p.last.disagreement;
  s.models_answered = static_cast<std::uint8_t>(p.votes.size());
  s.models_expected = static_cast<std::uint8_t>(fast_.size() + slow_.size());
  s.revision = p.revision;
  s.final = final;
  s.relevance = p.relevance;
  s.tickers = static_cast<std::uint8_t>(p.tickers.size());
  s.ts_event = p.ts_event;
  s.ts_scored = kernel_ ? kernel_->now() : core::Timestamp{};
  if (kernel_) kernel_->bus().publish(s);
}

void SentimentEngine::publish_ticker(const TickerUpdate& u) {
  ++stats_.ticker_updates;
  if (!kernel_) return;
  const auto topic = ticker_topic(u.state.ticker.view());
  kernel_->bus().publish(topic, u.state);
  if (u.flip) {
    ++stats_.flips;
    kernel_->bus().publish(topic, *u.flip);
  }
}

void SentimentEngine::expire(core::Timestamp now) {
  while (!pending_order_.empty() && now - pending_order_.front().first > cfg_.late_window) {
    pending_.erase(pending_order_.front().second);
    pending_order_.pop_front();
  }
}

void SentimentEngine::on_news(const model::NewsItem& item) {
  const core::Timestamp now = kernel_ ? kernel_->now() : item.ts_recv;
  last_activity_ = now;
  ++stats_.posts;
  expire(now);
  PreparedPost post = pre_.prepare(item, now);
  if (post.dedup.kind != DuplicateKind::kUnique) {
    ++stats_.duplicates;
    return;
  }
  if (cfg_.require_english && !post.language.is_english) {
    ++stats_.non_english;
    return;
  }
  if (post.text.empty()) return;
  Pending p;
  p.post_id = item.id;
  p.ts_event = item.ts_event.is_set() ? item.ts_event : now;
  p.ts_first = now;
  p.relevance = post.relevance.total;
  p.weight = cfg_.tickers.base_weight + post.relevance.total;
  for (const auto& m : post.tickers) {
    if (p.tickers.size() >= cfg_.max_tickers_per_post) break;
    p.tickers.push_back(m.symbol);
  }
  for (auto& s : fast_) {
    auto r = s->score(post.text);
    if (!r) {
      ++stats_.scorer_errors;
      continue;
    }
    p.votes.emplace_back(std::string(s->name()), *r);
  }
  if (p.votes.empty() && slow_.empty()) return;
  ++stats_.scored;
  p.last = consensus_of(p);
  publish_score(p, slow_.empty());
  if (!p.votes.empty()) {
    for (const auto& t : p.tickers) {
      publish_ticker(agg_.add(t, p.last.score, p.last.confidence, p.weight, p.ts_event, now));
    }
  }
  if (slow_.empty() || kernel_ == nullptr) return;
  const std::string id = p.post_id;
  const std::string text = post.text;
  pending_order_.emplace_back(now, id);
  pending_[id] = std::move(p);
  engine::Kernel* k = kernel_;
  for (auto& s : slow_) {
    ++stats_.slow_submitted;
    s->submit(id, text, [k](ModelAnswer a) {
      auto ev = std::make_shared<ModelAnswerEvent>(std::move(a));
      ev->ts_recv = k->clock().now();
      ev->ts_event = ev->ts_recv;
      k->inbox().push(std::shared_ptr<const engine::CustomEvent>(std::move(ev)),
                      engine::OverflowPolicy::kBlock);
    });
  }
}

void SentimentEngine::on_answer(const ModelAnswer& a) {
  const core::Timestamp now = kernel_ ? kernel_->now() : core::Timestamp{};
  last_activity_ = now;
  auto it = pending_.find(a.post_id);
  if (it == pending_.end() || now - it->second.ts_first > cfg_.late_window) {
    ++stats_.slow_late;
    return;
  }
  Pending& p = it->second;
  if (!a.ok) {
    ++stats_.slow_failed;
    return;
  }
  ++stats_.slow_applied;
  const ConsensusResult before = p.last;
  const bool had_votes = !p.votes.empty();
  p.votes.emplace_back(a.model, a.result);
  p.last = consensus_of(p);
  ++p.revision;
  const bool final = p.votes.size() >= fast_.size() + slow_.size();
  publish_score(p, final);
  for (const auto& t : p.tickers) {
    if (had_votes) {
      publish_ticker(agg_.revise(t, before.score, before.confidence, p.last.score,
                                 p.last.confidence, p.weight, p.ts_event, now));
    } else {
      publish_ticker(agg_.add(t, p.last.score, p.last.confidence, p.weight, p.ts_event, now));
    }
  }
}

}  // namespace zerodte::sentiment
