// `zerodte backtest --config F.toml [--from D --to D] [--data PATH...] --report DIR`
// `zerodte backtest sweep --config F.toml --grid SPEC [--metric M] [--jobs N] --report DIR
//                         [--walk-forward 60d/20d] [--from D --to D] [--data PATH...]`
// A backtest is the trading session of `zerodte run` replayed as fast as possible (see
// src/zerodte/backtest/ and docs/BACKTEST.md). Exit codes: 0 ok, 1 the run failed, 2 bad input.
#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "run_file_opener.hpp"
#include "zerodte/app/command_registry.hpp"
#include "zerodte/backtest/config_run.hpp"
#include "zerodte/backtest/sweep.hpp"
#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/foundation_schema.hpp"
#include "zerodte/core/config/schema_registry.hpp"
#include "zerodte/core/log/log.hpp"

namespace {

namespace bt = zerodte::backtest;
namespace cfgns = zerodte::core::config;
namespace core = zerodte::core;
namespace fs = std::filesystem;

const cfgns::SchemaRegistrar kSchema{"backtest", 92, &bt::register_backtest_keys};

struct Args {
  std::string config = "config/backtest.toml";
  std::string from, to, report, grid, metric = "sharpe", walk_forward;
  std::vector<std::string> data;
  bool progress = true;
  int jobs = 0;
};
Args g_args, g_sweep;

std::optional<cfgns::Config> load(const std::string& path) {
  const auto schema = cfgns::build_schema();
  auto cfg = cfgns::load_config_file(path, schema);
  if (!cfg) {
    fmt::print(stderr, "{}", cfgns::format_issues(cfg.error()));
    return std::nullopt;
  }
  return std::move(*cfg);
}

bool parse_dates(const Args& a, bt::RunRequest& r) {
  for (const auto& [text, field] : {std::pair{a.from, &r.from}, std::pair{a.to, &r.to}}) {
    if (text.empty()) continue;
    auto d = core::Date::parse(text);
    if (!d) {
      fmt::print(stderr, "zerodte backtest: '{}': {}\n", text, d.error().message);
      return false;
    }
    *field = *d;
  }
  return true;
}

int run_single(const Args& a) {
  auto cfg = load(a.config);
  if (!cfg) return 2;
  if (auto st = core::log::init(cfgns::log_options(*cfg)); !st) {
    fmt::print(stderr, "zerodte backtest: logging: {}\n", st.error().to_string());
    return 2;
  }
  bt::RunRequest r;
  if (!parse_dates(a, r)) return 2;
  r.data = a.data;
  r.report_dir = a.report.empty() ? cfg->get<std::string>("backtest.report_dir") : a.report;
  r.progress = a.progress && isatty(STDERR_FILENO) != 0;
  r.open_file = &zerodte::app::open_run_data_file;
  auto res = bt::run_backtest_config(*cfg, r);
  if (!res) {
    const auto code = res.error().code;
    fmt::print(stderr, "zerodte backtest: {}\n", res.error().to_string());
    return code == core::ErrorCode::kInternal || code == core::ErrorCode::kState ? 1 : 2;
  }
  const auto& m = res->metrics;
  fmt::print(
      stderr,
      "zerodte backtest: {} trading days, {} events in {:.2f}s ({:.2f}M events/s); "
      "return {:.2f}%, Sharpe {:.2f}, max drawdown {:.2f}%, {} fills, {} trades, fees {}; "
      "reconciliation difference {}\n",
      m.trading_days, res->events, res->wall_seconds,
      res->wall_seconds > 0 ? static_cast<double>(res->events) / res->wall_seconds / 1e6 : 0.0,
      100 * m.total_return, m.sharpe, 100 * m.max_drawdown, m.fills, m.trades, m.fees.to_string(2),
      m.reconciliation.difference.to_string(2));
  fmt::print(stderr,
             "zerodte backtest: results in {}/ (metrics.json trades.csv equity.csv "
             "orders.csv report.html)\n",
             r.report_dir.string());
  return 0;
}

int run_sweep_cli(const Args& a) {
  if (a.grid.empty()) {
    fmt::print(stderr, "zerodte backtest sweep: --grid is required\n");
    return 2;
  }
  auto cfg = load(a.config);  // validate the base config once, up front
  if (!cfg) return 2;
  bt::SweepOptions o;
  o.config_file = a.config;
  auto grid = bt::parse_grid(a.grid);
  if (!grid) {
    fmt::print(stderr, "zerodte backtest sweep: {}\n", grid.error().message);
    return 2;
  }
  o.grid = std::move(*grid);
  o.metric = a.metric;
  if (auto m = bt::metric_value(bt::Metrics{}, a.metric); !m) {
    fmt::print(stderr, "zerodte backtest sweep: {}\n", m.error().message);
    return 2;
  }
  o.jobs =
      a.jobs > 0 ? a.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  o.out_dir = a.report.empty() ? fs::path(cfg->get<std::string>("backtest.report_dir")) / "sweep"
                               : fs::path(a.report);
  bt::RunRequest r;
  if (!parse_dates(a, r)) return 2;
  std::tie(o.from, o.to) = bt::effective_range(*cfg, r);
  o.data = a.data;
  char exe[4096];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (n <= 0) {
    fmt::print(stderr, "zerodte backtest sweep: cannot find the zerodte binary\n");
    return 1;
  }
  o.exe = std::string(exe, static_cast<std::size_t>(n));
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  const auto combos = bt::expand_grid(o.grid).size();
  if (!a.walk_forward.empty()) {
    auto wf = bt::parse_walk_forward(a.walk_forward);
    if (!wf) {
      fmt::print(stderr, "zerodte backtest sweep: {}\n", wf.error().message);
      return 2;
    }
    o.walk_forward = *wf;
    fmt::print(stderr,
               "zerodte backtest sweep: walk-forward {}d/{}d, {} combinations per "
               "window, {} jobs, into {}/\n",
               wf->in_sample_days, wf->out_of_sample_days, combos, o.jobs, o.out_dir.string());
    auto rows = bt::run_walk_forward(o);
    if (!rows) {
      fmt::print(stderr, "zerodte backtest sweep: {}\n", rows.error().message);
      return rows.error().code == core::ErrorCode::kInternal ? 1 : 2;
    }
    fmt::print("{}", bt::format_walk_forward_table(*rows, o.metric));
    return 0;
  }
  fmt::print(stderr, "zerodte backtest sweep: {} combinations, {} jobs, into {}/\n", combos, o.jobs,
             o.out_dir.string());
  auto rows = bt::run_sweep(o);
  if (!rows) {
    fmt::print(stderr, "zerodte backtest sweep: {}\n", rows.error().message);
    return rows.error().code == core::ErrorCode::kInternal ? 1 : 2;
  }
  fmt::print("{}", bt::format_sweep_table(*rows, o.metric));
  return 0;
}

void common(CLI::App* c, Args& a) {
  c->add_option("--config,-c", a.config, "Configuration file")->capture_default_str();
  c->add_option("--from", a.from, "First trading day (YYYY-MM-DD)");
  c->add_option("--to", a.to, "Last trading day (YYYY-MM-DD)");
  c->add_option("--data", a.data,
                "Data files to replay (bar CSV, .dbn[.zst], .zrec); "
                "override [data] paths");
  c->add_option("--report,-r", a.report, "Results directory");
}

void setup(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("backtest", "Backtest the configured strategies over history");
  common(cmd, g_args);
  cmd->add_flag("!--no-progress", g_args.progress, "No progress bar");
  auto* sweep = cmd->add_subcommand("sweep", "Parameter grid (and walk-forward) over backtests");
  common(sweep, g_sweep);
  sweep->add_option("--grid", g_sweep.grid,
                    "key=v1,v2,... or key=start:stop:step, axes separated by ','");
  sweep
      ->add_option("--metric", g_sweep.metric,
                   "Ranking metric: sharpe, sortino, total_return, cagr, max_drawdown, "
                   "profit_factor, win_rate, expectancy")
      ->capture_default_str();
  sweep->add_option("--jobs,-j", g_sweep.jobs, "Parallel backtests (default: cores)");
  sweep->add_option("--walk-forward", g_sweep.walk_forward,
                    "IN/OUT trading days (e.g. 60d/20d): out-of-sample results only");
  cmd->require_subcommand(0, 1);
  cmd->callback([&exit_code, sweep] {
    exit_code = sweep->parsed() ? run_sweep_cli(g_sweep) : run_single(g_args);
  });
}

const zerodte::app::CommandRegistrar kRegistrar{"backtest", 6, &setup};

}  // namespace
