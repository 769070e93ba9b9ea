// `zerodte fix settings`: prints the QuickFIX session settings the FIX adapter would use (one
// initiator session, file store, zerodte's FIX 4.4 dictionary).
// `zerodte fix check`: logs on to the FIX venue (Username/Password from FIX_USERNAME and
// FIX_PASSWORD), then asks for open orders (OrderMassStatusRequest) and positions
// (RequestForPositions) and prints them. Read-only: it never sends an order.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <string>

#include "zerodte/adapters/fix/fix_config_schema.hpp"
#include "zerodte/adapters/fix/fix_execution_client.hpp"
#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/core/config/schema_registry.hpp"
#include "zerodte/engine/inbox.hpp"

namespace {

namespace fx = zerodte::adapters::fix;

struct Opts {
  fx::FixConfig cfg;
  int wait_s = 10;
};

int run_settings(const fx::FixConfig& cfg) {
  auto s = fx::initiator_settings(cfg);
  if (!s) {
    fmt::print(stderr, "fix settings: {}\n", s.error().message);
    return 2;
  }
  fmt::print("{}", *s);
  return 0;
}

int run_check(const Opts& o) {
  zerodte::core::LiveClock clock;
  zerodte::model::InstrumentRegistry reg;
  zerodte::engine::Inbox inbox(1u << 12);
  fx::FixExecutionClient client(o.cfg, reg, inbox, clock);
  if (auto s = client.start(); !s) {
    fmt::print(stderr, "fix check: {}\n", s.error().message);
    return 2;
  }
  if (!client.wait_logged_on(std::chrono::seconds(o.wait_s))) {
    fmt::print(stderr, "fix check: not logged on to {}:{} within {} s\n", o.cfg.host, o.cfg.port,
               o.wait_s);
    return 1;
  }
  fmt::print("logged on   {} -> {} at {}:{}\n", o.cfg.sender_comp_id, o.cfg.target_comp_id,
             o.cfg.host, o.cfg.port);
  int rc = 0;
  if (auto orders = client.open_orders()) {
    fmt::print("open orders {}\n", orders->size());
    for (const auto& x : *orders) {
      fmt::print("  {:<20} {:<16} {} x{} filled {}\n", x.order.client_order_id.view(),
                 x.venue_order_id.view(), zerodte::model::to_string(x.status),
                 x.order.quantity.value, x.filled_qty.value);
    }
  } else {
    fmt::print(stderr, "open orders: {}\n", orders.error().message);
    rc = 1;
  }
  if (auto p = client.positions()) {
    fmt::print("positions   {}\n", p->size());
  } else {
    fmt::print(stderr, "positions: {}\n", p.error().message);
    rc = 1;
  }
  client.stop();
  return rc;
}

void add_session_options(CLI::App* c, Opts& o) {
  c->add_option("--settings-file", o.cfg.settings_file, "QuickFIX settings file (one session)");
  c->add_option("--host", o.cfg.host, "SocketConnectHost");
  c->add_option("--port", o.cfg.port, "SocketConnectPort");
  c->add_option("--sender", o.cfg.sender_comp_id, "SenderCompID");
  c->add_option("--target", o.cfg.target_comp_id, "TargetCompID");
  c->add_option("--store", o.cfg.store_path, "FileStorePath (sequence numbers; keep it)");
  c->add_option("--log-dir", o.cfg.log_path, "FileLogPath (password masked)");
  c->add_option("--dictionary", o.cfg.data_dictionary, "FIX 4.4 data dictionary");
  c->add_option("--heartbeat", o.cfg.heartbeat_s, "HeartBtInt seconds");
  c->add_option("--account", o.cfg.account, "Account(1) on orders");
}

void setup(CLI::App& app, int& exit_code) {
  static Opts settings_opts, check_opts;
  auto* cmd = app.add_subcommand("fix", "FIX 4.4 order routing (QuickFIX) tools");
  cmd->require_subcommand(1);
  auto* settings = cmd->add_subcommand("settings", "Print the QuickFIX session settings");
  add_session_options(settings, settings_opts);
  settings->callback([&exit_code] { exit_code = run_settings(settings_opts.cfg); });
  auto* check = cmd->add_subcommand("check", "Log on, list open orders and positions; read-only");
  add_session_options(check, check_opts);
  check->add_option("--wait", check_opts.wait_s, "seconds to wait for the logon");
  check->callback([&exit_code] { exit_code = run_check(check_opts); });
}

const zerodte::app::CommandRegistrar kRegistrar{"fix", 63, &setup};

const zerodte::core::config::SchemaRegistrar kSchema{"broker.fix", 63, &fx::register_fix_sections};

}  // namespace
