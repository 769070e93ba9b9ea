#include <gtest/gtest.h>

#include <cmath>

#include "zerodte/overseer/rolling_baseline.hpp"

namespace zerodte::overseer {
namespace {

TEST(RollingBaseline, MeanAndSampleStddevOfTheWindow) {
  RollingBaseline b(4, 2, 3.0);
  for (double x : {100.0, 1.0, 2.0, 3.0, 4.0})
    b.add(x);  // 100 left the window
  EXPECT_EQ(b.count(), 4u);
  EXPECT_DOUBLE_EQ(b.mean(), 2.5);
  EXPECT_NEAR(b.stddev(), std::sqrt(5.0 / 3.0), 1e-12);  // sample sd of 1,2,3,4
}

TEST(RollingBaseline, OutlierScoredBeforeItJoins) {
  RollingBaseline b(50, 10, 4.0);
  for (int i = 0; i < 20; ++i)
    EXPECT_FALSE(b.is_outlier(b.add(10.0 + (i % 2))));  // 10, 11, ...: mean 10.5, sd ~0.51
  const double z = b.add(20);
  EXPECT_TRUE(b.is_outlier(z));
  EXPECT_NEAR(z, (20 - 10.5) / std::sqrt(20.0 * 0.25 / 19.0), 1e-9);
}

TEST(RollingBaseline, NotReadyScoresZero) {
  RollingBaseline b(10, 5, 2.0);
  EXPECT_EQ(b.add(1), 0);
  EXPECT_EQ(b.add(1000), 0);
  EXPECT_FALSE(b.ready());
}

TEST(RollingBaseline, LongRunsStayExact) {
  RollingBaseline b(8, 2, 3.0);
  for (int i = 0; i < 100'000; ++i)
    b.add(1e6 + (i % 8));
  EXPECT_NEAR(b.mean(), 1e6 + 3.5, 1e-6);
  EXPECT_NEAR(b.stddev(), std::sqrt(42.0 / 7.0), 1e-6);
}

}  // namespace
}  // namespace zerodte::overseer
