// Backtest driver end to end on real SPY minute bars with generated chains: determinism, P&L
// reconciliation (fees, slippage), no look-ahead, expiry P&L of a held 0DTE call.
#include <gtest/gtest.h>
#include <unistd.h>

#include "backtest/backtest_fixture.hpp"
#include "zerodte/analytics/bar_csv.hpp"
#include "zerodte/execution/sim/fee_schedule.hpp"

namespace zerodte::testing {
namespace {

namespace fs = std::filesystem;
using core::Date;

TEST(Backtest, SameInputsGiveByteIdenticalResultFiles) {
  const fs::path a = temp_dir("det_a"), b = temp_dir("det_b");
  ProbeConfig pc;
  pc.every_n_bars = 20;
  auto r1 = run_probe(bar_spec(Date{2024, 8, 26}, Date{2024, 8, 27}), pc, a);
  auto r2 = run_probe(bar_spec(Date{2024, 8, 26}, Date{2024, 8, 27}), pc, b);
  ASSERT_GT(r1.result.metrics.fills, 4);
  for (const char* f : {"metrics.json", "trades.csv", "equity.csv", "orders.csv", "report.html"}) {
    const std::string x = slurp(a / f), y = slurp(b / f);
    EXPECT_FALSE(x.empty()) << f;
    EXPECT_EQ(x, y) << f << " differs between two identical runs";
  }
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(Backtest, TradePnlMinusFeesReconcilesWithTheEquityChange) {
  ProbeConfig pc;
  pc.every_n_bars = 15;
  pc.hold_bars = 7;
  auto run = run_probe(bar_spec(Date{2024, 8, 28}, Date{2024, 8, 28}), pc);
  const auto& m = run.result.metrics;
  const auto& trades = run.result.recorder->trades();
  ASSERT_GE(trades.size(), 6u);
  // Exact, in fixed point: equity change = realised - fees + unrealised.
  EXPECT_EQ(m.reconciliation.difference.raw(), 0) << backtest::metrics_json(m);
  core::Price realized, fees, slip;
  for (const auto& t : trades) {
    realized += t.realized;
    fees += t.fee;
    if (t.strategy == "settlement") continue;
    // Fees from the published schedule, recomputed independently of the venue.
    const auto expect = execution::sim::option_fees(execution::sim::FeeSchedule{}, t.side,
                                                    t.quantity, t.price, 100);
    EXPECT_EQ(t.fee, expect.total()) << t.seq;
    // Touch fills: buys pay above the mid, sells receive below it.
    ASSERT_TRUE(t.mid.is_defined()) << t.seq;
    EXPECT_GT(t.slippage.raw(), 0) << t.seq;
    slip += t.slippage;
  }
  EXPECT_EQ(realized, m.reconciliation.sum_trade_pnl);
  EXPECT_EQ(fees, m.fees);
  EXPECT_EQ(slip, m.slippage);
  const auto& s = run.result.session->portfolio().snapshot();
  EXPECT_EQ((s.equity - m.start_equity).raw(),
            (realized - fees + m.reconciliation.unrealized_end).raw());
  EXPECT_EQ(m.end_equity, s.equity);
}

TEST(Backtest, NoLookAheadAndFillsNoEarlierThanSignalPlusLatency) {
  auto spec = bar_spec(Date{2024, 8, 29}, Date{2024, 8, 29});
  spec.data.latency = std::chrono::seconds(1);
  spec.venue.order_entry_latency = std::chrono::seconds(2);
  ProbeConfig pc;
  pc.every_n_bars = 10;
  pc.hold_bars = 3;
  auto run = run_probe(std::move(spec), pc);
  const auto& probe = *run.probe;
  ASSERT_GT(probe.events_seen(), 1000u);
  EXPECT_EQ(probe.future_events(), 0u) << "an event was visible before its receive time";
  EXPECT_EQ(probe.future_bars(), 0u) << "a bar was visible before it closed";
  ASSERT_GE(probe.signals().size(), 4u);
  const auto& trades = run.result.recorder->trades();
  std::size_t checked = 0;
  for (const auto& t : trades) {
    if (t.signal_id == 0) continue;
    const auto& sig = probe.signals().at(t.signal_id - 1);
    // Decided no earlier than the bar's close + data latency; filled no earlier than the
    // decision + order latency.
    EXPECT_GE(sig.submitted, sig.bar_close + std::chrono::seconds(1));
    EXPECT_GE(t.ts, sig.submitted + std::chrono::seconds(2)) << t.seq;
    ++checked;
  }
  EXPECT_GE(checked, 4u);
}

TEST(Backtest, HeldZeroDteCallSettlesAtTheClose) {
  ProbeConfig pc;
  pc.every_n_bars = 200;  // one entry, ~13:50
  pc.hold_bars = 0;       // hold to expiry
  pc.max_entries = 1;
  const Date day{2024, 8, 30};
  auto run = run_probe(bar_spec(day, day), pc);
  const auto& venue = run.result.session->venue();
  ASSERT_EQ(venue.settlements().size(), 1u);
  const auto& st = venue.settlements().front();
  EXPECT_EQ(st.expiry, day);
  EXPECT_EQ(st.contracts, 1);
  // The settlement value is the last price known at the close: the close of the 15:58 bar
  // (visible at 15:59), read here straight from the CSV.
  auto series = analytics::read_bar_csv(spy_bars());
  ASSERT_TRUE(series.has_value());
  const auto& cal = core::TradingCalendar::nyse();
  core::Price expected_settle;
  for (const auto& b : series->bars) {
    if (cal.local_date(b.hdr.ts_event) == day &&
        cal.local_time(b.hdr.ts_event) == core::TimeOfDay{15, 58, 0})
      expected_settle = b.close;
  }
  EXPECT_EQ(st.settlement_price, expected_settle);
  const auto& trades = run.result.recorder->trades();
  ASSERT_GE(trades.size(), 2u);
  const auto& entry = trades.front();
  ASSERT_EQ(entry.side, model::Side::kBuy);
  const auto* inst = run.result.session->registry().try_get(st.option);
  ASSERT_NE(inst, nullptr);
  const core::Price strike = inst->option->strike;
  const core::Price intrinsic = std::max(expected_settle - strike, core::Price::zero());
  EXPECT_EQ(st.intrinsic, intrinsic);
  // P&L of the round trip: (intrinsic - premium) x 100 - fees, whether it expired worthless or
  // was exercised into shares (marked at the last close, which is the settlement value's bar + 1).
  const auto& m = run.result.metrics;
  core::Price fees;
  for (const auto& t : trades)
    fees += t.fee;
  const auto last = run.result.recorder->equity().back();
  const core::Price last_close =
      core::Price::from_double(last.underlying_price).value_or(core::Price::zero());
  const core::Price share_mark_gain =
      intrinsic > core::Price::zero() ? (last_close - expected_settle) : core::Price::zero();
  const core::Price expect =
      core::Price::from_raw((intrinsic - entry.price + share_mark_gain).raw() * 100 - fees.raw());
  EXPECT_EQ((m.end_equity - m.start_equity).raw(), expect.raw())
      << "strike " << strike.to_string() << " settle " << expected_settle.to_string() << " premium "
      << entry.price.to_string();
  EXPECT_EQ(m.reconciliation.difference.raw(), 0);
  bool settlement_row = false;
  for (const auto& t : trades)
    settlement_row |= t.explanation == "expiry settlement";
  EXPECT_TRUE(settlement_row);
}

}  // namespace
}  // namespace zerodte::testing
