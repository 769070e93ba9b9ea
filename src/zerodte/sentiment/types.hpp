#pragma once
// Common sentiment vocabulary: the three labels and one scorer answer.
#include <cstdint>
#include <optional>
#include <string_view>

#include "zerodte/core/time.hpp"

namespace zerodte::sentiment {

enum class Label : std::uint8_t { kNegative = 0, kNeutral = 1, kPositive = 2 };
inline constexpr int kNumLabels = 3;

[[nodiscard]] constexpr std::string_view to_string(Label l) {
  switch (l) {
    case Label::kNegative:
      return "negative";
    case Label::kNeutral:
      return "neutral";
    case Label::kPositive:
      return "positive";
  }
  return "neutral";
}
// Accepts negative/neutral/positive (and bearish/bullish, case-insensitive).
[[nodiscard]] std::optional<Label> parse_label(std::string_view s);

// One scorer's answer for one text.
struct ScoreResult {
  double score = 0.0;  // [-1, 1], negative = bearish
  Label label = Label::kNeutral;
  double confidence = 0.0;  // [0, 1]
  core::Duration latency{0};
};

}  // namespace zerodte::sentiment
