#pragma once
// One interface for every sentiment model: score one text, get score in [-1, 1], label,
// confidence and latency. Implementations are not thread-safe (they keep scratch buffers); use
// one instance per thread.
#include <memory>
#include <string>
#include <string_view>

#include "zerodte/core/error.hpp"
#include "zerodte/sentiment/types.hpp"

namespace zerodte::sentiment {

class Scorer {
 public:
  virtual ~Scorer() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  virtual core::Result<ScoreResult> score(std::string_view text) = 0;
};

// Maps a score and two-sided neutral band to a label and a confidence in [0.5, 1]:
// outside the band confidence grows with the distance from it; inside, with the distance from 0.
[[nodiscard]] ScoreResult label_from_score(double score, double neutral_band);

// Where the shipped models live: $ZERODTE_MODELS_DIR, else the source tree's models/.
[[nodiscard]] std::string default_models_dir();

}  // namespace zerodte::sentiment
