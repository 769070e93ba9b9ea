#include "zerodte/adapters/angelone/token_manager.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "zerodte/adapters/angelone/totp.hpp"
#include "zerodte/core/log/redactor.hpp"

namespace zerodte::adapters::angelone {

namespace json = boost::json;
namespace fs = std::filesystem;
using core::ErrorCode;

namespace {

core::Result<std::string> base64url_decode(std::string_view in) {
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (const char c : in) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '-' || c == '+') v = 62;
    if (c == '_' || c == '/') v = 63;
    if (c == '=') break;
    if (v < 0) return core::fail(ErrorCode::kParse, "JWT: payload is not base64url");
    buf = (buf << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buf >> bits) & 0xFF));
    }
  }
  return out;
}

void register_secrets(const TokenPair& t) {
  core::log::register_secret(t.jwt);
  core::log::register_secret(t.refresh);
  core::log::register_secret(t.feed);
}

}  // namespace

core::Result<core::Timestamp> jwt_expiry(std::string_view jwt) {
  const auto a = jwt.find('.');
  const auto b = a == std::string_view::npos ? a : jwt.find('.', a + 1);
  if (b == std::string_view::npos) {
    return core::fail(ErrorCode::kParse, "JWT: expected three dot-separated parts");
  }
  auto payload = base64url_decode(jwt.substr(a + 1, b - a - 1));
  if (!payload) return std::unexpected(payload.error());
  boost::system::error_code ec;
  const json::value v = json::parse(*payload, ec);
  if (ec || !v.is_object() || !v.as_object().contains("exp")) {
    return core::fail(ErrorCode::kParse, "JWT: payload has no numeric \"exp\" claim");
  }
  const json::value& exp = v.as_object().at("exp");
  if (exp.is_int64()) return core::Timestamp::from_seconds(exp.as_int64());
  if (exp.is_uint64())
    return core::Timestamp::from_seconds(static_cast<std::int64_t>(exp.as_uint64()));
  if (exp.is_double())
    return core::Timestamp::from_seconds(static_cast<std::int64_t>(exp.as_double()));
  return core::fail(ErrorCode::kParse, "JWT: \"exp\" is not a number");
}

core::Status check_outside_repository(const std::string& path) {
  fs::path p = fs::absolute(fs::path(path)).parent_path();
  while (!p.empty()) {
    std::error_code ec;
    if (fs::exists(p / ".git", ec)) {
      return core::fail(ErrorCode::kConfig,
                        "token file {} is inside the git work tree {}: keep tokens outside "
                        "repositories",
                        path, p.string());
    }
    if (p == p.root_path()) break;
    p = p.parent_path();
  }
  return core::ok();
}

std::string default_token_path() {
  if (const char* x = std::getenv("XDG_STATE_HOME"); x != nullptr && *x != '\0') {
    return std::string(x) + "/zerodte/angelone-tokens.json";
  }
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr ? home : "/tmp") +
         "/.local/state/zerodte/angelone-tokens.json";
}

core::Status save_tokens(const std::string& path, const TokenPair& t) {
  if (auto s = check_outside_repository(path); !s) return s;
  const fs::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) {
    fs::create_directories(p.parent_path(), ec);
    ::chmod(p.parent_path().c_str(), 0700);
  }
  json::object o;
  o["jwt"] = t.jwt;
  o["refresh"] = t.refresh;
  o["feed"] = t.feed;
  o["expires_at_ns"] = t.expires_at.ns;
  const std::string text = json::serialize(o);
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return core::fail(ErrorCode::kIo, "token file {}: cannot create", tmp);
  ::fchmod(fd, 0600);
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return core::fail(ErrorCode::kIo, "token file {}: write failed", path);
  }
  return core::ok();
}

core::Result<TokenPair> load_tokens(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return core::fail(ErrorCode::kNotFound, "token file {}: does not exist", path);
  }
  if ((st.st_mode & 077) != 0) {
    return core::fail(ErrorCode::kConfig,
                      "token file {}: mode {:o} lets others read it; expected 0600 (chmod 600)",
                      path, st.st_mode & 0777);
  }
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  const json::value v = json::parse(ss.str(), ec);
  if (ec || !v.is_object()) return core::fail(ErrorCode::kParse, "token file {}: not JSON", path);
  const auto& o = v.as_object();
  TokenPair t;
  auto str = [&](const char* k) -> std::string {
    const json::value* x = o.if_contains(k);
    return x != nullptr && x->is_string() ? std::string(x->as_string()) : std::string();
  };
  t.jwt = str("jwt");
  t.refresh = str("refresh");
  t.feed = str("feed");
  const json::value* e = o.if_contains("expires_at_ns");
  if (t.jwt.empty() || e == nullptr || !e->is_int64()) {
    return core::fail(ErrorCode::kParse, "token file {}: missing jwt or expires_at_ns", path);
  }
  t.expires_at = core::Timestamp{e->as_int64()};
  register_secrets(t);
  return t;
}

