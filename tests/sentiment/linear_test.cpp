#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "zerodte/sentiment/dataset.hpp"
#include "zerodte/sentiment/evaluation.hpp"
#include "zerodte/sentiment/linear_model.hpp"
#include "zerodte/sentiment/linear_scorer.hpp"

namespace zs = zerodte::sentiment;

namespace {
const char* kTweets = ZERODTE_SHARED_DATA "/sentiment/twitter-financial-news/sent_train.csv";

std::vector<zs::Example> tweets(const char* split) {
  zs::DatasetSpec spec;
  spec.path = kTweets;
  spec.label_map = "0=negative,1=positive,2=neutral";
  spec.split = split;
  auto d = zs::load_dataset(spec);
  EXPECT_TRUE(d) << d.error().to_string();
  return d ? *d : std::vector<zs::Example>{};
}
}  // namespace

TEST(Half, RoundTripAndRounding) {
  for (float f : {0.0f, 1.0f, -2.5f, 0.333333f, 65504.0f, 6.1035156e-05f, 1e-7f, -0.0001f}) {
    const float back = zs::half_to_float(zs::float_to_half(f));
    EXPECT_NEAR(back, f, std::fabs(f) * 1e-3 + 6e-8) << f;
  }
  EXPECT_EQ(zs::float_to_half(1.0f), 0x3C00);
  EXPECT_EQ(zs::float_to_half(-2.0f), 0xC000);
  EXPECT_TRUE(std::isinf(zs::half_to_float(zs::float_to_half(1e6f))));
}

TEST(Dataset, CsvQuotingLabelMapSplitAndErrors) {
  auto t = zs::parse_csv("text,label\n\"a, \"\"quoted\"\"\nline\",1\nplain,0\r\n", "mem.csv");
  ASSERT_TRUE(t) << t.error().to_string();
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][0], "a, \"quoted\"\nline");
  EXPECT_EQ(t->row_lines[1], 4u);
  auto bad = zs::parse_csv("text,label\na,1,extra\n", "mem.csv");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("mem.csv:2"), std::string::npos);
  EXPECT_FALSE(zs::parse_csv("text\n\"open", "q.csv"));
  EXPECT_FALSE(zs::parse_label_map("0=negative,1=bullishness"));
  EXPECT_FALSE(zs::parse_split("holdout:0"));
  // Hold-out and train parts partition the data.
  const auto all = tweets("all");
  const auto hold = tweets("holdout:15");
  const auto train = tweets("train:15");
  EXPECT_EQ(all.size(), 9543u);
  EXPECT_EQ(hold.size() + train.size(), all.size());
  EXPECT_GT(hold.size(), 1200u);
  EXPECT_LT(hold.size(), 1700u);
  // PhraseBank (Latin-1, sentence@label) counts as published: 303 / 1391 / 570.
  zs::DatasetSpec pb;
  pb.path = ZERODTE_SHARED_DATA "/sentiment/financial-phrasebank/Sentences_AllAgree.txt";
  pb.format = "phrasebank";
  auto p = zs::load_dataset(pb);
  ASSERT_TRUE(p) << p.error().to_string();
  std::array<int, 3> counts{};
  for (const auto& e : *p)
    ++counts[static_cast<std::size_t>(e.label)];
  EXPECT_EQ(counts, (std::array<int, 3>{303, 1391, 570}));
}

TEST(Evaluation, KnownConfusion) {
  using L = zs::Label;
  const std::vector<L> truth{L::kNegative, L::kNegative, L::kNeutral,
                             L::kPositive, L::kPositive, L::kPositive};
  const std::vector<L> pred{L::kNegative, L::kNeutral,  L::kNeutral,
                            L::kPositive, L::kPositive, L::kNegative};
  const auto r = zs::evaluate(truth, pred);
  EXPECT_NEAR(r.accuracy, 4.0 / 6.0, 1e-12);
  // negative: P=1/2 R=1/2 F=.5; neutral: P=1/2 R=1 F=2/3; positive: P=1 R=2/3 F=.8
  EXPECT_NEAR(r.macro_f1, (0.5 + 2.0 / 3.0 + 0.8) / 3.0, 1e-12);
  EXPECT_EQ(r.confusion[2][0], 1);
}

TEST(LinearModel, TrainingIsDeterministicAndFileRoundTrips) {
  auto data = tweets("buckets:30-45");
  zs::LinearConfig cfg;
  cfg.bits = 14;
  zs::TrainConfig tc;
  tc.epochs = 3;
  auto a = zs::LinearModel::train(data, cfg, tc);
  auto b = zs::LinearModel::train(data, cfg, tc);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->to_bytes(), b->to_bytes());
  tc.seed = 7;
  EXPECT_NE(zs::LinearModel::train(data, cfg, tc)->to_bytes(), a->to_bytes());
  const std::string path = ::testing::TempDir() + "/m.bin";
  ASSERT_TRUE(a->save(path));
  auto loaded = zs::LinearModel::load(path);
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  EXPECT_EQ(loaded->to_bytes(), a->to_bytes());
  std::vector<zs::Feature> scratch;
  zs::LexiconScorer lex;
  for (std::size_t i = 0; i < 50; ++i) {
    float p1[3], p2[3];
    a->predict(data[i].text, &lex, p1, scratch);
    loaded->predict(data[i].text, &lex, p2, scratch);
    for (int k = 0; k < 3; ++k)
      EXPECT_FLOAT_EQ(p1[k], p2[k]);
  }
  // Corruption is detected.
  auto bytes = a->to_bytes();
  bytes[100] ^= 0x40;
  auto bad = zs::LinearModel::from_bytes(bytes, "corrupt.bin");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("checksum"), std::string::npos);
  bytes.resize(bytes.size() - 10);
  EXPECT_FALSE(zs::LinearModel::from_bytes(bytes, "short.bin"));
  EXPECT_FALSE(zs::LinearModel::load("/nonexistent/model.bin"));
}

TEST(LinearModel, FeaturesAreUnitNormAndSorted) {
  zs::LinearModel m(zs::LinearConfig{});
  std::vector<zs::Feature> f;
  m.features("$AAPL beats estimates! Not bad at all, up 5.2%", f);
  ASSERT_FALSE(f.empty());
  double n = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    n += static_cast<double>(f[i].value) * f[i].value;
    if (i > 0) {
      EXPECT_LT(f[i - 1].index, f[i].index);
    }
  }
  EXPECT_NEAR(n, 1.0, 1e-5);
}

// The shipped model, measured on the tweets it was not trained on (hold-out 15%).
TEST(LinearModel, ShippedModelMeetsTheTweetGoalOnHoldout) {
  auto scorer = zs::LinearScorer::open(ZERODTE_SOURCE_DIR "/models/sentiment_linear.bin");
  ASSERT_TRUE(scorer) << scorer.error().to_string();
  const auto hold = tweets("holdout:15");
  std::vector<zs::Label> truth, pred;
  for (const auto& e : hold) {
    auto r = (*scorer)->score(e.text);
    ASSERT_TRUE(r);
    EXPECT_GE(r->score, -1.0);
    EXPECT_LE(r->score, 1.0);
    truth.push_back(e.label);
    pred.push_back(r->label);
  }
  const auto rep = zs::evaluate(truth, pred);
  EXPECT_GE(rep.macro_f1, 0.75) << zs::format_report(rep);
  EXPECT_EQ((*scorer)->score("$XYZ downgraded to sell, cuts guidance").value().label,
            zs::Label::kNegative);
  EXPECT_EQ((*scorer)->score("$XYZ beats estimates and raises outlook").value().label,
            zs::Label::kPositive);
}
