#include "zerodte/strategy/market_structure/cross_ticker_model.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace ms = zerodte::strategy::market_structure;

namespace {
// Deterministic pseudo-random returns in [-0.001, 0.001] (LCG, seeded).
struct Lcg {
  std::uint64_t s;
  double next() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (static_cast<double>(s >> 11) / 9007199254740992.0 - 0.5) * 0.002;
  }
};

// SPY random walk; QQQ = 1.2 x SPY + small noise; IWM = 0.9 x SPY + small noise (or independent).
struct Tape {
  std::vector<std::array<double, 3>> closes;
  explicit Tape(int n, bool iwm_independent = false) {
    Lcg a{7}, b{11}, c{13};
    std::array<double, 3> px{450, 380, 200};
    closes.push_back(px);
    for (int i = 0; i < n; ++i) {
      const double r = a.next();
      px[0] *= std::exp(r);
      px[1] *= std::exp(1.2 * r + 0.3 * b.next());
      px[2] *= std::exp(iwm_independent ? c.next() : 0.9 * r + 0.3 * c.next());
      closes.push_back(px);
    }
  }
};

void feed(ms::CrossTickerEngine& e, const Tape& t) {
  for (const auto& c : t.closes)
    e.update(c);
}

// OLS of y on x over the window, by hand, and the z of the newest pair against it.
double hand_z(const std::vector<double>& x, const std::vector<double>& y, double xn, double yn) {
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const double beta = sxy / sxx, alpha = my - beta * mx;
  double ss = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double e = y[i] - alpha - beta * x[i];
    ss += e * e;
  }
  return (yn - alpha - beta * xn) / std::sqrt(ss / (n - 2));
}
}  // namespace

TEST(CrossTickerEngine, NotReadyUntilWindowFull) {
  ms::CrossTickerEngine e;
  Tape t(29);  // 30 closes -> 29 returns
  feed(e, t);
  EXPECT_FALSE(e.ready());
  const auto s = e.evaluate(16, 0);
  EXPECT_EQ(s.view, ms::CrossView::kNone);
  EXPECT_NE(s.reason.find("not full"), std::string::npos) << s.reason;
}

TEST(CrossTickerEngine, CoMovingTickersAreRangeBound) {
  ms::CrossTickerEngine e;
  Tape t(40);
  feed(e, t);
  auto flat = t.closes.back();
  e.update(flat);  // a bar where nothing moves: every pair sits on its fit
  ASSERT_TRUE(e.ready());
  EXPECT_GT(e.matrix().correlation(0, 1), 0.9);
  const auto s = e.evaluate(16, 0);
  EXPECT_EQ(s.view, ms::CrossView::kRangeBound) << s.reason;
  EXPECT_EQ(s.ticker, 0);
  EXPECT_EQ(s.regime, zerodte::analytics::VolRegime::kNormal);
}

TEST(CrossTickerEngine, IwmJumpAloneIsBearishIwmWithHandCheckedZ) {
  ms::CrossTickerEngine e;
  Tape t(40);
  feed(e, t);
  // Returns of the last 30 bars (the window before the shock), SPY (x) and IWM (y).
  std::vector<double> x, y;
  for (std::size_t i = t.closes.size() - 30; i < t.closes.size(); ++i) {
    x.push_back(std::log(t.closes[i][0] / t.closes[i - 1][0]));
    y.push_back(std::log(t.closes[i][2] / t.closes[i - 1][2]));
  }
  auto last = t.closes.back();
  last[2] *= 1.0006;  // IWM +0.06% while SPY and QQQ stand still
  e.update(last);
  const double expect_z = hand_z(x, y, 0.0, std::log(1.0006));
  EXPECT_NEAR(e.matrix().pair(0, 2).divergence_z(), expect_z, 1e-6 * std::abs(expect_z));
  const auto s = e.evaluate(16, 0);
  ASSERT_EQ(s.view, ms::CrossView::kBearish) << s.reason;
  EXPECT_EQ(s.ticker, 2);
  EXPECT_GT(s.z, 2.0);
  EXPECT_GT(s.conviction, 0.5);
}

TEST(CrossTickerEngine, ThresholdRisesWithVixRegime) {
  Tape t(40);
  auto last = t.closes.back();
  last[2] *= 0.9994;  // IWM -0.06%: bullish IWM (reversion up)
  ms::CrossTickerEngine probe;
  feed(probe, t);
  probe.update(last);
  const double z = std::abs(probe.matrix().pair(0, 2).divergence_z());
  // Thresholds straddling this z: low VIX trades it, normal and above do not.
  ms::CrossTickerConfig cfg;
  cfg.z_thresholds = {z - 0.1, z + 0.1, z + 0.2, z + 0.3};
  ms::CrossTickerEngine e(cfg);
  feed(e, t);
  e.update(last);
  const auto low = e.evaluate(12, 0);
  EXPECT_EQ(low.view, ms::CrossView::kBullish) << low.reason;
  EXPECT_EQ(low.ticker, 2);
  EXPECT_DOUBLE_EQ(low.threshold, z - 0.1);
  const auto normal = e.evaluate(17, 0);
  EXPECT_NE(normal.view, ms::CrossView::kBullish) << normal.reason;
  // A VIX spike (+20%) moves a low VIX up one regime: the stricter threshold applies.
  const auto spiked = e.evaluate(12, 0.25);
  EXPECT_EQ(spiked.regime, zerodte::analytics::VolRegime::kNormal);
  EXPECT_NE(spiked.view, ms::CrossView::kBullish);
  // Extreme VIX: emergency, no trade at all.
  const auto extreme = e.evaluate(35, 0);
  EXPECT_EQ(extreme.view, ms::CrossView::kNone);
  EXPECT_NE(extreme.reason.find("extreme"), std::string::npos);
}

TEST(CrossTickerEngine, DecoupledTickersExpectVolExpansion) {
  ms::CrossTickerEngine e;
  Tape t(40, /*iwm_independent=*/true);
  feed(e, t);
  ASSERT_LT(e.matrix().correlation(0, 2), 0.5);
  const auto s = e.evaluate(18, 0);
  EXPECT_EQ(s.view, ms::CrossView::kVolExpansion) << s.reason;
  EXPECT_EQ(s.ticker, 0);
}

TEST(CrossTickerEngine, BadCloseSkipsTheBar) {
  ms::CrossTickerEngine e;
  Tape t(40);
  feed(e, t);
  const auto bars = e.bars();
  std::array<double, 3> bad{450, 0, 200};
  e.update(bad);
  EXPECT_EQ(e.bars(), bars);
}
