// Sweep building blocks: grid syntax, expansion order, config overrides, walk-forward spec.
#include <gtest/gtest.h>

#include "zerodte/backtest/sweep.hpp"

namespace zerodte::backtest {
namespace {

TEST(Sweep, GridOfRangesAndListsExpandsToTheCartesianProduct) {
  auto g = parse_grid("risk.stop_loss_pct=0.5:2.0:0.25,strategy.min_adx=20,25,30");
  ASSERT_TRUE(g.has_value()) << g.error().message;
  ASSERT_EQ(g->size(), 2u);
  EXPECT_EQ((*g)[0].key, "risk.stop_loss_pct");
  EXPECT_EQ((*g)[0].values,
            (std::vector<std::string>{"0.5", "0.75", "1", "1.25", "1.5", "1.75", "2"}));
  EXPECT_EQ((*g)[1].values, (std::vector<std::string>{"20", "25", "30"}));
  const auto sets = expand_grid(*g);
  ASSERT_EQ(sets.size(), 21u);
  EXPECT_EQ(param_label(sets.front()), "risk.stop_loss_pct=0.5 strategy.min_adx=20");
  EXPECT_EQ(param_label(sets[1]), "risk.stop_loss_pct=0.5 strategy.min_adx=25");
  EXPECT_EQ(param_label(sets.back()), "risk.stop_loss_pct=2 strategy.min_adx=30");
  auto ints = parse_grid("risk.max_positions=1:5:2");
  ASSERT_TRUE(ints.has_value());
  EXPECT_EQ((*ints)[0].values, (std::vector<std::string>{"1", "3", "5"}));
}

TEST(Sweep, BadGridsAreRefusedNamingTheProblem) {
  for (const char* bad : {"", "20,25", "a=", "a=2:1:1", "a=1:2:0", "a=1,a=2", "=1"}) {
    auto g = parse_grid(bad);
    EXPECT_FALSE(g.has_value()) << bad;
  }
  auto g = parse_grid("risk.x=3:1:1");
  ASSERT_FALSE(g.has_value());
  EXPECT_NE(g.error().message.find("risk.x"), std::string::npos);
}

TEST(Sweep, OverridesSetKeysKeepFloatTypesAndCreateTables) {
  const std::string base =
      "[risk]\nstop_loss_pct = 1.0\nmax_positions = 3\n\n[[strategies]]\ntype = \"a\"\n"
      "min_adx = 25\n";
  auto out = apply_overrides(base, "base.toml",
                             {{"risk.stop_loss_pct", "2"},
                              {"risk.max_positions", "5"},
                              {"strategies[0].min_adx", "30"},
                              {"session.fill_model", "mid"},
                              {"exit.enable_trailing_stop", "false"}});
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_NE(out->find("stop_loss_pct = 2.0"), std::string::npos) << *out;
  EXPECT_NE(out->find("max_positions = 5"), std::string::npos) << *out;
  EXPECT_NE(out->find("min_adx = 30"), std::string::npos) << *out;
  EXPECT_NE(out->find("fill_model = 'mid'"), std::string::npos) << *out;
  EXPECT_NE(out->find("enable_trailing_stop = false"), std::string::npos) << *out;
  auto missing = apply_overrides(base, "base.toml", {{"strategies[3].min_adx", "1"}});
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("strategies[3].min_adx"), std::string::npos);
}

TEST(Sweep, WalkForwardSpec) {
  auto wf = parse_walk_forward("60d/20d");
  ASSERT_TRUE(wf.has_value());
  EXPECT_EQ(wf->in_sample_days, 60);
  EXPECT_EQ(wf->out_of_sample_days, 20);
  EXPECT_FALSE(parse_walk_forward("60d").has_value());
  EXPECT_FALSE(parse_walk_forward("0d/5d").has_value());
  EXPECT_FALSE(parse_walk_forward("x/5d").has_value());
}

}  // namespace
}  // namespace zerodte::backtest
