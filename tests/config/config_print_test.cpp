#include "zerodte/core/config/config_print.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "zerodte/core/config/foundation_schema.hpp"

namespace zerodte::core::config {
namespace {

LoadOptions env(std::map<std::string, std::string> vars) {
  LoadOptions o;
  o.register_secrets = false;
  o.env = [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
  return o;
}

ConfigSchema schema_with_strategies() {
  ConfigSchema s;
  register_foundation_sections(s);
  auto& st = s.array_of_tables("strategies", "type");
  st.variant("orb").add_duration("range", "15m", "Opening range");
  st.variant("orb").add_price("min_credit", "0.05", "Credit");
  return s;
}

// Printing the effective config and loading the print gives the same config (printed again
// identically), defaults included.
TEST(ConfigPrint, RoundTripsThroughToml) {
  const ConfigSchema schema = schema_with_strategies();
  auto cfg = load_config_string(R"(
[system]
app_name = "quote \" back\\slash $$dollar"
[data]
symbols = ["SPY", "QQQ"]
[entry]
no_entry_before = 09:45:30
[calendar.nse]
extra_holidays = [2026-01-26]
[strategy]
name = "adx"
threshold = 25.5
[[strategies]]
type = "orb"
range = "1m30s"
min_credit = "1.05"
)",
                                "a.toml", schema, env({}));
  ASSERT_TRUE(cfg) << format_issues(cfg.error());
  const std::string printed = to_toml(*cfg, schema);
  auto again = load_config_string(printed, "printed.toml", schema, env({}));
  ASSERT_TRUE(again) << format_issues(again.error()) << printed;
  const std::string reprinted = to_toml(*again, schema);  // differs only in the source name
  EXPECT_EQ(reprinted.substr(reprinted.find('\n')), printed.substr(printed.find('\n')));
  EXPECT_EQ(again->get<std::string>("system.app_name"), "quote \" back\\slash $dollar");
  EXPECT_EQ(again->get<TimeOfDay>("entry.no_entry_before"), (TimeOfDay{9, 45, 30}));
  EXPECT_DOUBLE_EQ(again->get<double>("strategy.threshold"), 25.5);
  EXPECT_EQ(again->array_of_tables("strategies")[0].get<Duration>("range"),
            std::chrono::seconds(90));
  EXPECT_EQ(again->array_of_tables("strategies")[0].get<Price>("min_credit"),
            *Price::parse("1.05"));
  EXPECT_DOUBLE_EQ(again->get<double>("risk.vix_adjustments.vix_low_multiplier"), 1.25);
}

TEST(ConfigPrint, SecretsAreMasked) {
  const ConfigSchema schema = schema_with_strategies();
  auto cfg = load_config_string(
      "[broker]\napi_key = \"${K}\"\n[strategy]\nname = \"x\"\nbot_token = \"${T}\"\n", "s.toml",
      schema, env({{"K", "key-canary-1234"}, {"T", "token-canary-5678"}}));
  ASSERT_TRUE(cfg) << format_issues(cfg.error());
  const std::string printed = to_toml(*cfg, schema);
  EXPECT_EQ(printed.find("canary"), std::string::npos) << printed;
  EXPECT_NE(printed.find("api_key = \"***\""), std::string::npos) << printed;
  EXPECT_NE(printed.find("bot_token = \"***\""), std::string::npos) << printed;
  EXPECT_NE(printed.find("api_secret = \"\""), std::string::npos) << printed;  // empty: shown
}

}  // namespace
}  // namespace zerodte::core::config
