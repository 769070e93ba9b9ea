// swing scenarios: the exact 25/50/25 GTC ladder on a daily pullback in an uptrend, the
// cancellation of unfilled rungs, the target / no-profit exits, and the stay-out cases.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace zerodte::strategy::ms_test {
namespace {

using model::Side;

// 60 sessions rising 1.00 (range +-1), 7 sessions falling 2.50, one up 1.50: a long setup.
std::vector<double> pullback_closes() {
  std::vector<double> c;
  double x = 100;
  for (int i = 0; i < 60; ++i)
    c.push_back(x += 1.0);
  for (int i = 0; i < 7; ++i)
    c.push_back(x -= 2.5);
  c.push_back(x += 1.5);
  return c;
}

// Wilder ATR(14) without a first-bar range (TA-Lib), written out independently.
double wilder_atr(const std::vector<double>& closes) {
  std::vector<double> tr;
  for (std::size_t i = 1; i < closes.size(); ++i) {
    const double h = closes[i] + 1, l = closes[i] - 1, pc = closes[i - 1];
    tr.push_back(std::max({h - l, std::abs(h - pc), std::abs(l - pc)}));
  }
  double atr = 0;
  for (int i = 0; i < 14; ++i)
    atr += tr[static_cast<std::size_t>(i)] / 14;
  for (std::size_t i = 14; i < tr.size(); ++i)
    atr = (atr * 13 + tr[i]) / 14;
  return atr;
}

struct SwingFixture {
  std::vector<core::Date> days;  // trading days, the setup day is days[67]
  Harness h;
  std::vector<core::InstrumentId> ids;
  std::vector<std::string> syms;

