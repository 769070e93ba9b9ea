// `zerodte analytics indicators --input bars.csv [--output out.csv] [--timeframe 5m] [--tz TZ]`
// `zerodte analytics sawtooth --input bars.csv [--window 5] [--max-bars 30] [--timeframe 1m]`
// Reads a bar CSV (any layout the shared reader accepts), reports gaps / extended-hours /
// rejected rows on stderr and writes CSV to --output or stdout.
// Exit codes: 0 ok, 2 bad input (file, options), 1 write failure.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "zerodte/analytics/indicator_report.hpp"
#include "zerodte/app/command_registry.hpp"

namespace {

using zerodte::analytics::IndicatorRunOptions;

struct CliState {
  IndicatorRunOptions opt;
  std::string market = "nyse";
  std::string stamp = "auto";
  std::string adx_seed = "wilder";
};

void add_common(CLI::App* cmd, CliState& s) {
  cmd->add_option("--input,-i", s.opt.input,
                  "bar CSV (ts|timestamp|datetime|date,open,high,low,close[,volume])")
      ->required();
  cmd->add_option("--output,-o", s.opt.output, "output CSV (default: stdout)");
  cmd->add_option("--timeframe,-t", s.opt.timeframe, "resample first: 2m, 5m, 15m, 1h, 1d");
  cmd->add_option("--tz", s.opt.csv.tz, "time zone of times without an offset")
      ->default_val("America/New_York");
  cmd->add_option("--market", s.market, "trading calendar: nyse | nse")->default_val("nyse");
  cmd->add_option("--stamp", s.stamp, "row times are bar starts or ends: auto | start | end")
      ->default_val("auto");
  cmd->add_flag("--keep-extended", s.opt.csv.keep_extended_hours,
                "use bars outside the regular session (still reported)");
}

int prepare(CliState& s) {
  const auto market = zerodte::core::parse_market(s.market);
  if (!market) {
    std::fprintf(stderr, "zerodte analytics: --market: %s\n", market.error().message.c_str());
    return 2;
  }
  s.opt.csv.market = *market;
  if (s.stamp == "auto") {
    s.opt.csv.stamp = zerodte::analytics::BarStamp::kAuto;
  } else if (s.stamp == "start") {
    s.opt.csv.stamp = zerodte::analytics::BarStamp::kStart;
  } else if (s.stamp == "end") {
    s.opt.csv.stamp = zerodte::analytics::BarStamp::kEnd;
  } else {
    std::fprintf(stderr, "zerodte analytics: --stamp must be auto, start or end\n");
    return 2;
  }
  if (s.adx_seed == "wilder") {
    s.opt.adx_seed = zerodte::analytics::WilderSeed::kWilderSum;
  } else if (s.adx_seed == "talib") {
    s.opt.adx_seed = zerodte::analytics::WilderSeed::kTaLib;
  } else if (s.adx_seed == "tulip") {
    s.opt.adx_seed = zerodte::analytics::WilderSeed::kTulip;
  } else {
    std::fprintf(stderr, "zerodte analytics: --adx-seed must be wilder, talib or tulip\n");
    return 2;
  }
  return 0;
}

void setup(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("analytics", "Indicators and market-structure tools over bar CSVs");
  cmd->require_subcommand(1);
  auto state = std::make_shared<CliState>();
  auto* ind = cmd->add_subcommand("indicators", "Streaming indicators per bar as CSV");
  add_common(ind, *state);
  ind->add_option("--adx-seed", state->adx_seed,
                  "seed of the Wilder sums: wilder (sum of 14, seed 004) | talib | tulip")
      ->default_val("wilder");
  ind->callback([state, &exit_code] {
    exit_code = prepare(*state);
    if (exit_code == 0) exit_code = zerodte::analytics::run_indicators(state->opt, stderr);
  });
  auto saw_state = std::make_shared<CliState>();
  auto* saw = cmd->add_subcommand("sawtooth", "Confirmed saw-tooth peaks and troughs as CSV");
  add_common(saw, *saw_state);
  saw->add_option("--window,-w", saw_state->opt.sawtooth_window, "bars each side")->default_val(5);
  saw->add_option("--max-bars", saw_state->opt.sawtooth_max_bars,
                  "max bars between the peaks of a peak-trough-peak pattern")
      ->default_val(30);
  saw->callback([saw_state, &exit_code] {
    exit_code = prepare(*saw_state);
    if (exit_code == 0) exit_code = zerodte::analytics::run_sawtooth(saw_state->opt, stderr);
  });
}

const zerodte::app::CommandRegistrar kRegistrar{"analytics", 40, &setup};

}  // namespace

// `zerodte bench analytics [--json]`: the full indicator set over 1,000,000 bars vs the batch
// reference in the same run.
#include <fmt/core.h>

#include "zerodte/analytics/indicator_benchmark.hpp"
#include "zerodte/app/bench_registry.hpp"

namespace {

int run_analytics_bench(bool json) {
  const auto r = zerodte::analytics::bench_indicator_set(1'000'000);
  if (json) {
    fmt::print("{}\n", r.to_json());
  } else {
    fmt::print(
        "analytics: full indicator set over {} bars: streaming {:.1f} ns/bar, batch reference "
        "{:.1f} ns/bar (batch/stream {:.2f}x), goal <= 150 ns/bar: {}; max rel diff {:.2g}\n",
        r.bars, r.stream_ns_per_bar, r.batch_ns_per_bar, r.batch_ns_per_bar / r.stream_ns_per_bar,
        r.stream_ns_per_bar <= 150 ? "met" : "NOT met", r.max_rel_diff);
  }
  return r.max_rel_diff <= 1e-9 ? 0 : 1;
}

const zerodte::app::BenchRegistrar kBench{"analytics", &run_analytics_bench};

}  // namespace
