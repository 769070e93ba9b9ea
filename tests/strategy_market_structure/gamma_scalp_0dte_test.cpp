// gamma_scalp_0dte scenarios: the exact entry order when price approaches the gamma strike with
// momentum, the ladder / unwind / time exits, and the stay-out cases.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace zerodte::strategy::ms_test {
namespace {

using model::OptionRight;
using model::Side;

struct GammaFixture {
  Harness h{core::Date{2025, 3, 14}};
  core::InstrumentId spy;
  std::map<std::pair<int, int>, core::InstrumentId> opt;  // (strike, 0 call / 1 put)
  double call_spread = 0.10;

  explicit GammaFixture(const core::config::ConfigTable& overrides = {},
                        std::string_view state = {}) {
    spy = *h.reg.intern_etf("SPY");
    for (int k = 445; k <= 455; ++k) {
      opt[{k, 0}] = h.option("SPY", h.day, OptionRight::kCall, k);
      opt[{k, 1}] = h.option("SPY", h.day, OptionRight::kPut, k);
    }
    h.start("gamma_scalp_0dte", overrides, state);
  }
  core::InstrumentId call(int k) { return opt.at({k, 0}); }
  core::InstrumentId put(int k) { return opt.at({k, 1}); }

  // The 0DTE chain: 40,000 calls open at 452 (the gamma strike), 2,000 calls and 1,000 puts at
  // every other strike; gamma 0.05 everywhere. ATM 450 call quoted 1.20/1.30.
  void quote_chain(double spot) {
    for (int k = 445; k <= 455; ++k) {
      const double c_mid = std::max(spot - k, 0.0) + 1.25 - 0.1 * std::abs(450 - k);
      const double p_mid = std::max(k - spot, 0.0) + 1.25 - 0.1 * std::abs(450 - k);
      const double hs = call_spread / 2;
      h.option_quote(call(k), {.bid = c_mid - hs,
                               .ask = c_mid + hs,
                               .delta = 0.5,
                               .gamma = 0.05,
                               .oi = k == 452 ? 40'000 : 2'000});
      h.option_quote(
          put(k),
          {.bid = p_mid - 0.05, .ask = p_mid + 0.05, .delta = -0.5, .gamma = 0.05, .oi = 1'000});
    }
  }
  // Six minute bars from `open` rising 449.40 -> 450.00 (+0.13%: momentum toward 452); the chain
  // is quoted `quote_lag_s` seconds before the last bar closes.
  void approach(core::Timestamp open, int quote_lag_s = 1) {
    const double closes[] = {449.40, 449.50, 449.60, 449.75, 449.90, 450.00};
    for (int i = 0; i < 6; ++i) {
      const auto t = open + std::chrono::minutes(i);
      if (i == 5) {
        h.advance(t + std::chrono::seconds(60 - quote_lag_s));
        quote_chain(449.90);
      }
      h.flat_bar(spy, t, closes[i]);
    }
  }
};

TEST(GammaScalp0Dte, BuysTheAtmCallWhenRisingTowardTheGammaStrike) {
  GammaFixture f;
  f.approach(f.h.at(10, 0));
  ASSERT_EQ(f.h.gw.intents.size(), 1u) << f.h.last_suppression();
  const auto& in = f.h.gw.intents[0];
  EXPECT_EQ(in.legs[0].instrument, f.call(450));
  EXPECT_EQ(in.legs[0].side, Side::kBuy);
  // 2% of 100,000 = 2,000 over 125 per contract = 16, capped at 6 per ticker.
  EXPECT_EQ(in.quantity.value, 6);
  EXPECT_EQ(in.limit_price, px(1.25));
  EXPECT_FALSE(in.reduce_only);
  ASSERT_EQ(f.h.sink.signals.size(), 1u);
  const auto& s = f.h.sink.signals[0];
  EXPECT_EQ(s.direction, Direction::kLong);
  ASSERT_EQ(s.triggered_by.size(), 2u);
  EXPECT_EQ(s.triggered_by[0].source, "gex");
  EXPECT_NE(s.triggered_by[0].detail.find("452.00"), std::string::npos) << s.triggered_by[0].detail;
  EXPECT_NEAR(s.triggered_by[0].value, 39.0 / 49.0, 1e-9);  // (40000-1000) of 10x1000 + 39000

  // Filled at 1.25; the call falls to 1.00/1.10 (mid -16%): the 15% trailing stop sells at the bid.
  f.h.fill(0, {1.25});
  f.h.advance(f.h.at(10, 7));
  f.h.option_quote(f.call(450), {.bid = 1.00, .ask = 1.10, .delta = 0.45, .gamma = 0.05});
  ASSERT_EQ(f.h.gw.intents.size(), 2u);
  const auto& out = f.h.gw.intents[1];
  EXPECT_EQ(out.legs[0].instrument, f.call(450));
  EXPECT_EQ(out.legs[0].side, Side::kSell);
  EXPECT_EQ(out.quantity.value, 6);
  EXPECT_EQ(out.limit_price, px(1.00));
  EXPECT_TRUE(out.reduce_only);
  EXPECT_EQ(f.h.sink.signals.back().direction, Direction::kFlat);
  EXPECT_NE(f.h.sink.signals.back().action.find("trailing_stop"), std::string::npos);
}

TEST(GammaScalp0Dte, LadderLocksProfitAfterADouble) {
  GammaFixture f;
  f.approach(f.h.at(10, 0));
  ASSERT_EQ(f.h.gw.intents.size(), 1u);
  f.h.fill(0, {1.25});
  f.h.advance(f.h.at(10, 10));
  // +108% (mid 2.60): stop = 2.08 x 0.85 - 1 = +76.8%, above the +50% lock. Mid 2.30 (+84%) holds.
  f.h.option_quote(f.call(450), {.bid = 2.55, .ask = 2.65, .delta = 0.7, .gamma = 0.05});
  f.h.option_quote(f.call(450), {.bid = 2.25, .ask = 2.35, .delta = 0.7, .gamma = 0.05});
  EXPECT_EQ(f.h.gw.intents.size(), 1u);
  // Mid 2.20 (+76%) <= +76.8%: out at the bid 2.15.
  f.h.option_quote(f.call(450), {.bid = 2.15, .ask = 2.25, .delta = 0.7, .gamma = 0.05});
  ASSERT_EQ(f.h.gw.intents.size(), 2u);
  EXPECT_EQ(f.h.gw.intents[1].limit_price, px(2.15));
  EXPECT_EQ(f.h.gw.intents[1].legs[0].side, Side::kSell);
}

TEST(GammaScalp0Dte, ExitsOnGammaUnwindAndAtTheTimeStop) {
  GammaFixture f;
  f.approach(f.h.at(10, 0));
  ASSERT_EQ(f.h.gw.intents.size(), 1u);
  f.h.fill(0, {1.25});
  // Price runs through 452 by more than 0.2% (452.904): the magnet is gone.
  f.h.advance(f.h.at(10, 6, 55));
  f.quote_chain(453.0);
  f.h.flat_bar(f.spy, f.h.at(10, 6), 453.00);
  ASSERT_EQ(f.h.gw.intents.size(), 2u) << f.h.last_suppression();
  EXPECT_NE(std::string(f.h.gw.intents[1].tag.view()), "");
  EXPECT_NE(f.h.sink.signals.back().action.find("gamma_unwind"), std::string::npos)
      << f.h.sink.signals.back().action;

  GammaFixture g;
  g.approach(g.h.at(10, 0));
  g.h.fill(0, {1.25});
  g.h.advance(g.h.at(15, 50));  // exit_time timer
  ASSERT_EQ(g.h.gw.intents.size(), 2u);
  EXPECT_TRUE(g.h.gw.intents[1].reduce_only);
  EXPECT_EQ(g.h.gw.intents[1].limit_price, px(1.20));  // bid of the last quote
  EXPECT_NE(g.h.sink.signals.back().action.find("time_exit"), std::string::npos);
}

TEST(GammaScalp0Dte, RestartRestoresTheOpenTradeAndStillExits) {
  std::string state;
  {
    GammaFixture f;
    f.approach(f.h.at(10, 0));
    f.h.fill(0, {1.25});
    state = f.h.strategy->snapshot();
  }
  ASSERT_FALSE(state.empty());
  GammaFixture g({}, state);  // same registry order: same instrument ids
  g.h.advance(g.h.at(10, 30));
  g.quote_chain(450.0);
  g.h.advance(g.h.at(15, 50));
  ASSERT_EQ(g.h.gw.intents.size(), 1u) << g.h.last_suppression();
  EXPECT_EQ(g.h.gw.intents[0].legs[0].instrument, g.call(450));
  EXPECT_EQ(g.h.gw.intents[0].legs[0].side, Side::kSell);
  EXPECT_EQ(g.h.gw.intents[0].quantity.value, 6);
  EXPECT_TRUE(g.h.gw.intents[0].reduce_only);
}

TEST(GammaScalp0Dte, StaleChainIsSuppressedWithItsReason) {
  GammaFixture f;
  f.approach(f.h.at(10, 0), /*quote_lag_s=*/25);
  EXPECT_TRUE(f.h.gw.intents.empty());
  ASSERT_EQ(f.h.suppressions("stale_analytics"), 1u) << f.h.last_suppression();
  EXPECT_NE(f.h.sink.suppressions.back().detail.find("25s old > max_chain_age 10s"),
            std::string::npos)
      << f.h.sink.suppressions.back().detail;
}

TEST(GammaScalp0Dte, OutsideTheEntryWindowStaysOut) {
  GammaFixture f;
  f.approach(f.h.at(9, 31));  // last bar closes 09:37 < entry_start 09:45
  EXPECT_TRUE(f.h.gw.intents.empty());
  EXPECT_EQ(f.h.suppressions("outside_window"), 1u) << f.h.last_suppression();
}

TEST(GammaScalp0Dte, WideSpreadsFailTheFilters) {
  GammaFixture f;
  f.call_spread = 0.60;  // every call 0.60 wide > max_spread 0.40
  f.approach(f.h.at(10, 0));
  EXPECT_TRUE(f.h.gw.intents.empty());
  ASSERT_EQ(f.h.suppressions("filters_failed"), 1u) << f.h.last_suppression();
  EXPECT_NE(f.h.sink.suppressions.back().detail.find("spread"), std::string::npos);
}

TEST(GammaScalp0Dte, NoMomentumNoTrade) {
  GammaFixture f;
  const double closes[] = {450.00, 449.95, 450.02, 449.98, 450.01, 450.00};
  for (int i = 0; i < 6; ++i) {
    const auto t = f.h.at(10, i);
    if (i == 5) {
      f.h.advance(t + std::chrono::seconds(59));
      f.quote_chain(450.0);
    }
    f.h.flat_bar(f.spy, t, closes[i]);
  }
  EXPECT_TRUE(f.h.gw.intents.empty());
  EXPECT_TRUE(f.h.sink.suppressions.empty()) << f.h.last_suppression();
}

}  // namespace
}  // namespace zerodte::strategy::ms_test