  static std::vector<core::Date> sessions() {
    std::vector<core::Date> d;
    core::Date x{2024, 11, 1};
    const auto& cal = core::TradingCalendar::nyse();
    for (int i = 0; i < 90; ++i)
      d.push_back(x = cal.next_trading_day(x));
    return d;
  }
  explicit SwingFixture(std::vector<std::string> symbols = {"SPY"},
                        core::config::ConfigTable overrides = {})
      : days(sessions()), h(days.front(), {9, 0, 0}), syms(std::move(symbols)) {
    for (const auto& s : syms)
      ids.push_back(*h.reg.intern_etf(s));
    overrides.set("symbols", syms);
    h.start("swing", overrides);
  }
  void daily(std::size_t day, double close, std::int64_t volume = 2'000'000) {
    for (auto id : ids)
      h.bar(id, h.at(days[day], 9, 30), close, close + 1, close - 1, close, volume, 23'400);
  }
  void history(std::int64_t volume = 2'000'000) {
    const auto c = pullback_closes();
    for (std::size_t i = 0; i < c.size(); ++i)
      daily(i, c[i], volume);
  }
};

TEST(Swing, LadderOnAPullbackInTheUptrendThenTargetExit) {
  SwingFixture f;
  f.history();
  ASSERT_EQ(f.h.gw.intents.size(), 3u) << f.h.last_suppression();
  const auto closes = pullback_closes();
  const double ref = closes.back(), atr = wilder_atr(closes);
  const auto qty = static_cast<std::int64_t>(std::floor(2000.0 / (1.5 * atr)));
  const std::int64_t q1 = qty / 4, q2 = qty / 2, q3 = qty - q1 - q2;
  const std::int64_t want_qty[] = {q1, q2, q3};
  for (int i = 0; i < 3; ++i) {
    const auto& in = f.h.gw.intents[static_cast<std::size_t>(i)];
    EXPECT_EQ(in.legs[0].instrument, f.ids[0]);
    EXPECT_EQ(in.legs[0].side, Side::kBuy);
    EXPECT_EQ(in.tif, model::TimeInForce::kGtc);
    EXPECT_EQ(in.quantity.value, want_qty[i]) << i;
    EXPECT_EQ(in.limit_price, px(std::round((ref - i * 0.5 * atr) * 100) / 100)) << i;
  }
  EXPECT_EQ(f.h.sink.signals.at(0).direction, Direction::kLong);

  // Rungs 1 and 2 fill the next session; rung 3 is cancelled after entry_days (2) sessions.
  f.h.advance(f.h.at(f.days[68], 10, 0));
  f.h.fill(0, {ref});
  f.h.fill(1, {std::round((ref - 0.5 * atr) * 100) / 100});
  f.daily(68, ref + 0.5);
  EXPECT_TRUE(f.h.gw.cancels.empty());
  f.daily(69, ref + 1.0);
  ASSERT_EQ(f.h.gw.cancels.size(), 1u);
  EXPECT_EQ(f.h.gw.cancels[0], f.h.order_id(2));
  // A close at the target (ref + 3 ATR): sell what was filled, reduce-only, at the close.
  const double target = std::ceil((ref + 3 * atr) * 100) / 100;
  f.daily(70, target);
  ASSERT_EQ(f.h.gw.intents.size(), 4u);
  const auto& out = f.h.gw.intents[3];
  EXPECT_EQ(out.legs[0].side, Side::kSell);
  EXPECT_EQ(out.quantity.value, q1 + q2);
  EXPECT_EQ(out.limit_price, px(target));
  EXPECT_TRUE(out.reduce_only);
  EXPECT_NE(f.h.sink.signals.back().action.find("target"), std::string::npos);
}

TEST(Swing, NoProfitAfterMinHoldExits) {
  SwingFixture f;
  f.history();
  ASSERT_EQ(f.h.gw.intents.size(), 3u);
  const double ref = pullback_closes().back();
  f.h.advance(f.h.at(f.days[68], 10, 0));
  f.h.fill(0, {ref});
  for (std::size_t d = 68; d < 72; ++d)
    f.daily(d, ref - 0.5);  // 4 sessions under the entry
  EXPECT_EQ(f.h.gw.intents.size(), 3u);
  f.daily(72, ref - 0.5);  // 5th session: min_hold_days reached without profit
  ASSERT_EQ(f.h.gw.intents.size(), 4u);
  EXPECT_EQ(f.h.gw.intents[3].quantity, f.h.gw.intents[0].quantity);
  EXPECT_NE(f.h.sink.signals.back().action.find("no_profit"), std::string::npos);
}

TEST(Swing, AtMostThreeSwingsAndHeatCap) {
  SwingFixture f({"SPY", "QQQ", "IWM", "DIA"});
  f.history();
  EXPECT_EQ(f.h.gw.intents.size(), 9u);  // three ladders
  EXPECT_EQ(f.h.suppressions("max_open_swings"), 1u) << f.h.last_suppression();

  core::config::ConfigTable hot;
  hot.set("risk_pct", 8.0);
  hot.set("max_heat_pct", 8.0);  // the first swing uses all the heat
  SwingFixture g({"SPY", "QQQ"}, hot);
  g.history();
  EXPECT_EQ(g.h.gw.intents.size(), 3u);
  EXPECT_EQ(g.h.suppressions("portfolio_heat"), 1u) << g.h.last_suppression();
}

TEST(Swing, ThinVolumeOrStaleBarStaysOut) {
  SwingFixture thin;
  thin.history(/*volume=*/100'000);
  EXPECT_TRUE(thin.h.gw.intents.empty());
  EXPECT_EQ(thin.h.suppressions("filters_failed"), 1u) << thin.h.last_suppression();

  SwingFixture late;
  const auto c = pullback_closes();
  for (std::size_t i = 0; i + 1 < c.size(); ++i)
    late.daily(i, c[i]);
  late.h.advance(late.h.at(late.days[c.size() - 1], 18, 0));  // the bar arrives 2 h late
  late.daily(c.size() - 1, c.back());
  EXPECT_TRUE(late.h.gw.intents.empty());
  EXPECT_EQ(late.h.suppressions("stale_analytics"), 1u) << late.h.last_suppression();
}

}  // namespace
}  // namespace zerodte::strategy::ms_test
