// `zerodte run --config config/paper.toml`: the main job (see run_session.cpp).
#include <CLI/CLI.hpp>

#include "run_session.hpp"
#include "zerodte/app/command_registry.hpp"

namespace {

zerodte::app::RunOptions g_options;
double g_speed = -1;
std::string g_date;
std::string g_until;
int g_dashboard_port = -1;

void setup(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("run", "Run a trading session (paper by default) from a config");
  cmd->add_option("--config,-c", g_options.config_path, "Configuration file")
      ->capture_default_str();
  cmd->add_option("--speed", g_speed, "Pace: 0 = as fast as possible, 1 = real time, N = N x");
  cmd->add_option("--date", g_date, "Simulated trading day (YYYY-MM-DD)");
  cmd->add_option("--until", g_until, "Stop at this exchange-local time (HH:MM)");
  cmd->add_flag("--confirm-live", g_options.confirm_live,
                "Required with trading_mode = \"live\": confirms real orders");
  cmd->add_flag("!--no-status", g_options.status_line, "No terminal status line");
  cmd->add_flag("!--no-dashboard", g_options.dashboard, "Do not start the dashboard server");
  cmd->add_option("--dashboard-port", g_dashboard_port,
                  "Dashboard port (overrides [server] port; 0 = any free port)")
      ->check(CLI::Range(0, 65535));
  cmd->callback([&exit_code] {
    if (g_speed >= 0) g_options.speed = g_speed;
    if (!g_date.empty()) g_options.sim_date = g_date;
    if (!g_until.empty()) g_options.until = g_until;
    if (g_dashboard_port >= 0) {
      g_options.dashboard_port = static_cast<std::uint16_t>(g_dashboard_port);
    }
    exit_code = zerodte::app::run_session(g_options);
  });
}

const zerodte::app::CommandRegistrar kRegistrar{"run", 5, &setup};

}  // namespace
