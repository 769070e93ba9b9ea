#include "zerodte/sentiment/text_normalizer.hpp"

#include <array>

namespace zerodte::sentiment {

char32_t decode_utf8(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  }
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return b0;  // Latin-1 fallback
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return b0;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  // Reject overlong forms and surrogates: treat the lead byte as Latin-1.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    ++i;
    return b0;
  }
  i += static_cast<std::size_t>(len);
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

namespace {

// Maps one code point to its compatibility form. Returns true when handled (written to out).
bool map_compat(char32_t cp, std::string& out) {
  if (cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
      cp == 0x3000 || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C ||
      cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
    out.push_back(' ');
    return true;
  }
  if ((cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF || cp == 0x2060 || cp == 0x00AD ||
      (cp >= 0xFE00 && cp <= 0xFE0F)) {
    return true;  // zero-width, soft hyphen, variation selectors
  }
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x00B4:
      out.push_back('\'');
      return true;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
      out.push_back('"');
      return true;
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      out.push_back('-');
      return true;
    case 0x2026:
      out += "...";
      return true;
    case 0xFB00:
      out += "ff";
      return true;
    case 0xFB01:
      out += "fi";
      return true;
    case 0xFB02:
      out += "fl";
      return true;
    case 0xFB03:
      out += "ffi";
      return true;
    case 0xFB04:
      out += "ffl";
      return true;
    case 0x2122:
      out += "TM";
      return true;
    case 0x00B2:
      out.push_back('2');
      return true;
    case 0x00B3:
      out.push_back('3');
      return true;
    case 0x00B9:
      out.push_back('1');
      return true;
    case 0x2044:
      out.push_back('/');
      return true;
    default:
      break;
  }
  if (cp >= 0xFF01 && cp <= 0xFF5E) {  // fullwidth ASCII
    out.push_back(static_cast<char>(cp - 0xFEE0));
    return true;
  }
  if (cp >= 0x1D400 && cp <= 0x1D6A3) {  // mathematical alphanumeric letters, 13 styles x 52
    const auto k = static_cast<int>((cp - 0x1D400) % 52);
    out.push_back(static_cast<char>(k < 26 ? 'A' + k : 'a' + (k - 26)));
    return true;
  }
  if (cp >= 0x1D7CE && cp <= 0x1D7FF) {  // mathematical digits, 5 styles x 10
    out.push_back(static_cast<char>('0' + (cp - 0x1D7CE) % 10));
    return true;
  }
  return false;
}

// Decodes an HTML entity at text[i] ('&'); returns the code point and advances i, or 0.
char32_t decode_entity(std::string_view text, std::size_t& i) {
  static constexpr std::array<std::pair<std::string_view, char32_t>, 6> kNamed{{{"&amp;", '&'},
                                                                                {"&lt;", '<'},
                                                                                {"&gt;", '>'},
                                                                                {"&quot;", '"'},
                                                                                {"&apos;", '\''},
                                                                                {"&nbsp;", 0xA0}}};
  for (const auto& [name, cp] : kNamed) {
    if (text.substr(i, name.size()) == name) {
      i += name.size();
      return cp;
    }
  }
  if (i + 3 < text.size() && text[i + 1] == '#') {
    std::size_t j = i + 2;
    const bool hex = text[j] == 'x' || text[j] == 'X';
    if (hex) ++j;
    char32_t v = 0;
    std::size_t digits = 0;
    while (j < text.size() && digits < 7) {
      const char c = text[j];
      int d = -1;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (hex && c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
      if (d < 0) break;
      v = v * (hex ? 16 : 10) + static_cast<char32_t>(d);
      ++j;
      ++digits;
    }
    if (digits > 0 && j < text.size() && text[j] == ';' && v > 0 && v <= 0x10FFFF) {
      i = j + 1;
      return v;
    }
  }
  return 0;
}

}  // namespace

std::string normalize_unicode(std::string_view text) {
  // Fast path: printable ASCII without entities or whitespace runs is already normal.
  bool plain = !text.empty() && text.front() != ' ' && text.back() != ' ';
  for (std::size_t i = 0; plain && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    plain = c >= 0x20 && c < 0x7F && c != '&' && !(c == ' ' && text[i + 1] == ' ');
  }
  if (plain) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    if (text[i] == '&') {
      cp = decode_entity(text, i);
      if (cp == 0) {
        ++i;
        cp = '&';
      }
    } else {
      cp = decode_utf8(text, i);
    }
    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') continue;  // control characters
    if (!map_compat(cp, out)) append_utf8(out, cp);
  }
  // Collapse whitespace runs and trim.
  std::string collapsed;
  collapsed.reserve(out.size());
  for (char c : out) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed.push_back(c);
  }
  while (!collapsed.empty() && collapsed.back() == ' ')
    collapsed.pop_back();
  return collapsed;
}

namespace {
bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_lower(s[i]) != prefix[i]) return false;
  }
  return true;
}
}  // namespace

std::string clean_for_scoring(std::string_view text, const CleanOptions& opts) {
  const std::string norm = normalize_unicode(text);
  std::string_view s = norm;
  if (opts.drop_retweet_prefix && starts_with_ci(s, "rt @")) {
    const auto colon = s.find(':');
    const auto space = s.find(' ', 4);
    if (colon != std::string_view::npos && (space == std::string_view::npos || colon < space)) {
      s.remove_prefix(std::min(s.size(), colon + 1));
    } else if (space != std::string_view::npos) {
      s.remove_prefix(space);
    }
  }
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const bool at_word_start = i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' || s[i - 1] == '"';
    if (at_word_start && opts.drop_urls &&
        (starts_with_ci(s.substr(i), "http://") || starts_with_ci(s.substr(i), "https://") ||
         starts_with_ci(s.substr(i), "www."))) {
      while (i < s.size() && s[i] != ' ')
        ++i;
      continue;
    }
    if (at_word_start && opts.drop_mentions && s[i] == '@' && i + 1 < s.size() &&
        (is_ascii_alnum(s[i + 1]) || s[i + 1] == '_')) {
      ++i;
      while (i < s.size() && (is_ascii_alnum(s[i]) || s[i] == '_'))
        ++i;
      continue;
    }
    out.push_back(s[i]);
    ++i;
  }
  std::string collapsed;
  collapsed.reserve(out.size());
  for (char c : out) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed.push_back(c);
  }
  while (!collapsed.empty() && collapsed.back() == ' ')
    collapsed.pop_back();
  return collapsed;
}

std::string canonical_key(std::string_view text) {
  const std::string clean = clean_for_scoring(text);
  std::string key;
  key.reserve(clean.size());
  bool pending_space = false;
  for (char c : clean) {
    if (is_ascii_alnum(c)) {
      if (pending_space && !key.empty()) key.push_back(' ');
      pending_space = false;
      key.push_back(ascii_lower(c));
    } else {
      pending_space = true;
    }
  }
  return key;
}

}  // namespace zerodte::sentiment
