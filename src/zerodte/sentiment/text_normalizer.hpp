#pragma once
// Text normalisation for posts and headlines.
//  - normalize_unicode: an "NFKC-lite" for the cases that matter in finance text: fullwidth ASCII,
//    typographic quotes/dashes/spaces, ellipsis, ligatures, mathematical bold/italic letters and
//    digits (used for emphasis on X), zero-width characters, HTML entities; invalid UTF-8 bytes
//    are read as Latin-1 (so Latin-1 files decode correctly); whitespace runs collapse to one
//    space.
//  - clean_for_scoring: normalize_unicode, then drops URLs, the retweet prefix ("RT @user:") and
//    @mentions, keeping cashtags, emoji and punctuation.
//  - canonical_key: lowercase alphanumerics of the cleaned text (for exact-duplicate detection).
#include <cstdint>
#include <string>
#include <string_view>

namespace zerodte::sentiment {

// Decodes one UTF-8 code point at s[i]; advances i. Invalid bytes decode as Latin-1 (one byte).
char32_t decode_utf8(std::string_view s, std::size_t& i);
void append_utf8(std::string& out, char32_t cp);

std::string normalize_unicode(std::string_view text);

struct CleanOptions {
  bool drop_urls = true;
  bool drop_mentions = true;
  bool drop_retweet_prefix = true;
};
std::string clean_for_scoring(std::string_view text, const CleanOptions& opts = {});

// Lowercased ASCII alphanumerics of clean_for_scoring(text), words separated by one space.
std::string canonical_key(std::string_view text);

[[nodiscard]] inline bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
[[nodiscard]] inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

}  // namespace zerodte::sentiment
