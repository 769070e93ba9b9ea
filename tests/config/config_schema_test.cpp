#include "zerodte/core/config/config_schema.hpp"

#include <gtest/gtest.h>

#include "zerodte/core/config/foundation_schema.hpp"
#include "zerodte/core/config/schema_registry.hpp"

namespace zerodte::core::config {
namespace {

TEST(ConfigSchema, FoundationSectionsAndChildren) {
  ConfigSchema s;
  register_foundation_sections(s);
  for (const char* path :
       {"system", "broker", "data", "strategy", "strategies", "risk", "risk.vix_adjustments",
        "entry", "exit", "calendar", "calendar.nse", "server", "journal", "store"}) {
    EXPECT_NE(s.find(path), nullptr) << path;
  }
  EXPECT_TRUE(s.find("strategies")->is_array);
  const auto risk_children = s.children("risk");
  ASSERT_EQ(risk_children.size(), 1u);
  EXPECT_EQ(risk_children[0]->name(), "vix_adjustments");
  for (const TableSpec* top : s.children("")) {
    EXPECT_EQ(std::string(top->path).find('.'), std::string::npos);
  }
  EXPECT_TRUE(s.find("broker")->find_key("api_secret")->secret);
}

TEST(ConfigSchema, LaterAreasExtendExistingTables) {
  ConfigSchema s;
  register_foundation_sections(s);
  s.table("risk").add_double("max_delta", 100.0, "Net delta limit").range(0, 1e6);
  s.table("risk.greeks", "Greek limits").add_double("max_vega", 1000.0, "Net vega limit");
  EXPECT_NE(s.find("risk")->find_key("max_delta"), nullptr);
  EXPECT_EQ(s.children("risk").size(), 2u);
}

TEST(ConfigSchema, MarkdownListsEveryKeyWithDefaultAndRule) {
  ConfigSchema s;
  register_foundation_sections(s);
  const std::string md = s.to_markdown();
  for (const auto& t : s.tables()) {
    EXPECT_NE(md.find(t->path), std::string::npos) << t->path;
    for (const auto& k : t->keys) {
      EXPECT_NE(md.find(fmt::format("| `{}` |", k.name)), std::string::npos) << k.name;
    }
  }
  EXPECT_NE(md.find("| `daily_loss_limit_pct` | number | `3.0` | 0 .. 100 |"), std::string::npos);
  EXPECT_NE(md.find("### `[[strategies]]`"), std::string::npos);
  EXPECT_NE(md.find("one of `paper`, `live`"), std::string::npos);
}

TEST(ConfigSchema, BuildSchemaIncludesFoundation) {
  const ConfigSchema s = build_schema();
  EXPECT_NE(s.find("risk.vix_adjustments"), nullptr);
}

}  // namespace
}  // namespace zerodte::core::config
