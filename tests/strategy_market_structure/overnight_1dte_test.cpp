// overnight_1dte scenarios: the exact 1DTE entry in the last 30 minutes of a trending day with a
// cheap implied vol, the next morning's exits (deadline, ladder), and the stay-out cases.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace zerodte::strategy::ms_test {
namespace {

using model::OptionRight;
using model::Side;

struct OvernightFixture {
  Harness h{core::Date{2025, 3, 13}, {13, 0, 0}};  // Thursday; 1DTE = Friday 2025-03-14
  core::Date expiry{2025, 3, 14};
  core::InstrumentId spy;
  std::map<std::pair<int, int>, core::InstrumentId> opt;
  double iv = 0.005;
  double px_now = 450;

  explicit OvernightFixture(core::config::ConfigTable overrides = {}) {
    spy = *h.reg.intern_etf("SPY");
    for (int k = 452; k <= 458; ++k) {
      opt[{k, 0}] = h.option("SPY", expiry, OptionRight::kCall, k);
      opt[{k, 1}] = h.option("SPY", expiry, OptionRight::kPut, k);
    }
    if (!overrides.has("regime_vol_lookback"))
      overrides.set("regime_vol_lookback", std::int64_t{30});
    h.start("overnight_1dte", overrides);
  }
  core::InstrumentId call(int k) { return opt.at({k, 0}); }
  core::InstrumentId put(int k) { return opt.at({k, 1}); }

  void chain(double call_mid) {
    for (int k = 452; k <= 458; ++k) {
      const double m = call_mid - 0.5 * (k - 455);
      h.option_quote(call(k), {.bid = m - 0.05, .ask = m + 0.05, .delta = 0.5, .iv = iv});
      h.option_quote(put(k), {.bid = m - 0.05, .ask = m + 0.05, .delta = -0.5, .iv = iv});
    }
  }
  // Minute bars from 13:30 drifting +0.04 with a calming zig-zag (trending), until `last_open`;
  // the chain is quoted at `quote_at`.
  void afternoon(core::Timestamp last_open, core::Timestamp quote_at, double drift = 0.04) {
    int i = 0;
    bool quoted = false;
    for (auto t = h.at(13, 30); t <= last_open; t += std::chrono::minutes(1), ++i) {
      if (!quoted && t + std::chrono::minutes(1) >= quote_at) {
        h.advance(quote_at);
        chain(1.50);
        quoted = true;
      }
      const double open = px_now;
      const double zig = 0.08 - 0.045 * i / 119.0;
      px_now += drift + (i % 2 == 0 ? zig : -zig);
      h.bar(spy, t, open, std::max(open, px_now) + 0.02, std::min(open, px_now) - 0.02, px_now);
    }
  }
};

TEST(Overnight1Dte, BuysThe1DteCallInTheLastHalfHourAndExitsByTenNextDay) {
  OvernightFixture f;
  f.afternoon(f.h.at(15, 29), f.h.at(15, 29, 30));  // last bar closes 15:30
  ASSERT_EQ(f.h.gw.intents.size(), 1u) << f.h.last_suppression();
  EXPECT_NEAR(f.px_now, 454.8, 0.05);  // ATM = 455
  const auto& in = f.h.gw.intents[0];
  EXPECT_EQ(in.legs[0].instrument, f.call(455));
  EXPECT_EQ(in.legs[0].side, Side::kBuy);
  // 10% of 100,000 over 150 per contract = 66, capped at max_contracts 6.
  EXPECT_EQ(in.quantity.value, 6);
  EXPECT_EQ(in.limit_price, px(1.50));
  const auto& s = f.h.sink.signals.at(0);
  EXPECT_EQ(s.direction, Direction::kLong);
  EXPECT_EQ(s.triggered_by.at(0).source, "regime");
  EXPECT_EQ(s.triggered_by.at(1).source, "iv_rv_gap");
  EXPECT_GE(s.triggered_by.at(1).value, 0.02);
  f.h.fill(0, {1.50});

  // Friday: up 20% at the open (the ladder holds: stop at breakeven+), then 10:00: out at the bid.
  const core::Date fri{2025, 3, 14};
  f.h.advance(f.h.at(fri, 9, 31));
  f.chain(1.85);
  EXPECT_EQ(f.h.gw.intents.size(), 1u);
  f.h.advance(f.h.at(fri, 10, 0));
  ASSERT_EQ(f.h.gw.intents.size(), 2u);
  const auto& out = f.h.gw.intents[1];
  EXPECT_EQ(out.legs[0].instrument, f.call(455));
  EXPECT_EQ(out.legs[0].side, Side::kSell);
  EXPECT_EQ(out.quantity.value, 6);
  EXPECT_EQ(out.limit_price, px(1.80));
  EXPECT_NE(f.h.sink.signals.back().action.find("exit_deadline"), std::string::npos);
}

TEST(Overnight1Dte, TrailingStopAtTheOpen) {
  OvernightFixture f;
  f.afternoon(f.h.at(15, 29), f.h.at(15, 29, 30));
  ASSERT_EQ(f.h.gw.intents.size(), 1u);
  f.h.fill(0, {1.50});
  f.h.advance(f.h.at(core::Date{2025, 3, 14}, 9, 30, 5));
  f.chain(1.25);  // mid -16.7% <= -15%
  ASSERT_EQ(f.h.gw.intents.size(), 2u);
  EXPECT_EQ(f.h.gw.intents[1].limit_price, px(1.20));
  EXPECT_NE(f.h.sink.signals.back().action.find("trailing_stop"), std::string::npos);
}

TEST(Overnight1Dte, BeforeTheWindowIsLoggedOnce) {
  OvernightFixture f;
  f.afternoon(f.h.at(15, 0), f.h.at(13, 45));
  EXPECT_TRUE(f.h.gw.intents.empty());
  EXPECT_EQ(f.h.suppressions("outside_window"), 1u) << f.h.last_suppression();
}

TEST(Overnight1Dte, RichImpliedFailsTheGapFilter) {
  OvernightFixture f;
  f.iv = 0.03;  // above the day's realized vol
  f.afternoon(f.h.at(15, 29), f.h.at(15, 29, 30));
  EXPECT_TRUE(f.h.gw.intents.empty());
  ASSERT_EQ(f.h.suppressions("filters_failed"), 1u) << f.h.last_suppression();
  EXPECT_NE(f.h.last_suppression().find("not cheap"), std::string::npos);
}

TEST(Overnight1Dte, StaleChainStaysOut) {
  OvernightFixture f;
  f.afternoon(f.h.at(15, 29), f.h.at(15, 27));  // 3 minutes old at 15:30
  EXPECT_TRUE(f.h.gw.intents.empty());
  ASSERT_GE(f.h.suppressions("stale_analytics"), 1u) << f.h.last_suppression();
}

TEST(Overnight1Dte, NoMarginRoomStaysOut) {
  core::config::ConfigTable small;
  small.set("equity", 1'000.0);  // 10% = 100 < 150 per contract
  OvernightFixture f(small);
  f.afternoon(f.h.at(15, 29), f.h.at(15, 29, 30));
  EXPECT_TRUE(f.h.gw.intents.empty());
  EXPECT_EQ(f.h.suppressions("margin_cap"), 1u) << f.h.last_suppression();
}

}  // namespace
}  // namespace zerodte::strategy::ms_test
