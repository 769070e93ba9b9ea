#pragma once
// The `linear` scorer: a LinearModel; score = P(positive) - P(negative), label = most probable
// class, confidence = its probability.
#include <memory>

#include "zerodte/sentiment/linear_model.hpp"

namespace zerodte::sentiment {

class LinearScorer final : public Scorer {
 public:
  explicit LinearScorer(std::shared_ptr<const LinearModel> model);
  // Loads <models_dir>/sentiment_linear.bin (the shipped model) or `path` when given.
  static core::Result<std::unique_ptr<LinearScorer>> open(const std::string& path = {});
  [[nodiscard]] std::string_view name() const override { return "linear"; }
  core::Result<ScoreResult> score(std::string_view text) override;

 private:
  std::shared_ptr<const LinearModel> model_;
  LexiconScorer lex_;
  std::vector<Feature> scratch_;
};

[[nodiscard]] std::string default_linear_model_path();

}  // namespace zerodte::sentiment
