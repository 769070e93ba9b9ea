#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "zerodte/sentiment/lexicon_scorer.hpp"

namespace zs = zerodte::sentiment;

// The VADER README's printed outputs (an independent implementation's results).
TEST(Vader, ReadmeExamples) {
  std::ifstream in(ZERODTE_SHARED_DATA "/sentiment/vader/README_examples_expected.tsv");
  ASSERT_TRUE(in);
  std::string line;
  std::getline(in, line);
  zs::LexiconScorer vader(zs::LexiconMode::kVader);
  int n = 0;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    std::string text, neg, neu, pos, compound;
    std::getline(ss, text, '\t');
    std::getline(ss, neg, '\t');
    std::getline(ss, neu, '\t');
    std::getline(ss, pos, '\t');
    std::getline(ss, compound, '\t');
    const auto v = vader.polarity(text);
    ++n;
    // The README's emoji line was printed from a different input and lexicon version (see
    // SOURCES.md): only its polarity is checked.
    if (text.find("emoji") != std::string::npos) {
      EXPECT_GT(v.compound, 0.5) << text;
      continue;
    }
    EXPECT_NEAR(v.compound, std::stod(compound), 6e-5) << text;
    // For "At least it isn't a horrible book." the README's pos/neu split differs from the
    // current vaderSentiment code that this port follows; its compound matches.
    if (text.rfind("At least", 0) == 0) continue;
    EXPECT_NEAR(v.neg, std::stod(neg), 6e-4) << text;
    EXPECT_NEAR(v.pos, std::stod(pos), 6e-4) << text;
    EXPECT_NEAR(v.neu, std::stod(neu), 6e-4) << text;
  }
  EXPECT_EQ(n, 16);
}

TEST(FinanceLexicon, PhrasesNegationButAndEmoji) {
  zs::LexiconScorer s;
  auto sc = [&](const char* t) { return s.score(t).value(); };
  EXPECT_EQ(sc("$AAPL beats estimates, raises guidance").label, zs::Label::kPositive);
  EXPECT_EQ(sc("$XYZ cuts guidance after missing estimates").label, zs::Label::kNegative);
  EXPECT_EQ(sc("Goldman downgrades $NFLX to sell").label, zs::Label::kNegative);
  EXPECT_EQ(sc("Trading halted in $GME").label, zs::Label::kNegative);
  EXPECT_EQ(sc("$MSFT price target raised to $500 at Jefferies").label, zs::Label::kPositive);
  EXPECT_EQ(sc("Apple to hold shareholder meeting on Friday").label, zs::Label::kNeutral);
  // Negation flips; "but" shifts the weight to the second clause.
  EXPECT_GT(sc("Results were strong").score, 0.3);
  EXPECT_LT(sc("Results were not strong").score, 0.0);
  EXPECT_LT(sc("Revenue beat estimates but guidance was weak and disappointing").score, 0.0);
  // Emoji: rocket is bullish.
  EXPECT_GT(sc("$TSLA \xF0\x9F\x9A\x80\xF0\x9F\x9A\x80").score, 0.3);
  // VADER reads "overweight" as negative; finance does not.
  EXPECT_GT(sc("Morgan Stanley moves $AMD to overweight").score, 0.2);
  zs::LexiconScorer plain(zs::LexiconMode::kVader);
  EXPECT_LT(plain.score("Morgan Stanley moves $AMD to overweight").value().score, 0.0);
  // Confidence and score ranges.
  for (const char* t : {"", "!!!", "up up up", "NOT GOOD AT ALL!!!"}) {
    auto r = sc(t);
    EXPECT_GE(r.score, -1.0);
    EXPECT_LE(r.score, 1.0);
    EXPECT_GE(r.confidence, 0.5);
    EXPECT_LE(r.confidence, 1.0);
  }
}
