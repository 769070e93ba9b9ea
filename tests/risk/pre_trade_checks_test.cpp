// Every pre-trade rule at, just below and just above its threshold, with the reason asserted.
#include "risk_fixture.hpp"

namespace zerodte::risk::testing {
namespace {

using R = RejectReason;
using model::Side;

TEST(PreTradeChecks, GoodIntentPassesEveryRule) {
  CheckerEnv e;
  const auto v = e.check(e.good());
  EXPECT_PASS(v);
  EXPECT_EQ(v.status, VerdictStatus::kApproved);
  EXPECT_FALSE(v.reducing);
}

TEST(PreTradeChecks, MaxPositions) {
  CheckerEnv e;
  const auto qqq = e.opt("QQQ   251121C00600000");
  const auto iwm = e.opt("IWM   251121C00240000");
  const auto dia = e.opt("DIA   251121C00460000");
  for (auto id : {qqq, iwm, dia})
    e.quote(id, "0.95", "1.05");
  e.hold(qqq, 1, "1.00");
  EXPECT_PASS(e.check(e.good()));  // 2 of 3 after the order
  e.hold(iwm, 1, "1.00");
  EXPECT_PASS(e.check(e.good()));  // 3 of 3: at the limit
  e.hold(dia, 1, "1.00");
  EXPECT_REJECT(e.check(e.good()), R::kMaxPositions);  // 4 > 3
}

TEST(PreTradeChecks, MaxPositionsPerUnderlyingAndMultiLegCountsOnce) {
  CheckerEnv e;
  const auto c2 = e.opt("SPY   251121C00665000");
  e.quote(c2, "0.45", "0.55");
  e.greeks(c2, 0.3, 0.04, -0.4);
  // A vertical (two legs, one group) is one position.
  e.hold(e.spy_call, 1, "1.00", 1, 7);
  e.hold(c2, -1, "0.50", 1, 7);
  e.lim.max_positions = 2;
  e.lim.max_positions_per_underlying = 2;
  e.rebuild();
  e.lim.max_positions_per_underlying = 1;
  e.rebuild();
  EXPECT_REJECT(e.check(e.good()), R::kMaxPositions);
  e.lim.max_positions_per_underlying = 2;
  e.rebuild();
  EXPECT_PASS(e.check(e.good()));
}

TEST(PreTradeChecks, ContractsPerOrder) {
  CheckerEnv e;
  e.lim.max_abs_delta_shares = 1e9;
  e.lim.max_abs_gamma_shares = 1e9;
  e.lim.min_theta_per_day = -1e9;
  e.rebuild();
  EXPECT_PASS(e.check(e.buy(e.spy_call, 5, "1.00")));
  EXPECT_PASS(e.check(e.buy(e.spy_call, 6, "1.00")));
  EXPECT_REJECT(e.check(e.buy(e.spy_call, 7, "1.00")), R::kQtyLimit);
}

TEST(PreTradeChecks, ContractsPerTicker) {
  CheckerEnv e;
  e.lim.max_positions_per_underlying = 5;
  e.lim.max_same_direction_correlated = 5;
  e.rebuild();
  const auto c2 = e.opt("SPY   251121C00665000");
  e.quote(c2, "0.95", "1.05");
  e.hold(c2, 4, "1.00");
  EXPECT_PASS(e.check(e.buy(e.spy_call, 1, "1.00")));  // 5
  EXPECT_PASS(e.check(e.buy(e.spy_call, 2, "1.00")));  // 6 = limit
  EXPECT_REJECT(e.check(e.buy(e.spy_call, 3, "1.00")), R::kQtyLimit);
}

TEST(PreTradeChecks, FreezeQuantityAndLotSize) {
  CheckerEnv e;
  const auto nifty = *e.reg.intern_nse_index_option("NIFTY", core::Date{2025, 11, 25},
                                                    model::OptionRight::kCall, px("26000"));
  const auto& inst = e.reg.get(nifty);
  ASSERT_GT(inst.lot_size, 1);
  ASSERT_GT(inst.freeze_quantity, 0);
  e.quote(nifty, "99.95", "100.05");
  e.greeks(nifty, 0.01, 0.0001, -0.01);
  e.lim.max_contracts_per_order = 1000;
  e.lim.max_contracts_per_ticker = 1000;
  e.lim.max_notional = 1e12;
  e.rebuild();
  const std::int64_t lot = inst.lot_size, freeze = inst.freeze_quantity;
  EXPECT_PASS(e.check(e.buy(nifty, lot, "100.00")));
  EXPECT_REJECT(e.check(e.buy(nifty, lot - 1, "100.00")), R::kLotSize);
  EXPECT_REJECT(e.check(e.buy(nifty, lot + 1, "100.00")), R::kLotSize);
  const std::int64_t at = freeze / lot * lot;
  EXPECT_NE(e.check(e.buy(nifty, at, "100.00")).reason, R::kQtyLimit);
  EXPECT_REJECT(e.check(e.buy(nifty, at + lot, "100.00")), R::kQtyLimit);
}

TEST(PreTradeChecks, PriceBand) {
  CheckerEnv e;  // mid 1.00, band 20% -> [0.80, 1.20]
  e.lim.fat_finger_pct = 100;
  e.rebuild();
  EXPECT_PASS(e.check(e.buy(e.spy_call, 1, "1.19")));
  EXPECT_PASS(e.check(e.buy(e.spy_call, 1, "1.20")));
  EXPECT_REJECT(e.check(e.buy(e.spy_call, 1, "1.21")), R::kPriceBand);
  EXPECT_PASS(e.check(e.buy(e.spy_call, 1, "0.80")));
  EXPECT_REJECT(e.check(e.buy(e.spy_call, 1, "0.79")), R::kPriceBand);
  const auto none = e.opt("SPY   251121C00700000");  // no quote at all
  EXPECT_REJECT(e.check(e.buy(none, 1, "1.00")), R::kPriceBand);
}

TEST(PreTradeChecks, Tick) {
  CheckerEnv e;
  const auto abc = e.opt("ZZZ   251121C00050000");  // standard class: $0.05 below $3
  e.quote(abc, "0.95", "1.05");
  e.greeks(abc, 0.5, 0.05, -0.5);
  EXPECT_PASS(e.check(e.buy(abc, 1, "1.00")));
  EXPECT_PASS(e.check(e.buy(abc, 1, "1.05")));
  EXPECT_REJECT(e.check(e.buy(abc, 1, "1.04")), R::kTick);
  EXPECT_REJECT(e.check(e.buy(abc, 1, "1.01")), R::kTick);
}

TEST(PreTradeChecks, BuyingPower) {
  CheckerEnv e("200");
  e.lim.margin_utilization_max_pct = 100;
  e.rebuild();
  EXPECT_PASS(e.check(e.buy(e.spy_call, 2, "0.99")));  // 198 < 200
  EXPECT_PASS(e.check(e.buy(e.spy_call, 2, "1.00")));  // 200 = 200
  EXPECT_REJECT(e.check(e.buy(e.spy_call, 2, "1.01")), R::kBuyingPower);
}

TEST(PreTradeChecks, MarginUtilisation) {
  CheckerEnv e("1000");
  e.lim.margin_utilization_max_pct = 10;
  e.rebuild();
  EXPECT_PASS(e.check(e.buy(e.spy_call, 1, "0.99")));  // 9.9%
  EXPECT_PASS(e.check(e.buy(e.spy_call, 1, "1.00")));  // 10%
  EXPECT_REJECT(e.check(e.buy(e.spy_call, 1, "1.01")), R::kBuyingPower);
}

TEST(PreTradeChecks, DailyLoss) {
  CheckerEnv e;
  const auto qqq = e.opt("QQQ   251121C00600000");
  e.hold(qqq, 30, "1.00");
  e.pf.set_mark(qqq, px("0.01"));  // -2,970 = 2.97%
  EXPECT_PASS(e.check(e.good()));
  e.pf.set_mark(qqq, px("0"));  // -3,000 = 3%
  EXPECT_REJECT(e.check(e.good()), R::kDailyLoss);
  e.hold(qqq, 1, "1.00");  // 3.1%
  EXPECT_REJECT(e.check(e.good()), R::kDailyLoss);
}

TEST(PreTradeChecks, Vix) {
  CheckerEnv e;
  e.mkt.set_vix(29.99, e.now);
  EXPECT_PASS(e.check(e.good()));
  e.mkt.set_vix(30, e.now);
  EXPECT_REJECT(e.check(e.good()), R::kVixLimit);
  e.mkt.set_vix(30.01, e.now);
  EXPECT_REJECT(e.check(e.good()), R::kVixLimit);
}

TEST(PreTradeChecks, TradingWindow) {
  CheckerEnv e;
  e.lim.max_quote_age = std::chrono::hours(24);
  e.rebuild();
  auto at = [&](core::TimeOfDay t) {
    return e.chk->check(e.good(), e.et(t), TradingState::kActive);
  };
  EXPECT_REJECT(at({9, 59, 59}), R::kTradingWindow);
  EXPECT_PASS(at({10, 0, 0}));
  EXPECT_PASS(at({14, 30, 0}));
  EXPECT_REJECT(at({14, 30, 1}), R::kTradingWindow);
  EXPECT_REJECT(at({9, 0, 0}), R::kTradingWindow);  // market closed
  // A strategy window (MOC 15:30-15:50).
  e.chk->set_strategy_window(core::StrategyId{1}, {15, 30, 0}, {15, 50, 0});
  EXPECT_REJECT(at({15, 29, 59}), R::kTradingWindow);
  EXPECT_PASS(at({15, 30, 0}));
  EXPECT_PASS(at({15, 50, 0}));
  EXPECT_REJECT(at({15, 50, 1}), R::kTradingWindow);
  // Exits may go at 15:00 (session open), not at 16:00.
  e.hold(e.spy_call, 2, "1.00");
  const auto sell = e.buy(e.spy_call, 1, "1.00", Side::kSell);
  EXPECT_PASS(e.chk->check(sell, e.et({15, 0, 0}), TradingState::kActive));
  EXPECT_REJECT(e.chk->check(sell, e.et({16, 0, 0}), TradingState::kActive), R::kTradingWindow);
}

TEST(PreTradeChecks, GreekLimits) {
  CheckerEnv e;  // per contract: delta 50 shares, gamma 5, theta -50/day
  e.lim.max_abs_delta_shares = 100;
  e.rebuild();
  EXPECT_PASS(e.check(e.buy(e.spy_call, 1, "1.00")));
  EXPECT_PASS(e.check(e.buy(e.spy_call, 2, "1.00")));
  EXPECT_REJECT(e.check(e.buy(e.spy_call, 3, "1.00")), R::kGreekLimit);
  e.lim = {};
  e.lim.max_abs_gamma_shares = 10;
  e.rebuild();
  EXPECT_PASS(e.check(e.buy(e.spy_call, 2, "1.00")));
  EXPECT_REJECT(e.check(e.buy(e.spy_call, 3, "1.00")), R::kGreekLimit);
  e.lim = {};
  e.lim.min_theta_per_day = -100;
  e.rebuild();
  EXPECT_PASS(e.check(e.buy(e.spy_call, 1, "1.00")));
  EXPECT_PASS(e.check(e.buy(e.spy_call, 2, "1.00")));
  EXPECT_REJECT(e.check(e.buy(e.spy_call, 3, "1.00")), R::kGreekLimit);
  // An option leg without Greeks cannot be checked.
  const auto bare = e.opt("SPY   251121C00670000");
  e.quote(bare, "0.95", "1.05");
  EXPECT_REJECT(e.check(e.buy(bare, 1, "1.00")), R::kGreekLimit);
}

TEST(PreTradeChecks, Concentration) {
  CheckerEnv e;  // SPX, SPY, XSP correlated; at most 2 positions with the same delta sign
  const auto spx = e.opt("SPXW  251121C06600000");
  const auto xsp = e.opt("XSP   251121C00660000");
  const auto xsp_put = e.opt("XSP   251121P00650000");
  e.greeks(spx, 0.5, 0.001, -5);
  e.greeks(xsp, 0.5, 0.01, -0.5);
  e.greeks(xsp_put, -0.4, 0.01, -0.5);
  e.lim.max_contracts_per_ticker = 100;
  e.lim.min_theta_per_day = -1e6;
  e.lim.max_positions = 10;
  e.lim.max_positions_per_underlying = 10;
  e.rebuild();
  e.hold(spx, 1, "10.00");
  EXPECT_PASS(e.check(e.good()));  // 2 long-delta positions
  e.hold(xsp_put, 1, "1.00");
  EXPECT_PASS(e.check(e.good()));  // the put is short delta
  e.hold(xsp, 1, "1.00");
  EXPECT_REJECT(e.check(e.good()), R::kConcentration);  // 3 long-delta positions
}

TEST(PreTradeChecks, CallPutConflict) {
  CheckerEnv e;
  e.lim.max_positions_per_underlying = 3;
  e.rebuild();
  EXPECT_PASS(e.check(e.good()));
  e.hold(e.spy_put, 1, "1.00");
  EXPECT_REJECT(e.check(e.good()), R::kCallPutConflict);
  e.lim.call_put_allowed_strategies = {1};
  e.rebuild();
  EXPECT_PASS(e.check(e.good()));
}

TEST(PreTradeChecks, StaleQuote) {
  CheckerEnv e;
  const core::Timestamp q = e.now;
  auto at = [&](core::Duration age) {
    return e.chk->check(e.good(), q + age, TradingState::kActive);
  };
  EXPECT_PASS(at(std::chrono::milliseconds(2999)));
  EXPECT_PASS(at(std::chrono::seconds(3)));
  EXPECT_REJECT(at(std::chrono::seconds(3) + core::Duration{1}), R::kStaleData);
}

TEST(PreTradeChecks, StaleAnalyticsHeartbeat) {
  CheckerEnv e;
  e.lim.require_analytics_heartbeat = true;
  e.rebuild();
  EXPECT_REJECT(e.check(e.good()), R::kStaleData);  // never beat
  e.mkt.set_analytics_heartbeat(e.now - std::chrono::milliseconds(9999));
  EXPECT_PASS(e.check(e.good()));
  e.mkt.set_analytics_heartbeat(e.now - std::chrono::seconds(10));
  EXPECT_PASS(e.check(e.good()));
  e.mkt.set_analytics_heartbeat(e.now - std::chrono::seconds(10) - core::Duration{1});
  EXPECT_REJECT(e.check(e.good()), R::kStaleData);
}

TEST(PreTradeChecks, DuplicateIntent) {
  CheckerEnv e;
  auto in = e.good();
  EXPECT_PASS(e.check(in));
  e.chk->record_submit(in, e.now);
  EXPECT_REJECT(e.check(in), R::kDuplicateIntent);
  in.intent_seq = 1;
  EXPECT_PASS(e.check(in));
}

TEST(PreTradeChecks, RateLimits) {
  CheckerEnv e;  // 5 per second per strategy
  const core::Timestamp t0 = e.now - std::chrono::seconds(1);
  e.chk->record_submit(e.good(), t0);  // exactly 1 s ago: outside the window
  for (int i = 0; i < 3; ++i)
    e.chk->record_submit(e.good(), e.now);
  EXPECT_PASS(e.check(e.good()));  // 4th in the window
  e.chk->record_submit(e.good(), e.now);
  EXPECT_PASS(e.check(e.good()));  // 5th = limit
  e.chk->record_submit(e.good(), e.now);
  EXPECT_REJECT(e.check(e.good()), R::kRateLimited);  // 6th
  // Account-wide: 10 per second over strategies.
  CheckerEnv a;
  for (int i = 0; i < 9; ++i) {
    auto in = a.good();
    in.strategy = core::StrategyId{static_cast<std::uint16_t>(10 + i)};
    a.chk->record_submit(in, a.now);
  }
  EXPECT_PASS(a.check(a.good()));
  auto in = a.good();
  in.strategy = core::StrategyId{99};
  a.chk->record_submit(in, a.now);
  EXPECT_REJECT(a.check(a.good()), R::kRateLimited);
  // Modifies.
  for (int i = 0; i < 10; ++i)
    EXPECT_TRUE(a.chk->allow_modify(core::StrategyId{1}, a.now));
  EXPECT_FALSE(a.chk->allow_modify(core::StrategyId{1}, a.now));
  EXPECT_TRUE(a.chk->allow_modify(core::StrategyId{1}, a.now + std::chrono::seconds(1)));
}

TEST(PreTradeChecks, FatFinger) {
  CheckerEnv e;  // bid 0.95 ask 1.05, 10% of the 1.00 reference = 0.10 through the far side
  EXPECT_PASS(e.check(e.buy(e.spy_call, 1, "1.14")));
  EXPECT_PASS(e.check(e.buy(e.spy_call, 1, "1.15")));
  EXPECT_REJECT(e.check(e.buy(e.spy_call, 1, "1.16")), R::kFatFinger);
  e.hold(e.spy_call, 3, "1.00");
  EXPECT_PASS(e.check(e.buy(e.spy_call, 1, "0.85", Side::kSell)));
  EXPECT_REJECT(e.check(e.buy(e.spy_call, 1, "0.84", Side::kSell)), R::kFatFinger);
}

TEST(PreTradeChecks, MaxNotional) {
  CheckerEnv e;
  e.lim.max_notional = 200;
  e.rebuild();
  EXPECT_PASS(e.check(e.buy(e.spy_call, 1, "1.00")));
  EXPECT_PASS(e.check(e.buy(e.spy_call, 2, "1.00")));
  EXPECT_REJECT(e.check(e.buy(e.spy_call, 3, "1.00")), R::kMaxNotional);
}

TEST(PreTradeChecks, TradingStates) {
  CheckerEnv e;
  e.hold(e.spy_call, 2, "1.00");
  const auto close1 = e.buy(e.spy_call, 1, "1.00", Side::kSell);
  const auto close2 = e.buy(e.spy_call, 2, "1.00", Side::kSell);
  const auto flip = e.buy(e.spy_call, 3, "1.00", Side::kSell);
  EXPECT_TRUE(e.chk->is_reducing(close1));
  EXPECT_TRUE(e.chk->is_reducing(close2));
  EXPECT_FALSE(e.chk->is_reducing(flip));  // crosses through zero: opens a short
  EXPECT_PASS(e.check(close2, TradingState::kReducing));
  EXPECT_REJECT(e.check(flip, TradingState::kReducing), R::kStateReducing);
  EXPECT_REJECT(e.check(e.good(), TradingState::kReducing), R::kStateReducing);
  EXPECT_REJECT(e.check(close1, TradingState::kHalted), R::kStateHalted);
  // Working reductions count: with one contract already being sold, selling 2 more would flip.
  PendingReductions pending;
  pending.add(e.spy_call, -1);
  e.chk->set_pending(&pending);
  EXPECT_TRUE(e.chk->is_reducing(close1));
  EXPECT_FALSE(e.chk->is_reducing(close2));
}

TEST(PreTradeChecks, Malformed) {
  CheckerEnv e;
  auto in = e.good();
  in.quantity = core::Quantity{0};
  EXPECT_REJECT(e.check(in), R::kMalformed);
  in = e.good();
  in.leg_count = 0;
  EXPECT_REJECT(e.check(in), R::kMalformed);
  in = e.good();
  in.limit_price = core::Price::undefined();
  EXPECT_REJECT(e.check(in), R::kMalformed);
  in = e.good();
  in.legs[0].instrument = core::InstrumentId{999999};
  EXPECT_REJECT(e.check(in), R::kMalformed);
}

TEST(PreTradeChecks, RulesRunInTheDocumentedOrder) {
  // One intent breaking many rules; fixing them one at a time reveals the next in rule_order().
  CheckerEnv e;
  e.lim.max_positions = 1;
  e.lim.max_notional = 10;
  e.lim.require_analytics_heartbeat = true;
  e.rebuild();
  e.hold(e.opt("QQQ   251121C00600000"), 1, "1.00");  // MAX_POSITIONS
  e.mkt.set_vix(35, e.now);                           // VIX_LIMIT
  const core::Timestamp late = e.et({14, 45, 0});     // TRADING_WINDOW + stale quotes
  auto in = e.buy(e.spy_call, 7, "1.50");             // QTY_LIMIT, PRICE_BAND
  std::vector<RejectReason> seen;
  for (int i = 0; i < 12; ++i) {
    const auto v = e.chk->check(in, late, TradingState::kActive);
    if (v.approved()) break;
    seen.push_back(v.reason);
    switch (v.reason) {
      case R::kMaxPositions:
        e.lim.max_positions = 3;
        e.rebuild();
        break;
      case R::kQtyLimit:
        in.quantity = core::Quantity{1};
        break;
      case R::kPriceBand:
        in.limit_price = px("1.16");
        break;  // inside band, fat finger
      case R::kVixLimit:
        e.mkt.set_vix(20, e.now);
        break;
      case R::kTradingWindow:
        e.lim.no_entry_after = {15, 0, 0};
        e.rebuild();
        break;
      case R::kStaleData:
        if (e.mkt.find(e.spy_call)->quote_ts < late) {
          e.mkt.on_quote(e.spy_call, px("0.95"), px("1.05"), late);
        } else {
          e.mkt.set_analytics_heartbeat(late);
        }
        break;
      case R::kFatFinger:
        in.limit_price = px("1.05");
        break;
      case R::kMaxNotional:
        e.lim.max_notional = 1e6;
        e.rebuild();
        break;
      default:
        FAIL() << "unexpected " << to_string(v.reason);
    }
  }
  const std::vector<RejectReason> want = {R::kMaxPositions, R::kQtyLimit,      R::kPriceBand,
                                          R::kVixLimit,     R::kTradingWindow, R::kStaleData,
                                          R::kStaleData,    R::kFatFinger,     R::kMaxNotional};
  EXPECT_EQ(seen, want);
  // And the sequence is a subsequence of rule_order().
  const auto order = PreTradeChecker::rule_order();
  std::size_t pos = 0;
  for (auto r : seen) {
    while (pos < order.size() && order[pos] != r)
      ++pos;
    ASSERT_LT(pos, order.size()) << to_string(r) << " out of order";
  }
  EXPECT_PASS(e.chk->check(in, late, TradingState::kActive));
}

TEST(PreTradeChecks, MultiLegPackage) {
  CheckerEnv e;  // a call vertical: buy 660C (mid 1.00), sell 665C (mid 0.50): net debit 0.50
  const auto c2 = e.opt("SPY   251121C00665000");
  e.quote(c2, "0.45", "0.55");
  e.greeks(c2, 0.3, 0.04, -0.4);
  model::OrderIntent in = e.good();
  in.order_class = model::OrderClass::kMultiLeg;
  in.leg_count = 2;
  in.legs[1] = model::OrderLeg{c2, Side::kSell, 1, model::PositionIntent::kAuto};
  in.limit_price = px("0.50");
  EXPECT_PASS(e.check(in));
  in.limit_price = px("0.80");  // 0.30 from 0.50 = 20% of the gross 1.50
  e.lim.fat_finger_pct = 100;
  e.rebuild();
  EXPECT_PASS(e.check(in));
  in.limit_price = px("0.81");
  EXPECT_REJECT(e.check(in), R::kPriceBand);
}

}  // namespace
}  // namespace zerodte::risk::testing
