#include "zerodte/sentiment/linear_scorer.hpp"

#include <chrono>

namespace zerodte::sentiment {

std::string default_linear_model_path() {
  return default_models_dir() + "/sentiment_linear.bin";
}

LinearScorer::LinearScorer(std::shared_ptr<const LinearModel> model)
    : model_(std::move(model)), lex_(LexiconMode::kFinance) {}

core::Result<std::unique_ptr<LinearScorer>> LinearScorer::open(const std::string& path) {
  auto m = LinearModel::load(path.empty() ? default_linear_model_path() : path);
  if (!m) return std::unexpected(m.error());
  return std::make_unique<LinearScorer>(std::make_shared<const LinearModel>(std::move(*m)));
}

core::Result<ScoreResult> LinearScorer::score(std::string_view text) {
  const auto t0 = std::chrono::steady_clock::now();
  float p[3];
  model_->predict(text, &lex_, p, scratch_);
  ScoreResult r;
  r.score = static_cast<double>(p[2]) - static_cast<double>(p[0]);
  int best = 0;
  for (int k = 1; k < 3; ++k) {
    if (p[k] > p[best]) best = k;
  }
  r.label = static_cast<Label>(best);
  r.confidence = p[best];
  r.latency = std::chrono::steady_clock::now() - t0;
  return r;
}

}  // namespace zerodte::sentiment
