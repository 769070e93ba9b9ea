// The risk sections: the shipped configs still load with them, values reach RiskLimits, and bad
// values are reported with the key.
#include <gtest/gtest.h>

#include "zerodte/core/config/foundation_schema.hpp"
#include "zerodte/risk/risk_config.hpp"

namespace zerodte::risk {
namespace {

namespace cfg = core::config;

cfg::ConfigSchema schema() {
  cfg::ConfigSchema s;
  cfg::register_foundation_sections(s);
  register_risk_sections(s);
  return s;
}

cfg::LoadOptions options() {
  cfg::LoadOptions o;
  o.partial_schema = true;  // other areas' sections are not registered here
  o.register_secrets = false;
  o.env = [](std::string_view) -> std::optional<std::string> { return std::string("1"); };
  return o;
}

TEST(RiskConfig, ShippedConfigsLoadAndDefaultsMatchTheSeeds) {
  const auto s = schema();
  for (const char* f : {"paper.toml", "backtest.toml", "live.example.toml"}) {
    const auto c =
        cfg::load_config_file(std::string(ZERODTE_SOURCE_DIR) + "/config/" + f, s, options());
    ASSERT_TRUE(c) << f << ": " << cfg::format_issues(c.error());
    const auto st = settings_from_config(*c);
    EXPECT_EQ(st.limits.pre.max_contracts_per_order, 6);
    EXPECT_EQ(st.limits.pre.price_band_pct, 20);
    EXPECT_EQ(st.limits.breakers.vix_spike_window, std::chrono::minutes(10));
    EXPECT_EQ(st.limits.exits.ladder_locks.size(), 3u);
    EXPECT_EQ(st.limits.exits.flat_before_close_minutes, 30);  // the files set 30
  }
}

TEST(RiskConfig, ValuesReachTheLimits) {
  const auto c = cfg::load_config_string(R"(
[risk]
max_positions = 2
max_contracts_per_order = 4
execution_mode = "manual"
max_quote_age = "1500ms"
correlated_groups = ["SPX,SPY"]
consecutive_loss_limit = 5
[risk.breakers]
flash_move_pct = 1.5
[entry]
no_entry_before = "09:45"
[exit]
ladder_locks = [50, 10, 150, 75]
max_hold_negative = "30m"
)",
                                         "inline.toml", schema(), options());
  ASSERT_TRUE(c) << cfg::format_issues(c.error());
  const auto s = settings_from_config(*c);
  EXPECT_EQ(s.limits.pre.max_positions, 2);
  EXPECT_EQ(s.limits.pre.max_contracts_per_order, 4);
  EXPECT_EQ(s.limits.mode, ExecutionMode::kManual);
  EXPECT_EQ(s.limits.pre.max_quote_age, std::chrono::milliseconds(1500));
  EXPECT_EQ(s.limits.pre.correlated_groups, std::vector<std::string>{"SPX,SPY"});
  EXPECT_EQ(s.limits.breakers.consecutive_losses, 5);
  EXPECT_EQ(s.limits.breakers.flash_move_pct, 1.5);
  EXPECT_EQ(s.limits.pre.no_entry_before, (core::TimeOfDay{9, 45, 0}));
  ASSERT_EQ(s.limits.exits.ladder_locks.size(), 2u);
  EXPECT_EQ(s.limits.exits.ladder_locks[1], (std::pair<double, double>{150, 75}));
  EXPECT_EQ(s.limits.exits.max_hold_negative, std::chrono::minutes(30));
}

TEST(RiskConfig, BadValuesNameTheKey) {
  const auto c = cfg::load_config_string(R"(
[risk]
max_contracts_per_order = 0
execution_mode = "yolo"
[exit]
ladder_locks = [100, 50, 200]
)",
                                         "bad.toml", schema(), options());
  ASSERT_FALSE(c);
  const std::string text = cfg::format_issues(c.error());
  EXPECT_NE(text.find("risk.max_contracts_per_order"), std::string::npos) << text;
  EXPECT_NE(text.find("risk.execution_mode"), std::string::npos) << text;
  EXPECT_NE(text.find("exit.ladder_locks"), std::string::npos) << text;
}

}  // namespace
}  // namespace zerodte::risk
