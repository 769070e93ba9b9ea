#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "sentiment/fake_http_server.hpp"
#include "zerodte/adapters/news/rest_sources.hpp"
#include "zerodte/adapters/news/x_stream.hpp"

namespace zn = zerodte::adapters::news;
using zerodte::core::ErrorCode;
using zerodte::core::Timestamp;
using zerodte::testing::FakeHttpServer;
using zerodte::testing::FakeRequest;
using zerodte::testing::FakeResponse;
using namespace std::chrono_literals;

namespace {

struct Env {
  Env() {
    ::setenv("ZT_X_TOKEN", "x-bearer-secret", 1);
    ::setenv("ZT_REDDIT_ID", "rid", 1);
    ::setenv("ZT_REDDIT_SECRET", "rsecret", 1);
    ::setenv("ZT_FINNHUB", "fh-key", 1);
    ::setenv("ZT_BENZINGA", "bz-key", 1);
  }
};
const Env kEnv;

zerodte::core::SimClock clock0{Timestamp::from_seconds(1'700'000'000)};

struct Collected {
  std::vector<zerodte::model::NewsItem> items;
  zn::NewsSink sink() {
    return [this](zerodte::model::NewsItem n) { items.push_back(std::move(n)); };
  }
};

std::string tweet(const std::string& id, const std::string& text, int likes = 10,
                  bool verified = false) {
  return fmt::format(
      R"({{"data":{{"id":"{}","text":"{}","author_id":"7","created_at":"2024-05-14T14:30:05.000Z","public_metrics":{{"retweet_count":0,"reply_count":0,"like_count":{},"quote_count":0}}}},"includes":{{"users":[{{"id":"7","username":"u","verified":{},"public_metrics":{{"followers_count":500}}}}]}}}})",
      id, text, likes, verified ? "true" : "false");
}

zn::XStreamConfig xcfg(const FakeHttpServer& s) {
  zn::XStreamConfig c;
  c.base_url = s.url();
  c.bearer_env = "ZT_X_TOKEN";
  c.idle_timeout = 300ms;
  c.connect_timeout = 1s;
  return c;
}

// The failure modes every source must survive, scripted for one request.
enum class Failure { kAuth, kRateLimit, kDisconnect, kMalformed };
FakeResponse failure(Failure f, std::string good_body) {
  switch (f) {
    case Failure::kAuth:
      return FakeResponse{401, R"({"error":"unauthorized"})"};
    case Failure::kRateLimit: {
      FakeResponse r{429, R"({"error":"too many requests"})"};
      r.headers.emplace_back("Retry-After", "7");
      return r;
    }
    case Failure::kDisconnect: {
      FakeResponse r{200, std::move(good_body)};
      r.drop = true;
      return r;
    }
    case Failure::kMalformed:
      return FakeResponse{200, "{\"half\": [1, 2"};
  }
  return {};
}

void expect_failure(zn::PollingSource& src, Failure f, const zerodte::core::Status& st) {
  ASSERT_FALSE(st);
  switch (f) {
    case Failure::kAuth:
      EXPECT_EQ(st.error().code, ErrorCode::kAuth) << st.error().to_string();
      EXPECT_EQ(src.stats().auth_failures, 1u);
      break;
    case Failure::kRateLimit:
      EXPECT_EQ(st.error().code, ErrorCode::kRateLimited) << st.error().to_string();
      EXPECT_GE(src.next_delay(st), 7s);  // Retry-After honoured
      break;
    case Failure::kDisconnect:
      EXPECT_EQ(st.error().code, ErrorCode::kTransport) << st.error().to_string();
      EXPECT_EQ(src.stats().disconnects, 1u);
      break;
    case Failure::kMalformed:
      EXPECT_EQ(st.error().code, ErrorCode::kParse) << st.error().to_string();
      EXPECT_EQ(src.stats().malformed, 1u);
      break;
  }
  // Secrets never reach error text.
  for (const char* secret : {"fh-key", "bz-key", "rsecret", "x-bearer-secret"}) {
    EXPECT_EQ(st.error().message.find(secret), std::string::npos);
  }
}

const char* kListing =
    R"({"kind":"Listing","data":{"children":[{"kind":"t3","data":{"name":"t3_a","subreddit":"options","title":"SPY puts","selftext":"","author":"u","score":9,"num_comments":1,"created_utc":1715697000,"permalink":"/r/options/a"}}]}})";
const char* kFinnhub =
    R"([{"category":"general","datetime":1715697000,"headline":"Fed holds rates","id":7,"related":"","source":"Reuters","summary":"s","url":"u"}])";
const char* kBenzinga =
    R"([{"id":1,"author":"a","created":"Tue, 14 May 2024 12:00:00 -0400","title":"NVDA upgraded","teaser":"t","url":"u","stocks":[{"name":"NVDA"}]}])";
const char* kRss =
    R"(<rss><channel><item><title>Acme raises guidance</title><link>https://a/1</link><guid>1</guid></item></channel></rss>)";

}  // namespace

TEST(XStream, StreamsFiltersAndSurvivesMalformedLines) {
  FakeHttpServer server([](const FakeRequest& req) {
    FakeResponse r;
    r.chunks = {{0ms, tweet("1", "$SPY ripping", 50) + "\r\n"},
                {20ms, "\r\n"},  // heartbeat
                {0ms, "{not json}\r\n"},
                {0ms, tweet("2", "$QQQ low engagement", 0) + "\r\n" +
                          tweet("3", "$TSLA split", 30).substr(0, 40)},
                {20ms, tweet("3", "$TSLA split", 30).substr(40) + "\r\n"}};
    (void)req;
    return r;
  });
  auto cfg = xcfg(server);
  cfg.min_engagement = 5;
  zn::XStreamClient x(cfg, clock0);
  Collected c;
  std::atomic<bool> stop{false};
  auto st = x.stream_once(c.sink(), stop);
  ASSERT_FALSE(st);  // the server ended the stream: reconnect
  EXPECT_EQ(st.error().code, ErrorCode::kTransport);
  ASSERT_EQ(c.items.size(), 2u);
  EXPECT_EQ(c.items[0].id, "1");
  EXPECT_EQ(c.items[1].id, "3");  // a line split across chunks is reassembled
  EXPECT_EQ(x.stats().filtered, 1u);
  EXPECT_EQ(x.stats().malformed, 1u);
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].header("authorization"), "Bearer x-bearer-secret");
  EXPECT_EQ(reqs[0].target.rfind("/2/tweets/search/stream?", 0), 0u);
  EXPECT_EQ(x.reconnect_delay(st), 250ms);
  EXPECT_EQ(x.reconnect_delay(st), 500ms);
}

