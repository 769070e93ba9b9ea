#include "zerodte/server/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <fmt/format.h>
#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

namespace zerodte::server {
namespace json = boost::json;
namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

bool ct_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const auto p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? s.npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

AuthError unauthorized(std::string reason) {
  return AuthError{401, std::move(reason)};
}

}  // namespace

std::string_view role_name(Role r) {
  switch (r) {
    case Role::kAdmin:
      return "admin";
    case Role::kTrader:
      return "trader";
    case Role::kViewer:
      return "viewer";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view s) {
  if (s == "admin") return Role::kAdmin;
  if (s == "trader") return Role::kTrader;
  if (s == "viewer") return Role::kViewer;
  return std::nullopt;
}

std::string base64url_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const auto n = (std::uint32_t(std::uint8_t(in[i])) << 16) |
                   (std::uint32_t(std::uint8_t(in[i + 1])) << 8) | std::uint8_t(in[i + 2]);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += kB64[(n >> 6) & 63];
    out += kB64[n & 63];
  }
  if (i + 1 == in.size()) {
    const auto n = std::uint32_t(std::uint8_t(in[i])) << 16;
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
  } else if (i + 2 == in.size()) {
    const auto n =
        (std::uint32_t(std::uint8_t(in[i])) << 16) | (std::uint32_t(std::uint8_t(in[i + 1])) << 8);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += kB64[(n >> 6) & 63];
  }
  return out;
}

std::optional<std::string> base64url_decode(std::string_view in) {
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = -1;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '-')
      v = 62;
    else if (c == '_')
      v = 63;
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), d);
  std::string out;
  for (unsigned char c : d)
    out += fmt::format("{:02x}", c);
  return out;
}

std::string hash_password(std::string_view password, std::string_view salt, int iterations) {
  unsigned char out[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof out, out);
  return fmt::format("pbkdf2-sha256${}${}${}", iterations, base64url_encode(salt),
                     base64url_encode(std::string_view(reinterpret_cast<char*>(out), sizeof out)));
}

bool verify_password(std::string_view password, std::string_view encoded) {
  const auto parts = split(encoded, '$');
  if (parts.size() != 4 || parts[0] != "pbkdf2-sha256") return false;
  int iterations = 0;
  if (std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations).ec !=
          std::errc{} ||
      iterations < 1000 || iterations > 10'000'000)
    return false;
  const auto salt = base64url_decode(parts[2]);
  const auto want = base64url_decode(parts[3]);
  if (!salt || !want || want->size() != 32) return false;
  const auto got = hash_password(password, *salt, iterations);
  return ct_equal(got, encoded);
}

JwtCodec::JwtCodec(std::string secret, std::string issuer, std::string audience)
    : secret_(std::move(secret)), issuer_(std::move(issuer)), audience_(std::move(audience)) {}

std::string JwtCodec::sign(const Claims& c) const {
  const std::string header = R"({"alg":"HS256","typ":"JWT"})";
  json::object p;
  p["iss"] = issuer_;
  p["aud"] = audience_;
  p["sub"] = c.sub;
  p["role"] = std::string(role_name(c.role));
  p["kind"] = c.kind;
  p["iat"] = c.iat;
  p["exp"] = c.exp;
  const std::string signing_input =
      base64url_encode(header) + "." + base64url_encode(json::serialize(p));
  return signing_input + "." + base64url_encode(hmac_sha256(secret_, signing_input));
}

AuthResult<Claims> JwtCodec::verify(std::string_view token, std::int64_t now_s,
                                    std::string_view expected_kind) const {
  if (token.size() > 4096) return std::unexpected(unauthorized("token too long"));
  const auto parts = split(token, '.');
  if (parts.size() != 3) return std::unexpected(unauthorized("malformed token"));
  const auto header_text = base64url_decode(parts[0]);
  if (!header_text) return std::unexpected(unauthorized("malformed token header"));
  boost::system::error_code ec;
  const auto header = json::parse(*header_text, ec);
  if (ec || !header.is_object()) return std::unexpected(unauthorized("malformed token header"));
  const auto* alg = header.as_object().if_contains("alg");
  if (!alg || !alg->is_string() || alg->as_string() != "HS256")
    return std::unexpected(unauthorized("token algorithm not accepted (only HS256)"));
  const auto sig = base64url_decode(parts[2]);
  const std::string signing_input = std::string(parts[0]) + "." + std::string(parts[1]);
  if (!sig || !ct_equal(*sig, hmac_sha256(secret_, signing_input)))
    return std::unexpected(unauthorized("bad token signature"));
  const auto payload_text = base64url_decode(parts[1]);
  if (!payload_text) return std::unexpected(unauthorized("malformed token payload"));
  const auto payload = json::parse(*payload_text, ec);
  if (ec || !payload.is_object()) return std::unexpected(unauthorized("malformed token payload"));
  const auto& o = payload.as_object();
  const auto str = [&](const char* k) -> std::string {
    const auto* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string{};
  };
  const auto num = [&](const char* k) -> std::optional<std::int64_t> {
    const auto* v = o.if_contains(k);
    if (v && v->is_int64()) return v->as_int64();
    return std::nullopt;
  };
  if (str("iss") != issuer_) return std::unexpected(unauthorized("wrong token issuer"));
  if (str("aud") != audience_) return std::unexpected(unauthorized("wrong token audience"));
  const auto exp = num("exp");
  const auto iat = num("iat");
  if (!exp || !iat) return std::unexpected(unauthorized("token lacks exp/iat"));
  if (*exp <= now_s) return std::unexpected(unauthorized("token expired"));
  if (*iat > now_s + 60) return std::unexpected(unauthorized("token issued in the future"));
  Claims c;
  c.sub = str("sub");
  c.kind = str("kind");
  c.iat = *iat;
  c.exp = *exp;
  const auto role = parse_role(str("role"));
  if (c.sub.empty() || !role) return std::unexpected(unauthorized("token lacks sub/role"));
  c.role = *role;
  if (c.kind != expected_kind)
    return std::unexpected(unauthorized(fmt::format("expected a {} token", expected_kind)));
  return c;
}

