// `zerodte alpaca check --config FILE`: logs in to the trade_updates stream and prints the
// account, positions and open orders (read-only: it never places or cancels an order). Keys
// come from ALPACA_API_KEY_ID / ALPACA_API_SECRET_KEY. Also registers [alpaca_broker].
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "zerodte/adapters/alpaca/broker/alpaca_broker.hpp"
#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/core/config/schema_registry.hpp"
#include "zerodte/engine/inbox.hpp"

namespace {

namespace ap = zerodte::adapters::alpaca;
namespace config = zerodte::core::config;

int run_check(const std::string& file, int timeout_s) {
  auto cfg_file = config::load_config_file(file, config::build_schema());
  if (!cfg_file) {
    fmt::print(stderr, "{}", config::format_issues(cfg_file.error()));
    return 1;
  }
  auto cfg = ap::alpaca_config_from(*cfg_file, config::process_env());
  if (!cfg) {
    fmt::print(stderr, "alpaca check: {}\n", cfg.error().message);
    return 1;
  }
  zerodte::model::InstrumentRegistry reg;
  zerodte::engine::Inbox inbox(1u << 12);
  zerodte::core::LiveClock clock;
  ap::AlpacaBroker broker(*cfg, reg, clock, inbox);
  fmt::print("rest        {} ({})\nstream      {}\n", cfg->rest_url, cfg->paper ? "paper" : "LIVE",
             cfg->stream_url);
  broker.start();
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  while (!broker.stream_ready() && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  int rc = 0;
  if (broker.stream_ready()) {
    fmt::print("trade_updates listening\n");
  } else {
    fmt::print(stderr, "trade_updates: not listening after {} s (auth failures {})\n", timeout_s,
               broker.stream_stats().auth_failures);
    rc = 1;
  }
  if (auto a = broker.account()) {
    fmt::print("equity      {} {}\ncash        {}\nbuying pwr  {}\n", a->equity, a->currency.view(),
               a->cash, a->buying_power);
  } else {
    fmt::print(stderr, "account: {}\n", a.error().message);
    rc = 1;
  }
  if (auto p = broker.positions()) {
    fmt::print("positions   {}\n", p->size());
    for (const auto& x : *p) {
      fmt::print("  {:<24} {:>8} @ {}\n", reg.get(x.instrument).symbol_view(), x.quantity.value,
                 x.avg_price);
    }
  } else {
    fmt::print(stderr, "positions: {}\n", p.error().message);
    rc = 1;
  }
  if (auto o = broker.open_orders()) {
    fmt::print("open orders {}\n", o->size());
    for (const auto& x : *o) {
      fmt::print("  {:<32} {} x{} {}\n", x.order.client_order_id.view(),
                 zerodte::model::to_string(x.status), x.order.quantity.value, x.order.limit_price);
    }
  } else {
    fmt::print(stderr, "open orders: {}\n", o.error().message);
    rc = 1;
  }
  broker.stop();
  return rc;
}

void setup(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("alpaca", "Alpaca broker tools");
  cmd->require_subcommand(1);
  auto* check =
      cmd->add_subcommand("check", "Log in, print account, positions and open orders (read-only)");
  static std::string file;
  static int timeout_s = 10;
  check->add_option("--config", file, "Config file with [broker] name = \"alpaca\"")->required();
  check->add_option("--timeout", timeout_s, "Seconds to wait for the stream login")
      ->check(CLI::Range(1, 120))
      ->capture_default_str();
  check->callback([&exit_code] { exit_code = run_check(file, timeout_s); });
}

const zerodte::app::CommandRegistrar kRegistrar{"alpaca", 71, &setup};
const config::SchemaRegistrar kSchema{"alpaca_broker", 71, &ap::register_alpaca_broker_sections};

}  // namespace
