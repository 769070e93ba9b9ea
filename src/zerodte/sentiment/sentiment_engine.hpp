#pragma once
// The SentimentEngine kernel component. On each model::NewsItem it preprocesses (dedupe,
// language, tickers, relevance), scores with the fast models synchronously, publishes the
// consensus (SentimentScore), updates every mentioned ticker (TickerSentiment, SentimentFlip),
// and submits the text to the slow models. Their answers come back through the inbox as
// ModelAnswerEvent (a CustomEvent); an answer within `late_window` of the post revises the
// consensus and the tickers (exactly: the old contribution is replaced), later ones are dropped
// and counted. The kernel thread never waits for a slow model.
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/engine/component.hpp"
#include "zerodte/sentiment/async_scorer.hpp"
#include "zerodte/sentiment/consensus.hpp"
#include "zerodte/sentiment/preprocessor.hpp"
#include "zerodte/sentiment/ticker_aggregator.hpp"

namespace zerodte::engine {
class Kernel;
}

namespace zerodte::sentiment {

struct SentimentEngineConfig {
  PreprocessorConfig preprocess;
  ConsensusConfig consensus;
  TickerAggregatorConfig tickers;
  core::Duration late_window = std::chrono::seconds(10);
  bool require_english = true;
  std::size_t max_tickers_per_post = 8;
};

struct SentimentEngineStats {
  std::uint64_t posts = 0, duplicates = 0, non_english = 0, scored = 0, scorer_errors = 0;
  std::uint64_t slow_submitted = 0, slow_applied = 0, slow_failed = 0, slow_late = 0;
  std::uint64_t ticker_updates = 0, flips = 0;
};

class SentimentEngine final : public engine::Component {
 public:
  SentimentEngine(SentimentEngineConfig cfg, std::vector<std::unique_ptr<Scorer>> fast,
                  std::vector<std::shared_ptr<AsyncScorer>> slow = {});
  [[nodiscard]] std::string_view name() const override { return "sentiment"; }
  void start(engine::Kernel& kernel) override;
  [[nodiscard]] engine::Health health() const override;
  [[nodiscard]] const SentimentEngineStats& stats() const { return stats_; }
  [[nodiscard]] const TickerAggregator& tickers() const { return agg_; }

  void on_news(const model::NewsItem& item);
  void on_answer(const ModelAnswer& answer);

 private:
  struct Pending {
    std::string post_id;
    core::Timestamp ts_event, ts_first;
    std::vector<std::pair<std::string, ScoreResult>> votes;
    ConsensusResult last;
    std::vector<std::string> tickers;
    double weight = 0;
    double relevance = 0;
    std::uint8_t revision = 0;
    bool done = false;
  };
  ConsensusResult consensus_of(const Pending& p) const;
  void publish_score(const Pending& p, bool final);
  void publish_ticker(const TickerUpdate& u);
  void expire(core::Timestamp now);

  SentimentEngineConfig cfg_;
  std::vector<std::unique_ptr<Scorer>> fast_;
  std::vector<std::shared_ptr<AsyncScorer>> slow_;
  Preprocessor pre_;
  TickerAggregator agg_;
  engine::Kernel* kernel_ = nullptr;
  std::unordered_map<std::string, Pending> pending_;
  std::deque<std::pair<core::Timestamp, std::string>> pending_order_;
  SentimentEngineStats stats_;
  core::Timestamp last_activity_;
};

}  // namespace zerodte::sentiment
