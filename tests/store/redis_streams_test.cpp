// The Redis Streams bus against a real redis-server started for each test on 127.0.0.1.
#include "zerodte/store/redis_streams.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "temp_dir.hpp"
#include "test_servers.hpp"
#include "zerodte/store/journal.hpp"

namespace zerodte::store {
namespace {

using testing::RedisServer;

class RedisStreamsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    server_ = RedisServer::start(why);
    if (!server_) GTEST_SKIP() << why;
  }
  std::unique_ptr<RedisClient> client() {
    RedisConfig cfg;
    cfg.port = server_->port();
    auto c = RedisClient::connect(cfg);
    EXPECT_TRUE(c) << c.error().to_string();
    return c ? std::move(*c) : nullptr;
  }
  static Bytes payload(std::uint64_t seq) {
    const std::string s = fmt::format("record-{}\n\0binary", seq);
    Bytes b(reinterpret_cast<const std::byte*>(s.data()),
            reinterpret_cast<const std::byte*>(s.data()) + s.size());
    b.push_back(std::byte{0});
    b.push_back(std::byte{0xFF});
    return b;
  }
  void publish(RedisClient& c, const std::string& stream, std::uint64_t from, std::uint64_t to) {
    StreamPublisher pub(c);
    for (std::uint64_t s = from; s <= to; ++s) {
      const Bytes p = payload(s);
      auto r = pub.publish(stream, RecordView{s, RecordType::kTrade, 0,
                                              core::Timestamp{static_cast<std::int64_t>(s)}, p});
      ASSERT_TRUE(r) << r.error().to_string();
      ASSERT_TRUE(*r);
    }
  }
  std::unique_ptr<RedisServer> server_;
};

TEST_F(RedisStreamsTest, PublishIsIdempotentBySequenceAndEntriesRoundTrip) {
  auto c = client();
  publish(*c, "md:spy", 1, 5);
  StreamPublisher pub(*c);
  const Bytes p = payload(3);
  auto again = pub.publish("md:spy", RecordView{3, RecordType::kTrade, 0, core::Timestamp{3}, p});
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);  // already there
  StreamConsumer cons(*c, "md:spy", "engines", "e1");
  ASSERT_TRUE(cons.create_group("0"));
  ASSERT_TRUE(cons.create_group("0"));  // idempotent
  auto got = cons.read(10);
  ASSERT_TRUE(got) << got.error().to_string();
  ASSERT_EQ(got->size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ((*got)[i].seq, i + 1);
    EXPECT_EQ((*got)[i].id, fmt::format("{}-0", i + 1));
    EXPECT_EQ((*got)[i].type, RecordType::kTrade);
    EXPECT_EQ((*got)[i].ts.ns, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ((*got)[i].payload, payload(i + 1));
  }
  auto none = cons.read(10, std::chrono::milliseconds(10));
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(RedisStreamsTest, ConsumerCrashRedeliveryWithoutDoubleProcessing) {
  auto producer = client();
  publish(*producer, "md:{spx}", 1, 100);
  // The handler's effect lives in Redis: a per-sequence counter and a list, committed atomically
  // with the seen-marker and the XACK.
  auto handler = [](const StreamEntry& e, RedisClient& tx) -> core::Status {
    if (auto r = tx.command({"INCR", fmt::format("effects:{{spx}}:{}", e.seq)}); !r)
      return std::unexpected(r.error());
    if (auto r = tx.command({"RPUSH", "processed:{spx}", std::to_string(e.seq)}); !r)
      return std::unexpected(r.error());
    return core::ok();
  };
  {
    auto ca = client();
    StreamConsumer a(*ca, "md:{spx}", "engines", "engine-a");
    ASSERT_TRUE(a.create_group("0"));
    auto batch = a.read(30);
    ASSERT_TRUE(batch);
    ASSERT_EQ(batch->size(), 30u);
    IdempotentProcessor proc(*ca, "md:{spx}", "engines");
    auto st = proc.process(std::span(*batch).first(20), handler);
    ASSERT_TRUE(st) << st.error().to_string();
    EXPECT_EQ(st->processed, 20u);
    // engine-a dies here with 10 entries delivered but not processed.
  }
  auto cb = client();
  StreamConsumer b(*cb, "md:{spx}", "engines", "engine-b");
  auto pend = b.pending(100);
  ASSERT_TRUE(pend);
  ASSERT_EQ(pend->size(), 10u);
  for (const auto& p : *pend)
    EXPECT_EQ(p.consumer, "engine-a");
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  auto claimed = b.claim_stale(std::chrono::milliseconds(20), 100);
  ASSERT_TRUE(claimed) << claimed.error().to_string();
  ASSERT_EQ(claimed->size(), 10u);
  EXPECT_EQ(claimed->front().seq, 21u);
  IdempotentProcessor proc(*cb, "md:{spx}", "engines");
  auto st = proc.process(*claimed, handler);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->processed, 10u);

  // A slow consumer still holding entries that another consumer claimed and processed: its late
  // attempt is recognised as a duplicate.
  auto rest = b.read(100);
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->size(), 70u);
  auto cc = client();
  StreamConsumer c(*cc, "md:{spx}", "engines", "engine-c");
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  auto stolen = c.claim_stale(std::chrono::milliseconds(20), 5);
  ASSERT_TRUE(stolen);
  ASSERT_EQ(stolen->size(), 5u);
  IdempotentProcessor proc_c(*cc, "md:{spx}", "engines");
  ASSERT_EQ(proc_c.process(*stolen, handler)->processed, 5u);
  auto late = proc.process(*rest, handler);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->processed, 65u);
  EXPECT_EQ(late->duplicates, 5u);
  // Redelivering everything again changes nothing.
  auto all_again = proc.process(*rest, handler);
  ASSERT_TRUE(all_again);
  EXPECT_EQ(all_again->processed, 0u);
  EXPECT_EQ(all_again->duplicates, 70u);

  auto len = producer->command({"LLEN", "processed:{spx}"});
  EXPECT_EQ(len->integer, 100);
  for (int s = 1; s <= 100; ++s) {
    auto v = producer->command({"GET", fmt::format("effects:{{spx}}:{}", s)});
    ASSERT_EQ(v->str, "1") << "seq " << s;
  }
  auto left = b.pending(100);
  ASSERT_TRUE(left);
  EXPECT_TRUE(left->empty());
  EXPECT_EQ(proc.marker_key(7), "zdte:seen:{spx}:engines:7");
}

