#pragma once
// A cheap English check for posts: share of Latin letters among letters, and English versus
// Spanish/French/German/Portuguese/Italian function words. Short finance headlines with no
// function words ("$AAPL beats estimates") pass on script alone.
#include <string_view>

namespace zerodte::sentiment {

struct LanguageCheck {
  bool is_english = true;
  double latin_share = 1.0;  // Latin letters / all letters (1 when there are no letters)
  int english_hits = 0;      // English function words
  int other_hits = 0;        // other European languages' function words
};

[[nodiscard]] LanguageCheck check_language(std::string_view text);

}  // namespace zerodte::sentiment
