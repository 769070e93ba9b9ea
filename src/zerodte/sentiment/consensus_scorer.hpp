#pragma once
// A synchronous Scorer over several scorers combined by combine() (consensus.hpp). The CLI's
// `--model consensus` uses the local models (linear + lexicon); the engine combines slow models
// asynchronously instead (sentiment_engine.hpp).
#include <memory>
#include <vector>

#include "zerodte/sentiment/consensus.hpp"
#include "zerodte/sentiment/scorer.hpp"

namespace zerodte::sentiment {

class ConsensusScorer final : public Scorer {
 public:
  ConsensusScorer(std::vector<std::unique_ptr<Scorer>> scorers, ConsensusConfig cfg = {});
  [[nodiscard]] std::string_view name() const override { return "consensus"; }
  core::Result<ScoreResult> score(std::string_view text) override;
  [[nodiscard]] const ConsensusResult& last() const { return last_; }

 private:
  std::vector<std::unique_ptr<Scorer>> scorers_;
  ConsensusConfig cfg_;
  std::vector<ModelVote> votes_;
  ConsensusResult last_;
};

core::Result<std::unique_ptr<Scorer>> make_local_consensus_scorer(const std::string& linear_path);

}  // namespace zerodte::sentiment
