// Distribution end to end against fake Discord and Telegram servers on loopback: each tier's
// exact payload released at its delay on the simulated clock, 429 retry_after honoured,
// chunking, rate limits, permanent failures, de-duplication across a crash and restart.
#include <gtest/gtest.h>

#include "publish/publish_fixture.hpp"

namespace zerodte::publish {
namespace {

using namespace testing;  // NOLINT
using std::chrono::seconds;

std::string content_of(const std::string& body) {
  const auto a = body.find(R"("content":")") + 11;
  return body.substr(a, body.find('"', a) - a);
}

TEST(Distributor, TiersReleasedAtTheirDelaysOnTheSimulatedClock) {
  Harness h(temp_file("tiers"));
  FakeService d(h.clock, false), t(h.clock, true);
  h.dist->add_route(Tier::kPremium, discord(d, "/api/webhooks/1/premium-token"));
  h.dist->add_route(Tier::kBasic, discord(d, "/api/webhooks/2/basic-token"));
  h.dist->add_route(Tier::kFree, discord(d, "/api/webhooks/3/free-token"));
  h.dist->add_route(Tier::kPremium, telegram(t, "@zerodte_premium"));
  ASSERT_TRUE(h.dist->publish(spy_call()));
  h.run_until(kT0 + std::chrono::minutes(10));

  const auto got = d.requests();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].path, "/api/webhooks/1/premium-token?wait=true");
  EXPECT_EQ(got[0].at, kT0);
  EXPECT_EQ(content_of(got[0].body), "BUY SPY 440C @ 2.50, Stop @ 2.10, Target 5.00");
  EXPECT_EQ(got[1].path, "/api/webhooks/2/basic-token?wait=true");
  EXPECT_EQ(got[1].at, kT0 + seconds(60));
  EXPECT_EQ(content_of(got[1].body), "BUY SPY Calls around 440 strike, trailing stop active");
  EXPECT_EQ(got[2].path, "/api/webhooks/3/free-token?wait=true");
  EXPECT_EQ(got[2].at, kT0 + std::chrono::minutes(5));
  EXPECT_EQ(content_of(got[2].body), "Bullish SPY setup triggered, premium members entered calls");
  EXPECT_NE(got[2].body.find(R"("footer":{"text":"SIG-000042 )"), std::string::npos);

  const auto tg = t.requests();
  ASSERT_EQ(tg.size(), 1u);
  EXPECT_EQ(tg[0].path, "/bot123456:SECRET/sendMessage");
  EXPECT_EQ(tg[0].at, kT0);
  EXPECT_EQ(tg[0].body,
            R"({"chat_id":"@zerodte_premium","text":"*SPY signal*\nBUY SPY 440C @ 2\\.50, Stop @ )"
            R"(2\\.10, Target 5\\.00\n_SIG\\-000042_","parse_mode":"MarkdownV2",)"
            R"("disable_web_page_preview":true})");

  // Delivery records: sent, one attempt, the message ids as receipts.
  auto rows = h.store->all();
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 4u);
  for (const auto& r : *rows) {
    EXPECT_EQ(r.status, "sent") << r.key << ": " << r.last_error;
    EXPECT_EQ(r.attempts, 1);
    EXPECT_FALSE(r.receipt.empty());
  }
  auto basic = h.store->get("SIG-000042/discord:basic");
  ASSERT_TRUE(basic && *basic);
  EXPECT_EQ((*basic)->updated, kT0 + seconds(60));
}

TEST(Distributor, Honours429RetryAfter) {
  Harness h(temp_file("429"));
  FakeService d(h.clock, false);
  d.script = [](const FakeRequest&, std::size_t n) {
    FakeResponse r;
    r.status = 0;
    if (n == 1) {
      r.status = 429;
      r.body = R"({"message":"You are being rate limited.","retry_after":2.5,"global":false})";
    }
    return r;
  };
  h.dist->add_route(Tier::kPremium, discord(d, "/api/webhooks/1/tok"));
  ASSERT_TRUE(h.dist->publish(spy_call()));
  h.run_until(kT0 + seconds(10));
  const auto got = d.requests();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].at, kT0);
  EXPECT_EQ(got[1].at, kT0 + std::chrono::milliseconds(2500));
  auto log = h.store->attempts("SIG-000042/discord:premium");
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0][2], "retried");
  EXPECT_NE((*log)[0][3].find("HTTP 429"), std::string::npos);
  EXPECT_EQ((*log)[1][2], "sent");
  EXPECT_EQ(h.dist->stats().retried, 1u);
}

