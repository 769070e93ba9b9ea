// adx_trend (seed 004) on scripted daily / hourly / minute bars: NIFTY weekly options on NSE and
// SPY 0DTE options, the exact entry, each exit of the seed's exit tree, and the stay-out cases.
#include <gtest/gtest.h>

#include "scenario.hpp"
#include "zerodte/strategy/builtin/adx_trend.hpp"

namespace zerodte::strategy {
namespace {

using core::TimeOfDay;
using testing::px;
using testing::Scenario;

enum class Trend { kUp, kDown, kFlat };

struct AdxScenario : ::testing::Test {
  AdxScenario() : sc(core::Date{2024, 11, 19}, core::Market::kNse) {
    nifty = *sc.reg.intern_index("NIFTY", core::Market::kNse);
    vix = *sc.reg.intern_index("INDIAVIX", core::Market::kNse);
    for (const core::Date ex : {core::Date{2024, 11, 21}, core::Date{2024, 11, 28}}) {
      for (int k = 23400; k <= 23700; k += 50) {
        const auto strike = core::Price::from_units(k);
        ce[ex][k] = *sc.reg.intern_nse_index_option("NIFTY", ex, model::OptionRight::kCall, strike);
        pe[ex][k] = *sc.reg.intern_nse_index_option("NIFTY", ex, model::OptionRight::kPut, strike);
      }
    }
    lot = sc.reg.get(ce[next_week][23550]).lot_size;
  }

  // 40 daily bars before today and 42 hourly bars (6 a day over the 7 days before today).
  void history(Trend daily, Trend hourly) {
    std::vector<core::Date> days;
    core::Date d = sc.day;
    for (int i = 0; i < 40; ++i)
      days.insert(days.begin(), d = sc.cal.previous_trading_day(d));
    for (int i = 0; i < 40; ++i) {
      double o = 21900 + 40.0 * i;
      if (daily == Trend::kDown) o = 25500 - 40.0 * i;
      if (daily == Trend::kFlat) o = 23000 + (i % 2 == 0 ? 50 : -50);
      const double h = daily == Trend::kUp ? o + 120 : (daily == Trend::kDown ? o + 20 : o + 60);
      const double l = daily == Trend::kUp ? o - 20 : (daily == Trend::kDown ? o - 120 : o - 60);
      const double c = daily == Trend::kUp ? o + 100 : (daily == Trend::kDown ? o - 100 : o);
      const auto b = sc.bar(nifty, sc.at(days[i], {9, 15, 0}), 22500, o, h, l, c);
      sc.dispatch_at(b.close_time(), engine::Event{b});
    }
    int j = 0;
    for (int day = 33; day < 40; ++day) {
      for (int hr = 0; hr < 6; ++hr, ++j) {
        const double o = hourly == Trend::kUp ? 23070 + 10.0 * j : 23900 - 10.0 * j;
        const double h = hourly == Trend::kUp ? o + 15 : o + 5;
        const double l = hourly == Trend::kUp ? o - 5 : o - 15;
        const double c = hourly == Trend::kUp ? o + 10 : o - 10;
        const auto b = sc.bar(nifty, sc.at(days[day], {9 + hr, 15, 0}), 3600, o, h, l, c);
        sc.dispatch_at(b.close_time(), engine::Event{b});
      }
    }
  }
  void quotes(std::int64_t oi = 50000) {
    sc.set_time(sc.at({9, 15, 0}));
    for (const auto ex : {this_week, next_week}) {
      for (int k = 23400; k <= 23700; k += 50) {
        const double c = 180 + (23550 - k) * 0.5;
        const double p = 170 + (k - 23550) * 0.5;
        sc.option_quote(ce[ex][k], c, c + 1.5, -5, oi, 1000, 0.5);
        sc.option_quote(pe[ex][k], p, p + 1.5, -5, oi, 1000, -0.5);
      }
    }
  }
  // Today's minute bars 09:15..10:14 rising 1 point a minute from 23500.
  void first_hour() {
    for (int i = 0; i < 60; ++i) {
      sc.minute(nifty, {9 + (15 + i) / 60, (15 + i) % 60, 0}, 23500 + i, 1000, 23500 + i,
                23499 + i);
    }
  }
  void minute(TimeOfDay t, double close, std::int64_t volume = 1000) {
    sc.minute(nifty, t, close, volume, close, close - 1);
  }
  // Up history, first hour, then the 10:16 breakout with volume: one entry.
  void enter(std::int64_t lots = 1) {
    core::config::ConfigTable o;
    o.set("lots", lots);
    sc.start("adx_trend", o);
    history(Trend::kUp, Trend::kUp);
    quotes();
    first_hour();
    minute({10, 15, 0}, 23560);
    minute({10, 16, 0}, 23570, 2500);
    ASSERT_EQ(sc.gw.intents.size(), 1u);
    sc.fill(sc.gw.intents[0], Scenario::cid(1), 181.5);
  }
  const model::OrderIntent& last() { return sc.gw.intents.back(); }

