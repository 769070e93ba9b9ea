#include "zerodte/server/auth.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace zerodte::server {
namespace {

constexpr std::int64_t kNow = 1'700'000'000;
const std::string kSecret = "test-secret-0123456789-0123456789-abcdef";

AuthConfig config() {
  AuthConfig c;
  c.jwt_secret = kSecret;
  c.users = {{"alice", Role::kTrader, hash_password("pw-alice", "salt-a", 1000)},
             {"vic", Role::kViewer, hash_password("pw-vic", "salt-v", 1000)}};
  c.api_tokens = {{"grafana", Role::kViewer, sha256_hex("zdt_abc123")}};
  c.login_attempts_per_minute = 3;
  return c;
}

TEST(Auth, Base64UrlRoundTripAndKnownValues) {
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(*base64url_decode("-_8"), "\xfb\xff");
  EXPECT_FALSE(base64url_decode("a"));
  EXPECT_FALSE(base64url_decode("ab=c"));
}

TEST(Auth, Pbkdf2MatchesRfc7914Vector) {
  // RFC 7914 section 11: PBKDF2-HMAC-SHA256("passwd", "salt", c=1, dkLen=64) starts 55 ac 04 6e.
  // Our format stores 32 bytes; check the first 32 bytes via the encoded hash, c >= 1000 only
  // is accepted for verification, so compare the raw encoding here.
  const auto h = hash_password("passwd", "salt", 1);
  const auto raw = base64url_decode(h.substr(h.rfind('$') + 1));
  ASSERT_TRUE(raw);
  EXPECT_EQ(static_cast<unsigned char>((*raw)[0]), 0x55);
  EXPECT_EQ(static_cast<unsigned char>((*raw)[1]), 0xac);
  EXPECT_EQ(static_cast<unsigned char>((*raw)[2]), 0x04);
  EXPECT_EQ(static_cast<unsigned char>((*raw)[3]), 0x6e);
  const auto good = hash_password("s3cret", "NaCl", 1000);
  EXPECT_TRUE(verify_password("s3cret", good));
  EXPECT_FALSE(verify_password("s3cret!", good));
  EXPECT_FALSE(verify_password("s3cret", "s3cret"));  // plaintext is never accepted
}

TEST(Auth, Sha256KnownValue) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

std::string forge(const std::string& header_json, const std::string& payload_json,
                  const std::string& sig) {
  return base64url_encode(header_json) + "." + base64url_encode(payload_json) + "." + sig;
}

TEST(Auth, JwtMatrix) {
  Authenticator a(config());
  auto login = a.login("alice", "pw-alice", "1.1.1.1", kNow);
  ASSERT_TRUE(login);
  const auto tok = login->access_token;
  auto ok = a.authenticate("Bearer " + tok, kNow + 10);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->user, "alice");
  EXPECT_EQ(ok->role, Role::kTrader);
  // Expired.
  EXPECT_EQ(a.authenticate(tok, kNow + 901).error().reason, "token expired");
  // Tampered payload (role upgraded) keeps the old signature.
  const auto p1 = tok.find('.'), p2 = tok.rfind('.');
  auto payload = *base64url_decode(tok.substr(p1 + 1, p2 - p1 - 1));
  auto up = payload;
  up.replace(up.find("trader"), 6, "admin");
  const auto tampered = tok.substr(0, p1) + "." + base64url_encode(up) + tok.substr(p2);
  EXPECT_EQ(a.authenticate(tampered, kNow).error().reason, "bad token signature");
  // alg=none with empty signature.
  EXPECT_FALSE(a.authenticate(forge(R"({"alg":"none","typ":"JWT"})", payload, ""), kNow));
  EXPECT_FALSE(a.authenticate(forge(R"({"alg":"None"})", payload, ""), kNow));
  // Algorithm switch: HS512 header (signature made with the same key by an attacker who knows
  // nothing else still fails; any non-HS256 alg is refused before the signature is checked).
  const auto sig = tok.substr(p2 + 1);
  EXPECT_EQ(
      a.authenticate(forge(R"({"alg":"HS512","typ":"JWT"})", payload, sig), kNow).error().reason,
      "token algorithm not accepted (only HS256)");
  EXPECT_FALSE(a.authenticate(forge(R"({"alg":"RS256","typ":"JWT"})", payload, sig), kNow));
  // Wrong issuer / audience (validly signed by a server with other settings but same key).
  JwtCodec other_iss(kSecret, "someone-else", "zerodte-dashboard");
  JwtCodec other_aud(kSecret, "zerodte", "other-app");
  const Claims c{"alice", Role::kAdmin, "access", kNow, kNow + 100};
  EXPECT_EQ(a.authenticate(other_iss.sign(c), kNow).error().reason, "wrong token issuer");
  EXPECT_EQ(a.authenticate(other_aud.sign(c), kNow).error().reason, "wrong token audience");
  // Forged with another key.
  JwtCodec forger("another-secret-another-secret-another", "zerodte", "zerodte-dashboard");
  EXPECT_EQ(a.authenticate(forger.sign(c), kNow).error().reason, "bad token signature");
  // A refresh token is not an access token and vice versa.
  EXPECT_FALSE(a.authenticate(login->refresh_token, kNow));
  EXPECT_FALSE(a.refresh(tok, kNow));
  auto refreshed = a.refresh(login->refresh_token, kNow + 1000);
  ASSERT_TRUE(refreshed);
  EXPECT_TRUE(a.authenticate(refreshed->access_token, kNow + 1500));
  // Garbage.
  EXPECT_FALSE(a.authenticate("", kNow));
  EXPECT_FALSE(a.authenticate("Bearer a.b", kNow));
  EXPECT_FALSE(a.authenticate("Bearer !!!.###.$$$", kNow));
  EXPECT_FALSE(a.authenticate(std::string(5000, 'a'), kNow));
}

TEST(Auth, ApiTokensAndLoginFailuresAndRateLimit) {
  Authenticator a(config());
  auto t = a.authenticate("Bearer zdt_abc123", kNow);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->user, "token:grafana");
  EXPECT_EQ(t->role, Role::kViewer);
  EXPECT_FALSE(a.authenticate("Bearer zdt_abc124", kNow));
  EXPECT_EQ(a.login("alice", "wrong", "2.2.2.2", kNow).error().http_status, 401);
  EXPECT_EQ(a.login("mallory", "x", "2.2.2.2", kNow).error().reason, "invalid user or password");
  EXPECT_TRUE(a.login("alice", "pw-alice", "2.2.2.2", kNow));
  EXPECT_EQ(a.login("alice", "pw-alice", "2.2.2.2", kNow).error().http_status, 429);
  EXPECT_TRUE(a.login("alice", "pw-alice", "3.3.3.3", kNow));  // per client
  EXPECT_TRUE(a.login("alice", "pw-alice", "2.2.2.2", kNow + 61));
}

}  // namespace
}  // namespace zerodte::server
