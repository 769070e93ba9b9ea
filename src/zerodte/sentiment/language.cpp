#include "zerodte/sentiment/language.hpp"

#include <array>
#include <string>

#include "zerodte/sentiment/text_normalizer.hpp"

namespace zerodte::sentiment {

namespace {

constexpr std::array<std::string_view, 64> kEnglish{
    "the",  "a",     "an",   "and",  "or",    "but",   "of",     "to",    "in",   "on",    "for",
    "with", "at",    "by",   "from", "is",    "are",   "was",    "were",  "be",   "been",  "has",
    "have", "had",   "it",   "its",  "this",  "that",  "these",  "those", "will", "would", "should",
    "can",  "could", "not",  "no",   "as",    "after", "before", "over",  "up",   "down",  "i",
    "you",  "we",    "they", "he",   "she",   "my",    "our",    "their", "what", "why",   "how",
    "when", "just",  "if",   "than", "about", "more",  "new",    "into",  "out"};
constexpr std::array<std::string_view, 48> kOther{
    "el",   "los",  "las",   "del",   "por", "para", "una",  "es",   "que",  "y",   "der",  "die",
    "das",  "und",  "ist",   "nicht", "mit", "ein",  "eine", "auf",  "le",   "les", "des",  "est",
    "pour", "avec", "une",   "dans",  "sur", "du",   "não",  "uma",  "com",  "os",  "da",   "em",
    "il",   "di",   "della", "che",   "per", "sono", "und",  "auch", "wird", "pas", "mais", "já"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& set, std::string_view w) {
  for (auto s : set) {
    if (s == w) return true;
  }
  return false;
}

bool is_letter(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
  if (cp < 0xC0) return false;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp <= 0x24F) return true;                   // Latin-1 supplement, Latin Extended A/B
  if (cp >= 0x370 && cp <= 0x3FF) return true;    // Greek
  if (cp >= 0x400 && cp <= 0x52F) return true;    // Cyrillic
  if (cp >= 0x590 && cp <= 0x6FF) return true;    // Hebrew, Arabic
  if (cp >= 0x900 && cp <= 0xDFF) return true;    // Indic
  if (cp >= 0xE00 && cp <= 0xE7F) return true;    // Thai
  if (cp >= 0x3040 && cp <= 0x30FF) return true;  // Kana
  if (cp >= 0x4E00 && cp <= 0x9FFF) return true;  // CJK
  if (cp >= 0xAC00 && cp <= 0xD7AF) return true;  // Hangul
  return false;
}

bool is_latin(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F);
}

}  // namespace

LanguageCheck check_language(std::string_view text) {
  LanguageCheck r;
  int letters = 0;
  int latin = 0;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (contains(kEnglish, word)) ++r.english_hits;
    if (contains(kOther, word)) ++r.other_hits;
    word.clear();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t cp = decode_utf8(text, i);
    if (is_letter(cp)) {
      ++letters;
      if (is_latin(cp)) {
        ++latin;
        if (cp < 0x80) {
          word.push_back(ascii_lower(static_cast<char>(cp)));
        } else {
          word.append(text.substr(start, i - start));
        }
        continue;
      }
    }
    flush();
  }
  flush();
  r.latin_share = letters == 0 ? 1.0 : static_cast<double>(latin) / letters;
  if (r.latin_share < 0.7) {
    r.is_english = false;
  } else if (r.other_hits >= 2 && r.other_hits > r.english_hits) {
    r.is_english = false;
  }
  return r;
}

}  // namespace zerodte::sentiment
