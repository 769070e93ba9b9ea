#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "zerodte/engine/kernel.hpp"
#include "zerodte/sentiment/consensus.hpp"
#include "zerodte/sentiment/lexicon_scorer.hpp"
#include "zerodte/sentiment/sentiment_engine.hpp"
#include "zerodte/sentiment/ticker_aggregator.hpp"

namespace zs = zerodte::sentiment;
using zerodte::core::Timestamp;
using namespace std::chrono_literals;

namespace {
zs::ScoreResult sr(double s, zs::Label l, double c) {
  return zs::ScoreResult{s, l, c, {}};
}
}  // namespace

TEST(Consensus, WeightedByModelAndConfidence) {
  zs::ConsensusConfig cfg;  // linear .30, llama .35, claude .35
  const zs::ModelVote votes[] = {{"linear", sr(0.8, zs::Label::kPositive, 0.9)},
                                 {"llama", sr(0.6, zs::Label::kPositive, 0.8)},
                                 {"claude", sr(-0.2, zs::Label::kNeutral, 0.5)}};
  const auto r = zs::combine(votes, cfg);
  // w*c = .27, .28, .175; score = (.216 + .168 - .035) / .725
  EXPECT_NEAR(r.score, 0.349 / 0.725, 1e-12);
  EXPECT_EQ(r.label, zs::Label::kPositive);
  EXPECT_EQ(r.models, 3);
  EXPECT_NEAR(r.spread, 1.0, 1e-12);
  EXPECT_TRUE(r.disagreement);  // spread 1.0 > 0.8
  const double mean_c = 0.725 / 1.0;
  const double m = r.score;
  const double var = (0.30 * (0.8 - m) * (0.8 - m) + 0.35 * (0.6 - m) * (0.6 - m) +
                      0.35 * (-0.2 - m) * (-0.2 - m)) /
                     1.0;
  EXPECT_NEAR(r.confidence, mean_c * (1 - std::sqrt(var)), 1e-12);
}

TEST(Consensus, RenormalisesOverAnsweredAndPassesSingleThrough) {
  zs::ConsensusConfig cfg;
  // Only llama and claude answered: equal weights.
  const zs::ModelVote two[] = {{"llama", sr(0.5, zs::Label::kPositive, 1.0)},
                               {"claude", sr(0.3, zs::Label::kPositive, 1.0)}};
  auto r = zs::combine(two, cfg);
  EXPECT_NEAR(r.score, 0.4, 1e-12);
  EXPECT_FALSE(r.disagreement);
  const zs::ModelVote one[] = {{"linear", sr(-0.7, zs::Label::kNegative, 0.66)},
                               {"unknown-model", sr(0.9, zs::Label::kPositive, 1.0)}};
  r = zs::combine(one, cfg);  // unknown model has weight 0
  EXPECT_EQ(r.models, 1);
  EXPECT_DOUBLE_EQ(r.score, -0.7);
  EXPECT_DOUBLE_EQ(r.confidence, 0.66);
  EXPECT_EQ(r.label, zs::Label::kNegative);
  // Confident opposite labels flag disagreement even with a small spread threshold unmet.
  const zs::ModelVote opp[] = {{"llama", sr(0.3, zs::Label::kPositive, 0.9)},
                               {"claude", sr(-0.3, zs::Label::kNegative, 0.9)}};
  EXPECT_TRUE(zs::combine(opp, cfg).disagreement);
  EXPECT_EQ(zs::combine(std::span<const zs::ModelVote>{}, cfg).models, 0);
}