TokenManager::TokenManager(AuthApi& api, const core::Clock& clock, TokenManagerConfig cfg)
    : api_(api), clock_(clock), cfg_(std::move(cfg)) {
  core::log::register_secret(cfg_.totp_secret);
}

void TokenManager::store_locked() {
  if (cfg_.store_path.empty() || !tokens_) return;
  if (auto s = save_tokens(cfg_.store_path, *tokens_); !s) {
    spdlog::warn("angelone: {}", s.error().message);
  }
}

core::Result<TokenPair> TokenManager::login_locked() {
  last_login_attempt_ = clock_.now();
  auto code = totp(cfg_.totp_secret, clock_.now());
  if (!code) return std::unexpected(code.error());
  auto t = api_.login(*code);
  if (!t) return t;
  ++logins_;
  if (auto exp = jwt_expiry(t->jwt)) t->expires_at = *exp;
  if (!t->expires_at.is_set()) t->expires_at = clock_.now() + cfg_.default_validity;
  register_secrets(*t);
  tokens_ = *t;
  invalid_ = false;
  store_locked();
  return t;
}

void TokenManager::set_paused(bool p, std::string reason,
                              std::vector<std::function<void()>>& notify) {
  const bool changed = p != paused_;
  paused_ = p;
  pause_reason_ = std::move(reason);
  if (changed && on_pause_change) {
    notify.push_back([cb = on_pause_change, p, r = pause_reason_] { cb(p, r); });
  }
}

core::Result<TokenPair> TokenManager::ensure_valid() {
  std::vector<std::function<void()>> notify;
  core::Result<TokenPair> out = core::fail(ErrorCode::kInternal, "unset");
  {
    std::lock_guard l(mu_);
    const core::Timestamp now = clock_.now();
    if (!loaded_) {
      loaded_ = true;
      if (!cfg_.store_path.empty()) {
        if (auto t = load_tokens(cfg_.store_path)) {
          tokens_ = *t;
        } else if (t.error().code != ErrorCode::kNotFound) {
          spdlog::warn("angelone: {}; logging in afresh", t.error().message);
        }
      }
    }
    if (paused_) {
      if (now - last_login_attempt_ < cfg_.relogin_backoff) {
        return core::fail(ErrorCode::kAuth, "angelone: trading paused: {}", pause_reason_);
      }
      out = login_locked();
      if (out) {
        set_paused(false, "", notify);
      } else {
        set_paused(true, "login after failed refresh: " + out.error().message, notify);
        out = core::fail(ErrorCode::kAuth, "angelone: trading paused: {}", pause_reason_);
      }
    } else if (!tokens_ || tokens_->expires_at <= now) {
      out = login_locked();
      if (!out) {
        const ErrorCode code =
            out.error().code == ErrorCode::kAuth ? ErrorCode::kAuth : out.error().code;
        out = core::fail(code, "angelone: login failed: {}", out.error().message);
      }
    } else if (invalid_ || tokens_->expires_at - now < cfg_.refresh_before) {
      auto t = api_.refresh(*tokens_);
      if (t) {
        ++refreshes_;
        if (auto exp = jwt_expiry(t->jwt)) t->expires_at = *exp;
        if (!t->expires_at.is_set()) t->expires_at = now + cfg_.default_validity;
        if (t->refresh.empty()) t->refresh = tokens_->refresh;
        if (t->feed.empty()) t->feed = tokens_->feed;
        register_secrets(*t);
        tokens_ = *t;
        invalid_ = false;
        store_locked();
        out = *t;
      } else {
        last_login_attempt_ = now;
        set_paused(true, "token refresh failed: " + t.error().message, notify);
        out = core::fail(ErrorCode::kAuth, "angelone: trading paused: {}", pause_reason_);
      }
    } else {
      out = *tokens_;
    }
  }
  for (auto& n : notify)
    n();
  return out;
}

void TokenManager::invalidate() {
  std::lock_guard l(mu_);
  invalid_ = true;
}
bool TokenManager::paused() const {
  std::lock_guard l(mu_);
  return paused_;
}
std::string TokenManager::pause_reason() const {
  std::lock_guard l(mu_);
  return pause_reason_;
}
bool TokenManager::valid_until(core::Timestamp t) const {
  std::lock_guard l(mu_);
  return tokens_ && !invalid_ && tokens_->expires_at > t;
}
std::optional<TokenPair> TokenManager::current() const {
  std::lock_guard l(mu_);
  return tokens_;
}
int TokenManager::logins() const {
  std::lock_guard l(mu_);
  return logins_;
}
int TokenManager::refreshes() const {
  std::lock_guard l(mu_);
  return refreshes_;
}

}  // namespace zerodte::adapters::angelone
