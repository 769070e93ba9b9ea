#pragma once
// The backtest driver: a session::TradingSession (the same wiring `zerodte run` uses) replayed
// as fast as possible, with a ResultsRecorder attached last, then metrics and result files.
// There is no second implementation of anything here: strategies, risk, the order manager and
// the paper venue are the live ones.
#include <filesystem>
#include <functional>
#include <memory>

#include "zerodte/backtest/metrics.hpp"
#include "zerodte/backtest/report_writer.hpp"
#include "zerodte/backtest/results_recorder.hpp"
#include "zerodte/session/trading_session.hpp"

namespace zerodte::backtest {

struct BacktestOptions {
  session::SessionSpec spec;
  session::SessionHooks hooks;
  // Strategies (and anything else) attached to the session before the recorder; may set
  // recorder.strategy_name.
  std::function<core::Status(session::TradingSession&, RecorderConfig&)> attach;
  RecorderConfig recorder;
  std::filesystem::path report_dir;  // empty: no files
  ReportInfo report;
  bool progress = false;  // a progress line on stderr (callers pass isatty(stderr))
  core::Timestamp end = core::Timestamp::max();
};

struct BacktestResult {
  Metrics metrics;
  std::uint64_t events = 0;
  double wall_seconds = 0;
  std::unique_ptr<session::TradingSession> session;  // kept for inspection (tests, tools)
  std::shared_ptr<ResultsRecorder> recorder;
};

core::Result<BacktestResult> run_backtest(BacktestOptions options);

}  // namespace zerodte::backtest