TEST(TickerAggregator, DecayConfirmationMomentumAndFlip) {
  zs::TickerAggregatorConfig cfg;
  cfg.half_life = 15min;
  cfg.confirm_posts = 2;
  cfg.flip_threshold = 0.25;
  cfg.flip_min_confidence = 0.1;
  zs::TickerAggregator agg(cfg);
  const Timestamp t0 = Timestamp::from_seconds(1'700'000'000);
  auto u = agg.add("NVDA", 1.0, 1.0, 1.0, t0, t0);
  EXPECT_DOUBLE_EQ(u.state.score, 1.0);
  EXPECT_FALSE(u.state.confirmed);
  EXPECT_FALSE(u.flip);
  // One half-life later a negative post: weights 0.5 and 1 -> (0.5 - 1) / 1.5.
  u = agg.add("NVDA", -1.0, 1.0, 1.0, t0 + 15min, t0 + 15min);
  EXPECT_NEAR(u.state.score, -1.0 / 3.0, 1e-12);
  EXPECT_NEAR(u.state.weight, 1.5, 1e-12);
  EXPECT_TRUE(u.state.confirmed);  // both posts inside the 15 min window
  EXPECT_LT(u.state.momentum, 0.0);
  // Sign established (from zero) without a flip event by default.
  EXPECT_FALSE(u.flip);
  // Bullish posts turn it: a flip from -1 to +1.
  std::optional<zs::SentimentFlip> flip;
  for (int i = 1; i <= 5 && !flip; ++i) {
    u = agg.add("NVDA", 0.9, 0.9, 1.0, t0 + 15min + i * 1min, t0 + 15min + i * 1min);
    flip = u.flip;
  }
  ASSERT_TRUE(flip);
  EXPECT_EQ(flip->from, -1);
  EXPECT_EQ(flip->to, 1);
  EXPECT_EQ(flip->ticker, std::string_view("NVDA"));
  EXPECT_GE(flip->score, 0.25);
  // Other tickers are independent.
  EXPECT_FALSE(agg.get("TSLA", t0));
}

TEST(TickerAggregator, ReviseEqualsAddingTheNewValue) {
  const Timestamp t0 = Timestamp::from_seconds(1'700'000'000);
  zs::TickerAggregator a, b;
  a.add("SPY", 0.2, 0.6, 1.3, t0, t0);
  a.add("SPY", -0.4, 0.7, 0.8, t0 + 30s, t0 + 30s);
  a.revise("SPY", 0.2, 0.6, 0.9, 0.95, 1.3, t0, t0 + 2min);
  b.add("SPY", 0.9, 0.95, 1.3, t0, t0);
  b.add("SPY", -0.4, 0.7, 0.8, t0 + 30s, t0 + 30s);
  const auto sa = a.get("SPY", t0 + 3min).value();
  const auto sb = b.get("SPY", t0 + 3min).value();
  EXPECT_NEAR(sa.score, sb.score, 1e-12);
  EXPECT_NEAR(sa.weight, sb.weight, 1e-12);
  EXPECT_NEAR(sa.confidence, sb.confidence, 1e-12);
  EXPECT_NEAR(sa.momentum, sb.momentum, 1e-12);
}

namespace {

// A slow model whose answers the test releases by hand.
class ManualAsync final : public zs::AsyncScorer {
 public:
  std::string_view name() const override { return "llama"; }
  void submit(std::string post_id, std::string text, Done done) override {
    calls.push_back({std::move(post_id), std::move(text), std::move(done)});
  }
  struct Call {
    std::string id, text;
    Done done;
  };
  std::vector<Call> calls;
};

std::shared_ptr<const zerodte::model::NewsItem> news(std::string id, std::string text,
                                                     Timestamp t) {
  auto n = std::make_shared<zerodte::model::NewsItem>();
  n->id = std::move(id);
  n->source = "x";
  n->kind = zerodte::model::NewsKind::kSocialPost;
  n->text = std::move(text);
  n->ts_event = t;
  n->ts_recv = t;
  n->likes = 100;
  return n;
}

struct Fixture {
  Timestamp t0 = Timestamp::from_seconds(1'700'000'000);
  zerodte::core::SimClock clock{t0};
  zerodte::engine::Kernel kernel{clock};
  std::shared_ptr<ManualAsync> slow = std::make_shared<ManualAsync>();
  std::shared_ptr<zs::SentimentEngine> engine;
  std::vector<zs::SentimentScore> scores;
  std::vector<zs::TickerSentiment> nvda;
  std::vector<zs::SentimentFlip> flips;

  Fixture() {
    std::vector<std::unique_ptr<zs::Scorer>> fast;
    fast.push_back(std::make_unique<zs::LexiconScorer>());
    zs::SentimentEngineConfig cfg;
    cfg.tickers.flip_min_confidence = 0.05;
    engine = std::make_shared<zs::SentimentEngine>(
        cfg, std::move(fast), std::vector<std::shared_ptr<zs::AsyncScorer>>{slow});
    kernel.add_component(engine);
    kernel.bus().subscribe_all<zs::SentimentScore>([this](const auto& s) { scores.push_back(s); });
    kernel.bus().subscribe<zs::TickerSentiment>(zs::ticker_topic("NVDA"),
                                                [this](const auto& s) { nvda.push_back(s); });
    kernel.bus().subscribe_all<zs::SentimentFlip>([this](const auto& f) { flips.push_back(f); });
    kernel.start();
  }
  void post(std::string id, std::string text, zerodte::core::Duration at) {
    clock.advance_to(t0 + at);
    kernel.dispatch(zerodte::engine::Event{news(std::move(id), std::move(text), t0 + at)});
  }
};

}  // namespace

TEST(SentimentEngine, FastScoreThenSlowRevisionThenLateDrop) {
  Fixture f;
  f.post("p1", "$NVDA beats estimates and raises guidance", 0s);
  ASSERT_EQ(f.scores.size(), 1u);
  EXPECT_EQ(f.scores[0].revision, 0);
  EXPECT_FALSE(f.scores[0].final);
  EXPECT_EQ(f.scores[0].models_answered, 1);
  EXPECT_EQ(f.scores[0].models_expected, 2);
  EXPECT_EQ(f.scores[0].label, zs::Label::kPositive);
  ASSERT_EQ(f.nvda.size(), 1u);
  EXPECT_GT(f.nvda[0].score, 0.0);
  ASSERT_EQ(f.slow->calls.size(), 1u);
  EXPECT_EQ(f.slow->calls[0].text, "$NVDA beats estimates and raises guidance");

  // The slow model disagrees strongly; its answer arrives 2 s later through the inbox.
  f.clock.advance_to(f.t0 + 2s);
  f.slow->calls[0].done(
      zs::ModelAnswer{"p1", "llama", true, sr(-0.9, zs::Label::kNegative, 0.95), {}});
  EXPECT_EQ(f.scores.size(), 1u);  // nothing happens off the kernel thread
  EXPECT_EQ(f.kernel.poll_once(), 1u);
  ASSERT_EQ(f.scores.size(), 2u);
  EXPECT_EQ(f.scores[1].revision, 1);
  EXPECT_TRUE(f.scores[1].final);
  EXPECT_EQ(f.scores[1].models_answered, 2);
  EXPECT_LT(f.scores[1].score, f.scores[0].score);
  EXPECT_TRUE(f.scores[1].disagreement);
  ASSERT_EQ(f.nvda.size(), 2u);
  EXPECT_NEAR(f.nvda[1].score, f.scores[1].score, 1e-9);  // one post: ticker = post consensus

  // A second post; its slow answer arrives after the late window and is dropped.
  f.post("p2", "$NVDA downgraded to sell at Goldman", 5s);
  ASSERT_EQ(f.slow->calls.size(), 2u);
  f.clock.advance_to(f.t0 + 5s + 11s);
  f.slow->calls[1].done(
      zs::ModelAnswer{"p2", "llama", true, sr(-0.8, zs::Label::kNegative, 0.9), {}});
  f.kernel.poll_once();
  EXPECT_EQ(f.engine->stats().slow_late, 1u);
  EXPECT_EQ(f.scores.size(), 3u);  // only p2's fast score

  // Duplicates and non-English posts are not scored.
  f.post("p3", "RT @someone: $NVDA beats estimates and raises guidance", 20s);
  f.post("p4", "Las acciones de la empresa suben por el informe que es bueno", 21s);
  EXPECT_EQ(f.engine->stats().duplicates, 1u);
  EXPECT_EQ(f.engine->stats().non_english, 1u);
  EXPECT_EQ(f.scores.size(), 3u);
}

TEST(SentimentEngine, FlipEventOnConfirmedSignChange) {
  Fixture f;
  const char* bullish[] = {"$NVDA beats estimates", "$NVDA price target raised at Jefferies",
                           "$NVDA upgraded to buy, strong demand"};
  const char* bearish[] = {"$NVDA cuts guidance, shares plunge", "$NVDA downgraded to sell",
                           "$NVDA trading halted after fraud probe", "$NVDA misses estimates badly",
                           "$NVDA layoffs and weak outlook"};
  int t = 0;
  for (const char* s : bullish)
    f.post(fmt::format("b{}", t), s, std::chrono::seconds(30 * t++));
  EXPECT_TRUE(f.flips.empty());  // first direction is not a flip
  for (const char* s : bearish)
    f.post(fmt::format("s{}", t), s, std::chrono::seconds(30 * t++));
  ASSERT_EQ(f.flips.size(), 1u);
  EXPECT_EQ(f.flips[0].from, 1);
  EXPECT_EQ(f.flips[0].to, -1);
  EXPECT_EQ(f.flips[0].ticker, std::string_view("NVDA"));
  EXPECT_TRUE(f.nvda.back().confirmed);
}

TEST(SentimentEngine, ThreadedSlowScorerAnswersThroughInbox) {
  zerodte::core::SimClock clock{Timestamp::from_seconds(1'700'000'000)};
  zerodte::engine::Kernel kernel{clock};
  auto slow = std::make_shared<zs::ThreadedAsyncScorer>(
      "claude", [] { return std::make_unique<zs::LexiconScorer>(zs::LexiconMode::kVader); }, 2);
  std::vector<std::unique_ptr<zs::Scorer>> fast;
  fast.push_back(std::make_unique<zs::LexiconScorer>());
  auto engine =
      std::make_shared<zs::SentimentEngine>(zs::SentimentEngineConfig{}, std::move(fast),
                                            std::vector<std::shared_ptr<zs::AsyncScorer>>{slow});
  kernel.add_component(engine);
  std::vector<zs::SentimentScore> scores;
  kernel.bus().subscribe_all<zs::SentimentScore>([&](const auto& s) { scores.push_back(s); });
  kernel.start();
  for (int i = 0; i < 20; ++i) {
    kernel.dispatch(zerodte::engine::Event{news(
        fmt::format("q{}", i), fmt::format("$AAPL story number {} is great", i), clock.now())});
  }
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (engine->stats().slow_applied < 20 && std::chrono::steady_clock::now() < deadline) {
    if (kernel.poll_once() == 0) std::this_thread::sleep_for(1ms);
  }
  EXPECT_EQ(engine->stats().slow_applied, 20u);
  EXPECT_EQ(scores.size(), 40u);
  kernel.stop();
}
