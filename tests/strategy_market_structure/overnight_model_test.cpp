#include "zerodte/strategy/market_structure/overnight_model.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace ms = zerodte::strategy::market_structure;

namespace {
ms::OvernightConfig cfg() {
  ms::OvernightConfig c;
  c.regime.vol_lookback = 30;  // a short lookback so one scripted afternoon fills it
  return c;
}
// 120 minute bars drifting by `drift` per bar with a zig-zag calming from +-0.08 to +-0.035 (the
// regime classifier does not call a trend while volatility sits at the top of its lookback).
void afternoon(ms::OvernightModel& m, double start, double drift) {
  m.new_day();
  double px = start;
  for (int i = 0; i < 120; ++i) {
    const double open = px;
    const double zig = 0.08 - 0.045 * i / 119.0;
    px += drift + (i % 2 == 0 ? zig : -zig);
    m.on_bar(open, std::max(open, px) + 0.02, std::min(open, px) - 0.02, px, 1.0);
  }
}
}  // namespace

TEST(OvernightModel, TrendingDayWithCheapImpliedBuysInTheTrend) {
  ms::OvernightModel m(cfg());
  afternoon(m, 450.0, 0.04);  // +4.80 over the afternoon
  const auto probe = m.evaluate(0.01);
  ASSERT_EQ(probe.regime.state, zerodte::analytics::MarketState::kTrending) << probe.reason;
  EXPECT_NEAR(probe.day_move_pct, (m.last_close() / 450.0 - 1) * 100, 1e-9);
  const double rv = probe.realized_vol;
  ASSERT_GT(rv, 0.026);
  const auto up = m.evaluate(rv - 0.025);  // implied 2.5 vol points under realized
  EXPECT_EQ(up.direction, 1) << up.reason;
  EXPECT_NEAR(up.gap, 0.025, 1e-12);
  const auto rich = m.evaluate(rv - 0.01);  // only 1 point: not cheap enough
  EXPECT_EQ(rich.direction, 0);
  EXPECT_NE(rich.reason.find("not cheap"), std::string::npos) << rich.reason;
  EXPECT_EQ(m.evaluate(0).direction, 0);  // no implied vol

  ms::OvernightModel down(cfg());
  afternoon(down, 450.0, -0.04);
  const auto d = down.evaluate(down.evaluate(0.01).realized_vol - 0.025);
  EXPECT_EQ(d.direction, -1) << d.reason;
}

TEST(OvernightModel, ChoppyDayStaysOut) {
  ms::OvernightModel m(cfg());
  afternoon(m, 450.0, 0.0);
  const auto s = m.evaluate(0.01);
  EXPECT_EQ(s.direction, 0);
  EXPECT_NE(s.reason.find("not trending"), std::string::npos) << s.reason;
}

TEST(OvernightModel, MarginCapThirtyFivePercent) {
  const auto c = cfg();
  // 100k equity: position 10% = 10k; 1.50 x 100 = 150 per contract -> 66.
  EXPECT_EQ(ms::overnight_contracts(c, 100'000, 0, 1.50, 100).contracts, 66);
  // 30k already in use: room to 35k is 5k -> 33.
  EXPECT_EQ(ms::overnight_contracts(c, 100'000, 30'000, 1.50, 100).contracts, 33);
  const auto full = ms::overnight_contracts(c, 100'000, 34'900, 1.50, 100);
  EXPECT_EQ(full.contracts, 0);
  EXPECT_NE(full.reason.find("35% cap"), std::string::npos) << full.reason;
}
