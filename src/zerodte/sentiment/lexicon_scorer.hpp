#pragma once
// Lexicon and rule scorers.
//  - kVader: a faithful port of VADER (Hutto & Gilbert 2014, vaderSentiment 3.3.x): lexicon,
//    boosters/dampeners, capitalisation, negation (3-word window, "never so", "without doubt"),
//    "least", "but" re-weighting, special idioms, emoji as descriptions, ! and ? emphasis, and the
//    compound normalisation x / sqrt(x^2 + 15). Labels with VADER's +-0.05 band.
//  - kFinance: the same rules over text cleaned of URLs/mentions, with the finance lexicon
//    (models/lexicon/finance_lexicon.tsv) overriding and extending VADER's words and adding
//    multi-word finance phrases ("beat estimates", "cut guidance", "price target raised"), and a
//    wider neutral band (finance text is mostly neutral).
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "zerodte/sentiment/scorer.hpp"

namespace zerodte::sentiment {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
// One lookup per word gives its valence and its finance roles (direction / metric).
struct WordEntry {
  double valence = 0.0;
  bool has_valence = false;
  double direction = 0.0;  // valence when it moves a metric ("rose" +1.3, "fell" -1.4)
  std::int8_t metric = 0;  // +1 more is good ("profit"), -1 more is bad ("costs")
};
using WordMap = std::unordered_map<std::string, WordEntry, StringHash, std::equal_to<>>;
using PhraseMap = std::unordered_map<std::string, double, StringHash, std::equal_to<>>;

struct LexiconData {
  WordMap words;
  PhraseMap phrases;  // lower-case words joined by one space
  std::size_t max_phrase_words = 0;
  std::unordered_set<std::string, StringHash, std::equal_to<>> phrase_first_words;
  std::unordered_map<char32_t, std::string> emoji;

  // VADER's lexicon and emoji table (compiled in, MIT).
  static std::shared_ptr<const LexiconData> vader();
  // VADER plus the finance lexicon (compiled in).
  static std::shared_ptr<const LexiconData> finance();
  // Parses "term<TAB>valence" lines into words/phrases; errors name `origin` and the line.
  core::Status add_terms(std::string_view tsv, std::string_view origin);
};

enum class LexiconMode : std::uint8_t { kVader, kFinance };

struct VaderScores {
  double neg = 0, neu = 0, pos = 0, compound = 0;
};

class LexiconScorer final : public Scorer {
 public:
  explicit LexiconScorer(LexiconMode mode = LexiconMode::kFinance);
  LexiconScorer(LexiconMode mode, std::shared_ptr<const LexiconData> data, double neutral_band);

  [[nodiscard]] std::string_view name() const override {
    return mode_ == LexiconMode::kVader ? "vader" : "lexicon";
  }
  core::Result<ScoreResult> score(std::string_view text) override;
  // VADER's polarity_scores (unrounded).
  VaderScores polarity(std::string_view text);
  [[nodiscard]] double neutral_band() const { return band_; }

  // Finance mode's default band, chosen on the Twitter Financial News train split.
  static constexpr double kFinanceBand = 0.25;
  static constexpr double kVaderBand = 0.05;

 private:
  struct Item {
    std::string lower;
    bool upper = false;  // Python str.isupper()
    bool in_lex = false;
    double lex = 0.0;
    double direction = 0.0;
    std::int8_t metric = 0;
  };
  void tokenize(std::string_view text);
  void apply_metric_rules();
  double valence_at(std::size_t i, bool cap_diff) const;

  LexiconMode mode_;
  std::shared_ptr<const LexiconData> data_;
  double band_;
  std::string buf_;
  std::vector<Item> items_;
  std::vector<Item> merged_;
  std::string key_;
  std::string cleaned_;
  std::vector<double> sentiments_;
};

}  // namespace zerodte::sentiment
