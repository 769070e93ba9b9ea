#include "zerodte/sentiment/types.hpp"

#include <string>

namespace zerodte::sentiment {

std::optional<Label> parse_label(std::string_view s) {
  std::string l;
  for (char c : s) {
    if (c != ' ' && c != '\r' && c != '"')
      l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (l == "negative" || l == "bearish" || l == "neg") return Label::kNegative;
  if (l == "neutral" || l == "neu") return Label::kNeutral;
  if (l == "positive" || l == "bullish" || l == "pos") return Label::kPositive;
  return std::nullopt;
}

}  // namespace zerodte::sentiment
