#pragma once
// A multinomial logistic regression over hashed text features:
//   word unigrams and bigrams (lower case, cashtags -> one token, numbers -> one token, a "not_"
//   copy of the 3 words after a negation), character n-grams (char_min..char_max) of each padded
//   word, and optionally three dense features from the finance lexicon scorer.
// Feature values are counts scaled to unit L2 norm. Training is AdaGrad SGD with L2 and balanced
// class weights, shuffled by a seeded SplitMix64 (same data + seed -> same model bytes).
// File format (little-endian): "ZDLM", u32 version, u32 bits, u32 flags, u32 char_min,
// u32 char_max, f32 bias[3], f32 dense[3][kDense], f16 w[2^bits][3], u64 FNV-1a of all previous
// bytes.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/sentiment/dataset.hpp"
#include "zerodte/sentiment/lexicon_scorer.hpp"

namespace zerodte::sentiment {

struct LinearConfig {
  std::uint32_t bits = 18;
  bool word_bigrams = true;
  bool char_ngrams = true;
  std::uint32_t char_min = 3;
  std::uint32_t char_max = 5;
  bool lexicon_features = true;
};

struct TrainConfig {
  int epochs = 12;
  double learning_rate = 0.5;
  double l2 = 1e-6;
  bool balanced = true;
  std::uint64_t seed = 42;
  bool average = true;  // average the epoch-end weights of the second half
};

inline constexpr int kDense = 5;  // lexicon compound, pos, neg, compound>band, compound<-band

struct Feature {
  std::uint32_t index;
  float value;
};

class LinearModel {
 public:
  LinearModel() = default;
  explicit LinearModel(LinearConfig cfg);

  static core::Result<LinearModel> train(const std::vector<Example>& data, LinearConfig cfg,
                                         TrainConfig tc);
  static core::Result<LinearModel> load(const std::string& path);
  static core::Result<LinearModel> from_bytes(std::span<const std::uint8_t> bytes,
                                              std::string_view origin);
  [[nodiscard]] std::vector<std::uint8_t> to_bytes() const;
  core::Status save(const std::string& path) const;

  // Class probabilities (negative, neutral, positive). Uses `lex` for dense features when enabled.
  void predict(std::string_view text, LexiconScorer* lex, float probs[3],
               std::vector<Feature>& scratch) const;
  [[nodiscard]] const LinearConfig& config() const { return cfg_; }

  // Feature extraction (exposed for tests): hashed sparse part, L2-normalised, sorted by index.
  void features(std::string_view text, std::vector<Feature>& out) const;

 private:
  void dense_features(std::string_view text, LexiconScorer* lex, float dense[kDense]) const;
  LinearConfig cfg_;
  std::vector<float> w_;  // (1 << bits) * 3
  float bias_[3] = {0, 0, 0};
  float dense_w_[3][kDense] = {};
};

[[nodiscard]] std::uint16_t float_to_half(float f);
[[nodiscard]] float half_to_float(std::uint16_t h);

}  // namespace zerodte::sentiment
