#pragma once
// A backtest from a loaded config (what `zerodte backtest` and every sweep run do):
//   data:       [data] (sim days, or replayed files; --data overrides the paths and implies replay)
//   range:      --from/--to, else [backtest] from/to (required for the simulated market)
//   strategies: every enabled [[strategies]] entry, in a StrategyHost, through risk
//   venue:      the paper venue with [session] fill model, fees and latencies
// Backtests keep risk holds in memory and write no journal (a replay can be re-run).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/backtest/backtest_driver.hpp"
#include "zerodte/core/config/config.hpp"

namespace zerodte::backtest {

// Declares [backtest] (from, to, equity_interval, report_dir); `zerodte backtest` registers it.
void register_backtest_keys(core::config::ConfigSchema& schema);

struct RunRequest {
  std::optional<core::Date> from;
  std::optional<core::Date> to;
  std::vector<std::string> data;  // overrides [data] paths
  std::filesystem::path report_dir;
  bool progress = false;
  session::FileOpener open_file;
  std::string title;
};

core::Result<BacktestResult> run_backtest_config(const core::config::Config& cfg,
                                                 const RunRequest& request);

// The range a request covers after applying [backtest] from/to (either may stay unset).
std::pair<std::optional<core::Date>, std::optional<core::Date>> effective_range(
    const core::config::Config& cfg, const RunRequest& request);

}  // namespace zerodte::backtest
