#include "zerodte/adapters/net/rest.hpp"

#include <gtest/gtest.h>

#include "zerodte/adapters/net/testing/fake_http_server.hpp"

namespace net = zerodte::adapters::net;
namespace fake = zerodte::adapters::net::testing;
namespace core = zerodte::core;
using namespace std::chrono_literals;

namespace {
struct Recorder {
  std::vector<core::Duration> waits;
  net::RestOptions options() {
    net::RestOptions o;
    o.timeout = 1s;
    o.sleep = [this](core::Duration d) { waits.push_back(d); };
    return o;
  }
};
}  // namespace

TEST(RestGet, RetryAfterIsHonouredThenSucceeds) {
  fake::FakeHttpServer srv([n = 0](const fake::FakeHttpRequest& r) mutable {
    EXPECT_EQ(r.header("APCA-API-KEY-ID"), "key-1");
    EXPECT_EQ(r.query("symbols"), "SPY,QQQ");
    if (n++ == 0)
      return fake::FakeHttpReply{429, R"({"message":"too many"})", {{"Retry-After", "7"}}};
    return fake::FakeHttpReply{200, R"({"ok":true})"};
  });
  Recorder rec;
  net::Backoff backoff({.base = 10ms, .cap = 100ms});
  net::RestStats stats;
  auto body = net::rest_get(srv.url("/v2/stocks/quotes/latest?symbols=SPY%2CQQQ"),
                            {{"APCA-API-KEY-ID", "key-1"}}, rec.options(), backoff, &stats);
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(*body, R"({"ok":true})");
  EXPECT_EQ(rec.waits, std::vector<core::Duration>{7s});
  EXPECT_EQ(stats.rate_limited, 1u);
  EXPECT_EQ(stats.requests, 2u);
  EXPECT_EQ(srv.requests(), 2);
}

TEST(RestGet, RetryAfterBeyondTheLimitFailsAsRateLimited) {
  fake::FakeHttpServer srv([](const fake::FakeHttpRequest&) {
    return fake::FakeHttpReply{429, "{}", {{"Retry-After", "3600"}}};
  });
  Recorder rec;
  auto opt = rec.options();
  opt.max_retry_wait = 60s;
  net::Backoff backoff;
  auto body = net::rest_get(srv.url("/x?apikey=SECRETKEY"), {}, opt, backoff);
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().code, core::ErrorCode::kRateLimited);
  EXPECT_EQ(body.error().message.find("SECRETKEY"), std::string::npos) << body.error().message;
  EXPECT_TRUE(rec.waits.empty());
}

TEST(RestGet, SlowServerTimesOutAndIsRetried) {
  fake::FakeHttpServer srv([n = 0](const fake::FakeHttpRequest&) mutable {
    fake::FakeHttpReply r{200, R"([1])"};
    if (n++ == 0) r.delay = 400ms;  // longer than the 150 ms deadline
    return r;
  });
  Recorder rec;
  auto opt = rec.options();
  opt.timeout = 150ms;
  net::Backoff backoff({.base = 10ms, .cap = 20ms});
  net::RestStats stats;
  auto body = net::rest_get(srv.url("/slow"), {}, opt, backoff, &stats);
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(stats.timeouts, 1u);
  EXPECT_EQ(rec.waits.size(), 1u);
}

TEST(RestGet, AuthFailureIsNotRetried) {
  fake::FakeHttpServer srv([](const fake::FakeHttpRequest&) {
    return fake::FakeHttpReply{403, R"({"message":"forbidden"})"};
  });
  Recorder rec;
  net::Backoff backoff;
  auto body = net::rest_get(srv.url("/v2/stocks/bars"), {{"APCA-API-SECRET-KEY", "s3cr3t"}},
                            rec.options(), backoff);
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().code, core::ErrorCode::kAuth);
  EXPECT_EQ(body.error().message.find("s3cr3t"), std::string::npos);
  EXPECT_EQ(srv.requests(), 1);
}

TEST(RestGet, ServerErrorsExhaustAttempts) {
  fake::FakeHttpServer srv([](const fake::FakeHttpRequest&) {
    return fake::FakeHttpReply{502, "bad gateway"};
  });
  Recorder rec;
  net::Backoff backoff({.base = 10ms, .cap = 20ms});
  auto body = net::rest_get(srv.url("/x"), {}, rec.options(), backoff);
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().code, core::ErrorCode::kTransport);
  EXPECT_EQ(srv.requests(), 3);
  EXPECT_EQ(rec.waits.size(), 2u);
}
