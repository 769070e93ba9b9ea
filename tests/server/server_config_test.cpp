#include "zerodte/server/server_config.hpp"

#include <gtest/gtest.h>

#include "zerodte/core/config/foundation_schema.hpp"

namespace zerodte::server {
namespace {
namespace cfg = core::config;

cfg::ConfigSchema schema() {
  cfg::ConfigSchema s;
  cfg::register_foundation_sections(s);
  register_server_sections(s);
  return s;
}

TEST(ServerConfig, LoadsUsersTokensAndSecretFromEnv) {
  const auto hash = hash_password("pw", "salt", 1000);
  const std::string toml =
      "[server]\nport = 9000\naccess_ttl = \"5m\"\n"
      "[[server.users]]\nname = \"alice\"\nrole = \"trader\"\n"
      "password_hash = \"" +
      hash +
      "\"\n"
      "[[server.api_tokens]]\nname = \"g\"\nrole = \"viewer\"\n"
      "token_sha256 = \"" +
      sha256_hex("zdt_x") + "\"\n";
  cfg::LoadOptions opt;
  opt.partial_schema = true;
  opt.register_secrets = false;
  auto c = cfg::load_config_string(toml, "t.toml", schema(), opt);
  ASSERT_TRUE(c) << cfg::format_issues(c.error());
  auto sc = server_config_from(*c, [](std::string_view n) -> std::optional<std::string> {
    if (n == "ZERODTE_JWT_SECRET") return std::string(40, 's');
    return std::nullopt;
  });
  ASSERT_TRUE(sc) << sc.error().to_string();
  EXPECT_EQ(sc->port, 9000);
  EXPECT_EQ(sc->bind, "127.0.0.1");
  EXPECT_EQ(sc->static_dir, "web/dist");
  EXPECT_EQ(sc->auth.access_ttl_s, 300);
  ASSERT_EQ(sc->auth.users.size(), 1u);
  EXPECT_EQ(sc->auth.users[0].role, Role::kTrader);
  EXPECT_EQ(sc->auth.api_tokens.size(), 1u);
  EXPECT_EQ(sc->auth.jwt_secret, std::string(40, 's'));
}

TEST(ServerConfig, RejectsPlaintextPasswordsAndUnknownRoles) {
  cfg::LoadOptions opt;
  opt.partial_schema = true;
  opt.register_secrets = false;
  auto c = cfg::load_config_string("[[server.users]]\nname = \"a\"\npassword_hash = \"hunter2\"\n",
                                   "t.toml", schema(), opt);
  ASSERT_TRUE(c);
  auto sc = server_config_from(*c, [](std::string_view) { return std::nullopt; });
  ASSERT_FALSE(sc);
  EXPECT_NE(sc.error().message.find("never a plaintext"), std::string::npos);
  EXPECT_EQ(sc.error().message.find("hunter2"), std::string::npos);
  auto bad = cfg::load_config_string(
      "[[server.users]]\nname = \"a\"\nrole = \"god\"\npassword_hash = \"x\"\n", "t.toml", schema(),
      opt);
  EXPECT_FALSE(bad);
}

}  // namespace
}  // namespace zerodte::server
