#pragma once
// FakeHttpServer: a loopback HTTP/1.1 server (127.0.0.1:0) for REST tests. Every request goes
// to `handler`, whose reply may be slow (delay), throttled (429 + Retry-After header), an error,
// or a dropped connection. Requests are logged and counted.
//   net::testing::FakeHttpServer rest([](const net::testing::FakeHttpRequest& r) {
//     if (r.path() == "/v2/stocks/bars") return net::testing::FakeHttpReply{200, bars_json};
//     return net::testing::FakeHttpReply{404, "{}"};
//   });
//   sentiment::http_request({.url = rest.url("/v2/stocks/bars?symbols=SPY")});
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zerodte::adapters::net::testing {

struct FakeHttpRequest {
  std::string method;
  std::string target;  // path?query as sent
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  [[nodiscard]] std::string path() const;
  [[nodiscard]] std::string header(std::string_view name) const;  // case-insensitive
  // Percent-decoded query parameter; "" when absent.
  [[nodiscard]] std::string query(std::string_view name) const;
};

struct FakeHttpReply {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds delay{0};  // before the reply is written (slow server)
  bool drop = false;                   // close the connection without replying
  std::string content_type = "application/json";
};

using HttpHandler = std::function<FakeHttpReply(const FakeHttpRequest&)>;

class FakeHttpServer {
 public:
  explicit FakeHttpServer(HttpHandler handler);
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] std::string url(std::string_view path_and_query = "") const;
  [[nodiscard]] int requests() const { return requests_.load(); }
  [[nodiscard]] std::vector<FakeHttpRequest> log() const;
  void stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
  std::atomic<int> requests_{0};
};

}  // namespace zerodte::adapters::net::testing
