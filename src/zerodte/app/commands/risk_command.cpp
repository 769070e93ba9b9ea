// Risk commands:
//   zerodte kill-switch (--file PATH | --config FILE) [--who NAME] [--reason TEXT]
//       writes the kill-switch signal file that a running engine polls every second
//   zerodte risk check-config FILE   validate a config and print the effective risk limits
//   zerodte risk rules               the pre-trade rules in the order they run
//   zerodte bench risk [--json]      pre-trade checks per intent (goal p99 <= 2 us)
// Also registers the risk area's config sections.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "zerodte/app/bench_registry.hpp"
#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/config/schema_registry.hpp"
#include "zerodte/risk/pre_trade_benchmark.hpp"
#include "zerodte/risk/pre_trade_checks.hpp"
#include "zerodte/risk/risk_config.hpp"

namespace {

namespace config = zerodte::core::config;
namespace risk = zerodte::risk;

int write_kill_file(std::string file, const std::string& cfg_file, const std::string& who,
                    const std::string& reason) {
  if (file.empty() && !cfg_file.empty()) {
    auto cfg = config::load_config_file(cfg_file, config::build_schema());
    if (!cfg) {
      fmt::print(stderr, "{}", config::format_issues(cfg.error()));
      return 1;
    }
    file = cfg->get<std::string>("risk.kill_switch_file");
    if (file.empty()) {
      fmt::print(stderr, "{}: risk.kill_switch_file is not set\n", cfg_file);
      return 1;
    }
  }
  if (file.empty()) {
    fmt::print(stderr, "kill-switch: give --file PATH or --config FILE\n");
    return 2;
  }
  const std::string tmp = file + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) {
      fmt::print(stderr, "kill-switch: cannot write {}\n", tmp);
      return 1;
    }
    out << who << '\n' << reason << '\n';
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    fmt::print(stderr, "kill-switch: cannot create {}: {}\n", file, ec.message());
    return 1;
  }
  fmt::print(
      "kill switch signalled: {} (by {}); the engine cancels all working orders, "
      "flattens every position and halts\n",
      file, who);
  return 0;
}

int check_config(const std::string& file) {
  auto cfg = config::load_config_file(file, config::build_schema());
  if (!cfg) {
    fmt::print("{}", config::format_issues(cfg.error()));
    std::fflush(stdout);
    return 1;
  }
  const auto s = risk::settings_from_config(*cfg);
  const auto& p = s.limits.pre;
  const auto& b = s.limits.breakers;
  const auto& x = s.limits.exits;
  fmt::print("{}: ok\n", file);
  fmt::print(
      "pre-trade: max_positions {} (per underlying {}), contracts/order {}, per ticker {}, "
      "band +-{}%, margin <= {}%, daily loss < {}%, VIX < {}, entries {}..{}\n",
      p.max_positions, p.max_positions_per_underlying, p.max_contracts_per_order,
      p.max_contracts_per_ticker, p.price_band_pct, p.margin_utilization_max_pct,
      p.daily_loss_limit_pct, p.vix_max, p.no_entry_before.to_string(),
      p.no_entry_after.to_string());
  fmt::print(
      "greeks: |delta| <= {}, |gamma| <= {}, theta >= {}; stale quote > {} ms; "
      "rate {}/s per strategy, {}/s account; fat finger {}%; notional <= {}; mode {}\n",
      p.max_abs_delta_shares, p.max_abs_gamma_shares, p.min_theta_per_day,
      p.max_quote_age.count() / 1'000'000, p.max_submits_per_second_strategy,
      p.max_submits_per_second_account, p.fat_finger_pct, p.max_notional,
      s.limits.mode == risk::ExecutionMode::kManual ? "manual" : "auto");
  fmt::print(
      "breakers: VIX > {} or +{} pts, daily loss {}%, flash {}%, margin {}%, "
      "{} losses in a row\n",
      b.vix_threshold, b.vix_spike_points, b.daily_loss_pct, b.flash_move_pct,
      b.margin_close_weakest_pct, b.consecutive_losses);
  fmt::print(
      "exits: underlying stop {}% / target {}%, premium stop {}% / target {}%, ladder {} "
      "(trail {}%), flat {} min before the close\n",
      x.underlying_stop_pct, x.underlying_target_pct, x.premium_stop_pct,
      x.premium_stop_pct * x.reward_risk, x.ladder_enabled ? "on" : "off", x.ladder_trail_pct,
      x.flat_before_close_minutes);
  int warnings = 0;
  if (b.daily_loss_pct < p.daily_loss_limit_pct) {
    fmt::print(
        "warning: risk.breakers.daily_loss_pct {} < risk.daily_loss_limit_pct {}: the "
        "breaker exits all before entries are refused\n",
        b.daily_loss_pct, p.daily_loss_limit_pct);
    ++warnings;
  }
  if (b.vix_threshold < p.vix_max) {
    fmt::print("warning: risk.breakers.vix_threshold {} < risk.vix_max {}\n", b.vix_threshold,
               p.vix_max);
    ++warnings;
  }
  std::fflush(stdout);
  return 0;
}

