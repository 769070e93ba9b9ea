#pragma once
// Parameter sweeps and walk-forward analysis over whole backtests.
//
//   grid:          'risk.stop_loss_pct=0.5:2.0:0.25,strategy.min_adx=20,25,30'
//                  axes are `key=values`; values are a list (a,b,c) or an inclusive range
//                  start:stop:step; a token without '=' continues the previous axis' list.
//                  Keys are dotted TOML paths into the config file ("strategies[0].min_adx"
//                  indexes an array of tables).
//   walk-forward:  '60d/20d': optimise the grid on 60 trading days, run the best parameters on
//                  the next 20 (out of sample), step 20 days, report out-of-sample results only.
// Each run is its own process (`zerodte backtest --config RUN/config.toml --report RUN`): one
// kernel per process, no shared mutable state, all cores busy (--jobs). A run whose
// RUN/metrics.json exists is complete and is not run again, so an interrupted sweep resumes.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::backtest {

struct GridAxis {
  std::string key;
  std::vector<std::string> values;  // TOML literal text ("0.5", "20", "true", "\"touch\"")
};
using ParamSet = std::vector<std::pair<std::string, std::string>>;

core::Result<std::vector<GridAxis>> parse_grid(std::string_view spec);
// Cartesian product, first axis slowest.
std::vector<ParamSet> expand_grid(const std::vector<GridAxis>& axes);
std::string param_label(const ParamSet& p);  // "risk.stop_loss_pct=0.5 strategy.min_adx=20"

// The config text with each key set to its value (tables created as needed; a float key keeps
// float type). Errors name the key.
core::Result<std::string> apply_overrides(std::string_view toml_text, std::string_view source,
                                          const ParamSet& params);

struct WalkForward {
  int in_sample_days = 60;
  int out_of_sample_days = 20;
};
core::Result<WalkForward> parse_walk_forward(std::string_view text);

struct SweepOptions {
  std::filesystem::path config_file;
  std::vector<GridAxis> grid;
  std::string metric = "sharpe";  // ranking (metrics.hpp metric_value names)
  int jobs = 1;
  std::filesystem::path out_dir;
  std::optional<core::Date> from, to;
  std::vector<std::string> data;
  std::optional<WalkForward> walk_forward;
  std::filesystem::path exe;  // the zerodte binary that runs each backtest
};

struct SweepRow {
  std::size_t index = 0;
  std::string label;
  ParamSet params;
  std::filesystem::path dir;
  double metric = 0;
  double total_return = 0, sharpe = 0, max_drawdown = 0;
  std::int64_t trades = 0;
  bool ok = false;
  bool resumed = false;  // found complete from an earlier invocation
};

struct WalkForwardRow {
  std::size_t window = 0;
  core::Date is_from, is_to, oos_from, oos_to;
  std::string best;  // parameters chosen in sample
  double is_metric = 0;
  SweepRow oos;
};

// Runs the grid (ranked rows, best first); writes out_dir/sweep.csv.
core::Result<std::vector<SweepRow>> run_sweep(const SweepOptions& o);
// Walk-forward; writes out_dir/walk_forward.csv (out-of-sample rows only).
core::Result<std::vector<WalkForwardRow>> run_walk_forward(const SweepOptions& o);

std::string format_sweep_table(const std::vector<SweepRow>& rows, std::string_view metric);
std::string format_walk_forward_table(const std::vector<WalkForwardRow>& rows,
                                      std::string_view metric);

}  // namespace zerodte::backtest
