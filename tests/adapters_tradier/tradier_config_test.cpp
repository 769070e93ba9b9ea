// Tradier settings: sandbox vs live, token and account from the environment, errors naming the
// missing variable.
#include <gtest/gtest.h>

#include <map>

#include "zerodte/adapters/tradier/tradier_config.hpp"
#include "zerodte/core/config/foundation_schema.hpp"

namespace zerodte::adapters::tradier {
namespace {

namespace cfg = core::config;

cfg::ConfigSchema schema() {
  cfg::ConfigSchema s;
  cfg::register_foundation_sections(s);
  register_tradier_sections(s);
  return s;
}

cfg::EnvLookup env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

cfg::Config load(std::string_view toml) {
  cfg::LoadOptions o;
  o.env = env({});
  o.register_secrets = false;
  o.partial_schema = true;
  auto c = cfg::load_config_string(toml, "inline.toml", schema(), o);
  EXPECT_TRUE(c) << (c ? "" : cfg::format_issues(c.error()));
  return *c;
}

TEST(TradierConfig, SandboxDefaultsAndSecretsFromTheEnvironment) {
  const auto c = load("[broker]\nname = \"tradier\"\npaper = true\n");
  auto t =
      tradier_config_from(c, env({{"TRADIER_ACCESS_TOKEN", "tok"}, {"TRADIER_ACCOUNT_ID", "VA1"}}));
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->rest_url, kSandboxRestUrl);
  EXPECT_TRUE(t->sandbox);
  EXPECT_EQ(t->token, "tok");
  EXPECT_EQ(t->account_id, "VA1");
  EXPECT_TRUE(t->require_stream);
}

TEST(TradierConfig, LiveWithAccountFromTheFileAndPolling) {
  const auto c = load(R"([broker]
name = "tradier"
paper = false
account_id = "6YA00001"
[tradier]
require_stream = false
poll_interval = "2s"
trading_requests_per_minute = 30
)");
  auto t = tradier_config_from(c, env({{"TRADIER_ACCESS_TOKEN", "tok"}}));
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->rest_url, kLiveRestUrl);
  EXPECT_EQ(t->account_id, "6YA00001");
  EXPECT_FALSE(t->require_stream);
  EXPECT_EQ(t->poll_interval, std::chrono::seconds(2));
  EXPECT_EQ(t->trading_requests_per_minute, 30);
}

TEST(TradierConfig, MissingTokenOrAccountNamesTheVariable) {
  const auto c = load("[broker]\nname = \"tradier\"\n");
  auto a = tradier_config_from(c, env({{"TRADIER_ACCOUNT_ID", "VA1"}}));
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().message.find("TRADIER_ACCESS_TOKEN"), std::string::npos);
  auto b = tradier_config_from(c, env({{"TRADIER_ACCESS_TOKEN", "tok"}}));
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message.find("TRADIER_ACCOUNT_ID"), std::string::npos);
}

}  // namespace
}  // namespace zerodte::adapters::tradier
