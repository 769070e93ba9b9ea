#include "zerodte/sentiment/scorer_factory.hpp"

#include "zerodte/sentiment/lexicon_scorer.hpp"
#include "zerodte/sentiment/linear_scorer.hpp"

namespace zerodte::sentiment {

core::Result<std::unique_ptr<Scorer>> make_local_scorer(const std::string& name,
                                                        const std::string& model_path) {
  if (name == "lexicon") return std::make_unique<LexiconScorer>(LexiconMode::kFinance);
  if (name == "vader") return std::make_unique<LexiconScorer>(LexiconMode::kVader);
  if (name == "linear") {
    auto s = LinearScorer::open(model_path);
    if (!s) return std::unexpected(s.error());
    return std::unique_ptr<Scorer>(std::move(*s));
  }
  return core::fail(core::ErrorCode::kConfig,
                    "unknown sentiment model '{}' (local models: lexicon, vader, linear)", name);
}

}  // namespace zerodte::sentiment
