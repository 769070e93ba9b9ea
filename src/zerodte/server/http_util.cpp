#include "zerodte/server/http_util.hpp"

#include <fmt/format.h>

namespace zerodte::server {

std::string percent_decode(std::string_view s, bool& ok) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) {
        ok = false;
        return {};
      }
      const auto hex = [](char h) -> int {
        if (h >= '0' && h <= '9') return h - '0';
        if (h >= 'a' && h <= 'f') return h - 'a' + 10;
        if (h >= 'A' && h <= 'F') return h - 'A' + 10;
        return -1;
      };
      const int hi = hex(s[i + 1]);
      const int lo = hex(s[i + 2]);
      if (hi < 0 || lo < 0) {
        ok = false;
        return {};
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

Target parse_target(std::string_view target) {
  Target t;
  if (target.empty() || target.front() != '/' || target.size() > 2048) return t;
  const auto q = target.find('?');
  bool ok = true;
  t.path = percent_decode(target.substr(0, q), ok);
  if (q != std::string_view::npos) {
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
      const auto amp = rest.find('&');
      const auto part = rest.substr(0, amp);
      const auto eq = part.find('=');
      auto key = percent_decode(part.substr(0, eq), ok);
      auto val =
          eq == std::string_view::npos ? std::string{} : percent_decode(part.substr(eq + 1), ok);
      if (!key.empty()) t.query[std::move(key)] = std::move(val);
      if (amp == std::string_view::npos) break;
      rest.remove_prefix(amp + 1);
    }
  }
  for (char c : t.path)
    if (static_cast<unsigned char>(c) < 0x20 || c == '\\') ok = false;
  t.ok = ok;
  return t;
}

std::string json_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", int(c));
        else
          out += c;
    }
  }
  return out;
}

std::string error_json(std::string_view reason) {
  return fmt::format("{{\"error\":\"{}\"}}", json_escape(reason));
}

std::string_view mime_type(std::string_view path) {
  const auto ends = [&](std::string_view e) { return path.ends_with(e); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".map")) return "application/json";
  return "application/octet-stream";
}

}  // namespace zerodte::server
