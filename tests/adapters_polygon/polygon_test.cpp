#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "adapters_net/support/feed_collector.hpp"
#include "zerodte/adapters/net/testing/fake_http_server.hpp"
#include "zerodte/adapters/net/testing/fake_ws_server.hpp"
#include "zerodte/adapters/polygon/polygon_feed.hpp"

namespace polygon = zerodte::adapters::polygon;
namespace net = zerodte::adapters::net;
namespace fake = zerodte::adapters::net::testing;
namespace core = zerodte::core;
namespace model = zerodte::model;
namespace engine = zerodte::engine;
using namespace std::chrono_literals;

namespace {
std::string slurp(const std::string& rel) {
  std::ifstream in(std::string(ZERODTE_SHARED_DATA) + "/options/vendor-payloads/polygon/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
// 2024-01-02T14:30:00Z in ms.
constexpr std::int64_t kT0 = 1704205800000;
std::string am(int minute, double c) {
  return fmt::format(
      R"({{"ev":"AM","sym":"SPY","v":{},"av":1000000,"op":470,"vw":{},"o":{},"c":{},"h":{},"l":{},"a":470.1,"z":100,"s":{},"e":{}}})",
      1000 + minute, c, c, c, c + 0.25, c - 0.25, kT0 + minute * 60000LL,
      kT0 + (minute + 1) * 60000LL);
}
bool login(fake::FakeWsSession& s, bool accept = true) {
  s.send_text(R"([{"ev":"status","status":"connected","message":"Connected Successfully"}])");
  auto auth = s.read(2s);
  if (!auth) return false;
  EXPECT_EQ(auth->data, R"({"action":"auth","params":"poly-key"})");
  if (!accept) {
    s.send_text(R"([{"ev":"status","status":"auth_failed","message":"authentication failed"}])");
    s.close();
    return false;
  }
  s.send_text(R"([{"ev":"status","status":"auth_success","message":"authenticated"}])");
  return true;
}
// Subscription params the client sent on this session (after login), until `n` are seen.
std::vector<std::string> read_subscriptions(fake::FakeWsSession& s, std::size_t n,
                                            std::chrono::milliseconds first = 1000ms) {
  std::vector<std::string> subs;
  while (subs.size() < n) {
    auto m = s.read(subs.empty() ? first : 150ms);
    if (!m) break;
    const auto p = m->data.find(R"("params":")");
    std::string params = m->data.substr(p + 10);
    params.resize(params.size() - 2);
    std::stringstream ss(params);
    std::string item;
    while (std::getline(ss, item, ','))
      subs.push_back(item);
    s.send_text(R"([{"ev":"status","status":"success","message":"subscribed"}])");
  }
  return subs;
}
}  // namespace

// Event examples from Polygon's WebSocket documentation (stocks and options clusters).
TEST(PolygonDecoder, DocumentedEvents) {
  model::InstrumentRegistry reg;
  polygon::PolygonDecoder dec(reg, "polygon.stocks");
  std::vector<engine::Event> out;
  auto st = dec.decode(
      R"([{"ev":"T","sym":"MSFT","x":4,"i":"12345","z":3,"p":114.125,"s":100,"c":[0,12],"t":1536036818784,"q":3681328},)"
      R"({"ev":"Q","sym":"MSFT","bx":4,"bp":114.125,"bs":100,"ax":7,"ap":114.128,"as":160,"c":0,"i":[604],"t":1536036818784,"q":50385480,"z":3},)"
      R"({"ev":"Q","sym":"O:SPY241220P00720000","bx":302,"ax":302,"bp":9.71,"ap":9.81,"bs":17,"as":24,"t":1644506128351,"q":844090872},)"
      R"({"ev":"AM","sym":"GTE","v":4110,"av":9470157,"op":0.4372,"vw":0.4488,"o":0.4488,"c":0.4486,"h":0.4489,"l":0.4486,"a":0.4352,"z":685,"s":1610144640000,"e":1610144700000},)"
      R"({"ev":"status","status":"success","message":"subscribed to: AM.GTE"}])",
      core::Timestamp{}, out);
  ASSERT_TRUE(st) << st.error().message;
  ASSERT_EQ(out.size(), 4u);
  const auto& t = std::get<model::Trade>(out[0]);
  EXPECT_EQ(t.price, core::Price::parse("114.125").value());
  EXPECT_EQ(t.size, 100);
  EXPECT_EQ(t.sequence, 3681328u);
  EXPECT_EQ(t.hdr.ts_event.ns, 1536036818784LL * 1'000'000);
  const auto& q = std::get<model::Quote>(out[1]);
  EXPECT_EQ(q.ask, core::Price::parse("114.128").value());
  EXPECT_EQ(q.ask_size, 160);
  const auto& oq = std::get<model::OptionQuote>(out[2]);
  EXPECT_EQ(reg.get(oq.hdr.instrument).symbol.view(), "SPY   241220P00720000");
  EXPECT_EQ(oq.bid, core::Price::parse("9.71").value());
  EXPECT_EQ(oq.ask_size, 24);
  const auto& b = std::get<model::Bar>(out[3]);
  EXPECT_EQ(b.interval_s, 60);
  EXPECT_EQ(b.hdr.ts_event.ns, 1610144640000LL * 1'000'000);
  EXPECT_EQ(b.close, core::Price::parse("0.4486").value());
  EXPECT_EQ(b.volume, 4110);

  EXPECT_FALSE(dec.decode(R"([{"ev":"T","sym":"MSFT","p":"x"}])", core::Timestamp{}, out));
  auto bad =
      dec.decode(R"([{"ev":"Q","sym":"O:SPY241320P00720000","bp":1,"ap":2,"bs":1,"as":1,"t":1}])",
                 core::Timestamp{}, out);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("[0].sym"), std::string::npos) << bad.error().message;
}

TEST(PolygonDecoder, RestAggregatesFixture) {
  model::InstrumentRegistry reg;
  polygon::PolygonDecoder dec(reg, "polygon.rest");
  std::vector<engine::Event> out;
  auto next = dec.decode_aggs(slurp("v2/aggs/ticker/AAPL/range/1/day/2005-04-01/2005-04-04.json"),
                              "AAPL", 86400, core::Timestamp{}, out);
  ASSERT_TRUE(next) << next.error().message;
  ASSERT_EQ(out.size(), 2u);
  const auto& b = std::get<model::Bar>(out[1]);
  EXPECT_EQ(b.open, core::Price::parse("1.4639").value());
  EXPECT_EQ(b.close, core::Price::parse("1.4675").value());
  EXPECT_EQ(b.low, core::Price::parse("1.4343").value());
  EXPECT_EQ(b.volume, 578172308);
  EXPECT_EQ(b.trade_count, 65543);
  EXPECT_EQ(b.hdr.ts_event.ns, 1112587200000LL * 1'000'000);
  EXPECT_EQ(b.interval_s, 86400);
}

TEST(PolygonSharding, OptionQuotesAtMostAThousandPerConnection) {
  std::vector<std::string> subs{"AM.SPY", "T.O:SPY240315C00500000"};
  for (int i = 0; i < 2500; ++i)
    subs.push_back(fmt::format("Q.O:SPY240315C{:08}", 100000 + i));
  const auto shards = polygon::shard_subscriptions(subs, 1000);
  ASSERT_EQ(shards.size(), 3u);
  std::set<std::string> seen;
  for (const auto& sh : shards) {
    const auto q =
        std::count_if(sh.begin(), sh.end(), [](const auto& s) { return s.starts_with("Q.O:"); });
    EXPECT_LE(q, 1000);
    for (const auto& s : sh)
      EXPECT_TRUE(seen.insert(s).second) << s;
  }
  EXPECT_EQ(seen.size(), subs.size());
  EXPECT_EQ(shards[0][0], "AM.SPY");
  EXPECT_EQ(shards[2].size(), 500u);
}

TEST(PolygonStream, ShardedConnectionsEachSubscribeTheirShard) {
  std::mutex m;
  std::vector<std::vector<std::string>> per_connection;
  fake::FakeWsServer ws([&](fake::FakeWsSession& s) {
    EXPECT_EQ(s.target(), "/options");
    if (!login(s)) return;
    // Each connection: 1000, 1000, then 500 option-quote subscriptions.
    auto subs = read_subscriptions(s, 500);
    auto more = read_subscriptions(s, 500, 150ms);
    subs.insert(subs.end(), more.begin(), more.end());
    {
      std::lock_guard lock(m);
      per_connection.push_back(subs);
    }
    s.silent(2s);
  });
  model::InstrumentRegistry reg;
  core::LiveClock clock;
  polygon::PolygonConfig cfg;
  cfg.stream_base = ws.url("");
  cfg.cluster = "options";
  for (int i = 0; i < 2500; ++i)
    cfg.subscriptions.push_back(fmt::format("Q.O:SPY240315C{:08}", 100000 + i));
  const auto shards = polygon::shard_subscriptions(cfg.subscriptions, cfg.max_quote_contracts);
  std::vector<std::unique_ptr<polygon::PolygonStreamProtocol>> protos;
  std::vector<std::unique_ptr<net::StreamFeed>> feeds;
  std::vector<std::unique_ptr<fake::FeedRunner>> runners;
  fake::FeedCollector col;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    protos.push_back(std::make_unique<polygon::PolygonStreamProtocol>(
        cfg, "poly-key", shards[i], static_cast<int>(i), reg, nullptr));
    auto fc = fake::fast_feed_config();
    fc.silent_after = 5s;  // the 500-contract shard waits 1 s for a second batch that never comes
    feeds.push_back(std::make_unique<net::StreamFeed>(*protos.back(), fc, clock, col.sink()));
  }
  for (auto& f : feeds)
    runners.push_back(std::make_unique<fake::FeedRunner>(*f));
  for (int i = 0; i < 200; ++i) {
    {
      std::lock_guard lock(m);
      if (per_connection.size() == 3) break;
    }
    std::this_thread::sleep_for(10ms);
  }
  for (auto& r : runners)
    r->finish();
  ws.stop();
  ASSERT_EQ(per_connection.size(), 3u);
  std::set<std::string> all;
  std::vector<std::size_t> sizes;
  for (const auto& c : per_connection) {
    sizes.push_back(c.size());
    EXPECT_LE(c.size(), 1000u);
    all.insert(c.begin(), c.end());
  }
  std::sort(sizes.begin(), sizes.end());
  EXPECT_EQ(sizes, (std::vector<std::size_t>{500, 1000, 1000}));
  EXPECT_EQ(all.size(), 2500u);
  EXPECT_EQ(feeds[1]->stats().connects.load(), 1u);
  EXPECT_EQ(protos[2]->feed_name(), "polygon.options.2");
}

