#pragma once
// The HTTP + WebSocket API server (Boost.Beast on its own Asio I/O thread pool). It reads kernel
// state only through StateHub snapshots/events and sends control actions to a ControlSink.
//
//   server::StateHub hub;  server::Metrics metrics;
//   server::ServerConfig cfg = server::server_config_from(config, env);   // or fill by hand
//   server::Server srv(cfg, hub, metrics, server::inbox_control_sink(kernel_inbox), clock);
//   auto port = srv.start();   // Result<uint16_t>; refuses unsafe binds
//   ...  srv.stop();
//
// Routes: GET /healthz, /metrics (Prometheus), /api/status|positions|orders|signals|metrics,
// /api/chain/{underlying}, /api/explain/{id}; POST /api/auth/login, /api/auth/refresh,
// /api/control; GET /ws?token=...&since=SEQ&symbols=SPY,QQQ (WebSocket); anything else: static
// files from static_dir (index.html for unknown non-API paths).
#include <cstdint>
#include <memory>
#include <string>

#include "zerodte/core/clock.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/server/auth.hpp"
#include "zerodte/server/control.hpp"
#include "zerodte/server/metrics.hpp"
#include "zerodte/server/state_hub.hpp"

namespace zerodte::server {

struct ServerConfig {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port
  std::string static_dir = "web/dist";
  int io_threads = 2;
  std::string tls_cert;  // PEM paths; required (with auth) for a non-loopback bind
  std::string tls_key;
  AuthConfig auth;
  std::size_t max_body_bytes = 64 * 1024;
  std::size_t max_ws_clients = 2000;
};

[[nodiscard]] bool is_loopback_address(std::string_view address);

class Server {
 public:
  Server(ServerConfig config, StateHub& hub, Metrics& metrics, ControlSink control,
         const core::Clock& clock);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the I/O threads; returns the bound port.
  core::Result<std::uint16_t> start();
  void stop();  // idempotent; closes the listener and every connection, joins the threads
  [[nodiscard]] std::uint16_t port() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace zerodte::server
