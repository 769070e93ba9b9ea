#pragma once
// Authentication and authorisation for the API: roles, password hashes (PBKDF2-HMAC-SHA256 via
// OpenSSL), HS256 JWTs (access + refresh; issuer/audience/expiry checked; only "HS256" accepted,
// so alg=none and algorithm switching fail), API tokens for scripts (stored as SHA-256 hashes),
// and a per-client login rate limit. Secrets are never part of any error message.
#include <cstdint>
#include <deque>
#include <expected>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zerodte::server {

enum class Role : std::uint8_t { kViewer = 0, kTrader = 1, kAdmin = 2 };
[[nodiscard]] std::string_view role_name(Role r);
[[nodiscard]] std::optional<Role> parse_role(std::string_view s);

struct Principal {
  std::string user;
  Role role = Role::kViewer;
  bool api_token = false;
};

struct AuthError {
  int http_status = 401;
  std::string reason;
};
template <typename T>
using AuthResult = std::expected<T, AuthError>;

// "pbkdf2-sha256$<iterations>$<salt base64url>$<hash base64url>"
[[nodiscard]] std::string hash_password(std::string_view password, std::string_view salt,
                                        int iterations = 200000);
[[nodiscard]] bool verify_password(std::string_view password, std::string_view encoded);
[[nodiscard]] std::string sha256_hex(std::string_view data);
[[nodiscard]] std::string base64url_encode(std::string_view bytes);
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);

struct UserEntry {
  std::string name;
  Role role = Role::kViewer;
  std::string password_hash;  // hash_password() format
};
struct ApiTokenEntry {
  std::string name;
  Role role = Role::kViewer;
  std::string token_sha256;  // hex SHA-256 of the token
};

struct AuthConfig {
  bool enabled = true;
  std::string jwt_secret;  // >= 32 bytes; from ZERODTE_JWT_SECRET or a secret file
  std::string issuer = "zerodte";
  std::string audience = "zerodte-dashboard";
  std::int64_t access_ttl_s = 900;
  std::int64_t refresh_ttl_s = 8 * 3600;
  int login_attempts_per_minute = 5;
  std::vector<UserEntry> users;
  std::vector<ApiTokenEntry> api_tokens;
};

struct Claims {
  std::string sub;
  Role role = Role::kViewer;
  std::string kind;  // "access" | "refresh"
  std::int64_t iat = 0;
  std::int64_t exp = 0;
};

class JwtCodec {
 public:
  JwtCodec(std::string secret, std::string issuer, std::string audience);
  [[nodiscard]] std::string sign(const Claims& claims) const;
  // Verifies signature (constant time), alg == HS256, typ, iss, aud, exp > now, kind.
  [[nodiscard]] AuthResult<Claims> verify(std::string_view token, std::int64_t now_s,
                                          std::string_view expected_kind) const;

 private:
  std::string secret_;
  std::string issuer_;
  std::string audience_;
};

struct TokenPair {
  std::string access_token;
  std::string refresh_token;
  std::int64_t expires_in = 0;
  Role role = Role::kViewer;
};

class Authenticator {
 public:
  explicit Authenticator(AuthConfig config);
  // 401 for unknown user or wrong password (same message), 429 when rate limited.
  AuthResult<TokenPair> login(std::string_view user, std::string_view password,
                              std::string_view client_ip, std::int64_t now_s);
  AuthResult<TokenPair> refresh(std::string_view refresh_token, std::int64_t now_s) const;
  // `authorization` is the Authorization header value ("Bearer ..."), or a raw token.
  AuthResult<Principal> authenticate(std::string_view authorization, std::int64_t now_s) const;
  [[nodiscard]] const AuthConfig& config() const { return config_; }
  [[nodiscard]] const JwtCodec& jwt() const { return jwt_; }

 private:
  TokenPair issue(const std::string& user, Role role, std::int64_t now_s) const;
  bool rate_limited(std::string_view ip, std::int64_t now_s);

  AuthConfig config_;
  JwtCodec jwt_;
  std::string dummy_hash_;
  std::mutex mutex_;
  std::map<std::string, std::deque<std::int64_t>, std::less<>> attempts_;
};

}  // namespace zerodte::server
