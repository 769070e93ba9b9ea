// `zerodte ibkr check`: connects to TWS / IB Gateway, performs the adapter's full resync and
// prints what it found (server version, accounts, next order id, positions, account summary,
// open orders). Read-only: it never places or cancels an order. Also registers [broker.ibkr].
#include <fmt/core.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <string>

#include "zerodte/adapters/ibkr/ibkr_client.hpp"
#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/config/schema_registry.hpp"
#include "zerodte/engine/inbox.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace {

namespace ib = zerodte::adapters::ibkr;

int run_check(const ib::IbkrConfig& cfg) {
  zerodte::model::InstrumentRegistry reg;
  zerodte::engine::Inbox inbox(1u << 12);
  ib::IbkrClient client(cfg, reg, inbox);
  if (auto s = client.start(); !s) {
    fmt::print(stderr, "ibkr check: {}:{} client {}: {}\n", cfg.host, cfg.port, cfg.client_id,
               s.error().message);
    return 1;
  }
  const auto h = client.health();
  fmt::print("connected   {}:{} client id {}, server version {}\n", cfg.host, cfg.port,
             cfg.client_id, h.server_version);
  fmt::print("accounts    {}\n", fmt::join(h.accounts, ", "));
  fmt::print("next id     {}\n", h.next_order_id);
  int rc = 0;
  if (auto a = client.account()) {
    fmt::print("equity      {} {}\ncash        {}\nbuying pwr  {}\n", a->equity, a->currency.view(),
               a->cash, a->buying_power);
  } else {
    fmt::print(stderr, "account: {}\n", a.error().message);
    rc = 1;
  }
  if (auto p = client.positions()) {
    fmt::print("positions   {}\n", p->size());
    for (const auto& x : *p) {
      fmt::print("  {:<24} {:>8} @ {}\n", reg.get(x.instrument).symbol_view(), x.quantity.value,
                 x.avg_price);
    }
  } else {
    fmt::print(stderr, "positions: {}\n", p.error().message);
    rc = 1;
  }
  if (auto o = client.open_orders()) {
    fmt::print("open orders {}\n", o->size());
    for (const auto& x : *o) {
      fmt::print("  {:<20} id {:<10} {} x{} {}\n", x.order.client_order_id.view(),
                 x.venue_order_id.view(), zerodte::model::to_string(x.status),
                 x.order.quantity.value, x.order.limit_price);
    }
  } else {
    fmt::print(stderr, "open orders: {}\n", o.error().message);
    rc = 1;
  }
  client.stop();
  return rc;
}

void setup(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("ibkr", "Interactive Brokers TWS / IB Gateway tools");
  cmd->require_subcommand(1);
  auto* check = cmd->add_subcommand(
      "check", "Connect, resync and print accounts, positions and open orders (read-only)");
  static ib::IbkrConfig cfg;
  static int timeout_s = 5;
  check->add_option("--host", cfg.host, "TWS / IB Gateway address")->capture_default_str();
  check->add_option("--port", cfg.port, "API port (7497 TWS paper)")->capture_default_str();
  check->add_option("--client-id", cfg.client_id, "API client id")->capture_default_str();
  check->add_option("--account", cfg.account, "Account code (default: first managed)");
  check->add_option("--timeout", timeout_s, "Seconds to wait for the resync")
      ->check(CLI::Range(1, 120))
      ->capture_default_str();
  check->callback([&exit_code] {
    cfg.connect_timeout = std::chrono::seconds(timeout_s);
    cfg.request_timeout = std::chrono::seconds(timeout_s);
    exit_code = run_check(cfg);
  });
}

const zerodte::app::CommandRegistrar kRegistrar{"ibkr", 70, &setup};
const zerodte::core::config::SchemaRegistrar kSchema{"broker.ibkr", 70,
                                                     &ib::register_ibkr_sections};

}  // namespace