TEST(XStream, AuthRateLimitStallAndRules) {
  FakeHttpServer auth([](const FakeRequest&) {
    return FakeResponse{401, R"({"title":"Unauthorized"})"};
  });
  zn::XStreamClient a(xcfg(auth), clock0);
  std::atomic<bool> stop{false};
  auto st = a.stream_once([](auto) {}, stop);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ErrorCode::kAuth);
  EXPECT_EQ(st.error().message.find("x-bearer-secret"), std::string::npos);
  EXPECT_EQ(a.reconnect_delay(st), 5s);
  EXPECT_EQ(a.reconnect_delay(st), 10s);

  FakeHttpServer limited([](const FakeRequest&) {
    return FakeResponse{429, R"({"title":"Too Many Requests"})"};
  });
  zn::XStreamClient l(xcfg(limited), clock0);
  st = l.stream_once([](auto) {}, stop);
  EXPECT_EQ(st.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(l.reconnect_delay(st), 60s);

  FakeHttpServer stall([](const FakeRequest&) {
    FakeResponse r;
    r.chunks = {{0ms, tweet("9", "$SPY hi") + "\r\n"}};
    r.stall = 2000ms;  // no heartbeat: the idle timeout (300 ms) must fire
    return r;
  });
  zn::XStreamClient s(xcfg(stall), clock0);
  Collected c;
  const auto t0 = std::chrono::steady_clock::now();
  st = s.stream_once(c.sink(), stop);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 1500ms);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ErrorCode::kTimeout);
  EXPECT_EQ(c.items.size(), 1u);

  std::vector<std::string> bodies;
  std::mutex mu;
  FakeHttpServer rules([&](const FakeRequest& req) {
    std::lock_guard l(mu);
    bodies.push_back(req.method + " " + req.body);
    if (req.method == "GET") {
      return FakeResponse{
          200, R"({"data":[{"id":"11","value":"old rule"},{"id":"12","value":"$SPY"}]})"};
    }
    return FakeResponse{200, R"({"meta":{}})"};
  });
  auto rc = xcfg(rules);
  rc.rules = {"$SPY", "$NVDA lang:en"};
  zn::XStreamClient r(rc, clock0);
  ASSERT_TRUE(r.sync_rules());
  ASSERT_EQ(bodies.size(), 3u);
  EXPECT_EQ(bodies[1], R"(POST {"delete":{"ids":["11"]}})");
  EXPECT_EQ(bodies[2], R"(POST {"add":[{"value":"$NVDA lang:en"}]})");
}

