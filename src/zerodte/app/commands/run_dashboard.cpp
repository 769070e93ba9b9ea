#include "run_dashboard.hpp"

#include <fmt/format.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>

#include "zerodte/core/config/env_expand.hpp"
#include "zerodte/server/auth.hpp"
#include "zerodte/server/control.hpp"
#include "zerodte/server/metrics.hpp"
#include "zerodte/server/server.hpp"
#include "zerodte/server/server_config.hpp"
#include "zerodte/server/snapshot_publisher.hpp"
#include "zerodte/server/state_hub.hpp"
#include "zerodte/session/trading_session.hpp"

namespace zerodte::app {
namespace {

core::Result<std::string> random_text(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
    return core::fail(core::ErrorCode::kInternal, "dashboard: no random bytes from OpenSSL");
  }
  return server::base64url_encode(raw);
}

bool loopback(std::string_view bind) {
  return bind == "127.0.0.1" || bind == "::1" || bind == "localhost";
}

class Dashboard final : public RunDashboard {
 public:
  Dashboard(server::ServerConfig cfg, session::TradingSession& s, const core::Clock& wall,
            std::string mode)
      : hub_(4096, 1024) {
    server::PublisherConfig pc;
    pc.mode = std::move(mode);
    pc.chart = s.underlyings();
    publisher_ = std::make_shared<server::SnapshotPublisher>(hub_, s.registry(), s.portfolio(),
                                                             s.risk(), s.orders(), pc);
    s.add_component(publisher_);
    server_ = std::make_unique<server::Server>(
        std::move(cfg), hub_, metrics_, server::inbox_control_sink(s.kernel().inbox()), wall);
  }
  ~Dashboard() override { stop(); }
  core::Status start() {
    auto p = server_->start();
    if (!p) return std::unexpected(p.error());
    port_ = *p;
    return {};
  }
  [[nodiscard]] std::uint16_t port() const override { return port_; }
  [[nodiscard]] const std::filesystem::path& credentials_file() const override { return creds_; }
  void set_credentials_file(std::filesystem::path p) { creds_ = std::move(p); }
  void stop() override {
    if (server_) server_->stop();
  }

 private:
  server::StateHub hub_;
  server::Metrics metrics_;
  std::shared_ptr<server::SnapshotPublisher> publisher_;
  std::unique_ptr<server::Server> server_;
  std::uint16_t port_ = 0;
  std::filesystem::path creds_;
};

}  // namespace

core::Result<std::unique_ptr<RunDashboard>> attach_dashboard(const core::config::Config& config,
                                                             session::TradingSession& session,
                                                             const core::Clock& wall,
                                                             const DashboardOptions& options) {
  if (!config.get<bool>("server.enabled")) return std::unique_ptr<RunDashboard>{};
  auto cfg = server::server_config_from(config, core::config::process_env());
  if (!cfg) return std::unexpected(cfg.error());
  if (options.port) cfg->port = *options.port;
  std::filesystem::path creds;
  std::string password;
  if (cfg->auth.enabled && loopback(cfg->bind)) {
    if (cfg->auth.jwt_secret.empty()) {
      auto s = random_text(48);
      if (!s) return std::unexpected(s.error());
      cfg->auth.jwt_secret = *s;  // this run only: tokens end with the process
    }
    if (cfg->auth.users.empty() && cfg->auth.api_tokens.empty()) {
      auto pw = random_text(18);
      auto salt = random_text(12);
      if (!pw || !salt) return core::fail(core::ErrorCode::kInternal, "dashboard: no randomness");
      password = *pw;
      cfg->auth.users.push_back(
          {"admin", server::Role::kAdmin, server::hash_password(password, *salt, 100000)});
      std::error_code ec;
      std::filesystem::create_directories(options.credentials_dir, ec);
      creds = options.credentials_dir / "dashboard.credentials";
      std::filesystem::remove(creds, ec);
      const mode_t old = ::umask(077);
      {
        std::ofstream out(creds, std::ios::trunc);
        out << "# zerodte run: dashboard login for this run only (set [server.users] to choose)\n"
            << "user admin\npassword " << password << "\n";
        if (!out) {
          ::umask(old);
          return core::fail(core::ErrorCode::kIo, "dashboard: cannot write {}", creds.string());
        }
      }
      ::umask(old);
      ::chmod(creds.c_str(), 0600);
    }
  }
  auto d = std::make_unique<Dashboard>(std::move(*cfg), session, wall, options.mode);
  if (auto st = d->start(); !st) return std::unexpected(st.error());
  d->set_credentials_file(creds);
  return std::unique_ptr<RunDashboard>(std::move(d));
}

}  // namespace zerodte::app
