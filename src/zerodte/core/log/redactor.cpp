#include "zerodte/core/log/redactor.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <mutex>
#include <shared_mutex>
#include <vector>

namespace zerodte::core::log {
namespace {

struct SecretRegistry {
  std::shared_mutex mutex;
  std::vector<std::string> secrets;  // longest first, so a secret containing another wins
  std::atomic<bool> any{false};
};

SecretRegistry& registry() {
  static SecretRegistry r;
  return r;
}

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

// Name lowercased without '-' and '_': "APCA-API-SECRET-KEY" -> "apcaapisecretkey".
std::string normalise(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c != '-' && c != '_') out.push_back(lower(c));
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool starts_with_word(std::string_view s, std::size_t at, std::string_view word) {
  if (s.size() - at < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (lower(s[at + i]) != word[i]) return false;
  }
  return true;
}

void replace_all(std::string& text, std::string_view secret) {
  std::size_t pos = 0;
  while ((pos = text.find(secret, pos)) != std::string::npos) {
    text.replace(pos, secret.size(), kMask);
    pos += kMask.size();
  }
}

bool is_terminator(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0 || c == '&' || c == ',' || c == ';' ||
         c == '"' || c == '\'' || c == '}' || c == ']' || c == ')' || c == '<' || c == '>';
}

// After a sensitive name at [name_end): optional closing quote, spaces, ':' or '=', spaces,
// optional opening quote, optional auth scheme word, then the value, which becomes kMask.
std::size_t mask_value_after(std::string_view s, std::size_t name_end, bool authorization,
                             std::string& out) {
  std::size_t k = name_end;
  if (k < s.size() && (s[k] == '"' || s[k] == '\'')) ++k;
  while (k < s.size() && s[k] == ' ')
    ++k;
  if (k >= s.size() || (s[k] != ':' && s[k] != '=')) return name_end;
  ++k;
  while (k < s.size() && s[k] == ' ')
    ++k;
  char quote = 0;
  if (k < s.size() && (s[k] == '"' || s[k] == '\'')) quote = s[k++];
  if (authorization) {
    for (std::string_view scheme : {"bearer ", "basic ", "token ", "digest "}) {
      if (starts_with_word(s, k, scheme)) {
        k += scheme.size();
        while (k < s.size() && s[k] == ' ')
          ++k;
        break;
      }
    }
  }
  std::size_t v = k;
  if (quote != 0) {
    while (v < s.size() && s[v] != quote)
      v += (s[v] == '\\' && v + 1 < s.size()) ? 2 : 1;
  } else {
    while (v < s.size() && !is_terminator(s[v]))
      ++v;
  }
  out.append(s.substr(name_end, k - name_end));
  if (v > k) out.append(kMask);
  return v;
}

// Cheap pre-check before classifying a name: is it followed by [quote] spaces (':' | '=')?
bool followed_by_separator(std::string_view s, std::size_t k) {
  if (k < s.size() && (s[k] == '"' || s[k] == '\'')) ++k;
  while (k < s.size() && s[k] == ' ')
    ++k;
  return k < s.size() && (s[k] == ':' || s[k] == '=');
}

std::string mask_patterns(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_name_char(s[i])) {
      out.push_back(s[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && is_name_char(s[j]))
      ++j;
    const std::string_view name = s.substr(i, j - i);
    out.append(name);
    i = j;
    if (followed_by_separator(s, j) && is_sensitive_name(name)) {
      i = mask_value_after(s, j, normalise(name) == "authorization", out);
    }
  }
  return out;
}

}  // namespace

bool is_sensitive_name(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kNotSecret = {"symboltoken", "tokens",
                                                                 "nextpagetoken", "pagetoken"};
  static constexpr std::array<std::string_view, 13> kSuffixes = {
      "password", "passwd",     "passphrase",    "secret", "token",      "apikey",     "secretkey",
      "apikeyid", "privatekey", "authorization", "totp",   "webhookurl", "credentials"};
  const std::string n = normalise(name);
  if (n.empty()) return false;
  if (std::find(kNotSecret.begin(), kNotSecret.end(), n) != kNotSecret.end()) return false;
  if (n == "pin" || n == "mpin") return true;
  return std::any_of(kSuffixes.begin(), kSuffixes.end(),
                     [&](std::string_view suffix) { return ends_with(n, suffix); });
}

bool register_secret(std::string_view secret) {
  if (secret.size() < kMinSecretLength) return false;
  auto& r = registry();
  std::unique_lock lock(r.mutex);
  if (std::find(r.secrets.begin(), r.secrets.end(), secret) == r.secrets.end()) {
    r.secrets.emplace_back(secret);
    std::stable_sort(
        r.secrets.begin(), r.secrets.end(),
        [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  }
  r.any.store(true, std::memory_order_release);
  return true;
}

std::size_t secret_count() {
  auto& r = registry();
  std::shared_lock lock(r.mutex);
  return r.secrets.size();
}

void clear_secrets_for_testing() {
  auto& r = registry();
  std::unique_lock lock(r.mutex);
  r.secrets.clear();
  r.any.store(false, std::memory_order_release);
}

std::string redact(std::string_view text) {
  std::string out(text);
  auto& r = registry();
  if (r.any.load(std::memory_order_acquire)) {
    std::shared_lock lock(r.mutex);
    for (const auto& secret : r.secrets)
      replace_all(out, secret);
  }
  // Every credential pattern has a ':' or '=' after the name.
  if (out.find_first_of(":=") == std::string::npos) return out;
  return mask_patterns(out);
}

}  // namespace zerodte::core::log
