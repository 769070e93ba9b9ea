// [[strategies]] config: variants per registered type with their defaults, validation by the
// loader, make_strategies_from_config (ids, names, enabled), registry errors.
#include <gtest/gtest.h>

#include "zerodte/core/config/foundation_schema.hpp"
#include "zerodte/strategy/builtin/sawtooth_sentiment.hpp"
#include "zerodte/strategy/registry.hpp"

namespace zerodte::strategy {
namespace {

namespace config = core::config;

config::ConfigSchema schema() {
  config::ConfigSchema s;
  config::register_foundation_sections(s);
  register_strategy_sections(s);
  return s;
}

config::LoadResult load(std::string_view toml) {
  config::LoadOptions o;
  o.partial_schema = false;
  return config::load_config_string(toml, "test.toml", schema(), o);
}

TEST(StrategyConfig, EveryBuiltInIsRegisteredWithItsSeed) {
  const auto& reg = global_registry();
  for (const auto& [type, seed] : std::vector<std::pair<std::string, std::string>>{
           {"sawtooth_sentiment", "000"}, {"sentiment_momentum", "001"}, {"adx_trend", "004"}}) {
    const auto* info = reg.find(type);
    ASSERT_NE(info, nullptr) << type;
    EXPECT_EQ(info->seed, seed);
    auto spec = reg.parameters(type);
    ASSERT_TRUE(spec.has_value());
    EXPECT_GT(spec->keys.size(), 10u) << type;
    for (const auto& k : spec->keys) {
      EXPECT_TRUE(k.default_value.has_value()) << type << "." << k.name;
      EXPECT_FALSE(k.doc.empty()) << type << "." << k.name;
    }
    EXPECT_TRUE(reg.create(type).has_value()) << type;  // defaults build
  }
}

TEST(StrategyConfig, BuildsInstancesFromConfig) {
  auto cfg = load(R"(
[[strategies]]
type = "sawtooth_sentiment"
name = "nvda_saw"
symbols = ["NVDA", "AMD"]
risk_per_trade = 250

[[strategies]]
type = "adx_trend"
name = "nifty"
enabled = false

[[strategies]]
type = "sentiment_momentum"
)");
  ASSERT_TRUE(cfg.has_value()) << config::format_issues(cfg.error());
  auto made = make_strategies_from_config(*cfg);
  ASSERT_TRUE(made.has_value()) << made.error().message;
  ASSERT_EQ(made->size(), 2u);  // the disabled one is skipped but keeps its id
  EXPECT_EQ((*made)[0].name, "nvda_saw");
  EXPECT_EQ((*made)[0].id.value, 1);
  EXPECT_EQ((*made)[1].name, "sentiment_momentum");
  EXPECT_EQ((*made)[1].id.value, 3);
  EXPECT_EQ((*made)[1].type, "sentiment_momentum");
}

TEST(StrategyConfig, LoaderRejectsUnknownTypesKeysAndRanges) {
  auto bad = load(R"(
[[strategies]]
type = "sawtooth_sentiment"
risk_per_trade = 0
wrong_key = 1

[[strategies]]
type = "no_such_strategy"
)");
  ASSERT_FALSE(bad.has_value());
  const std::string text = config::format_issues(bad.error());
  EXPECT_NE(text.find("strategies[0].risk_per_trade"), std::string::npos) << text;
  EXPECT_NE(text.find("wrong_key"), std::string::npos) << text;
  EXPECT_NE(text.find("no_such_strategy"), std::string::npos) << text;
}

TEST(StrategyConfig, DuplicateNamesAndParameterRules) {
  auto cfg = load(R"(
[[strategies]]
type = "sentiment_momentum"
name = "a"
[[strategies]]
type = "sawtooth_sentiment"
name = "a"
)");
  ASSERT_TRUE(cfg.has_value());
  auto made = make_strategies_from_config(*cfg);
  ASSERT_FALSE(made.has_value());
  EXPECT_NE(made.error().message.find("strategies[1]: name 'a' is used twice"), std::string::npos)
      << made.error().message;

  config::ConfigTable o;
  o.set("entry_start", core::TimeOfDay{15, 0, 0});
  o.set("entry_end", core::TimeOfDay{10, 0, 0});
  auto s = global_registry().create("sawtooth_sentiment", o);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("entry_start 15:00 is not before entry_end 10:00"),
            std::string::npos)
      << s.error().message;
  config::ConfigTable unknown;
  unknown.set("bogus", 1.0);
  auto u = global_registry().create("adx_trend", unknown);
  ASSERT_FALSE(u.has_value());
  EXPECT_NE(u.error().message.find("unknown parameter 'bogus'"), std::string::npos);
  EXPECT_FALSE(global_registry().create("nope").has_value());
}

TEST(StrategyConfig, RegistryRefusesDuplicatesAndEmptyTypes) {
  StrategyRegistry r;
  StrategyInfo info{
      .type = "x",
      .summary = "s",
      .seed = "user",
      .declare = {},
      .create = [](const ConfigTable&) -> core::Result<StrategyPtr> { return StrategyPtr{}; }};
  EXPECT_TRUE(r.add(info).has_value());
  EXPECT_FALSE(r.add(info).has_value());
  info.type = "";
  EXPECT_FALSE(r.add(info).has_value());
  EXPECT_EQ(r.size(), 1u);
}

}  // namespace
}  // namespace zerodte::strategy
