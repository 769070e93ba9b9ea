#pragma once
// Writes a backtest's results into a directory:
//   metrics.json  deterministic metrics (metrics.hpp)
//   trades.csv    every fill: time, strategy, signal id, order id, symbol, side, qty, price, fee,
//                 realised P&L, mid, slippage, signal-to-fill latency, explanation
//   equity.csv    equity samples with cash, P&L, fees, drawdown, Greeks, underlying price
//   orders.csv    every order (status, fills, reason) and every intent risk rejected
//   report.html   one self-contained page: equity curve, drawdown, daily P&L histogram, trades on
//                 the underlying's price, Greeks exposure, metrics table. The data is embedded
//                 as JSON and drawn on <canvas> by inline script; it loads nothing.
// Every byte is a function of the results (no wall-clock times), so equal runs give equal files.
#include <filesystem>
#include <map>
#include <string>

#include "zerodte/backtest/metrics.hpp"
#include "zerodte/backtest/results_recorder.hpp"

namespace zerodte::backtest {

struct ReportInfo {
  std::string title;                        // "zerodte backtest: config/backtest.toml"
  std::map<std::string, std::string> info;  // extra key/values for metrics.json and the page
};

core::Status write_results(const std::filesystem::path& dir, const ResultsRecorder& rec,
                           const Metrics& metrics, const core::TradingCalendar& cal,
                           const ReportInfo& report);

// The HTML page alone (exposed for tests).
std::string report_html(const ResultsRecorder& rec, const Metrics& metrics,
                        const core::TradingCalendar& cal, const ReportInfo& report);

}  // namespace zerodte::backtest
