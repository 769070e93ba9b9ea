#include "zerodte/publish/markdown_v2.hpp"

namespace zerodte::publish {
namespace {
constexpr std::string_view kSpecial = "_*[]()~`>#+-=|{}.!\\";
bool continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}
}  // namespace

std::string escape_markdown_v2(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (char c : text) {
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    n += continuation(static_cast<unsigned char>(c)) ? 0 : 1;
  return n;
}

std::vector<std::string> chunk_text(std::string_view text, std::size_t limit) {
  std::vector<std::string> out;
  if (limit == 0) return out;
  while (!text.empty()) {
    // Byte offset after `limit` code points.
    std::size_t cut = 0, points = 0;
    while (cut < text.size() && points < limit) {
      ++cut;
      while (cut < text.size() && continuation(static_cast<unsigned char>(text[cut])))
        ++cut;
      ++points;
    }
    if (cut < text.size()) {
      // Prefer the last line break (or space) in the second half of the chunk.
      std::size_t nl = text.rfind('\n', cut - 1);
      if (nl == std::string_view::npos || nl < cut / 2) nl = text.rfind(' ', cut - 1);
      if (nl != std::string_view::npos && nl >= cut / 2) {
        cut = nl + 1;
      } else {
        // Never end on an escaping backslash: move the pair to the next chunk.
        std::size_t slashes = 0;
        for (std::size_t i = cut; i > 0 && text[i - 1] == '\\'; --i)
          ++slashes;
        if (slashes % 2 == 1) --cut;
      }
    }
    out.emplace_back(text.substr(0, cut));
    text.remove_prefix(cut);
  }
  return out;
}

}  // namespace zerodte::publish