TEST(Distributor, LongReportsAreChunked) {
  Harness h(temp_file("chunk"));
  FakeService d(h.clock, false), t(h.clock, true);
  h.dist->add_route(Tier::kPremium, discord(d, "/api/webhooks/1/tok"));
  h.dist->add_route(Tier::kPremium, telegram(t, "@p"));
  TierContent c;
  c.title = "Close report 2025-11-21";
  for (int i = 0; c.text.size() < 9000; ++i)
    c.text += fmt::format("Trade {}: SPY 440C 2.50 -> 3.10 (+24.0%)\n", i);
  ASSERT_TRUE(h.dist->publish_report("RPT-2025-11-21-close", {{Tier::kPremium, c}}));
  h.run_until(kT0 + seconds(1));
  const auto dg = d.requests();
  ASSERT_EQ(dg.size(), 5u);  // 9000+ characters in <= 2,000-character messages
  std::string rejoined;
  for (const auto& r : dg) {
    EXPECT_LE(content_of(r.body).size(), 2000u + 200u);  // JSON-escaped newlines add a little
    rejoined += content_of(r.body);
  }
  const auto tg = t.requests();
  EXPECT_EQ(tg.size(), 3u);  // escaped text in <= 4,096-character chunks
  auto row = h.store->get("RPT-2025-11-21-close/discord:premium");
  ASSERT_TRUE(row && *row);
  EXPECT_EQ((*row)->status, "sent");
  EXPECT_EQ(std::count((*row)->receipt.begin(), (*row)->receipt.end(), ','), 4);
}

TEST(Distributor, RateLimitedPerRoute) {
  Harness h(temp_file("rate"));
  FakeService d(h.clock, false);
  h.dist->add_route(Tier::kPremium, discord(d, "/api/webhooks/1/tok"), RateLimit{2, seconds(2)});
  for (std::uint64_t i = 1; i <= 4; ++i)
    ASSERT_TRUE(h.dist->publish(spy_call(i)));
  h.run_until(kT0 + seconds(10));
  const auto got = d.requests();
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].at, kT0);
  EXPECT_EQ(got[1].at, kT0);
  EXPECT_EQ(got[2].at, kT0 + seconds(1));
  EXPECT_EQ(got[3].at, kT0 + seconds(2));
  EXPECT_EQ(h.dist->stats().rate_limited, 3u);  // #3 and #4 at T0, #4 again at T0+1s
}

TEST(Distributor, PermanentAndExhaustedFailuresNeverLeakTheToken) {
  DistributorConfig cfg;
  cfg.max_attempts = 3;
  Harness h(temp_file("fail"), kT0, cfg);
  FakeService bad(h.clock, false);
  bad.script = [](const FakeRequest&, std::size_t) {
    FakeResponse r;
    r.status = 400;
    r.body = R"({"message":"Cannot send an empty message","code":50006})";
    return r;
  };
  h.dist->add_route(Tier::kPremium, discord(bad, "/api/webhooks/1/SECRET-TOKEN"));
  // Nothing listens on this port: connection refused, retried with backoff, then given up.
  DiscordConfig gone;
  gone.webhook_url = "http://127.0.0.1:1/api/webhooks/2/OTHER-SECRET";
  gone.http.timeout = std::chrono::milliseconds(500);
  h.dist->add_route(Tier::kBasic, std::shared_ptr<Channel>(make_discord_channel(gone)));
  ASSERT_TRUE(h.dist->publish(spy_call()));
  h.run_until(kT0 + std::chrono::minutes(3));
  auto p = h.store->get("SIG-000042/discord:premium");
  ASSERT_TRUE(p && *p);
  EXPECT_EQ((*p)->status, "failed");
  EXPECT_EQ((*p)->attempts, 1);
  EXPECT_NE((*p)->last_error.find("HTTP 400"), std::string::npos);
  auto b = h.store->get("SIG-000042/discord:basic");
  ASSERT_TRUE(b && *b);
  EXPECT_EQ((*b)->status, "failed");
  EXPECT_EQ((*b)->attempts, 3);
  EXPECT_NE((*b)->last_error.find("gave up after 3 attempts"), std::string::npos)
      << (*b)->last_error;
  const auto all = h.store->all();
  ASSERT_TRUE(all);
  for (const auto& r : *all) {
    EXPECT_EQ(r.last_error.find("SECRET"), std::string::npos) << r.last_error;
  }
  // Backoff 1 s, 2 s after the basic release at +60 s.
  auto log = h.store->attempts("SIG-000042/discord:basic");
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 3u);
  EXPECT_EQ((*log)[2][2], "failed");
}

