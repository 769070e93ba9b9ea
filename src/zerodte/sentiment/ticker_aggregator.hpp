#pragma once
// Per-ticker sentiment over time:
//   score      = sum(w_i s_i d_i) / sum(w_i d_i), d_i = 2^(-age_i / half_life), w_i = post weight
//                (base_weight + relevance, which carries engagement, author, recency, specificity)
//                times the post's confidence
//   momentum   = the same mean with fast_half_life minus the one with slow_half_life
//   confidence = weighted mean post confidence x (1 - 2^(-weight / evidence_half_weight))
//   confirmed  = at least confirm_posts posts within confirm_window
//   flip       = confirmed, |score| >= flip_threshold, confidence >= flip_min_confidence and the
//   sign
//                differs from the last established sign (hysteresis: the sign stays until the other
//                side crosses the threshold). The first direction is a flip only with
//                flip_from_zero.
// A post's contribution can be revised exactly (slow model answers) with revise().
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

#include "zerodte/sentiment/events.hpp"

namespace zerodte::sentiment {

struct TickerAggregatorConfig {
  core::Duration half_life = std::chrono::minutes(15);
  core::Duration fast_half_life = std::chrono::minutes(2);
  core::Duration slow_half_life = std::chrono::minutes(30);
  core::Duration confirm_window = std::chrono::minutes(15);
  std::uint32_t confirm_posts = 2;
  double flip_threshold = 0.25;
  double flip_min_confidence = 0.3;
  double evidence_half_weight = 1.0;
  double base_weight = 0.25;
  bool flip_from_zero = false;
};

struct TickerUpdate {
  TickerSentiment state;
  std::optional<SentimentFlip> flip;
};

class TickerAggregator {
 public:
  explicit TickerAggregator(TickerAggregatorConfig cfg = {}) : cfg_(cfg) {}
  // Adds one post's score. `weight` = base_weight + relevance (computed by the caller).
  TickerUpdate add(std::string_view ticker, double score, double confidence, double weight,
                   core::Timestamp post_time, core::Timestamp now);
  // Replaces a post's earlier (score, confidence) contribution made at `post_time`.
  TickerUpdate revise(std::string_view ticker, double old_score, double old_conf, double new_score,
                      double new_conf, double weight, core::Timestamp post_time,
                      core::Timestamp now);
  [[nodiscard]] std::optional<TickerSentiment> get(std::string_view ticker,
                                                   core::Timestamp now) const;
  [[nodiscard]] const TickerAggregatorConfig& config() const { return cfg_; }

 private:
  struct Ema {
    double w = 0, ws = 0, wc = 0;  // decayed sums of weight, weight*score, weight*conf
    core::Timestamp t;
    void decay_to(core::Timestamp now, core::Duration hl);
    void add(double weight, double s, double c, core::Timestamp post_time, core::Timestamp now,
             core::Duration hl);
  };
  struct State {
    Ema main, fast, slow;
    std::deque<core::Timestamp> posts;
    std::int8_t sign = 0;
  };
  TickerUpdate finish(std::string_view ticker, State& st, core::Timestamp now);
  [[nodiscard]] TickerSentiment snapshot(std::string_view ticker, const State& st,
                                         core::Timestamp now) const;

  TickerAggregatorConfig cfg_;
  std::unordered_map<std::string, State> states_;
};

}  // namespace zerodte::sentiment