TEST_F(RedisStreamsTest, TrimmingAndStateMirror) {
  auto c = client();
  publish(*c, "md:qqq", 1, 50);
  StreamPublisher pub(*c);
  EXPECT_EQ(*pub.trim_before_seq("md:qqq", 21), 20);
  EXPECT_EQ(c->command({"XLEN", "md:qqq"})->integer, 30);
  EXPECT_EQ(*pub.trim_to_length("md:qqq", 10), 20);
  auto first = c->command({"XRANGE", "md:qqq", "-", "+", "COUNT", "1"});
  EXPECT_EQ(first->elements.at(0).elements.at(0).str, "41-0");

  RedisStateMirror mirror(*c);
  ASSERT_TRUE(
      mirror.set_fields("positions:SPY", {{"qty", "-4"}, {"avg", "99"}}, std::chrono::seconds(60)));
  auto f = mirror.get_fields("positions:SPY");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->at("qty"), "-4");
  EXPECT_GT(c->command({"TTL", "positions:SPY"})->integer, 0);
  auto bad = mirror.set_fields("secrets:api", {{"k", "v"}});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("secrets:api"), std::string::npos);
  EXPECT_EQ(redis_hash_tag("md:{spx}:x"), "spx");
  EXPECT_EQ(redis_hash_tag("md:spx"), "md:spx");
  EXPECT_EQ(redis_hash_tag("a{}b"), "a{}b");
}

TEST_F(RedisStreamsTest, PublishesTheJournalAndResumesAfterARestart) {
  testing::TempDir tmp("redis-journal");
  JournalConfig cfg;
  cfg.dir = tmp / "journal";
  auto j = Journal::open(cfg);
  ASSERT_TRUE(j);
  for (std::uint64_t i = 1; i <= 40; ++i) {
    const Bytes p = payload(i);
    ASSERT_TRUE((*j)->append(i % 4 == 0 ? RecordType::kFill : RecordType::kTrade,
                             core::Timestamp{static_cast<std::int64_t>(i)}, p));
  }
  ASSERT_TRUE((*j)->sync());
  auto c = client();
  StreamPublisher pub(*c);
  auto n = publish_journal(cfg.dir, pub, "journal:all", 25);
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_EQ(*n, 25u);
  EXPECT_EQ(*stream_last_seq(*c, "journal:all"), 25u);
  n = publish_journal(cfg.dir, pub, "journal:all");  // resumes at 26
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 15u);
  EXPECT_EQ(c->command({"XLEN", "journal:all"})->integer, 40);
  auto fills = publish_journal(cfg.dir, pub, "journal:fills", UINT64_MAX,
                               [](RecordType t) { return t == RecordType::kFill; });
  ASSERT_TRUE(fills);
  EXPECT_EQ(*fills, 10u);
  StreamConsumer router(*c, "journal:fills", "router", "r1");
  ASSERT_TRUE(router.create_group("0"));
  auto got = router.read(100);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->size(), 10u);
  EXPECT_EQ(got->back().seq, 40u);
  EXPECT_EQ(got->back().payload, payload(40));
}

TEST_F(RedisStreamsTest, ServerLossIsATransportError) {
  auto c = client();
  server_->kill_now();
  auto r = c->command({"PING"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kTransport);
  RedisConfig cfg;
  cfg.port = server_->port();
  cfg.password = "hunter2-secret";
  auto again = RedisClient::connect(cfg);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message.find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace zerodte::store
