#include "zerodte/core/config/suggest.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace zerodte::core::config {
namespace {

TEST(EditDistance, KnownValues) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);  // classic Levenshtein example
  EXPECT_EQ(edit_distance("ca", "ac"), 1u);           // one transposition (Damerau)
  EXPECT_EQ(edit_distance("daily_loss_limt_pct", "daily_loss_limit_pct"), 1u);
  EXPECT_EQ(edit_distance("max_postions", "max_positions"), 1u);
  EXPECT_EQ(edit_distance("Port", "port"), 0u);            // case-insensitive
  EXPECT_EQ(edit_distance("log-level", "log_level"), 0u);  // '-' == '_'
}

TEST(EditDistance, Symmetric) {
  const std::vector<std::string> words = {"risk", "rsik", "entry", "exit", "", "vix_low", "lowvix"};
  for (const auto& a : words) {
    for (const auto& b : words)
      EXPECT_EQ(edit_distance(a, b), edit_distance(b, a)) << a << b;
  }
}

TEST(Suggest, PicksClosePlausibleCandidate) {
  const std::vector<std::string> keys = {"base_position_size_pct", "max_positions",
                                         "daily_loss_limit_pct", "consecutive_loss_limit"};
  EXPECT_EQ(suggest("daily_loss_limt_pct", keys), "daily_loss_limit_pct");
  EXPECT_EQ(suggest("max_postions", keys), "max_positions");
  EXPECT_EQ(suggest("wholly_unrelated", keys), std::nullopt);
  const std::vector<std::string> sections = {"system", "broker", "risk", "entry", "exit"};
  EXPECT_EQ(suggest("riks", sections), "risk");
  EXPECT_EQ(suggest("brokr", sections), "broker");
  EXPECT_EQ(suggest("zzzzzz", sections), std::nullopt);
  EXPECT_EQ(suggest("anything", std::vector<std::string>{}), std::nullopt);
}

}  // namespace
}  // namespace zerodte::core::config
