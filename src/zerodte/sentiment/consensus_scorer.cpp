#include "zerodte/sentiment/consensus_scorer.hpp"

#include <chrono>

#include "zerodte/sentiment/scorer_factory.hpp"

namespace zerodte::sentiment {

ConsensusScorer::ConsensusScorer(std::vector<std::unique_ptr<Scorer>> scorers, ConsensusConfig cfg)
    : scorers_(std::move(scorers)), cfg_(std::move(cfg)) {}

core::Result<ScoreResult> ConsensusScorer::score(std::string_view text) {
  const auto t0 = std::chrono::steady_clock::now();
  votes_.clear();
  for (auto& s : scorers_) {
    auto r = s->score(text);
    if (!r) return std::unexpected(r.error().with_context(s->name()));
    votes_.push_back(ModelVote{s->name(), *r});
  }
  last_ = combine(votes_, cfg_);
  ScoreResult out;
  out.score = last_.score;
  out.label = last_.label;
  out.confidence = last_.confidence;
  out.latency = std::chrono::steady_clock::now() - t0;
  return out;
}

core::Result<std::unique_ptr<Scorer>> make_local_consensus_scorer(const std::string& linear_path) {
  std::vector<std::unique_ptr<Scorer>> v;
  for (const char* name : {"linear", "lexicon"}) {
    auto s = make_local_scorer(name, name == std::string_view("linear") ? linear_path : "");
    if (!s) return std::unexpected(s.error());
    v.push_back(std::move(*s));
  }
  return std::unique_ptr<Scorer>(std::make_unique<ConsensusScorer>(std::move(v)));
}

}  // namespace zerodte::sentiment