TEST(Distributor, NoDuplicateAfterCrashAndRestart) {
  const auto db = temp_file("crash");
  core::SimClock wall(kT0);  // the fake's clock: follows whichever harness runs
  FakeService d(wall, false);
  {
    Harness a(db);
    a.dist->add_route(Tier::kPremium, discord(d, "/api/webhooks/1/p"));
    a.dist->add_route(Tier::kBasic, discord(d, "/api/webhooks/2/b"));
    a.dist->add_route(Tier::kFree, discord(d, "/api/webhooks/3/f"));
    ASSERT_TRUE(a.dist->publish(spy_call()));
    a.run_until(kT0 + seconds(30));
    ASSERT_EQ(d.requests().size(), 1u);  // premium sent
    // The process dies while sending the free tier's message: marked "sending", never finished.
    ASSERT_TRUE(a.store->mark_sending("SIG-000042/discord:free", kT0 + seconds(30)));
  }  // crash: the distributor and its kernel are gone, timers and all
  Harness b(db, kT0 + seconds(45));
  wall.set(kT0 + seconds(45));
  b.dist->add_route(Tier::kPremium, discord(d, "/api/webhooks/1/p"));
  b.dist->add_route(Tier::kBasic, discord(d, "/api/webhooks/2/b"));
  b.dist->add_route(Tier::kFree, discord(d, "/api/webhooks/3/f"));
  ASSERT_TRUE(b.dist->recover());
  // The strategy replays the same signal after the restart: nothing new is enqueued.
  ASSERT_TRUE(b.dist->publish(spy_call()));
  EXPECT_EQ(b.dist->stats().duplicates, 3u);
  b.run_until(kT0 + std::chrono::minutes(10));
  const auto got = d.requests();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].path, "/api/webhooks/1/p?wait=true");
  EXPECT_EQ(got[1].path, "/api/webhooks/2/b?wait=true");
  EXPECT_EQ(got[2].path, "/api/webhooks/3/f?wait=true");
  auto free = b.store->get("SIG-000042/discord:free");
  ASSERT_TRUE(free && *free);
  EXPECT_EQ((*free)->status, "sent");
  EXPECT_EQ((*free)->attempts, 2);  // the interrupted attempt counts
  std::filesystem::remove(db);
}

TEST(Distributor, OperatorAlertsAndWebhookSignature) {
  Harness h(temp_file("ops"));
  FakeService hook(h.clock, false);
  WebhookConfig w;
  w.url = hook.url("/hooks/ops");
  w.secret = "s3cret";
  h.dist->add_operator_route(std::shared_ptr<Channel>(make_webhook_channel(w)));
  ASSERT_TRUE(h.dist->alert("\U0001F6D1 Greeks calculation failed 3x - halting SPY signals"));
  h.run_until(kT0 + seconds(1));
  const auto got = hook.requests();
  ASSERT_EQ(got.size(), 1u);
  const auto& r = got[0].req;
  EXPECT_EQ(r.header("Idempotency-Key"), fmt::format("ALERT-{}-1/webhook:operator", kT0.ns));
  EXPECT_EQ(r.header("X-Zerodte-Signature"), "sha256=" + hmac_sha256_hex("s3cret", r.body));
  EXPECT_NE(r.body.find(R"("kind":"alert")"), std::string::npos);
  EXPECT_NE(r.body.find("Greeks calculation failed 3x - halting SPY signals"), std::string::npos);
}

TEST(DeliveryStore, SubscribersTiersAndSignalPnl) {
  const auto db = temp_file("subs");
  auto st = DeliveryStore::open(db);
  ASSERT_TRUE(st) << st.error().message;
  auto& s = **st;
  auto a = s.add_subscriber({0, "alice", Tier::kPremium, "email", "alice@example.com", true});
  auto b = s.add_subscriber({0, "bob", Tier::kBasic, "email", "bob@example.com", true});
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(s.add_subscriber({0, "dup", Tier::kFree, "email", "bob@example.com", true}));
  EXPECT_FALSE(s.add_subscriber({0, "", Tier::kFree, "email", "x@example.com", true}));
  EXPECT_EQ(*s.addresses(Tier::kPremium, "email"), std::vector<std::string>{"alice@example.com"});
  ASSERT_TRUE(s.set_tier(*b, Tier::kPremium));
  EXPECT_EQ(s.addresses(Tier::kPremium, "email")->size(), 2u);
  ASSERT_TRUE(s.set_active(*a, false));
  EXPECT_EQ(*s.addresses(Tier::kPremium, "email"), std::vector<std::string>{"bob@example.com"});
  ASSERT_TRUE(s.record_signal(spy_call(), "BUY SPY 440C @ 2.50", kT0));
  ASSERT_TRUE(s.attribute_pnl(42, 60.0, kT0 + seconds(600)));
  auto unknown = s.attribute_pnl(7, 1.0, kT0);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("signal 7 was never published"), std::string::npos);
  auto pnl = s.signal_pnl();
  ASSERT_TRUE(pnl);
  ASSERT_EQ(pnl->size(), 1u);
  EXPECT_EQ((*pnl)[0].text, "BUY SPY 440C @ 2.50");
  EXPECT_DOUBLE_EQ((*pnl)[0].realized_pnl, 60.0);
  std::filesystem::remove(db);
}

}  // namespace
}  // namespace zerodte::publish