void print_rules() {
  int i = 1;
  for (auto r : risk::PreTradeChecker::rule_order()) {
    fmt::print("{:2}. {}\n", i++, risk::to_string(r));
  }
}

int run_risk_bench(bool json) {
  const auto single = risk::bench_pre_trade(200'000, 1);
  const auto condor = risk::bench_pre_trade(200'000, 4);
  const bool ok = single.approved == single.checks && condor.approved == condor.checks;
  if (json) {
    auto one = [](const risk::PreTradeBenchResult& r) {
      return fmt::format(
          "{{\"shape\":\"{}\",\"checks\":{},\"p50_ns\":{:.0f},\"p99_ns\":{:.0f},"
          "\"p999_ns\":{:.0f},\"max_ns\":{:.0f},\"mean_ns\":{:.1f},\"approved\":{}}}",
          r.shape, r.checks, r.p50_ns, r.p99_ns, r.p999_ns, r.max_ns, r.mean_ns, r.approved);
    };
    fmt::print(
        "{{\"area\":\"risk\",\"benchmark\":\"pre_trade_checks\",\"goal_p99_ns\":2000,"
        "\"results\":[{},{}]}}\n",
        one(single), one(condor));
  } else {
    for (const auto& r : {single, condor}) {
      fmt::print(
          "pre-trade checks, {:<20} {} checks: p50 {:.0f} ns  p99 {:.0f} ns  p99.9 {:.0f} "
          "ns  max {:.0f} ns\n",
          r.shape, r.checks, r.p50_ns, r.p99_ns, r.p999_ns, r.max_ns);
    }
  }
  return ok ? 0 : 1;
}

void setup(CLI::App& app, int& exit_code) {
  auto* ks = app.add_subcommand(
      "kill-switch", "Pull the kill switch of a running engine (writes its signal file)");
  auto file = std::make_shared<std::string>();
  auto cfg = std::make_shared<std::string>();
  auto who = std::make_shared<std::string>("cli");
  auto reason = std::make_shared<std::string>("kill switch from the CLI");
  ks->add_option("--file", *file, "Signal file the engine polls (risk.kill_switch_file)");
  ks->add_option("--config", *cfg, "Config file naming risk.kill_switch_file");
  ks->add_option("--who", *who, "Who pulls it (recorded)");
  ks->add_option("--reason", *reason, "Why (recorded)");
  ks->callback([&exit_code, file, cfg, who, reason] {
    exit_code = write_kill_file(*file, *cfg, *who, *reason);
  });

  auto* r = app.add_subcommand("risk", "Risk engine tools");
  r->require_subcommand(1);
  auto* cc =
      r->add_subcommand("check-config", "Validate a config; print the effective risk limits");
  auto cc_file = std::make_shared<std::string>();
  cc->add_option("file", *cc_file, "TOML config file")->required();
  cc->callback([&exit_code, cc_file] { exit_code = check_config(*cc_file); });
  r->add_subcommand("rules", "The pre-trade rules in the order they run")->callback(print_rules);
}

const zerodte::app::CommandRegistrar kRegistrar{"risk", 40, &setup};
const zerodte::app::BenchRegistrar kBench{"risk", &run_risk_bench};
const config::SchemaRegistrar kSchema{"risk", 40, &zerodte::risk::register_risk_sections};

}  // namespace
