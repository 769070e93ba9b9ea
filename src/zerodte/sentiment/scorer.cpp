#include "zerodte/sentiment/scorer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace zerodte::sentiment {

ScoreResult label_from_score(double score, double band) {
  ScoreResult r;
  r.score = std::clamp(score, -1.0, 1.0);
  const double a = std::fabs(r.score);
  if (a >= band && a > 0) {
    r.label = r.score > 0 ? Label::kPositive : Label::kNegative;
    r.confidence = band >= 1.0 ? 1.0 : 0.5 + 0.5 * std::min(1.0, (a - band) / (1.0 - band));
  } else {
    r.label = Label::kNeutral;
    r.confidence = band <= 0 ? 0.5 : 0.5 + 0.5 * (1.0 - a / band);
  }
  return r;
}

std::string default_models_dir() {
  if (const char* env = std::getenv("ZERODTE_MODELS_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
#ifdef ZERODTE_DEFAULT_MODELS_DIR
  return ZERODTE_DEFAULT_MODELS_DIR;
#else
  return "models";
#endif
}

}  // namespace zerodte::sentiment
