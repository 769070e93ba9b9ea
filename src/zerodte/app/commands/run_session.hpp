#pragma once
// The main job: a paper-trading session wired from a validated config (see run_session.cpp).
#include <optional>
#include <string>

namespace zerodte::app {

struct RunOptions {
  std::string config_path = "config/paper.toml";
  std::optional<double> speed;          // overrides [data] speed
  std::optional<std::string> sim_date;  // overrides [data] sim_date
  std::optional<std::string> until;     // exchange-local HH:MM at which to stop
  bool confirm_live = false;
  bool status_line = true;                      // only when stderr is a terminal
  bool dashboard = true;                        // start the dashboard when [server] enabled
  std::optional<std::uint16_t> dashboard_port;  // overrides [server] port (0 = any free port)
};

int run_session(const RunOptions& options);

}  // namespace zerodte::app
