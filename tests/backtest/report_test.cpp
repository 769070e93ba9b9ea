// The result files: columns, one trades.csv row per fill, orders.csv with risk rejects and their
// reasons, and a report page that needs no network.
#include <gtest/gtest.h>
#include <unistd.h>

#include "backtest/backtest_fixture.hpp"

namespace zerodte::testing {
namespace {

namespace fs = std::filesystem;

std::size_t lines(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

TEST(Report, FilesHoldEveryFillOrderAndRejectAndThePageIsSelfContained) {
  const fs::path dir = temp_dir("report");
  auto spec = bar_spec(core::Date{2024, 8, 26}, core::Date{2024, 8, 26});
  spec.risk.limits.pre.no_entry_after = core::TimeOfDay{12, 0, 0};  // later entries: risk rejects
  ProbeConfig pc;
  pc.every_n_bars = 25;
  pc.hold_bars = 4;
  auto run = run_probe(std::move(spec), pc, dir);
  const auto& rec = *run.result.recorder;
  ASSERT_GT(rec.trades().size(), 2u);

  const std::string trades = slurp(dir / "trades.csv");
  EXPECT_EQ(lines(trades), rec.trades().size() + 1);
  EXPECT_EQ(trades.rfind("seq,time_et,strategy,signal_id,client_order_id,", 0), 0u);
  EXPECT_NE(trades.find("probe entry"), std::string::npos);

  const std::string orders = slurp(dir / "orders.csv");
  EXPECT_NE(orders.find("risk_rejected:TRADING_WINDOW"), std::string::npos) << orders;
  EXPECT_GT(run.result.metrics.risk_rejects, 0);

  const std::string equity = slurp(dir / "equity.csv");
  EXPECT_GE(lines(equity), 390u);  // a sample a minute through the session

  const std::string metrics = slurp(dir / "metrics.json");
  for (const char* key :
       {"\"total_return\"", "\"cagr\"", "\"sharpe\"", "\"sortino\"", "\"max_drawdown\"",
        "\"max_drawdown_duration_days\"", "\"win_rate\"", "\"avg_win\"", "\"avg_loss\"",
        "\"profit_factor\"", "\"expectancy\"", "\"exposure\"", "\"trades_per_day\"", "\"fees\"",
        "\"slippage_vs_mid\"", "\"per_strategy\"", "\"per_underlying\"",
        "\"signal_to_fill_latency_ms\"", "\"reconciliation\""}) {
    EXPECT_NE(metrics.find(key), std::string::npos) << key;
  }

  const std::string html = slurp(dir / "report.html");
  for (const char* net : {"http://", "https://", "src=", "url(", "@import"})
    EXPECT_EQ(html.find(net), std::string::npos) << "the page must not load anything: " << net;
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  for (const char* id : {"id=\"equity\"", "id=\"drawdown\"", "id=\"daily\"", "id=\"price\"",
                         "id=\"greeks\"", "id=\"metrics\"", "id=\"data\""})
    EXPECT_NE(html.find(id), std::string::npos) << id;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace zerodte::testing
