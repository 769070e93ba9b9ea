// moc_imbalance scenarios: the exact entry order on a predicted buy-side closing imbalance
// confirmed by depth, the close exit and the 15:55 time stop on decay, and the stay-out cases.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace zerodte::strategy::ms_test {
namespace {

using model::OptionRight;
using model::Side;

struct MocFixture {
  Harness h{core::Date{2025, 3, 14}, {15, 0, 0}};
  core::InstrumentId spy;
  std::map<std::pair<int, int>, core::InstrumentId> opt;
  double spread = 0.10;

  explicit MocFixture(const core::config::ConfigTable& overrides = {}) {
    spy = *h.reg.intern_etf("SPY");
    for (int k = 448; k <= 452; ++k) {
      opt[{k, 0}] = h.option("SPY", h.day, OptionRight::kCall, k);
      opt[{k, 1}] = h.option("SPY", h.day, OptionRight::kPut, k);
    }
    h.start("moc_imbalance", overrides);
  }
  core::InstrumentId call(int k) { return opt.at({k, 0}); }

  void chain(double call_mid) {
    h.quote(spy, 449.99, 450.01);  // spot 450.00
    for (int k = 448; k <= 452; ++k) {
      const double m = call_mid - 0.5 * (k - 450);
      h.option_quote(opt[{k, 0}], {.bid = m - spread / 2, .ask = m + spread / 2, .delta = 0.5});
      h.option_quote(opt[{k, 1}], {.bid = m - 0.05, .ask = m + 0.05, .delta = -0.5});
    }
  }
  void imbalance(core::Timestamp t, std::int64_t qty, Side side = Side::kBuy) {
    h.advance(t);
    model::Imbalance i;
    i.hdr.instrument = spy;
    i.hdr.ts_event = i.hdr.ts_recv = t;
    i.total_imbalance_qty = qty;
    i.paired_qty = 1'000'000;
    i.side = side;
    i.auction_type = 'C';
    h.kernel.dispatch(engine::Event{i});
  }
  void depth(core::Timestamp t, std::int64_t bid, std::int64_t ask) {
    h.advance(t);
    model::BookDepth d;
    d.hdr.instrument = spy;
    d.hdr.ts_event = d.hdr.ts_recv = t;
    d.depth = 5;
    for (int i = 0; i < 5; ++i) {
      d.levels[i].bid_px = core::Price::from_cents(45000 - i);
      d.levels[i].ask_px = core::Price::from_cents(45001 + i);
      d.levels[i].bid_size = bid;
      d.levels[i].ask_size = ask;
    }
    h.kernel.dispatch(engine::Event{d});
  }
  // Buy imbalance 40k..70k at hh:36..hh:39 (no depth yet: no prediction), five bid-heavy depth
  // snapshots ending `depth_lag_s` before hh:40, the chain, then 80k at hh:40.
  void script(int hour, int minute0, int depth_lag_s = 1) {
    for (int k = 0; k < 4; ++k)
      imbalance(h.at(hour, minute0 + k), 40'000 + 10'000 * k);
    const auto t40 = h.at(hour, minute0 + 4);
    for (int k = 5; k >= 1; --k)
      depth(t40 - std::chrono::seconds(depth_lag_s + k - 1), 3000, 1000);
    chain(2.05);
    imbalance(t40, 80'000);
  }
};

TEST(MocImbalance, BuysTheCallOnAPredictedBuyImbalanceAndExitsAtTheClose) {
  MocFixture f;
  f.script(15, 36);
  ASSERT_EQ(f.h.gw.intents.size(), 1u) << f.h.last_suppression();
  const auto& in = f.h.gw.intents[0];
  EXPECT_EQ(in.legs[0].instrument, f.call(450));
  EXPECT_EQ(in.legs[0].side, Side::kBuy);
  // 4% of 100,000 = 4,000 of notional; 2.05 x 100 = 205 per contract -> 19.
  EXPECT_EQ(in.quantity.value, 19);
  EXPECT_EQ(in.limit_price, px(2.05));
  const auto& s = f.h.sink.signals.at(0);
  EXPECT_EQ(s.direction, Direction::kLong);
  // Fit slope 10,000/min x 20 min to the close, capped at the current 80,000 -> 160,000 / 1M.
  EXPECT_NEAR(s.triggered_by.at(0).value, 0.16, 1e-9);
  f.h.fill(0, {2.05});

  // 15:55: the prediction (80k + 10k/min x 5 min = 130k -> 0.13) still exceeds half its entry
  // value (0.08): hold. 15:59: out at the bid.
  f.h.advance(f.h.at(15, 58));
  f.chain(2.55);
  f.h.advance(f.h.at(15, 59));
  ASSERT_EQ(f.h.gw.intents.size(), 2u);
  const auto& out = f.h.gw.intents[1];
  EXPECT_EQ(out.legs[0].instrument, f.call(450));
  EXPECT_EQ(out.legs[0].side, Side::kSell);
  EXPECT_EQ(out.quantity.value, 19);
  EXPECT_EQ(out.limit_price, px(2.50));
  EXPECT_TRUE(out.reduce_only);
  EXPECT_NE(f.h.sink.signals.back().action.find("close_exit"), std::string::npos);
}

TEST(MocImbalance, TimeStopAt1555WhenTheImbalanceDecays) {
  MocFixture f;
  f.script(15, 36);
  ASSERT_EQ(f.h.gw.intents.size(), 1u);
  f.h.fill(0, {2.05});
  // The buy imbalance melts: 30k, 20k, 10k, 5k, 2k at 15:50..15:54.
  const std::int64_t melt[] = {30'000, 20'000, 10'000, 5'000, 2'000};
  for (int k = 0; k < 5; ++k) {
    f.depth(f.h.at(15, 50 + k) - std::chrono::seconds(1), 3000, 1000);
    f.imbalance(f.h.at(15, 50 + k), melt[k]);
  }
  EXPECT_EQ(f.h.gw.intents.size(), 1u);  // one trade per day
  f.chain(1.60);
  f.h.advance(f.h.at(15, 55));
  ASSERT_EQ(f.h.gw.intents.size(), 2u);
  EXPECT_EQ(f.h.gw.intents[1].limit_price, px(1.55));
  EXPECT_NE(f.h.sink.signals.back().action.find("time_stop"), std::string::npos);
  EXPECT_NE(f.h.sink.signals.back().triggered_by.at(0).detail.find("decayed"), std::string::npos);
}

TEST(MocImbalance, OutsideTheWindowStaysOut) {
  MocFixture f;
  f.script(15, 1);  // prediction at 15:05
  EXPECT_TRUE(f.h.gw.intents.empty());
  EXPECT_EQ(f.h.suppressions("outside_window"), 1u) << f.h.last_suppression();
}

TEST(MocImbalance, StaleDepthStaysOut) {
  MocFixture f;
  f.script(15, 36, /*depth_lag_s=*/8);
  EXPECT_TRUE(f.h.gw.intents.empty());
  ASSERT_EQ(f.h.suppressions("stale_analytics"), 1u) << f.h.last_suppression();
  EXPECT_NE(f.h.last_suppression().find("8s old > max_depth_age 5s"), std::string::npos)
      << f.h.last_suppression();
}

TEST(MocImbalance, FiltersAndNotionalBudgetStayOut) {
  MocFixture wide;
  wide.spread = 0.60;
  wide.script(15, 36);
  EXPECT_TRUE(wide.h.gw.intents.empty());
  EXPECT_EQ(wide.h.suppressions("filters_failed"), 1u) << wide.h.last_suppression();

  core::config::ConfigTable small;
  small.set("equity", 4'000.0);  // 4% = 160 < 205 per contract
  MocFixture poor(small);
  poor.script(15, 36);
  EXPECT_TRUE(poor.h.gw.intents.empty());
  EXPECT_EQ(poor.h.suppressions("risk_budget"), 1u) << poor.h.last_suppression();
}

TEST(MocImbalance, BookLeaningAgainstTheAuctionIsNoSetup) {
  MocFixture f;
  for (int k = 0; k < 4; ++k)
    f.imbalance(f.h.at(15, 36 + k), 40'000 + 10'000 * k);
  for (int k = 5; k >= 1; --k)
    f.depth(f.h.at(15, 40) - std::chrono::seconds(k), 1000, 3000);
  f.chain(2.05);
  f.imbalance(f.h.at(15, 40), 80'000);
  EXPECT_TRUE(f.h.gw.intents.empty());
  EXPECT_TRUE(f.h.sink.suppressions.empty()) << f.h.last_suppression();
}

}  // namespace
}  // namespace zerodte::strategy::ms_test