Authenticator::Authenticator(AuthConfig config)
    : config_(std::move(config)), jwt_(config_.jwt_secret, config_.issuer, config_.audience) {
  int iterations = 1000;
  for (const auto& u : config_.users) {
    const auto parts = split(u.password_hash, '$');
    int n = 0;
    if (parts.size() == 4 &&
        std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), n).ec == std::errc{})
      iterations = std::max(iterations, std::min(n, 10'000'000));
  }
  dummy_hash_ = hash_password("unknown-user", "zerodte-dummy-salt", iterations);
}

TokenPair Authenticator::issue(const std::string& user, Role role, std::int64_t now_s) const {
  TokenPair t;
  t.access_token = jwt_.sign({user, role, "access", now_s, now_s + config_.access_ttl_s});
  t.refresh_token = jwt_.sign({user, role, "refresh", now_s, now_s + config_.refresh_ttl_s});
  t.expires_in = config_.access_ttl_s;
  t.role = role;
  return t;
}

bool Authenticator::rate_limited(std::string_view ip, std::int64_t now_s) {
  std::lock_guard lock(mutex_);
  if (attempts_.size() > 10000)
    std::erase_if(attempts_, [&](const auto& kv) {
      return kv.second.empty() || kv.second.back() <= now_s - 60;
    });
  auto it = attempts_.find(ip);
  if (it == attempts_.end())
    it = attempts_.emplace(std::string(ip), std::deque<std::int64_t>{}).first;
  auto& q = it->second;
  while (!q.empty() && q.front() <= now_s - 60)
    q.pop_front();
  if (static_cast<int>(q.size()) >= config_.login_attempts_per_minute) return true;
  q.push_back(now_s);
  return false;
}

AuthResult<TokenPair> Authenticator::login(std::string_view user, std::string_view password,
                                           std::string_view client_ip, std::int64_t now_s) {
  if (rate_limited(client_ip, now_s))
    return std::unexpected(AuthError{429, "too many login attempts; retry in a minute"});
  const UserEntry* found = nullptr;
  for (const auto& u : config_.users)
    if (u.name == user) found = &u;
  // Unknown users cost one PBKDF2 too (same work as a wrong password).
  const bool ok = verify_password(password, found ? found->password_hash : dummy_hash_);
  if (!found || !ok) return std::unexpected(unauthorized("invalid user or password"));
  return issue(found->name, found->role, now_s);
}

AuthResult<TokenPair> Authenticator::refresh(std::string_view refresh_token,
                                             std::int64_t now_s) const {
  auto c = jwt_.verify(refresh_token, now_s, "refresh");
  if (!c) return std::unexpected(c.error());
  // The user must still exist with the same role.
  for (const auto& u : config_.users)
    if (u.name == c->sub) return issue(u.name, u.role, now_s);
  return std::unexpected(unauthorized("user no longer exists"));
}

AuthResult<Principal> Authenticator::authenticate(std::string_view authorization,
                                                  std::int64_t now_s) const {
  std::string_view token = authorization;
  if (token.starts_with("Bearer ")) token.remove_prefix(7);
  while (!token.empty() && token.front() == ' ')
    token.remove_prefix(1);
  if (token.empty()) return std::unexpected(unauthorized("missing bearer token"));
  if (token.starts_with("zdt_")) {
    const auto h = sha256_hex(token);
    for (const auto& t : config_.api_tokens)
      if (ct_equal(h, t.token_sha256)) return Principal{"token:" + t.name, t.role, true};
    return std::unexpected(unauthorized("unknown API token"));
  }
  auto c = jwt_.verify(token, now_s, "access");
  if (!c) return std::unexpected(c.error());
  return Principal{c->sub, c->role, false};
}

}  // namespace zerodte::server
