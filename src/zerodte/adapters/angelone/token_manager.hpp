#pragma once
// AngelOne session tokens and the token manager of seed 004 §2.1.
//
// loginByPassword (client code + PIN + TOTP) returns a JWT (REST "Authorization: Bearer"), a
// feed token (SmartStream WebSocket) and a refresh token; generateTokens trades the refresh
// token for a new pair. The manager:
//   * validates before every API batch (ensure_valid());
//   * refreshes when less than `refresh_before` (30 min) of validity remains;
//   * pauses trading when the refresh fails (ensure_valid() then answers kAuth, naming the
//     reason) and tries a full TOTP login again at most every `relogin_backoff`;
//   * keeps the tokens in a file with mode 0600 outside any git work tree (refuses group- or
//     world-readable files and paths inside a repository).
// Validity comes from the JWT's "exp" claim; tokens without one get `default_validity`.
// Token values never appear in messages or logs.
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "zerodte/core/clock.hpp"
#include "zerodte/core/error.hpp"

namespace zerodte::adapters::angelone {

struct TokenPair {
  std::string jwt;
  std::string refresh;
  std::string feed;
  core::Timestamp expires_at;
};

// The two calls the manager needs (SmartApiRest implements them over HTTP).
class AuthApi {
 public:
  virtual ~AuthApi() = default;
  virtual core::Result<TokenPair> login(const std::string& totp_code) = 0;
  virtual core::Result<TokenPair> refresh(const TokenPair& current) = 0;
};

// "exp" (seconds) from a JWT's payload; kParse when the token is not a JWT or has no exp.
core::Result<core::Timestamp> jwt_expiry(std::string_view jwt);

// 0600 token file. save() creates parent directories (0700) and replaces the file atomically.
core::Status save_tokens(const std::string& path, const TokenPair& tokens);
core::Result<TokenPair> load_tokens(const std::string& path);
// kConfig when `path` lies inside a git work tree (a parent directory holds .git).
core::Status check_outside_repository(const std::string& path);
// $XDG_STATE_HOME/zerodte/angelone-tokens.json, else $HOME/.local/state/zerodte/...
std::string default_token_path();

struct TokenManagerConfig {
  core::Duration refresh_before = std::chrono::minutes(30);
  core::Duration relogin_backoff = std::chrono::seconds(60);
  core::Duration default_validity = std::chrono::hours(12);
  std::string store_path;   // empty: tokens kept in memory only
  std::string totp_secret;  // base32
};

class TokenManager {
 public:
  TokenManager(AuthApi& api, const core::Clock& clock, TokenManagerConfig cfg);

  // Before each API batch: the tokens to use (logging in or refreshing as needed).
  core::Result<TokenPair> ensure_valid();
  // The venue said the JWT is invalid or expired (AG8001/AG8002): refresh on the next batch.
  void invalidate();
  [[nodiscard]] bool paused() const;
  [[nodiscard]] std::string pause_reason() const;
  // True when the current JWT stays valid until `t` (seed: is_valid_until_market_close).
  [[nodiscard]] bool valid_until(core::Timestamp t) const;
  [[nodiscard]] std::optional<TokenPair> current() const;
  [[nodiscard]] int logins() const;
  [[nodiscard]] int refreshes() const;
  // Called (outside the lock) when trading is paused or resumed; reason names the failure.
  std::function<void(bool paused, const std::string& reason)> on_pause_change;

 private:
  core::Result<TokenPair> login_locked();
  void set_paused(bool p, std::string reason, std::vector<std::function<void()>>& notify);
  void store_locked();

  AuthApi& api_;
  const core::Clock& clock_;
  TokenManagerConfig cfg_;
  mutable std::mutex mu_;
  std::optional<TokenPair> tokens_;
  bool loaded_ = false;
  bool invalid_ = false;
  bool paused_ = false;
  std::string pause_reason_;
  core::Timestamp last_login_attempt_;
  int logins_ = 0;
  int refreshes_ = 0;
};

}  // namespace zerodte::adapters::angelone
