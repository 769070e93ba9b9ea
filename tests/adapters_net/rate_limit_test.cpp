#include "zerodte/adapters/net/rate_limit.hpp"

#include <gtest/gtest.h>

namespace net = zerodte::adapters::net;
namespace core = zerodte::core;
using namespace std::chrono_literals;

TEST(RetryAfter, DelaySeconds) {
  const core::Timestamp now = core::Timestamp::from_seconds(1'000);
  EXPECT_EQ(net::parse_retry_after("120", now).value(), 120s);
  EXPECT_EQ(net::parse_retry_after(" 0 ", now).value(), 0s);
}

TEST(RetryAfter, HttpDateForms) {
  // RFC 9110's example date: Sun, 06 Nov 1994 08:49:37 GMT = 784111777 (date -d ... +%s).
  const auto t = core::Timestamp::from_seconds(784111777);
  EXPECT_EQ(net::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").value(), t);
  EXPECT_EQ(net::parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT").value(), t);
  EXPECT_EQ(net::parse_http_date("Sun Nov  6 08:49:37 1994").value(), t);
  // MDN's example: Wed, 21 Oct 2015 07:28:00 GMT = 1445412480.
  const auto now = core::Timestamp::from_seconds(1445412480 - 30);
  EXPECT_EQ(net::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now).value(), 30s);
  // A date in the past means "now".
  EXPECT_EQ(net::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT",
                                   core::Timestamp::from_seconds(1445412480 + 5))
                .value(),
            0s);
}

TEST(RetryAfter, GarbageIsAnErrorNamingTheValue) {
  const core::Timestamp now{};
  for (const char* bad : {"", "soon", "-5", "1.5", "Wed, 32 Oct 2015 07:28:00 GMT",
                          "Wed, 21 Foo 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:28:00 PST"}) {
    auto r = net::parse_retry_after(bad, now);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, core::ErrorCode::kParse);
    if (*bad) {
      EXPECT_NE(r.error().message.find(bad), std::string::npos) << r.error().message;
    }
  }
}

TEST(TokenBucket, BurstThenRefill) {
  core::Timestamp t = core::Timestamp::from_seconds(100);
  net::TokenBucket b(5, 2.0, t);  // burst 5, 2 per second
  for (int i = 0; i < 5; ++i)
    EXPECT_TRUE(b.try_acquire(t));
  EXPECT_FALSE(b.try_acquire(t));
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(b.wait_time(t)), 500ms);
  EXPECT_FALSE(b.try_acquire(t + 499ms));
  EXPECT_TRUE(b.try_acquire(t + 500ms));
  // Never more than the capacity after a long pause.
  EXPECT_NEAR(b.available(t + 1h), 5.0, 1e-9);
}

TEST(LeakyBucket, SpacesCalls) {
  net::LeakyBucket b(1s);
  const auto t = core::Timestamp::from_seconds(10);
  EXPECT_TRUE(b.try_acquire(t));
  EXPECT_FALSE(b.try_acquire(t + 999ms));
  EXPECT_EQ(b.next_slot(t + 200ms), t + 1s);
  EXPECT_TRUE(b.try_acquire(t + 1s));
  b.push_back(5s);
  EXPECT_EQ(b.next_slot(t + 1s), t + 7s);
}

TEST(SlidingWindow, AtMostLimitInAnyWindow) {
  net::SlidingWindow w(3, 60s);
  const auto t0 = core::Timestamp::from_seconds(0);
  EXPECT_TRUE(w.try_acquire(t0));
  EXPECT_TRUE(w.try_acquire(t0 + 10s));
  EXPECT_TRUE(w.try_acquire(t0 + 20s));
  EXPECT_FALSE(w.try_acquire(t0 + 59s));
  EXPECT_EQ(w.next_allowed(t0 + 59s), t0 + 60s);
  EXPECT_TRUE(w.try_acquire(t0 + 60s));
  EXPECT_FALSE(w.try_acquire(t0 + 69s));
  EXPECT_EQ(w.count(t0 + 79s), 2);  // the calls at 20 s and 60 s
  EXPECT_EQ(w.count(t0 + 80s), 1);  // the call at 20 s left the window
}
