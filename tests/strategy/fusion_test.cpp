// Signal fusion: joins by ticker and window, weights kinds, lists contributors.
#include <gtest/gtest.h>

#include "zerodte/strategy/fusion.hpp"

namespace zerodte::strategy {
namespace {

core::Timestamp at_min(int m) {
  return core::Timestamp{std::int64_t{m} * core::kNanosPerMinute};
}

TEST(SignalFusion, TroughPlusBullishFlipInsideTheWindow) {
  SignalFusion f;  // 5 min window, technical 0.5, sentiment 0.5
  f.add({"NVDA", EvidenceKind::kTechnical, +1, 1.0, at_min(100), "trough"});
  f.add({"NVDA", EvidenceKind::kSentiment, +1, 0.82, at_min(102), "flip +0.82"});
  f.add({"AMD", EvidenceKind::kSentiment, -1, 0.9, at_min(102), "other ticker"});
  auto s = f.evaluate("NVDA", at_min(103));
  ASSERT_TRUE(s.has_value());
  EXPECT_NEAR(s->score, 0.91, 1e-12);  // (0.5 x 1 + 0.5 x 0.82) / 1
  EXPECT_EQ(s->direction, 1);
  EXPECT_TRUE(s->complete);
  ASSERT_EQ(s->contributors.size(), 2u);
  EXPECT_EQ(s->contributors[0].label, "trough");
  EXPECT_EQ(s->evidence()[1].source, "sentiment");
  // 6 minutes after the trough only the flip is left: incomplete.
  s = f.evaluate("NVDA", at_min(106) + core::Duration{1});
  ASSERT_TRUE(s.has_value());
  EXPECT_NEAR(s->score, 0.41, 1e-12);
  EXPECT_FALSE(s->complete);
  EXPECT_FALSE(f.evaluate("NVDA", at_min(120)).has_value());
  EXPECT_FALSE(f.evaluate("TSLA", at_min(103)).has_value());
}

TEST(SignalFusion, DisagreementIsNotComplete) {
  SignalFusion f;
  f.add({"NVDA", EvidenceKind::kTechnical, +1, 1.0, at_min(0), "trough"});
  f.add({"NVDA", EvidenceKind::kSentiment, -1, 0.6, at_min(1), "bearish"});
  auto s = f.evaluate("NVDA", at_min(2));
  ASSERT_TRUE(s.has_value());
  EXPECT_NEAR(s->score, 0.2, 1e-12);
  EXPECT_FALSE(s->complete);
  // The latest event of a kind replaces the earlier one.
  f.add({"NVDA", EvidenceKind::kSentiment, +1, 0.6, at_min(2), "bullish"});
  s = f.evaluate("NVDA", at_min(2));
  EXPECT_NEAR(s->score, 0.8, 1e-12);
  EXPECT_TRUE(s->complete);
  f.consume("NVDA");
  EXPECT_FALSE(f.evaluate("NVDA", at_min(2)).has_value());
}

TEST(SignalFusion, WeightsAndDecay) {
  FusionConfig cfg;
  cfg.weights = {0.25, 0.5, 0.25};
  cfg.decay = true;
  cfg.min_decay = 0.5;
  cfg.window = std::chrono::minutes(10);
  SignalFusion f(cfg);
  f.add({"SPY", EvidenceKind::kTechnical, +1, 1.0, at_min(0), "t"});
  f.add({"SPY", EvidenceKind::kSentiment, +1, 1.0, at_min(5), "s"});
  f.add({"SPY", EvidenceKind::kFlow, +1, 0.4, at_min(10), "f"});
  auto s = f.evaluate("SPY", at_min(10));
  ASSERT_TRUE(s.has_value());
  // technical age 10/10 -> x0.5; sentiment 5/10 -> x0.75; flow fresh.
  EXPECT_NEAR(s->score, 0.25 * 0.5 + 0.5 * 0.75 + 0.25 * 0.4, 1e-12);
  EXPECT_TRUE(s->complete);
  f.prune(at_min(16));
  s = f.evaluate("SPY", at_min(16));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->contributors.size(), 1u);
}

}  // namespace
}  // namespace zerodte::strategy
