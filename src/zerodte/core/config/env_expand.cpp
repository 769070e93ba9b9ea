#include "zerodte/core/config/env_expand.hpp"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace zerodte::core::config {
namespace {

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  const auto first = static_cast<unsigned char>(name.front());
  if (std::isalpha(first) == 0 && name.front() != '_') return false;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') return false;
  }
  return true;
}

constexpr std::size_t kMaxSecretFileBytes = 64 * 1024;

Result<std::string> read_secret_file(std::string_view path) {
  if (path.empty()) return fail(ErrorCode::kParse, "'${{file:}}' needs a path");
  std::ifstream in{std::string(path), std::ios::binary};
  if (!in) {
    return fail(ErrorCode::kNotFound, "cannot read secret file `{}`: {}", path,
                std::strerror(errno));
  }
  std::string text(kMaxSecretFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxSecretFileBytes) {
    return fail(ErrorCode::kInvalid, "secret file `{}` is larger than {} bytes", path,
                kMaxSecretFileBytes);
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

}  // namespace

EnvLookup process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Result<Expanded> expand_env(std::string_view text, const EnvLookup& env) {
  Expanded out;
  out.text.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c != '$' || i + 1 >= text.size() || (text[i + 1] != '$' && text[i + 1] != '{')) {
      out.text.push_back(c);
      ++i;
      continue;
    }
    if (text[i + 1] == '$') {
      out.text.push_back('$');
      i += 2;
      continue;
    }
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      return fail(ErrorCode::kParse,
                  "unterminated '${{' at offset {} (write '$$' for a literal '$')", i);
    }
    const std::string_view body = text.substr(i + 2, close - i - 2);
    if (body.starts_with("file:")) {
      auto contents = read_secret_file(body.substr(5));
      if (!contents) return std::unexpected(contents.error());
      out.variables.emplace_back(body);
      out.text += *contents;
      i = close + 1;
      continue;
    }
    const std::size_t sep = body.find(":-");
    const std::string_view name = sep == std::string_view::npos ? body : body.substr(0, sep);
    if (!valid_name(name)) {
      return fail(ErrorCode::kParse,
                  "'${{{}}}' is not a valid variable reference: names are [A-Za-z_][A-Za-z0-9_]*",
                  name);
    }
    out.variables.emplace_back(name);
    std::optional<std::string> value = env(name);
    if (sep != std::string_view::npos) {
      if (!value || value->empty()) value = std::string(body.substr(sep + 2));
    } else if (!value) {
      return fail(ErrorCode::kNotFound, "environment variable `{}` is not set", name);
    }
    out.text += *value;
    i = close + 1;
  }
  return out;
}

}  // namespace zerodte::core::config
