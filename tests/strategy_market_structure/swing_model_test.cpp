#include "zerodte/strategy/market_structure/swing_model.hpp"

#include <gtest/gtest.h>

namespace ms = zerodte::strategy::market_structure;

namespace {
// 60 days rising 1.00 a day (range 2.00), then a 7-day pullback of 2.50 a day, then an up day.
struct Daily {
  double h, l, c;
};
std::vector<Daily> uptrend_pullback() {
  std::vector<Daily> d;
  double c = 100;
  for (int i = 0; i < 60; ++i) {
    c += 1.0;
    d.push_back({c + 1, c - 1, c});
  }
  for (int i = 0; i < 7; ++i) {
    c -= 2.5;
    d.push_back({c + 1, c - 1, c});
  }
  c += 1.5;
  d.push_back({c + 1, c - 1, c});
  return d;
}
}  // namespace

TEST(SwingSetup, PullbackInAnUptrendTurningUpIsALongSetup) {
  ms::SwingSetupDetector det;
  ms::SwingSetup s;
  const auto bars = uptrend_pullback();
  for (std::size_t i = 0; i < bars.size(); ++i) {
    s = det.update(bars[i].h, bars[i].l, bars[i].c, 2e6);
    if (i + 1 < bars.size()) {
      EXPECT_EQ(s.direction, 0) << i << ": " << s.reason;
    }
  }
  ASSERT_EQ(s.direction, 1) << s.reason;
  EXPECT_DOUBLE_EQ(s.reference, bars.back().c);
  EXPECT_NEAR(s.stop, s.reference - 1.5 * s.atr, 1e-9);
  EXPECT_NEAR(s.target, s.reference + 3.0 * s.atr, 1e-9);
  EXPECT_LE(s.rsi, 100);
}

TEST(SwingSetup, NoTrendOrThinVolumeOrNoTurnStaysOut) {
  auto bars = uptrend_pullback();
  ms::SwingSetupDetector thin;
  ms::SwingSetup s;
  for (const auto& b : bars)
    s = thin.update(b.h, b.l, b.c, 1e5);
  EXPECT_EQ(s.direction, 0);
  EXPECT_NE(s.reason.find("volume"), std::string::npos) << s.reason;
  EXPECT_TRUE(s.blocked);

  bars.pop_back();  // no up day after the pullback
  ms::SwingSetupDetector no_turn;
  for (const auto& b : bars)
    s = no_turn.update(b.h, b.l, b.c, 2e6);
  EXPECT_EQ(s.direction, 0);

  ms::SwingSetupDetector flat;  // sideways: no higher-timeframe trend
  for (int i = 0; i < 80; ++i) {
    const double c = 100 + (i % 2 ? 1 : -1);
    s = flat.update(c + 1, c - 1, c, 2e6);
  }
  EXPECT_EQ(s.direction, 0);
  EXPECT_EQ(flat.trend(), 0);
}

TEST(SwingPlan, LadderTwentyFiveFiftyTwentyFiveWithinHeat) {
  ms::SwingConfig cfg;
  ms::SwingSetup s;
  s.direction = 1;
  s.reference = 150.00;
  s.atr = 2.00;
  s.stop = 147.00;
  // Risk 2% of 100k = 2000 over a 3.00 stop distance = 666 shares: 166 / 333 / 167.
  auto p = ms::plan_swing(cfg, s, 100'000, 0, 0);
  ASSERT_EQ(p.quantity, 666) << p.reason;
  EXPECT_EQ(p.rungs[0].quantity, 166);
  EXPECT_EQ(p.rungs[1].quantity, 333);
  EXPECT_EQ(p.rungs[2].quantity, 167);
  EXPECT_DOUBLE_EQ(p.rungs[0].limit, 150.00);
  EXPECT_DOUBLE_EQ(p.rungs[1].limit, 149.00);
  EXPECT_DOUBLE_EQ(p.rungs[2].limit, 148.00);
  EXPECT_DOUBLE_EQ(p.risk, 1998);
  // Heat 19,400 of the 20% cap leaves 600: 200 shares.
  p = ms::plan_swing(cfg, s, 100'000, 19'400, 2);
  EXPECT_EQ(p.quantity, 200);
  EXPECT_EQ(p.rungs[0].quantity + p.rungs[1].quantity + p.rungs[2].quantity, 200);
  // Three swings open: none.
  p = ms::plan_swing(cfg, s, 100'000, 0, 3);
  EXPECT_EQ(p.quantity, 0);
  EXPECT_NE(p.reason.find("3 swings"), std::string::npos);
  // Heat full.
  EXPECT_EQ(ms::plan_swing(cfg, s, 100'000, 20'000, 1).quantity, 0);
  // Short: the ladder climbs.
  s.direction = -1;
  p = ms::plan_swing(cfg, s, 100'000, 0, 0);
  EXPECT_DOUBLE_EQ(p.rungs[2].limit, 152.00);
}
