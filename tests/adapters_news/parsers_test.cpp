#include <gtest/gtest.h>

#include <fstream>

#include "zerodte/adapters/news/news_parsers.hpp"
#include "zerodte/adapters/news/replay_source.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/sentiment/dataset.hpp"
#include "zerodte/sentiment/lexicon_scorer.hpp"
#include "zerodte/sentiment/sentiment_engine.hpp"

namespace zn = zerodte::adapters::news;
namespace zs = zerodte::sentiment;
using zerodte::core::ErrorCode;
using zerodte::core::Timestamp;

TEST(NewsParsers, XStreamLine) {
  const char* line =
      R"({"data":{"id":"1790000000000000001","text":"$NVDA breaking out, calls printing","author_id":"42","created_at":"2024-05-14T14:30:05.000Z","public_metrics":{"retweet_count":3,"reply_count":2,"like_count":40,"quote_count":1},"entities":{"cashtags":[{"start":0,"end":5,"tag":"NVDA"}]}},"includes":{"users":[{"id":"42","username":"flowtrader","verified":true,"public_metrics":{"followers_count":12000}}]},"matching_rules":[{"id":"1","tag":"mega"}]})";
  auto b = zn::parse_x_stream_line(line);
  ASSERT_TRUE(b) << b.error().to_string();
  ASSERT_EQ(b->items.size(), 1u);
  const auto& n = b->items[0];
  EXPECT_EQ(n.id, "1790000000000000001");
  EXPECT_EQ(n.source, "x");
  EXPECT_EQ(n.author, "flowtrader");
  EXPECT_TRUE(n.author_verified);
  EXPECT_EQ(n.author_followers, 12000);
  EXPECT_EQ(n.likes, 40);
  EXPECT_EQ(n.reposts, 4);
  EXPECT_EQ(n.replies, 2);
  EXPECT_EQ(n.symbols, std::vector<std::string>{"NVDA"});
  EXPECT_EQ(n.ts_event, zerodte::core::parse_iso8601("2024-05-14T14:30:05Z").value());
  EXPECT_TRUE(zn::parse_x_stream_line("\r\n")->items.empty());  // heartbeat
  EXPECT_EQ(
      zn::parse_x_stream_line(R"({"errors":[{"title":"operational-disconnect"}]})").error().code,
      ErrorCode::kTransport);
  EXPECT_EQ(zn::parse_x_stream_line("{\"data\": {").error().code, ErrorCode::kParse);
  EXPECT_EQ(zn::parse_x_stream_line(R"({"data":{"id":"1"}})")->skipped, 1u);
}