TEST(PolygonStream, AuthFailedIsKAuth) {
  fake::FakeWsServer ws([](fake::FakeWsSession& s) { login(s, false); });
  model::InstrumentRegistry reg;
  core::LiveClock clock;
  polygon::PolygonConfig cfg;
  cfg.stream_base = ws.url("");
  polygon::PolygonStreamProtocol proto(cfg, "poly-key", {"AM.SPY"}, 0, reg, nullptr);
  fake::FeedCollector col;
  net::StreamFeed feed(proto, fake::fast_feed_config(), clock, col.sink());
  std::atomic<bool> stop{false};
  auto r = feed.run(stop);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kAuth);
  EXPECT_EQ(r.error().message.find("poly-key"), std::string::npos);
  EXPECT_EQ(ws.connections(), 2);
}

TEST(PolygonStream, DisconnectBackfillsMinuteAggregatesAndReportsUnfilledQuotes) {
  fake::FakeWsServer ws([](fake::FakeWsSession& s) {
    if (!login(s)) return;
    (void)read_subscriptions(s, 2);
    if (s.index() == 0) {
      s.send_text("[" + am(0, 470.0) + "," + am(1, 470.5) + "]");
      s.send_text(R"([{"ev":"AM","sym":"SPY","o":"broken"}])");  // malformed: counted, skipped
      s.drop();
      return;
    }
    s.send_text("[" + am(1, 470.5) + "," + am(4, 472.0) + "]");
    s.silent(3s);
  });
  fake::FakeHttpServer http([](const fake::FakeHttpRequest& r) {
    EXPECT_EQ(r.header("Authorization"), "Bearer poly-key");
    EXPECT_TRUE(r.path().starts_with("/v2/aggs/ticker/SPY/range/1/minute/")) << r.path();
    std::string res;
    for (int m : {1, 2, 3}) {
      if (!res.empty()) res += ',';
      const double c = 470.5 + (m - 1) * 0.5;
      res += fmt::format(R"({{"v":{},"vw":{},"o":{},"c":{},"h":{},"l":{},"t":{},"n":5}})", 1000 + m,
                         c, c, c, c + 0.25, c - 0.25, kT0 + m * 60000LL);
    }
    return fake::FakeHttpReply{
        200, R"({"ticker":"SPY","status":"OK","results":[)" + res + R"(],"resultsCount":3})"};
  });
  model::InstrumentRegistry reg;
  core::LiveClock clock;
  polygon::PolygonConfig cfg;
  cfg.stream_base = ws.url("");
  cfg.rest_base = http.url("");
  polygon::PolygonRestClient rest(cfg, "poly-key", reg, clock);
  polygon::PolygonStreamProtocol proto(cfg, "poly-key", {"AM.SPY", "Q.SPY"}, 0, reg, &rest);
  fake::FeedCollector col;
  net::StreamFeed feed(proto, fake::fast_feed_config(), clock, col.sink());
  {
    fake::FeedRunner run(feed);
    ASSERT_TRUE(
        col.wait([](const auto& ev) { return fake::FeedCollector::count<model::Bar>(ev) >= 5; }));
  }
  std::vector<std::int64_t> minutes;
  for (const auto& b : col.all<model::Bar>())
    minutes.push_back((b.hdr.ts_event.ns / 1'000'000 - kT0) / 60000);
  EXPECT_EQ(minutes, (std::vector<std::int64_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(feed.stats().malformed.load(), 1u);
  EXPECT_EQ(feed.stats().duplicates.load(), 1u);
  EXPECT_EQ(feed.stats().unfilled_gaps.load(), 1u);
  ASSERT_EQ(feed.unfilled_gaps().size(), 1u);
  EXPECT_NE(feed.unfilled_gaps()[0].find("Q.SPY"), std::string::npos) << feed.unfilled_gaps()[0];
}
