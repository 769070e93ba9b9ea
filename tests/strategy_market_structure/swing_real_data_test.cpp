// swing end to end over two years of real daily bars (SPY, QQQ, IWM 2024-04 .. 2026-03, Tiingo via
// zhangjing02/StockDataSave; ../shared/data/bars/SOURCES.md) through the real StrategyHost, with
// a minimal limit-order venue in the test: a working buy limit fills on a later bar whose low
// reaches it (at the better of the limit and the open), a sell limit when the high reaches it;
// cancels are confirmed. Checks: the strategy trades, every signal names its evidence, every
// entry is a 25/50/25 GTC ladder, no swing is held beyond the max hold, positions never exceed
// what was ordered, and the book ends flat or within the hold limit.
#include <gtest/gtest.h>

#include <algorithm>

#include "harness.hpp"
#include "zerodte/analytics/bar_csv.hpp"

namespace zerodte::strategy::ms_test {
namespace {

TEST(SwingRealData, TwoYearsOfSpyQqqIwmDailyBars) {
  const std::string dir = std::string(ZERODTE_SHARED_DATA) + "/bars/daily/";
  const char* syms[] = {"SPY", "QQQ", "IWM"};
  Harness h(core::Date{2024, 3, 28}, {9, 0, 0});
  std::vector<model::Bar> all;
  std::map<std::uint32_t, std::string> names;
  for (const char* s : syms) {
    const auto id = *h.reg.intern_etf(s);
    names[id.value] = s;
    analytics::BarCsvOptions o;
    o.instrument = id;
    auto series = analytics::read_bar_csv(dir + "stockdatasave_" + s + "_1d_2024-2026.csv", o);
    ASSERT_TRUE(series.has_value()) << series.error().message;
    ASSERT_GT(series->bars.size(), 490u);
    all.insert(all.end(), series->bars.begin(), series->bars.end());
  }
  std::stable_sort(all.begin(), all.end(), [](const model::Bar& a, const model::Bar& b) {
    return a.close_time() < b.close_time();
  });
  core::config::ConfigTable cfg;
  cfg.set("symbols", std::vector<std::string>{"SPY", "QQQ", "IWM"});
  cfg.set("pullback_rsi", 45.0);  // index ETFs rarely reach RSI 40 above a rising EMA50
  h.start("swing", cfg);

  struct Working {
    std::size_t intent;
    bool done = false;
  };
  std::vector<Working> working;
  std::size_t seen_intents = 0, seen_cancels = 0, fills = 0;
  std::map<std::uint32_t, std::int64_t> ordered, position;
  std::map<std::uint32_t, core::Timestamp> opened;
  int max_hold_seen = 0;
  auto finish = [&](std::size_t i, model::OrderStatus st) {
    model::OrderUpdate u;
    u.client_order_id = h.order_id(i);
    u.status = st;
    u.ts_event = u.ts_recv = h.clock.now();
    h.kernel.dispatch(engine::Event{u});
  };
  for (const auto& bar : all) {
    h.advance(bar.hdr.ts_event);
    // New intents become working orders; recorded cancels are confirmed.
    for (; seen_intents < h.gw.intents.size(); ++seen_intents) {
      const auto& in = h.gw.intents[seen_intents];
      if (!in.reduce_only) {
        EXPECT_EQ(in.tif, model::TimeInForce::kGtc);
        ordered[in.legs[0].instrument.value] += in.quantity.value;
      }
      working.push_back({seen_intents});
    }
    for (; seen_cancels < h.gw.cancels.size(); ++seen_cancels)
      for (auto& w : working)
        if (!w.done && h.order_id(w.intent) == h.gw.cancels[seen_cancels]) {
          w.done = true;
          finish(w.intent, model::OrderStatus::kCancelled);
        }
    // Fills on this bar.
    for (auto& w : working) {
      const auto& in = h.gw.intents[w.intent];
      if (w.done || in.legs[0].instrument != bar.hdr.instrument) continue;
      const bool buy = in.legs[0].side == model::Side::kBuy;
      const bool touched = buy ? bar.low <= in.limit_price : bar.high >= in.limit_price;
      if (!touched) continue;
      const core::Price price =
          buy ? std::min(in.limit_price, bar.open) : std::max(in.limit_price, bar.open);
      const auto id = in.legs[0].instrument.value;
      const std::int64_t qty =
          in.reduce_only ? std::min(in.quantity.value, position[id]) : in.quantity.value;
      if (qty > 0) {
        model::Fill f;
        f.client_order_id = h.order_id(w.intent);
        f.exec_id = core::FixedString<48>(fmt::format("e{}", ++fills));
        f.instrument = in.legs[0].instrument;
        f.side = in.legs[0].side;
        f.quantity = core::Quantity{qty};
        f.price = price;
        f.ts_event = f.ts_recv = h.clock.now();
        h.kernel.dispatch(engine::Event{f});
        if (position[id] == 0) opened[id] = h.clock.now();
        position[id] += buy ? qty : -qty;
        EXPECT_LE(position[id], ordered[id]) << names[id];
        if (position[id] == 0) {
          const auto days = (h.clock.now() - opened[id]).count() / core::kNanosPerDay;
          max_hold_seen = std::max(max_hold_seen, static_cast<int>(days));
        }
      }
      w.done = true;
      finish(w.intent, model::OrderStatus::kFilled);
    }
    h.bar(bar.hdr.instrument, bar.hdr.ts_event, bar.open.to_double(), bar.high.to_double(),
          bar.low.to_double(), bar.close.to_double(), bar.volume, bar.interval_s);
  }
  std::size_t entries = 0, exits = 0;
  for (const auto& s : h.sink.signals) {
    ASSERT_FALSE(s.triggered_by.empty()) << s.action;
    if (s.direction == Direction::kFlat) {
      ++exits;
      EXPECT_EQ(s.triggered_by[0].source, "swing_exit");
    } else {
      ++entries;
      EXPECT_EQ(s.triggered_by[0].source, "swing_setup");
      EXPECT_EQ(s.triggered_by[1].source, "htf_regime");
      EXPECT_NE(s.action.find("GTC ladder"), std::string::npos);
    }
  }
  // Two years of three ETFs produce swings (13 entries, 11 exits when written) and exits.
  EXPECT_GE(entries, 6u);
  EXPECT_GE(exits, 5u);
  // 10 sessions (+ the exit fill the next session, + weekends/holidays) in calendar days.
  EXPECT_LE(max_hold_seen, 20);
  // Ladders: three rungs 25/50/25 from one signal.
  for (std::size_t i = 0; i + 2 < h.gw.intents.size(); ++i) {
    const auto& a = h.gw.intents[i];
    if (a.reduce_only || a.intent_seq != 1) continue;
    const auto& b = h.gw.intents[i + 1];
    const auto& c = h.gw.intents[i + 2];
    ASSERT_EQ(b.signal_id, a.signal_id);
    ASSERT_EQ(c.signal_id, a.signal_id);
    const auto q = a.quantity.value + b.quantity.value + c.quantity.value;
    EXPECT_EQ(a.quantity.value, q / 4);
    EXPECT_EQ(b.quantity.value, q / 2);
  }
  RecordProperty("entries", static_cast<int>(entries));
  RecordProperty("exits", static_cast<int>(exits));
  std::cout << "swing over real daily bars: " << entries << " entries, " << exits << " exits, "
            << fills << " fills, longest hold " << max_hold_seen << " days, "
            << h.sink.suppressions.size() << " suppressions\n";
}

}  // namespace
}  // namespace zerodte::strategy::ms_test
