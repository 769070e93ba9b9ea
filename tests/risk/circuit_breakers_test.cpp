// Each breaker at, just below and just above its threshold; edge triggering.
#include <gtest/gtest.h>

#include "zerodte/risk/circuit_breakers.hpp"

namespace zerodte::risk {
namespace {

using namespace std::chrono_literals;
const core::Timestamp T0 = core::Timestamp::from_seconds(1'763'740'800);  // 2025-11-21 16:00Z

std::vector<BreakerKind> kinds(const std::vector<BreakerTrip>& v) {
  std::vector<BreakerKind> out;
  for (const auto& t : v) {
    if (t.action != BreakerAction::kClear) out.push_back(t.kind);
  }
  return out;
}
AccountInputs flat_account() {
  return {100'000, 0, 0};
}

TEST(CircuitBreakers, VixLevel) {
  for (const auto& [vix, trips] :
       std::vector<std::pair<double, bool>>{{29.99, false}, {30.0, false}, {30.01, true}}) {
    CircuitBreakers b;
    b.on_vix(vix, T0);
    const auto out = b.evaluate(T0, flat_account());
    EXPECT_EQ(!kinds(out).empty() && kinds(out)[0] == BreakerKind::kVixLevel, trips) << vix;
    if (trips) {
      EXPECT_EQ(out[0].action, BreakerAction::kExitAllAndPause);
    }
  }
}

TEST(CircuitBreakers, VixSpikeWithinTenMinutes) {
  for (const auto& [rise, trips] :
       std::vector<std::pair<double, bool>>{{4.99, false}, {5.0, false}, {5.01, true}}) {
    CircuitBreakers b;
    b.on_vix(18, T0);
    b.on_vix(18 + rise, T0 + 10min);
    const auto k = kinds(b.evaluate(T0 + 10min, flat_account()));
    EXPECT_EQ(k == std::vector<BreakerKind>{BreakerKind::kVixSpike}, trips) << rise;
  }
  // A 6-point rise over 14 minutes is not a spike: 10 minutes before the last value VIX was 20.
  CircuitBreakers b;
  b.on_vix(18, T0);
  b.on_vix(20, T0 + 3min);
  b.on_vix(22.5, T0 + 8min);
  b.on_vix(24, T0 + 14min);
  EXPECT_TRUE(kinds(b.evaluate(T0 + 14min, flat_account())).empty());
}

TEST(CircuitBreakers, EdgeTriggeredAndClears) {
  CircuitBreakers b;
  b.on_vix(31, T0);
  EXPECT_EQ(kinds(b.evaluate(T0, flat_account())).size(), 1u);
  b.on_vix(31.5, T0 + 1min);
  EXPECT_TRUE(b.evaluate(T0 + 1min, flat_account()).empty());  // still on: not again
  b.on_vix(25, T0 + 2min);
  const auto out = b.evaluate(T0 + 2min, flat_account());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].action, BreakerAction::kClear);
  EXPECT_EQ(out[0].source, "breaker:vix_level");
}

TEST(CircuitBreakers, DailyLoss) {
  for (const auto& [loss, trips] :
       std::vector<std::pair<double, bool>>{{2'999, false}, {3'000, true}, {3'001, true}}) {
    CircuitBreakers b;
    const auto k = kinds(b.evaluate(T0, {100'000 - loss, -loss, 0}));
    EXPECT_EQ(k == std::vector<BreakerKind>{BreakerKind::kDailyLoss}, trips) << loss;
  }
  CircuitBreakers b;
  const auto out = b.evaluate(T0, {97'000, -3'000, 0});
  EXPECT_EQ(out.at(0).action, BreakerAction::kExitAllAndHaltDay);
  EXPECT_TRUE(b.evaluate(T0 + 1min, {96'000, -4'000, 0}).empty());  // once per day
  b.reset_day();
  EXPECT_EQ(kinds(b.evaluate(T0 + 1min, {96'000, -4'000, 0})).size(), 1u);
}

TEST(CircuitBreakers, FlashMoveInFiveMinutes) {
  const core::InstrumentId spy{7};
  for (const auto& [to, trips] : std::vector<std::pair<double, bool>>{
           {101.99, false}, {102.0, false}, {102.01, true}, {97.99, true}}) {
    CircuitBreakers b;
    b.on_underlying(spy, 100, T0);
    b.on_underlying(spy, to, T0 + 5min);
    const auto out = b.evaluate(T0 + 5min, flat_account());
    EXPECT_EQ(kinds(out) == std::vector<BreakerKind>{BreakerKind::kFlashMove}, trips) << to;
    if (trips) {
      EXPECT_EQ(out[0].action, BreakerAction::kPauseEntries);
      EXPECT_EQ(out[0].until, T0 + 10min);
    }
  }
  CircuitBreakers b;  // 3% over 8 minutes, under 2% within any 5 minutes
  b.on_underlying(spy, 100, T0);
  b.on_underlying(spy, 101.5, T0 + 3min);
  b.on_underlying(spy, 103, T0 + 8min + 1s);
  EXPECT_TRUE(kinds(b.evaluate(T0 + 9min, flat_account())).empty());
}

TEST(CircuitBreakers, MarginUtilisation) {
  for (const auto& [used, trips] :
       std::vector<std::pair<double, bool>>{{79'999, false}, {80'000, false}, {80'001, true}}) {
    CircuitBreakers b;
    const auto out = b.evaluate(T0, {100'000, 0, used});
    EXPECT_EQ(kinds(out) == std::vector<BreakerKind>{BreakerKind::kMargin}, trips) << used;
    if (trips) {
      EXPECT_EQ(out[0].action, BreakerAction::kCloseWeakest);
    }
  }
}

TEST(CircuitBreakers, ConsecutiveLosses) {
  CircuitBreakers b;  // 3 in a row
  b.on_round_trip(-10);
  b.on_round_trip(-10);
  EXPECT_TRUE(b.evaluate(T0, flat_account()).empty());  // 2: below
  b.on_round_trip(5);                                   // a win resets
  b.on_round_trip(-1);
  b.on_round_trip(-1);
  EXPECT_TRUE(b.evaluate(T0, flat_account()).empty());
  b.on_round_trip(-1);  // 3: at
  const auto out = b.evaluate(T0, flat_account());
  ASSERT_EQ(kinds(out), std::vector<BreakerKind>{BreakerKind::kConsecutiveLosses});
  EXPECT_EQ(out[0].action, BreakerAction::kPause);
}

TEST(CircuitBreakers, FeedDownAndBack) {
  CircuitBreakers b;
  model::FeedStatus s;
  s.feed = "alpaca.trading";
  s.state = model::FeedState::kConnecting;
  b.on_feed(s);
  EXPECT_TRUE(b.evaluate(T0, flat_account()).empty());
  s.state = model::FeedState::kDisconnected;
  b.on_feed(s);
  auto out = b.evaluate(T0, flat_account());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].action, BreakerAction::kHaltNewOrders);
  EXPECT_EQ(out[0].source, "breaker:feed:alpaca.trading");
  s.state = model::FeedState::kRecovered;
  b.on_feed(s);
  out = b.evaluate(T0, flat_account());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].action, BreakerAction::kClear);
}

}  // namespace
}  // namespace zerodte::risk
