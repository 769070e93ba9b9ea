#pragma once
// Multi-model consensus (seed 001 §3.4). Each model has a weight (defaults: FinBERT 30%,
// Llama 70B 35%, Claude 35%; the local fast models take FinBERT's role when it is absent).
// Over the models that answered:
//   score       = sum(w_i c_i s_i) / sum(w_i c_i)            (weights renormalised, c = confidence)
//   label       = argmax over labels of sum(w_i c_i [label_i = label])
//   confidence  = sum(w_i c_i) / sum(w_i)  x  (1 - weighted std-dev of s_i)
//   disagreement when max(s_i) - min(s_i) > threshold, or two confident models have opposite labels
// One answering model passes through unchanged.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/sentiment/types.hpp"

namespace zerodte::sentiment {

struct ModelWeight {
  std::string model;
  double weight = 0;
};

struct ConsensusConfig {
  std::vector<ModelWeight> weights{{"finbert", 0.30}, {"llama", 0.35},   {"claude", 0.35},
                                   {"linear", 0.30},  {"lexicon", 0.10}, {"llm", 0.35}};
  double default_weight = 0.0;          // for models not in the table
  double disagreement_threshold = 0.8;  // on the [-1, 1] score scale
  [[nodiscard]] double weight_of(std::string_view model) const;
};

struct ModelVote {
  std::string_view model;
  ScoreResult result;
};

struct ConsensusResult {
  double score = 0;
  Label label = Label::kNeutral;
  double confidence = 0;
  bool disagreement = false;
  double spread = 0;  // max - min score
  int models = 0;     // votes with positive weight
};

[[nodiscard]] ConsensusResult combine(std::span<const ModelVote> votes, const ConsensusConfig& cfg);

}  // namespace zerodte::sentiment
