// The saw-tooth detector is causal: no reported point depends on a bar after its confirmation bar.
#include <gtest/gtest.h>

#include <random>

#include "zerodte/analytics/sawtooth.hpp"

namespace zerodte::analytics {
namespace {

std::vector<double> random_walk(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> step(-3, 3);  // integer steps: ties and plateaus happen
  std::vector<double> x(n);
  double v = 100;
  for (auto& e : x)
    e = v += step(rng);
  return x;
}

core::Timestamp at(std::size_t i) {
  return core::Timestamp{static_cast<std::int64_t>(i) * 60'000'000'000};
}

struct Run {
  std::vector<TurningPoint> points;
  std::vector<SawtoothPattern> patterns;
};
Run run(const std::vector<double>& x, int w, int n) {
  Run r;
  SawtoothDetector d(w, n);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const auto res = d.update(at(i), x[i]);
    if (res.point) r.points.push_back(*res.point);
    if (res.pattern) r.patterns.push_back(*res.pattern);
  }
  return r;
}

TEST(Sawtooth, KnownShape) {
  //                     0  1  2  3  4  5  6  7  8  9 10 11 12
  const std::vector<double> x{1, 2, 3, 5, 3, 2, 1, 2, 4, 6, 4, 2, 1};
  const auto r = run(x, 2, 10);
  ASSERT_EQ(r.points.size(), 3u);
  EXPECT_EQ(r.points[0].kind, TurnKind::kPeak);
  EXPECT_EQ(r.points[0].index, 3);
  EXPECT_EQ(r.points[0].confirm_index, 5);
  EXPECT_EQ(r.points[0].confirmed_at, at(5));
  EXPECT_EQ(r.points[1].kind, TurnKind::kTrough);
  EXPECT_EQ(r.points[1].index, 6);
  EXPECT_EQ(r.points[2].index, 9);
  ASSERT_EQ(r.patterns.size(), 1u);
  EXPECT_EQ(r.patterns[0].confirmed_at(), at(11));
  EXPECT_TRUE(run(x, 2, 5).patterns.empty()) << "peaks 6 bars apart exceed N = 5";
}

TEST(Sawtooth, NoLookAheadFeedingBarsOneByOne) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto x = random_walk(400, seed);
    const auto full = run(x, 5, 30);
    // Every point is confirmed exactly `window` bars after it, never earlier.
    for (const auto& p : full.points) {
      EXPECT_EQ(p.confirm_index, p.index + 5);
      EXPECT_GT(p.confirmed_at, p.ts);
    }
    // Replace the future after bar t by another random future: everything confirmed by t stays.
    for (std::size_t t = 0; t < x.size(); t += 37) {
      auto alt = x;
      std::mt19937_64 rng(seed * 1000 + t);
      for (std::size_t j = t + 1; j < alt.size(); ++j)
        alt[j] = 100 + static_cast<int>(rng() % 41) - 20;
      const auto other = run(alt, 5, 30);
      std::vector<std::int64_t> a, b;
      for (const auto& p : full.points)
        if (p.confirm_index <= static_cast<std::int64_t>(t)) a.push_back(p.index);
      for (const auto& p : other.points)
        if (p.confirm_index <= static_cast<std::int64_t>(t)) b.push_back(p.index);
      EXPECT_EQ(a, b) << "seed " << seed << ": output up to bar " << t
                      << " changed with the future";
    }
    // And the streaming points are exactly the offline definition's.
    const auto batch = sawtooth_batch(x, 5);
    ASSERT_EQ(batch.size(), full.points.size());
    for (std::size_t k = 0; k < batch.size(); ++k) {
      EXPECT_EQ(batch[k].index, full.points[k].index);
      EXPECT_EQ(batch[k].kind, full.points[k].kind);
    }
  }
}

}  // namespace
}  // namespace zerodte::analytics
