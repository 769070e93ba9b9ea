#pragma once
// A checker over a registry, a portfolio and a market cache on Friday 2025-11-21 (NYSE, regular
// day), 11:00 New York time, with a "good" intent (buy 1 SPY 660 call at the mid) that passes
// every rule. Each test changes one input to move one rule across its threshold.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "zerodte/core/calendar.hpp"
#include "zerodte/portfolio/portfolio.hpp"
#include "zerodte/risk/pre_trade_checks.hpp"

namespace zerodte::risk::testing {

inline core::Price px(std::string_view s) {
  return *core::Price::parse(s);
}

struct CheckerEnv {
  static constexpr core::Date kDay{2025, 11, 21};
  const core::TradingCalendar& cal = calendar();
  model::InstrumentRegistry reg;
  portfolio::Portfolio pf;
  MarketCache mkt;
  PreTradeLimits lim;
  std::unique_ptr<PreTradeChecker> chk;
  core::Timestamp now;
  core::InstrumentId spy_call, spy_put, spy;
  std::uint64_t exec_seq = 0;
  std::uint64_t signal = 0;

  static const core::TradingCalendar& calendar() {
    static const core::TradingCalendar c = core::TradingCalendar::nyse();
    return c;
  }
  explicit CheckerEnv(std::string_view cash = "100000") : pf(reg, px(cash)) {
    now = et({11, 0, 0});
    pf.start_day(kDay);
    spy_call = opt("SPY   251121C00660000");
    spy_put = opt("SPY   251121P00660000");
    spy = reg.get(spy_call).underlying_id;
    quote(spy, "659.99", "660.01");
    quote(spy_call, "0.95", "1.05");
    quote(spy_put, "0.95", "1.05");
    greeks(spy_call, 0.5, 0.05, -0.5);
    greeks(spy_put, -0.5, 0.05, -0.5);
    mkt.set_vix(18, now);
    rebuild();
  }
  void rebuild() { chk = std::make_unique<PreTradeChecker>(reg, pf, mkt, cal, lim); }

  core::Timestamp et(core::TimeOfDay t) const { return cal.to_utc(kDay, t); }
  core::InstrumentId opt(std::string_view occ) { return *reg.intern_option(occ); }
  void quote(core::InstrumentId id, std::string_view bid, std::string_view ask) {
    mkt.on_quote(id, px(bid), px(ask), now);
    pf.on_quote(id, px(bid), px(ask));
  }
  void greeks(core::InstrumentId id, double d, double g, double th) {
    const portfolio::UnitGreeks u{d, g, th, 0.1};
    mkt.set_greeks(id, u);
    pf.set_unit_greeks(id, u);
  }
  // A filled position (no fee), strategy 1 unless told.
  void hold(core::InstrumentId id, std::int64_t qty, std::string_view price,
            std::uint16_t strategy = 1, std::uint64_t group = 0) {
    model::Fill f;
    f.instrument = id;
    f.side = qty > 0 ? model::Side::kBuy : model::Side::kSell;
    f.quantity = core::Quantity{std::abs(qty)};
    f.price = px(price);
    f.fee = core::Price::zero();
    f.exec_id = fmt::format("X{}", ++exec_seq);
    ASSERT_TRUE(pf.apply_fill(f, core::StrategyId{strategy}, group));
  }
  model::OrderIntent buy(core::InstrumentId id, std::int64_t qty, std::string_view limit,
                         model::Side side = model::Side::kBuy) {
    model::OrderIntent in;
    in.strategy = core::StrategyId{1};
    in.signal_id = ++signal;
    in.legs[0] = model::OrderLeg{id, side, 1, model::PositionIntent::kAuto};
    in.leg_count = 1;
    in.quantity = core::Quantity{qty};
    in.type = model::OrderType::kLimit;
    in.limit_price = px(limit);
    in.stop_price = core::Price::undefined();
    return in;
  }
  model::OrderIntent good() { return buy(spy_call, 1, "1.00"); }
  RiskVerdict check(const model::OrderIntent& in, TradingState s = TradingState::kActive) {
    return chk->check(in, now, s);
  }
};

#define EXPECT_PASS(v) \
  EXPECT_TRUE((v).approved()) << to_string((v).reason) << ": " << (v).details.view()
#define EXPECT_REJECT(v, r)                                               \
  do {                                                                    \
    const auto vv_ = (v);                                                 \
    EXPECT_FALSE(vv_.approved());                                         \
    EXPECT_EQ(to_string(vv_.reason), to_string(r)) << vv_.details.view(); \
    EXPECT_FALSE(vv_.details.view().empty());                             \
  } while (0)

}  // namespace zerodte::risk::testing
