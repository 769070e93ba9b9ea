#pragma once
// WebSocketClient: one blocking WebSocket connection (RFC 6455) over plain TCP (ws://) or TLS
// (wss://, OpenSSL, certificate verification and host-name check on by default, SNI set).
// Boost.Beast stays inside websocket_client.cpp; this header is cheap to include.
//
// Use from one thread (an adapter's I/O thread):
//   net::WebSocketClient ws;
//   if (auto s = ws.connect("wss://stream.data.alpaca.markets/v2/iex", {}, 10s); !s) ...
//   ws.send_text(R"({"action":"auth","key":"...","secret":"..."})");
//   auto f = ws.read(1s);            // kTimeout: nothing arrived yet, the connection stays usable
//   if (f) handle(f->data, f->binary);
//   ws.close();
// read() keeps one read outstanding between calls, so a timeout never loses or splits a frame.
// Pings from the server are answered automatically; ping() sends one and last_pong() reports
// when the answer came. Errors: kConfig (bad URL), kTransport (resolve/connect/TLS/read/write,
// closed by peer), kTimeout (deadline), kAuth (handshake answered 401/403). Header values (API
// keys) never appear in error messages; only the host, port and stage do.
#include <chrono>
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::adapters::net {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct WsFrame {
  std::string data;
  bool binary = false;
};

struct WsOptions {
  bool verify_tls = true;
  std::string ca_pem;  // extra trusted CA certificates (PEM), e.g. a test server's self-signed
  std::size_t max_message = 16u << 20;
  std::string user_agent = "zerodte/0.1";
};

class WebSocketClient {
 public:
  explicit WebSocketClient(WsOptions opt = {});
  ~WebSocketClient();
  WebSocketClient(const WebSocketClient&) = delete;
  WebSocketClient& operator=(const WebSocketClient&) = delete;

  // ws://host[:port]/path?query or wss://... . Resolve, TCP connect, TLS handshake and the
  // WebSocket upgrade must all finish within `timeout`. A previous connection is dropped first.
  core::Status connect(std::string_view url, const Headers& headers, core::Duration timeout);
  [[nodiscard]] bool is_open() const;

  core::Status send_text(std::string_view text, core::Duration timeout = std::chrono::seconds(5));
  core::Status send_binary(std::span<const std::byte> bytes,
                           core::Duration timeout = std::chrono::seconds(5));
  // Waits up to `timeout` for the next data frame. kTimeout leaves the connection usable;
  // kTransport means it is gone (closed by the peer, reset, malformed framing).
  core::Result<WsFrame> read(core::Duration timeout);
  core::Status ping(core::Duration timeout = std::chrono::seconds(5));
  // Steady-clock nanoseconds (since its epoch) of the last pong received; 0 if none.
  [[nodiscard]] std::int64_t last_pong_steady_ns() const;
  // Sends a close frame and waits (up to `timeout`) for the peer's; then drops the socket.
  core::Status close(core::Duration timeout = std::chrono::seconds(2));
  // Drops the TCP connection without a close handshake.
  void abort();

  // "host:port" of the current/last connection (for messages; never carries secrets).
  [[nodiscard]] const std::string& endpoint() const { return endpoint_; }

  struct Impl;  // Beast state (websocket_client.cpp)

 private:
  std::unique_ptr<Impl> impl_;
  WsOptions opt_;
  std::string endpoint_;
};

// Parsed ws:// or wss:// URL.
struct WsUrl {
  bool tls = false;
  std::string host;
  std::string port;
  std::string target;  // path + query, at least "/"
};
core::Result<WsUrl> parse_ws_url(std::string_view url);

}  // namespace zerodte::adapters::net