TEST(Reddit, OAuthThenListingsAndRateLimitHeaders) {
  FakeHttpServer server([](const FakeRequest& req) {
    if (req.target == "/api/v1/access_token") {
      return FakeResponse{200,
                          R"({"access_token":"tok-1","token_type":"bearer","expires_in":86400})"};
    }
    FakeResponse r{200, kListing};
    r.headers.emplace_back("X-Ratelimit-Remaining", "0");
    r.headers.emplace_back("X-Ratelimit-Reset", "42");
    return r;
  });
  zn::RedditConfig cfg;
  cfg.auth_url = cfg.api_url = server.url();
  cfg.client_id_env = "ZT_REDDIT_ID";
  cfg.client_secret_env = "ZT_REDDIT_SECRET";
  cfg.subreddits = {"options", "stocks"};
  zn::RedditSource src(cfg, clock0);
  Collected c;
  auto st = src.poll_once(c.sink());
  ASSERT_TRUE(st) << st.error().to_string();
  ASSERT_EQ(c.items.size(), 1u);
  EXPECT_EQ(c.items[0].source, "reddit:options");
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 2u);  // token, then one listing: the window was used up
  EXPECT_EQ(reqs[0].header("authorization"), "Basic " + zn::base64("rid:rsecret"));
  EXPECT_EQ(reqs[0].body, "grant_type=client_credentials");
  EXPECT_EQ(reqs[1].header("authorization"), "bearer tok-1");
  EXPECT_EQ(reqs[1].target, "/r/options/new?limit=100&raw_json=1");
  EXPECT_GE(src.next_delay(st), 42s);
  // Next round: same post again is not emitted twice.
  ASSERT_TRUE(src.poll_once(c.sink()));
  EXPECT_EQ(c.items.size(), 1u);
  EXPECT_EQ(zn::base64("rid:rsecret"), "cmlkOnJzZWNyZXQ=");
}

class RestFailures : public ::testing::TestWithParam<std::tuple<std::string, Failure>> {};

