// Alpaca settings from a config file and the environment: paper vs live endpoints, overrides,
// the key pair from either variable family, and clear errors without it.
#include <gtest/gtest.h>

#include <map>

#include "zerodte/adapters/alpaca/broker/alpaca_config.hpp"
#include "zerodte/core/config/foundation_schema.hpp"

namespace zerodte::adapters::alpaca {
namespace {

namespace cfg = core::config;

cfg::ConfigSchema schema() {
  cfg::ConfigSchema s;
  cfg::register_foundation_sections(s);
  register_alpaca_broker_sections(s);
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

TEST(AlpacaConfig, PaperDefaultsAndKeysFromTheEnvironment) {
  const auto c = load("[broker]\nname = \"alpaca\"\npaper = true\n");
  auto a =
      alpaca_config_from(c, env({{"ALPACA_API_KEY_ID", "PK1"}, {"ALPACA_API_SECRET_KEY", "S1"}}));
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->rest_url, kPaperRestUrl);
  EXPECT_EQ(a->stream_url, kPaperStreamUrl);
  EXPECT_EQ(a->key_id, "PK1");
  EXPECT_EQ(a->secret, "S1");
  EXPECT_EQ(a->requests_per_minute, 190);
}

TEST(AlpacaConfig, LiveEndpointsOverridesAndSdkVariableNames) {
  const auto c = load(R"([broker]
name = "alpaca"
paper = false
api_base_url = "https://proxy.example.com/"
[alpaca_broker]
requests_per_minute = 100
request_timeout = "2s"
)");
  auto a = alpaca_config_from(c, env({{"APCA_API_KEY_ID", "AK"}, {"APCA_API_SECRET_KEY", "AS"}}));
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->rest_url, "https://proxy.example.com");
  EXPECT_EQ(a->stream_url, kLiveStreamUrl);
  EXPECT_FALSE(a->paper);
  EXPECT_EQ(a->requests_per_minute, 100);
  EXPECT_EQ(a->request_timeout, std::chrono::seconds(2));
  EXPECT_EQ(a->key_id, "AK");
}

TEST(AlpacaConfig, MissingKeysOrAnotherBrokerAreConfigErrors) {
  const auto c = load("[broker]\nname = \"alpaca\"\n");
  auto a = alpaca_config_from(c, env({{"ALPACA_API_KEY_ID", "PK1"}}));
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, core::ErrorCode::kConfig);
  EXPECT_NE(a.error().message.find("ALPACA_API_SECRET_KEY"), std::string::npos);
  const auto t = load("[broker]\nname = \"tradier\"\n");
  auto b = alpaca_config_from(t, env({{"ALPACA_API_KEY_ID", "K"}, {"ALPACA_API_SECRET_KEY", "S"}}));
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message.find("tradier"), std::string::npos);
}

}  // namespace
}  // namespace zerodte::adapters::alpaca
