#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "zerodte/sentiment/deduplicator.hpp"
#include "zerodte/sentiment/language.hpp"
#include "zerodte/sentiment/preprocessor.hpp"
#include "zerodte/sentiment/text_normalizer.hpp"
#include "zerodte/sentiment/ticker_extractor.hpp"

namespace zs = zerodte::sentiment;
using zerodte::core::Timestamp;

namespace {
std::vector<std::string> symbols(const std::vector<zs::TickerMention>& m) {
  std::vector<std::string> out;
  for (const auto& x : m)
    out.push_back(x.symbol);
  return out;
}
}  // namespace

TEST(Normalize, CompatibilityForms) {
  // Fullwidth, smart quotes, em dash, nbsp, ellipsis, ligature, math bold, entities.
  EXPECT_EQ(zs::normalize_unicode("\xEF\xBC\x84\xEF\xBC\xB4\xEF\xBC\xB3\xEF\xBC\xAC\xEF\xBC\xA1"),
            "$TSLA");
  EXPECT_EQ(zs::normalize_unicode("\xE2\x80\x9CGreat\xE2\x80\x9D \xE2\x80\x94 it\xE2\x80\x99s"),
            "\"Great\" - it's");
  EXPECT_EQ(zs::normalize_unicode("a\xC2\xA0\xC2\xA0 b\xE2\x80\xA6"), "a b...");
  EXPECT_EQ(zs::normalize_unicode("\xEF\xAC\x81nance"), "finance");
  // U+1D401 MATHEMATICAL BOLD CAPITAL B, U+1D42B bold small r
  EXPECT_EQ(zs::normalize_unicode("\xF0\x9D\x90\x81\xF0\x9D\x90\xAB"), "Br");
  EXPECT_EQ(zs::normalize_unicode("S&amp;P &lt;3 &#36;SPY &#x24;QQQ"), "S&P <3 $SPY $QQQ");
  EXPECT_EQ(zs::normalize_unicode("zero\xE2\x80\x8Bwidth"), "zerowidth");
  // Latin-1 byte (PhraseBank files) decodes as U+00E4.
  EXPECT_EQ(zs::normalize_unicode("M\xE4kinen"), "M\xC3\xA4kinen");
  // Emoji kept untouched.
  EXPECT_EQ(zs::normalize_unicode("moon \xF0\x9F\x9A\x80"), "moon \xF0\x9F\x9A\x80");
}

TEST(Normalize, CleanForScoring) {
  EXPECT_EQ(zs::clean_for_scoring("RT @trader_1: $NVDA to the moon https://example.com/abc @bob"),
            "$NVDA to the moon");
  EXPECT_EQ(zs::clean_for_scoring("see www.example.com now"), "see now");
  EXPECT_EQ(zs::clean_for_scoring("email a@b.com stays"), "email a@b.com stays");
  EXPECT_EQ(zs::canonical_key("RT @x: $AAPL - Apple beats! https://example.com/1"),
            "aapl apple beats");
}

TEST(Tickers, CashtagsPlainAliasesAndStopList) {
  zs::TickerExtractor ex;
  EXPECT_EQ(symbols(ex.extract("$CCL $RCL - Nomura points to bookings weakness at Carnival")),
            (std::vector<std::string>{"CCL", "RCL"}));  // Carnival alias = CCL, counted once
  EXPECT_EQ(symbols(ex.extract("$brk.b and $BF-B up, $5 call, $100M deal")),
            (std::vector<std::string>{"BRK.B", "BF.B"}));
  // Stop-listed words are not tickers unless cashtagged.
  EXPECT_TRUE(ex.extract("IT is A good day, ALL in ON it NOW").empty());
  EXPECT_EQ(symbols(ex.extract("$IT beats, $ALL misses")), (std::vector<std::string>{"IT", "ALL"}));
  EXPECT_EQ(symbols(ex.extract("NVDA and TSLA calls; XYZW is unknown")),
            (std::vector<std::string>{"NVDA", "TSLA"}));
  EXPECT_EQ(symbols(ex.extract("Bank of America and Beyond Meat, also nvidia")),
            (std::vector<std::string>{"BAC", "BYND", "NVDA"}));
  const auto m = ex.extract("$TSLA TSLA tesla");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].count, 3);
  EXPECT_EQ(m[0].kind, zs::MentionKind::kCashtag);
}

