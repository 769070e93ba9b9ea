// `zerodte tradier check --config FILE`: opens the account-events stream and prints balances,
// positions and open orders (read-only: it never places or cancels an order). The token and
// account come from TRADIER_ACCESS_TOKEN / TRADIER_ACCOUNT_ID. Also registers [tradier].
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "zerodte/adapters/tradier/tradier_broker.hpp"
#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/core/config/schema_registry.hpp"
#include "zerodte/engine/inbox.hpp"

namespace {

namespace ap = zerodte::adapters::tradier;
namespace config = zerodte::core::config;

int run_check(const std::string& file, int timeout_s) {
  auto cfg_file = config::load_config_file(file, config::build_schema());
  if (!cfg_file) {
    fmt::print(stderr, "{}", config::format_issues(cfg_file.error()));
    return 1;
  }
  auto cfg = ap::tradier_config_from(*cfg_file, config::process_env());
  if (!cfg) {
    fmt::print(stderr, "tradier check: {}\n", cfg.error().message);
    return 1;
  }
  zerodte::model::InstrumentRegistry reg;
  zerodte::engine::Inbox inbox(1u << 12);
  zerodte::core::LiveClock clock;
  ap::TradierBroker broker(*cfg, reg, clock, inbox);
  fmt::print("rest        {} ({})\naccount     {}\n", cfg->rest_url,
             cfg->sandbox ? "sandbox" : "LIVE", cfg->account_id);
  broker.start();
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  while (!broker.stream_ready() && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  int rc = 0;
  if (broker.stream_ready()) {
    fmt::print("account stream subscribed\n");
  } else {
    fmt::print(stderr, "account stream: not subscribed after {} s (session failures {})\n",
               timeout_s, broker.stream_stats().session_failures);
    if (cfg->require_stream) rc = 1;
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
  auto* cmd = app.add_subcommand("tradier", "Tradier broker tools");
  cmd->require_subcommand(1);
  auto* check = cmd->add_subcommand(
      "check", "Open the account stream, print balances, positions and open orders (read-only)");
  static std::string file;
  static int timeout_s = 10;
  check->add_option("--config", file, "Config file with [broker] name = \"tradier\"")->required();
  check->add_option("--timeout", timeout_s, "Seconds to wait for the account stream")
      ->check(CLI::Range(1, 120))
      ->capture_default_str();
  check->callback([&exit_code] { exit_code = run_check(file, timeout_s); });
}

const zerodte::app::CommandRegistrar kRegistrar{"tradier", 72, &setup};
const config::SchemaRegistrar kSchema{"tradier", 72, &ap::register_tradier_sections};

}  // namespace
