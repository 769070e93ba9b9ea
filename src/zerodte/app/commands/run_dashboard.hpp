#pragma once
// The dashboard of `zerodte run`: the API server (HTTP + WebSocket on [server] bind/port) and the
// kernel-side SnapshotPublisher, attached to a TradingSession before it runs.
// On a loopback bind with no JWT secret or no users configured (the paper defaults), a random
// per-run secret and an `admin` user with a random password are created; the password is
// written to <journal parent>/dashboard.credentials (mode 0600), never printed or logged.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

#include "zerodte/core/clock.hpp"
#include "zerodte/core/config/config.hpp"
#include "zerodte/core/error.hpp"

namespace zerodte::session {
class TradingSession;
}

namespace zerodte::app {

struct DashboardOptions {
  std::optional<std::uint16_t> port;  // overrides [server] port (0 = any free port)
  std::string mode = "paper";
  std::filesystem::path credentials_dir = "var";
};

class RunDashboard {
 public:
  virtual ~RunDashboard() = default;
  [[nodiscard]] virtual std::uint16_t port() const = 0;
  [[nodiscard]] virtual const std::filesystem::path& credentials_file() const = 0;  // may be empty
  virtual void stop() = 0;  // before the session goes away
};

// nullptr when [server] enabled = false.
core::Result<std::unique_ptr<RunDashboard>> attach_dashboard(const core::config::Config& config,
                                                             session::TradingSession& session,
                                                             const core::Clock& wall,
                                                             const DashboardOptions& options);

}  // namespace zerodte::app
