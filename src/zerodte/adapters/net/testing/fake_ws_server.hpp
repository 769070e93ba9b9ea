#pragma once
// Loopback fake servers for adapter tests (library zerodte_adapters_net_testing).
//
// FakeWsServer binds 127.0.0.1:0 (ws://, or wss:// with a generated self-signed certificate)
// and runs `script` on its own thread for every accepted connection. The script drives the
// session with blocking calls and plays the vendor's protocol and faults:
//   net::testing::FakeWsServer srv([](net::testing::FakeWsSession& s) {
//     s.send_text(R"([{"T":"success","msg":"connected"}])");
//     auto auth = s.read();                 // client's auth message (nullopt: timeout/closed)
//     if (s.index() == 0) return s.drop();  // first connection: drop mid-stream
//     s.silent(2s);                         // open but silent (until the client gives up)
//   });
//   client.connect(srv.url("/v2/iex"), ...);
// Before the first read/send the upgrade is accepted automatically; reject(401) refuses it
// instead (auth failure at handshake). send_raw() writes bytes on the TCP socket outside any
// frame (malformed framing). The destructor stops all sessions (their calls return promptly)
// and joins the threads; scripts should return when stopping() is true.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace zerodte::adapters::net::testing {

using namespace std::chrono_literals;

struct TestCertificate {
  std::string cert_pem;
  std::string key_pem;
};
// A self-signed P-256 certificate for CN=localhost with subjectAltName DNS:localhost and
// IP:127.0.0.1, valid from an hour ago for one day.
TestCertificate make_test_certificate();

struct FakeWsMessage {
  std::string data;
  bool binary = false;
};

class FakeWsSession {
 public:
  struct State;
  explicit FakeWsSession(std::shared_ptr<State> st) : st_(std::move(st)) {}

  [[nodiscard]] int index() const;  // 0 for the first connection
  [[nodiscard]] bool stopping() const;
  [[nodiscard]] const std::string& target() const;                // request target of the upgrade
  [[nodiscard]] std::string header(std::string_view name) const;  // upgrade request header

  void reject(int http_status, std::string body = "unauthorized");
  std::optional<FakeWsMessage> read(std::chrono::milliseconds timeout = 2000ms);
  bool send_text(std::string_view text);
  bool send_binary(std::string_view bytes);
  bool send_raw(std::string_view bytes);  // raw TCP bytes, no framing
  void close(std::uint16_t code = 1000, std::string_view reason = "");
  void drop();  // TCP close without a close frame
  // Keeps the connection open without sending, up to `d`, until the client closes or the server
  // stops. Returns true when the client closed (or dropped) the connection.
  bool silent(std::chrono::milliseconds d);
  [[nodiscard]] bool closed() const;

 private:
  bool ensure_accepted();
  std::shared_ptr<State> st_;
};

using WsScript = std::function<void(FakeWsSession&)>;

struct FakeWsServerOptions {
  bool tls = false;
  TestCertificate cert;  // generated when tls and empty
};

class FakeWsServer {
 public:
  explicit FakeWsServer(WsScript script, FakeWsServerOptions opt = {});
  ~FakeWsServer();
  FakeWsServer(const FakeWsServer&) = delete;
  FakeWsServer& operator=(const FakeWsServer&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] std::string url(std::string_view path = "/") const;
  [[nodiscard]] int connections() const { return connections_.load(); }
  [[nodiscard]] const TestCertificate& certificate() const { return opt_.cert; }
  // Messages received from clients over all connections, in arrival order.
  [[nodiscard]] std::vector<std::string> received() const;
  void stop();

  struct Impl;

 private:
  FakeWsServerOptions opt_;
  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
  std::atomic<int> connections_{0};
};

}  // namespace zerodte::adapters::net::testing
