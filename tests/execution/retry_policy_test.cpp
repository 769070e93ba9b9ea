#include "zerodte/execution/retry_policy.hpp"

#include <gtest/gtest.h>

namespace zerodte::execution {
namespace {

using namespace std::chrono_literals;

TEST(RetryPolicy, ClassifiesHttpAndTransportErrors) {
  EXPECT_EQ(classify(http_error(500, "POST /orders", "oops")), RetryClass::kRetry);
  EXPECT_EQ(classify(http_error(503, "POST /orders", "")), RetryClass::kRetry);
  EXPECT_EQ(classify(http_error(429, "POST /orders", "slow down")), RetryClass::kRetryLater);
  EXPECT_EQ(classify(http_error(400, "POST /orders", "bad qty")), RetryClass::kNoRetry);
  EXPECT_EQ(classify(http_error(403, "POST /orders", "")), RetryClass::kNoRetry);
  EXPECT_EQ(classify(http_error(422, "POST /orders", "dup")), RetryClass::kNoRetry);
  EXPECT_EQ(classify(http_error(404, "GET /orders/x", "")), RetryClass::kNoRetry);
  EXPECT_EQ(classify(core::Error{core::ErrorCode::kTransport, "reset"}), RetryClass::kRetry);
  EXPECT_EQ(classify(core::Error{core::ErrorCode::kTimeout, "t"}), RetryClass::kRetry);
  EXPECT_EQ(classify(core::Error{core::ErrorCode::kRejected, "r"}), RetryClass::kNoRetry);
  const auto e = http_error(502, "POST /v2/orders", "bad gateway");
  EXPECT_NE(e.message.find("HTTP 502"), std::string::npos);
  EXPECT_NE(e.message.find("POST /v2/orders"), std::string::npos);
}

TEST(RetryPolicy, ExponentialNominalDelaysCapped) {
  RetryPolicy p;
  p.initial_delay = 1s;
  p.max_delay = 8s;
  p.max_attempts = 10;
  Backoff b(p, 1);
  EXPECT_EQ(b.nominal_delay(1), 0s);  // the first attempt is immediate
  EXPECT_EQ(b.nominal_delay(2), 1s);
  EXPECT_EQ(b.nominal_delay(3), 2s);
  EXPECT_EQ(b.nominal_delay(4), 4s);
  EXPECT_EQ(b.nominal_delay(5), 8s);
  EXPECT_EQ(b.nominal_delay(6), 8s);  // capped
}

TEST(RetryPolicy, JitterWithinBoundsAndReproducible) {
  RetryPolicy p;
  p.initial_delay = 1s;
  p.jitter_fraction = 0.25;
  p.max_attempts = 6;
  const core::Error transport{core::ErrorCode::kTransport, "x"};
  Backoff a(p, 42);
  Backoff b(p, 42);
  Backoff c(p, 43);
  bool any_differs = false;
  for (std::uint32_t attempt = 2; attempt <= 6; ++attempt) {
    const auto da = a.next_delay(attempt, transport);
    const auto db = b.next_delay(attempt, transport);
    const auto dc = c.next_delay(attempt, transport);
    EXPECT_EQ(da, db);  // same seed, same delays
    any_differs = any_differs || da != dc;
    const auto nominal = a.nominal_delay(attempt);
    EXPECT_LE(da, nominal);
    EXPECT_GE(da.count(), static_cast<std::int64_t>(0.75 * static_cast<double>(nominal.count())));
  }
  EXPECT_TRUE(any_differs);
}

TEST(RetryPolicy, NoRetryForRejectsAndStopsAtMaxAttempts) {
  RetryPolicy p;
  p.max_attempts = 3;
  Backoff b(p, 7);
  const core::Error transport{core::ErrorCode::kTransport, "x"};
  EXPECT_TRUE(b.should_retry(1, transport));
  EXPECT_TRUE(b.should_retry(2, transport));
  EXPECT_FALSE(b.should_retry(3, transport));
  EXPECT_FALSE(b.should_retry(1, http_error(400, "POST", "bad")));
  EXPECT_FALSE(b.should_retry(1, core::Error{core::ErrorCode::kRejected, "venue reject"}));
  // 429: retried, and never sooner than the rate-limit floor.
  p.initial_delay = 10ms;
  Backoff r(p, 7);
  EXPECT_TRUE(r.should_retry(1, http_error(429, "POST", "")));
  EXPECT_GE(r.next_delay(2, http_error(429, "POST", "")), p.rate_limit_floor);
}

}  // namespace
}  // namespace zerodte::execution