TEST(NewsParsers, RedditFinnhubBenzinga) {
  auto r = zn::parse_reddit_listing(
      R"({"kind":"Listing","data":{"after":"t3_b","children":[{"kind":"t3","data":{"name":"t3_a","subreddit":"wallstreetbets","title":"TSLA puts printing","selftext":"deliveries miss","author":"u1","score":120,"num_comments":33,"created_utc":1715697000.0,"permalink":"/r/wallstreetbets/comments/a/"}},{"kind":"t1","data":{"name":"t1_c","subreddit":"options","body":"SPY 0DTE calls","author":"u2","score":5,"created_utc":1715697001}},{"kind":"t3","data":{"name":"t3_x"}}]}})");
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->items.size(), 2u);
  EXPECT_EQ(r->skipped, 1u);
  EXPECT_EQ(r->items[0].source, "reddit:wallstreetbets");
  EXPECT_EQ(r->items[0].headline, "TSLA puts printing");
  EXPECT_EQ(r->items[0].likes, 120);
  EXPECT_EQ(r->items[0].ts_event, Timestamp::from_seconds(1715697000));
  EXPECT_EQ(r->items[1].text, "SPY 0DTE calls");
  EXPECT_FALSE(zn::parse_reddit_listing(R"({"kind":"t3"})"));

  auto f = zn::parse_finnhub_news(
      R"([{"category":"company","datetime":1715697000,"headline":"Apple beats estimates","id":125,"related":"AAPL,MSFT","source":"Reuters","summary":"...","url":"https://x"}])");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->items[0].id, "125");
  EXPECT_EQ(f->items[0].symbols, (std::vector<std::string>{"AAPL", "MSFT"}));
  EXPECT_EQ(zn::parse_finnhub_news(R"({"error":"Invalid API key"})").error().code,
            ErrorCode::kRejected);

  auto b = zn::parse_benzinga_news(
      R"([{"id":39125,"author":"Benzinga Newsdesk","created":"Wed, 17 May 2017 14:20:15 -0400","title":"Cemex cut at Credit Suisse","teaser":"t","url":"https://b","stocks":[{"name":"CX"}]}])");
  ASSERT_TRUE(b) << b.error().to_string();
  EXPECT_EQ(b->items[0].ts_event, Timestamp::from_seconds(1495045215));
  EXPECT_EQ(b->items[0].symbols, std::vector<std::string>{"CX"});
  EXPECT_EQ(zn::parse_rfc822("17 May 2017 18:20:15 GMT").value(),
            Timestamp::from_seconds(1495045215));
  EXPECT_FALSE(zn::parse_rfc822("17 Mai 2017 18:20:15 GMT"));
}

TEST(NewsParsers, RssAndAtomFeeds) {
  auto rss = zn::parse_feed(R"(<?xml version="1.0"?><rss version="2.0"><channel><title>PR</title>
<item><title>Acme &amp; Co. raises guidance</title><link>https://acme.example/pr/1</link>
<guid>pr-1</guid><pubDate>Tue, 14 May 2024 12:00:00 GMT</pubDate>
<description><![CDATA[<p>Record <b>quarter</b></p>]]></description></item>
<item><title>No id or link</title></item></channel></rss>)",
                            "acme-pr");
  ASSERT_TRUE(rss) << rss.error().to_string();
  ASSERT_EQ(rss->items.size(), 1u);
  EXPECT_EQ(rss->skipped, 1u);
  EXPECT_EQ(rss->items[0].headline, "Acme & Co. raises guidance");
  EXPECT_EQ(rss->items[0].text, "Record quarter");
  EXPECT_EQ(rss->items[0].id, "pr-1");
  EXPECT_EQ(rss->items[0].ts_event, zerodte::core::parse_iso8601("2024-05-14T12:00:00Z").value());
  auto atom = zn::parse_feed(R"(<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed><title>Latest Filings</title>
<entry><title>8-K - NVIDIA CORP (0001045810) (Filer)</title>
<link rel="alternate" type="text/html" href="https://sec.example/Archives/edgar/data/1045810/x.htm"/>
<summary type="html">Item 2.02: Results of Operations</summary><updated>2024-05-22T16:05:12-04:00</updated>
<id>urn:tag:sec.gov,2008:accession-number=0001045810-24-000113</id></entry></feed>)",
                             "sec-edgar-8k");
  ASSERT_TRUE(atom) << atom.error().to_string();
  ASSERT_EQ(atom->items.size(), 1u);
  EXPECT_EQ(atom->items[0].kind, zerodte::model::NewsKind::kFiling);
  EXPECT_EQ(atom->items[0].url, "https://sec.example/Archives/edgar/data/1045810/x.htm");
  EXPECT_EQ(atom->items[0].ts_event, zerodte::core::parse_iso8601("2024-05-22T20:05:12Z").value());
  EXPECT_EQ(zn::parse_feed("<html>not a feed</html>", "x").error().code, ErrorCode::kParse);
  EXPECT_FALSE(zn::parse_feed("<rss><channel><item><title>a", "x"));
}

