#pragma once
// Minimal blocking HTTP/WebSocket client for the server tests (loopback only).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace zerodte::server::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

HttpReply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                       const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {});
// Sends raw bytes and returns the raw reply (for malformed-request tests).
std::string raw_request(std::uint16_t port, const std::string& bytes);

class WsClient {
 public:
  // Throws on failure (test helper); `status` receives the HTTP status of a refused upgrade.
  WsClient(std::uint16_t port, const std::string& target);
  ~WsClient();
  std::string read();  // next text message; throws on close/timeout
  void write(const std::string& text);
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Status of a refused upgrade (0 when accepted).
int ws_refused_status(std::uint16_t port, const std::string& target);

}  // namespace zerodte::server::testing