  Scenario sc;
  core::InstrumentId nifty, vix;
  const core::Date this_week{2024, 11, 21};
  const core::Date next_week{2024, 11, 28};
  std::map<core::Date, std::map<int, core::InstrumentId>> ce, pe;
  std::int64_t lot = 0;
};

TEST_F(AdxScenario, DailyUpHourlyAlignedBreakoutBuysTheNextWeekAtmCall) {
  auto* s = dynamic_cast<builtin::AdxTrend*>(sc.start("adx_trend"));
  ASSERT_NE(s, nullptr);
  history(Trend::kUp, Trend::kUp);
  EXPECT_EQ(s->day_direction(), Direction::kLong);
  EXPECT_TRUE(s->hourly_aligned());
  quotes();
  first_hour();
  // Breakouts before 10:00 are outside the window; from 10:00 the volume filter refuses them.
  ASSERT_EQ(sc.sink.suppressions.size(), 2u);
  EXPECT_EQ(sc.sink.suppressions[0].reason, "outside_window");
  EXPECT_EQ(sc.sink.suppressions[1].reason, "low_volume");
  EXPECT_EQ(sc.sink.suppressions[1].detail, "1m volume 100% of its average <= 120%");
  EXPECT_TRUE(sc.gw.intents.empty());
  minute({10, 15, 0}, 23560);        // breaks the 09:15 hour's high 23559, volume 100%
  minute({10, 16, 0}, 23570, 2500);  // 250% of average
  ASSERT_EQ(sc.gw.intents.size(), 1u);
  const auto& in = last();
  // Spot 23570 -> ATM 23550; 21 Nov is 2 days away (<= 3): the 28 Nov weekly.
  EXPECT_EQ(in.legs[0].instrument, ce[next_week][23550]);
  EXPECT_EQ(sc.reg.get(in.legs[0].instrument).symbol_view(), "NIFTY28NOV2423550CE");
  EXPECT_EQ(in.legs[0].side, model::Side::kBuy);
  EXPECT_EQ(lot, *sc.reg.nse_contracts().lot_size("NIFTY", next_week));
  EXPECT_GT(lot, 1);
  EXPECT_EQ(in.quantity.value, lot);
  EXPECT_EQ(in.limit_price, px(181.50));  // the ask
  EXPECT_EQ(in.tif, model::TimeInForce::kDay);
  EXPECT_EQ(in.tag.view(), "adx CE breakout");
  const Signal& sig = sc.sink.signals.back();
  ASSERT_EQ(sig.triggered_by.size(), 3u);
  EXPECT_EQ(sig.triggered_by[0].source, "adx_daily");
  EXPECT_NE(sig.triggered_by[0].detail.find("-> CE"), std::string::npos);
  EXPECT_EQ(sig.triggered_by[2].detail, "1m close 23570.00 above last hourly high 23559.00");
}

TEST_F(AdxScenario, UnderlyingStopLoss) {
  enter();
  sc.option_quote(ce[next_week][23550], 120.0, 121.0);
  minute({10, 17, 0}, 23340);  // -0.98%: holds
  EXPECT_EQ(sc.gw.intents.size(), 1u);
  minute({10, 18, 0}, 23330);  // -1.02%
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  EXPECT_EQ(last().legs[0].side, model::Side::kSell);
  EXPECT_EQ(last().quantity.value, lot);
  EXPECT_EQ(last().limit_price, px(120.0));
  EXPECT_TRUE(last().reduce_only);
  EXPECT_EQ(last().tag.view(), "stop_loss");
}

TEST_F(AdxScenario, HalfAtOneToOneThenTrailingStop) {
  enter(2);
  EXPECT_EQ(sc.gw.intents[0].quantity.value, 2 * lot);
  sc.option_quote(ce[next_week][23550], 300.0, 301.0);
  minute({10, 17, 0}, 23810);  // +1.02% = 1:1
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  EXPECT_EQ(last().tag.view(), "partial_profit");
  EXPECT_EQ(last().quantity.value, lot);
  EXPECT_EQ(last().limit_price, px(300.0));
  sc.fill(last(), Scenario::cid(2), 300.0);
  minute({10, 18, 0}, 23820);  // best 23820: trail 23581.8
  minute({10, 19, 0}, 23590);
  EXPECT_EQ(sc.gw.intents.size(), 2u);
  minute({10, 20, 0}, 23580);
  ASSERT_EQ(sc.gw.intents.size(), 3u);
  EXPECT_EQ(last().tag.view(), "trailing_stop");
  EXPECT_EQ(last().quantity.value, lot);
}

TEST_F(AdxScenario, TargetThreePercent) {
  enter();
  minute({10, 17, 0}, 24280);  // +3.01%
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  EXPECT_EQ(last().tag.view(), "target");
  EXPECT_EQ(last().quantity.value, lot);
}

TEST_F(AdxScenario, MarketCloseAt1520) {
  enter();
  sc.option_quote(ce[next_week][23550], 190.0, 191.0);  // in profit: no time exit before
  minute({15, 18, 0}, 23575);
  EXPECT_EQ(sc.gw.intents.size(), 1u);
  minute({15, 19, 0}, 23575);  // closes 15:20
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  EXPECT_EQ(last().tag.view(), "market_close");
}

TEST_F(AdxScenario, VolumeDryingUpFor15Minutes) {
  enter();
  for (int i = 0; i < 15; ++i)
    minute({10, 17 + i, 0}, 23575, 100);
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  EXPECT_EQ(last().tag.view(), "volume_dry");
  EXPECT_EQ(sc.sink.signals.back().triggered_by[0].detail.substr(0, 47),
            "volume below 50% of average for 15 minutes (now");
}

TEST_F(AdxScenario, HeldOverTwoHoursWithoutProfit) {
  enter();
  sc.option_quote(ce[next_week][23550], 181.0, 182.0);  // mid 181.50 = entry: no profit, no loss
  for (int m = 17; m <= 137; ++m)
    minute({10 + m / 60, m % 60, 0}, 23575);
  ASSERT_EQ(sc.gw.intents.size(), 2u);
  EXPECT_EQ(last().tag.view(), "max_hold");
}

TEST_F(AdxScenario, HeldOverAnHourAtALoss) {
  enter();
  sc.option_quote(ce[next_week][23550], 170.0, 171.0);  // mid 170.50 < 181.50
  for (int m = 17; m <= 77; ++m)
    minute({10 + m / 60, m % 60, 0}, 23575);
  ASSERT_EQ(sc.gw.intents.size(), 2u) << sc.sink.signals.back().action;
  EXPECT_EQ(last().tag.view(), "time_decay");
  EXPECT_NE(sc.sink.signals.back().triggered_by[0].detail.find("held 61 min at a loss"),
            std::string::npos);
}

TEST_F(AdxScenario, NoTradeDayWhenDailyAdxIsWeak) {
  auto* s = dynamic_cast<builtin::AdxTrend*>(sc.start("adx_trend"));
  history(Trend::kFlat, Trend::kUp);
  EXPECT_EQ(s->day_direction(), Direction::kFlat);
  quotes();
  first_hour();
  minute({10, 16, 0}, 23570, 2500);
  EXPECT_TRUE(sc.gw.intents.empty());
  ASSERT_EQ(sc.sink.suppressions.size(), 1u);
  EXPECT_EQ(sc.sink.suppressions[0].reason, "no_trade_day");
  EXPECT_NE(sc.sink.suppressions[0].detail.find("< min_adx 25"), std::string::npos);
}

TEST_F(AdxScenario, HourlyNotAligned) {
  sc.start("adx_trend");
  history(Trend::kUp, Trend::kDown);
  quotes();
  first_hour();
  minute({10, 16, 0}, 23570, 2500);
  EXPECT_TRUE(sc.gw.intents.empty());
  EXPECT_EQ(sc.sink.suppressions.back().reason, "hourly_not_aligned");
}

TEST_F(AdxScenario, VixAtOrAbove30) {
  sc.start("adx_trend");
  history(Trend::kUp, Trend::kUp);
  quotes();
  model::Trade t;
  t.hdr.instrument = vix;
  t.hdr.ts_event = sc.at({9, 15, 0});
  t.price = px(31.0);
  sc.kernel.dispatch(engine::Event{t});
  first_hour();
  minute({10, 16, 0}, 23570, 2500);
  EXPECT_TRUE(sc.gw.intents.empty());
  EXPECT_EQ(sc.sink.suppressions.back().reason, "vix_filter");
  EXPECT_EQ(sc.sink.suppressions.back().detail, "VIX 31.00 >= max_vix 30");
}

TEST_F(AdxScenario, ContractFiltersFailOnOpenInterest) {
  sc.start("adx_trend");
  history(Trend::kUp, Trend::kUp);
  quotes(500);
  first_hour();
  minute({10, 16, 0}, 23570, 2500);
  EXPECT_TRUE(sc.gw.intents.empty());
  EXPECT_EQ(sc.sink.suppressions.back().reason, "filters_failed");
  const std::string& d = sc.sink.suppressions.back().detail;
  EXPECT_NE(d.find("23550: open interest 500 < min_open_interest 1000"), std::string::npos) << d;
  EXPECT_NE(d.find("23600: "), std::string::npos) << d;
  EXPECT_NE(d.find("23500: "), std::string::npos) << d;
}

TEST_F(AdxScenario, FallsBackToAtmPlusOneWhenAtmHasNoVolume) {
  sc.start("adx_trend");
  history(Trend::kUp, Trend::kUp);
  quotes();
  sc.option_quote(ce[next_week][23550], 180, 181.5, -5, 50000, 0);  // volume 0
  first_hour();
  minute({10, 16, 0}, 23570, 2500);
  ASSERT_EQ(sc.gw.intents.size(), 1u);
  EXPECT_EQ(last().legs[0].instrument, ce[next_week][23600]);  // 30 from spot vs 23500's 70
  EXPECT_EQ(last().limit_price, px(156.50));
}

// The same strategy on a US underlying: SPY 0DTE, lot size 1.
TEST(AdxTrendUs, SpyBreakoutBuysTheZeroDteCall) {
  Scenario sc(core::Date{2025, 3, 14});
  const auto spy = *sc.reg.intern_etf("SPY");
  std::map<int, core::InstrumentId> calls;
  for (int k = 560; k <= 570; ++k) {
    calls[k] = *sc.reg.intern_option(fmt::format("SPY   250314C00{}000", k));
    (void)sc.reg.intern_option(fmt::format("SPY   250321C00{}000", k));
  }
  core::config::ConfigTable o;
  o.set("symbol", std::string("SPY"));
  o.set("market", std::string("nyse"));
  o.set("vix_symbol", std::string("VIX"));
  o.set("exit_days_to_expiry", std::int64_t{-1});
  o.set("exit_time", core::TimeOfDay{15, 50, 0});
  sc.start("adx_trend", o);
  core::Date d = sc.day;
  std::vector<core::Date> days;
  for (int i = 0; i < 40; ++i)
    days.insert(days.begin(), d = sc.cal.previous_trading_day(d));
  for (int i = 0; i < 40; ++i) {
    const double op = 520 + i;
    const auto b = sc.bar(spy, sc.at(days[i], {9, 30, 0}), 23400, op, op + 3, op - 0.5, op + 2.5);
    sc.dispatch_at(b.close_time(), engine::Event{b});
  }
  for (int j = 0; j < 35; ++j) {
    const double op = 555 + 0.2 * j;
    const auto b = sc.bar(spy, sc.at(days[33 + j / 5], {10 + j % 5, 30, 0}), 3600, op, op + 0.3,
                          op - 0.1, op + 0.2);
    sc.dispatch_at(b.close_time(), engine::Event{b});
  }
  sc.set_time(sc.at({9, 30, 0}));
  for (int k = 560; k <= 570; ++k)
    sc.option_quote(calls[k], 3.0 + (565 - k) * 0.5, 3.1 + (565 - k) * 0.5);
  for (int i = 0; i < 61; ++i) {
    const double c = 562 + 0.05 * i;  // 09:30..10:30, hour high at 10:29 = 564.95
    sc.minute(spy, {9 + (30 + i) / 60, (30 + i) % 60, 0}, c, 1000, c, c - 0.02);
  }
  EXPECT_TRUE(sc.gw.intents.empty());
  sc.minute(spy, {10, 31, 0}, 565.20, 3000, 565.20, 565.0);
  ASSERT_EQ(sc.gw.intents.size(), 1u);
  EXPECT_EQ(sc.gw.intents[0].legs[0].instrument, calls[565]);
  EXPECT_EQ(sc.gw.intents[0].quantity.value, 1);
  EXPECT_EQ(sc.gw.intents[0].limit_price, px(3.10));
}

}  // namespace
}  // namespace zerodte::strategy