TEST(NewsParsers, ReplayRoundTripAndErrors) {
  zerodte::model::NewsItem n;
  n.id = "p1";
  n.source = "x";
  n.kind = zerodte::model::NewsKind::kSocialPost;
  n.text = "$SPY \"quoted\" \xF0\x9F\x9A\x80";
  n.symbols = {"SPY"};
  n.likes = 5;
  n.author_verified = true;
  n.ts_event = Timestamp{1'700'000'000'123'456'789};
  n.ts_recv = Timestamp{1'700'000'000'223'456'789};
  auto back = zn::parse_replay_line(zn::to_replay_line(n));
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(back->text, n.text);
  EXPECT_EQ(back->symbols, n.symbols);
  EXPECT_EQ(back->ts_event, n.ts_event);
  EXPECT_EQ(back->ts_recv, n.ts_recv);
  EXPECT_TRUE(back->author_verified);
  EXPECT_EQ(back->kind, zerodte::model::NewsKind::kSocialPost);
  EXPECT_TRUE(zn::parse_replay_line(R"({"id":"a","text":"t","ts_event":"2024-05-14T14:30:05Z"})"));
  EXPECT_FALSE(zn::parse_replay_line(R"({"id":"a","text":"t"})"));  // no time
  EXPECT_FALSE(zn::parse_replay_line(R"({"id":"a","text":"t","ts_event":"yesterday"})"));
  EXPECT_FALSE(zn::parse_replay_line(R"({"id":"a","kind":"tweet","text":"t","ts_event":1})"));
}

// End to end on real posts: 600 Twitter Financial News headlines recorded as a replay file,
// replayed through the kernel in simulation into the SentimentEngine.
TEST(ReplaySource, RealTweetsThroughTheSentimentEngine) {
  zs::DatasetSpec spec;
  spec.path = ZERODTE_SHARED_DATA "/sentiment/twitter-financial-news/sent_train.csv";
  spec.label_map = "0=negative,1=positive,2=neutral";
  auto tweets = zs::load_dataset(spec);
  ASSERT_TRUE(tweets) << tweets.error().to_string();
  const std::string path = ::testing::TempDir() + "/replay.jsonl";
  std::remove(path.c_str());
  {
    auto w = zn::ReplayWriter::open(path);
    ASSERT_TRUE(w);
    for (int i = 0; i < 600; ++i) {
      zerodte::model::NewsItem n;
      n.id = fmt::format("tw{}", i);
      n.source = "replay";
      n.kind = zerodte::model::NewsKind::kSocialPost;
      n.text = (*tweets)[static_cast<std::size_t>(i)].text;
      n.ts_event = n.ts_recv = Timestamp::from_seconds(1'700'000'000 + 5 * i);
      ASSERT_TRUE((*w)->write(n));
    }
  }
  auto src = zn::ReplayNewsSource::open(path);
  ASSERT_TRUE(src);
  zerodte::core::SimClock clock;
  zerodte::engine::Kernel kernel{clock};
  std::vector<std::unique_ptr<zs::Scorer>> fast;
  fast.push_back(std::make_unique<zs::LexiconScorer>());
  auto engine = std::make_shared<zs::SentimentEngine>(zs::SentimentEngineConfig{}, std::move(fast));
  kernel.add_component(engine);
  std::size_t ticker_events = 0;
  kernel.bus().subscribe_all<zs::TickerSentiment>([&](const auto&) { ++ticker_events; });
  kernel.start();
  kernel.run_simulation(**src, clock);
  EXPECT_FALSE((*src)->error()) << (*src)->error()->to_string();
  EXPECT_EQ(engine->stats().posts, 600u);
  EXPECT_EQ(engine->stats().posts,
            engine->stats().scored + engine->stats().duplicates + engine->stats().non_english);
  EXPECT_GT(engine->stats().scored, 550u);
  EXPECT_GT(ticker_events, 150u);  // about a third of the headlines carry cashtags
  EXPECT_EQ(clock.now(), Timestamp::from_seconds(1'700'000'000 + 5 * 599));
  // Out-of-order file: an error naming the line.
  {
    std::ofstream f(path);
    f << R"({"id":"a","text":"t","ts_event":2000})"
      << "\n"
      << R"({"id":"b","text":"t","ts_event":1000})"
      << "\n";
  }
  auto bad = zn::ReplayNewsSource::open(path);
  ASSERT_TRUE(bad);
  EXPECT_TRUE((*bad)->next());
  EXPECT_FALSE((*bad)->next());
  ASSERT_TRUE((*bad)->error());
  EXPECT_NE((*bad)->error()->message.find("replay.jsonl:2"), std::string::npos);
}