TEST(Tickers, AliasTableFromFileErrorsNameTheLine) {
  const std::string path = ::testing::TempDir() + "/aliases.tsv";
  {
    std::ofstream f(path);
    f << "# comment\nacme corp\tACME\nbroken line\n";
  }
  zs::TickerConfig cfg;
  auto st = cfg.load_aliases(path);
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("aliases.tsv:3"), std::string::npos);
  EXPECT_EQ(cfg.aliases.at("acme corp"), "ACME");
}

// Real posts from the Twitter Financial News set: every cashtag-led headline yields its cashtags.
TEST(Tickers, RealTweetsCashtagsFound) {
  std::ifstream in(ZERODTE_SHARED_DATA "/sentiment/twitter-financial-news/sent_train.csv");
  ASSERT_TRUE(in) << "missing shared data";
  std::string line;
  std::getline(in, line);
  zs::TickerExtractor ex;
  int checked = 0;
  int with_cashtag = 0;
  while (std::getline(in, line) && checked < 2000) {
    ++checked;
    if (line.size() < 3 || line[0] != '$') continue;
    ++with_cashtag;
    auto m = ex.extract(zs::normalize_unicode(line));
    ASSERT_FALSE(m.empty()) << line;
    // The first cashtag in the line is the first mention.
    std::size_t e = 1;
    while (e < line.size() && std::isalpha(static_cast<unsigned char>(line[e])))
      ++e;
    std::string first = line.substr(1, e - 1);
    for (char& c : first)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (e - 1 <= 6 && (e >= line.size() || !std::isalnum(static_cast<unsigned char>(line[e])))) {
      EXPECT_EQ(m[0].symbol, first) << line;
    }
  }
  EXPECT_GT(with_cashtag, 150);
}

TEST(Language, EnglishAndOthers) {
  EXPECT_TRUE(zs::check_language("$AAPL beats estimates").is_english);
  EXPECT_TRUE(zs::check_language("The stock is up after the earnings call").is_english);
  EXPECT_TRUE(zs::check_language("\xF0\x9F\x9A\x80\xF0\x9F\x9A\x80").is_english);
  EXPECT_FALSE(
      zs::check_language("Las acciones de la empresa suben por el informe que").is_english);
  EXPECT_FALSE(zs::check_language("Die Aktie ist nicht gut und das ist schlecht").is_english);
  EXPECT_FALSE(zs::check_language("\xD0\x90\xD0\xBA\xD1\x86\xD0\xB8\xD0\xB8 "
                                  "\xD1\x80\xD0\xB0\xD1\x81\xD1\x82\xD1\x83\xD1\x82")
                   .is_english);
}