TEST_P(RestFailures, EverySourceReportsAuthRateLimitDisconnectAndMalformed) {
  const auto& [kind, f] = GetParam();
  std::string good = kind == "reddit"     ? kListing
                     : kind == "finnhub"  ? kFinnhub
                     : kind == "benzinga" ? kBenzinga
                                          : kRss;
  FakeHttpServer server([&, f = f](const FakeRequest& req) {
    if (req.target == "/api/v1/access_token" && f != Failure::kAuth) {
      return FakeResponse{200, R"({"access_token":"tok","expires_in":3600})"};
    }
    return failure(f, good);
  });
  std::unique_ptr<zn::PollingSource> src;
  if (kind == "reddit") {
    zn::RedditConfig c;
    c.auth_url = c.api_url = server.url();
    c.client_id_env = "ZT_REDDIT_ID";
    c.client_secret_env = "ZT_REDDIT_SECRET";
    c.timeout = 1s;
    src = std::make_unique<zn::RedditSource>(c, clock0);
  } else if (kind == "finnhub") {
    zn::FinnhubConfig c;
    c.base_url = server.url();
    c.token_env = "ZT_FINNHUB";
    c.timeout = 1s;
    src = std::make_unique<zn::FinnhubSource>(c, clock0);
  } else if (kind == "benzinga") {
    zn::BenzingaConfig c;
    c.base_url = server.url();
    c.token_env = "ZT_BENZINGA";
    c.timeout = 1s;
    src = std::make_unique<zn::BenzingaSource>(c, clock0);
  } else {
    zn::FeedConfig c;
    c.name = "acme-pr";
    c.url = server.url("/feed.xml");
    c.timeout = 1s;
    src = std::make_unique<zn::FeedSource>(c, clock0);
  }
  Collected c;
  const auto st = src->poll_once(c.sink());
  expect_failure(*src, f, st);
  EXPECT_TRUE(c.items.empty());
  // Errors back off exponentially.
  const auto d1 = src->next_delay(st);
  const auto d2 = src->next_delay(st);
  EXPECT_GE(d2, d1 < 7s ? d1 : 0s);
}

INSTANTIATE_TEST_SUITE_P(
    Sources, RestFailures,
    ::testing::Combine(::testing::Values("reddit", "finnhub", "benzinga", "rss"),
                       ::testing::Values(Failure::kAuth, Failure::kRateLimit, Failure::kDisconnect,
                                         Failure::kMalformed)));

TEST(RestSources, SuccessPaths) {
  FakeHttpServer server([](const FakeRequest& req) {
    if (req.target.rfind("/api/v1/news", 0) == 0) return FakeResponse{200, kFinnhub};
    if (req.target.rfind("/api/v2/news", 0) == 0) return FakeResponse{200, kBenzinga};
    return FakeResponse{200, kRss, {{"Content-Type", "application/rss+xml"}}};
  });
  Collected c;
  zn::FinnhubConfig fc;
  fc.base_url = server.url();
  fc.token_env = "ZT_FINNHUB";
  zn::FinnhubSource fh(fc, clock0);
  ASSERT_TRUE(fh.poll_once(c.sink()));
  ASSERT_TRUE(fh.poll_once(c.sink()));  // the same article again: suppressed
  zn::BenzingaConfig bc;
  bc.base_url = server.url();
  bc.token_env = "ZT_BENZINGA";
  zn::BenzingaSource bz(bc, clock0);
  ASSERT_TRUE(bz.poll_once(c.sink()));
  zn::FeedConfig rc;
  rc.name = "acme-pr";
  rc.url = server.url("/feed.xml");
  zn::FeedSource rss(rc, clock0);
  ASSERT_TRUE(rss.poll_once(c.sink()));
  ASSERT_EQ(c.items.size(), 3u);
  EXPECT_EQ(c.items[0].source, "finnhub");
  EXPECT_EQ(c.items[1].symbols, std::vector<std::string>{"NVDA"});
  EXPECT_EQ(c.items[2].source, "rss:acme-pr");
  for (const auto& n : c.items)
    EXPECT_EQ(n.ts_recv, clock0.now());
  const auto reqs = server.requests();
  EXPECT_EQ(reqs[0].header("x-finnhub-token"), "fh-key");
  EXPECT_EQ(reqs[0].target, "/api/v1/news?category=general&minId=0");
  EXPECT_EQ(reqs[1].target, "/api/v1/news?category=general&minId=7");
  EXPECT_NE(reqs[2].target.find("token=bz-key"), std::string::npos);
  EXPECT_EQ(fh.stats().duplicates, 1u);  // the fake ignores minId; the id filter suppresses it
}
