#include "zerodte/adapters/net/backoff.hpp"

#include <gtest/gtest.h>

namespace net = zerodte::adapters::net;
using namespace std::chrono_literals;

TEST(Backoff, CeilingDoublesUpToCap) {
  net::Backoff b({.base = 100ms, .cap = 1s, .seed = 3});
  std::vector<std::chrono::nanoseconds> ceilings;
  for (int i = 0; i < 6; ++i) {
    ceilings.push_back(b.ceiling());
    (void)b.next();
  }
  EXPECT_EQ(ceilings, (std::vector<std::chrono::nanoseconds>{100ms, 200ms, 400ms, 800ms, 1s, 1s}));
  b.reset();
  EXPECT_EQ(b.ceiling(), 100ms);
  EXPECT_EQ(b.attempts(), 0);
}

TEST(Backoff, FullJitterStaysInRangeAndIsReproducible) {
  net::Backoff a({.base = 50ms, .cap = 2s, .seed = 42});
  net::Backoff b({.base = 50ms, .cap = 2s, .seed = 42});
  net::Backoff c({.base = 50ms, .cap = 2s, .seed = 43});
  bool differs = false;
  double sum_ratio = 0;
  int n = 0;
  for (int round = 0; round < 200; ++round) {
    if (round % 10 == 0) {
      a.reset();
      b.reset();
      c.reset();
    }
    const auto ceil = a.ceiling();
    const auto da = a.next();
    EXPECT_GE(da.count(), 0);
    EXPECT_LE(da, ceil);
    EXPECT_EQ(da, b.next());
    differs |= (da != c.next());
    sum_ratio += static_cast<double>(da.count()) / static_cast<double>(ceil.count());
    ++n;
  }
  EXPECT_TRUE(differs);
  // Uniform on [0, ceiling]: the mean ratio is 1/2.
  EXPECT_NEAR(sum_ratio / n, 0.5, 0.08);
}

TEST(Backoff, FloorApplies) {
  net::Backoff b({.base = 10ms, .cap = 20ms, .seed = 1, .floor = 15ms});
  for (int i = 0; i < 20; ++i) {
    const auto d = b.next();
    EXPECT_GE(d, 15ms);
    EXPECT_LE(d, 20ms);
  }
}