TEST(Dedup, ExactRetweetAndNearSyndicated) {
  zs::Deduplicator d;
  const Timestamp t0 = Timestamp::from_seconds(1'700'000'000);
  EXPECT_EQ(
      d.check("1", "$BYND - JPMorgan reels in expectations on Beyond Meat https://example.com/bd0x",
              t0)
          .kind,
      zs::DuplicateKind::kUnique);
  // Retweet with a different link: exact after canonicalisation.
  auto r = d.check(
      "2", "RT @bob: $BYND - JPMorgan reels in expectations on Beyond Meat https://example.com/zz",
      t0 + std::chrono::seconds(5));
  EXPECT_EQ(r.kind, zs::DuplicateKind::kExact);
  EXPECT_EQ(r.first_id, "1");
  // Syndicated copy with a small edit: near duplicate.
  r = d.check("3", "$BYND: JPMorgan reels in expectations on Beyond Meat.",
              t0 + std::chrono::seconds(6));
  EXPECT_NE(r.kind, zs::DuplicateKind::kUnique);
  r = d.check("4", "JPMorgan reels in expectations on Beyond Meats", t0 + std::chrono::seconds(7));
  EXPECT_EQ(r.kind, zs::DuplicateKind::kNear);
  EXPECT_EQ(r.first_id, "1");
  // Different story: unique.
  EXPECT_EQ(
      d.check("5", "Nomura points to bookings weakness at Carnival and Royal Caribbean", t0).kind,
      zs::DuplicateKind::kUnique);
  // After the window, the first story may appear again.
  EXPECT_EQ(d.check("6", "$BYND - JPMorgan reels in expectations on Beyond Meat",
                    t0 + std::chrono::hours(7))
                .kind,
            zs::DuplicateKind::kUnique);
}

// Property: over real tweets, the banded index finds exactly the pairs a brute-force scan finds.
TEST(Dedup, BandIndexMatchesBruteForceOnRealTweets) {
  std::ifstream in(ZERODTE_SHARED_DATA "/sentiment/twitter-financial-news/sent_train.csv");
  ASSERT_TRUE(in);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> texts;
  while (std::getline(in, line) && texts.size() < 1500)
    texts.push_back(line.substr(0, line.rfind(',')));
  zs::DedupConfig cfg;
  cfg.max_hamming = 3;
  zs::Deduplicator d(cfg);
  std::vector<std::uint64_t> exact_seen;
  std::vector<std::uint64_t> sims;
  const Timestamp t0 = Timestamp::from_seconds(1'700'000'000);
  int dups = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string key = zs::canonical_key(texts[i]);
    const std::uint64_t ex = zs::hash64(key);
    const std::uint64_t sim = zs::simhash64(key);
    bool brute = false;
    for (std::size_t j = 0; j < sims.size() && !brute; ++j) {
      brute = exact_seen[j] == ex ||
              (key.size() >= cfg.min_key_chars && zs::hamming(sims[j], sim) <= 3);
    }
    const auto r = d.check(std::to_string(i), texts[i], t0);
    EXPECT_EQ(r.kind != zs::DuplicateKind::kUnique, brute) << texts[i];
    if (!brute) {
      exact_seen.push_back(ex);
      sims.push_back(key.size() >= cfg.min_key_chars ? sim : ~0ULL);  // short keys: exact only
    } else {
      ++dups;
    }
  }
  EXPECT_LT(dups, 60);  // a handful of near-identical headlines, not a flood of false matches
}

TEST(Preprocessor, RelevanceAndTickersFromSourceTags) {
  zs::Preprocessor p;
  zerodte::model::NewsItem item;
  item.id = "t1";
  item.text = "Huge call flow in $NVDA https://example.com/x";
  item.symbols = {"amd"};
  item.likes = 9999;
  item.author_verified = true;
  const Timestamp now = Timestamp::from_seconds(1'700'000'000);
  item.ts_event = now;
  auto post = p.prepare(item, now);
  EXPECT_EQ(post.text, "Huge call flow in $NVDA");
  ASSERT_EQ(post.tickers.size(), 2u);
  EXPECT_EQ(post.tickers[1].symbol, "AMD");
  EXPECT_TRUE(post.usable());
  EXPECT_NEAR(post.relevance.recency, 1.0, 1e-12);
  EXPECT_NEAR(post.relevance.author, 1.0, 1e-12);
  EXPECT_NEAR(post.relevance.specificity, 1.0 / std::sqrt(2.0), 1e-12);
  // Ten minutes later (one half-life) the same post would be half as recent.
  item.id = "t2";
  item.text = "Different story about $TSLA deliveries";
  item.likes = 0;
  item.author_verified = false;
  auto later = p.prepare(item, now + std::chrono::minutes(10));
  EXPECT_NEAR(later.relevance.recency, 0.5, 1e-12);
  EXPECT_LT(later.relevance.total, post.relevance.total);
  // A repost is flagged and not usable.
  item.id = "t3";
  auto again = p.prepare(item, now + std::chrono::minutes(11));
  EXPECT_EQ(again.dedup.kind, zs::DuplicateKind::kExact);
  EXPECT_FALSE(again.usable());
}
