#pragma once
// A loopback HTTP/1.1 server for tests (127.0.0.1, ephemeral port). Each connection gets one
// request and one scripted response: a status and body, a delay, a dropped connection, or a
// chunked stream of pieces with pauses (for streaming APIs). Records every request.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace zerodte::testing {

struct FakeRequest {
  std::string method, target, body;
  std::vector<std::pair<std::string, std::string>> headers;
  [[nodiscard]] std::string header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k.size() == name.size() &&
          std::equal(k.begin(), k.end(), name.begin(),
                     [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
        return v;
      }
    }
    return {};
  }
};

struct FakeResponse {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/json"}};
  std::chrono::milliseconds delay{0};  // before the response
  bool drop = false;                   // close without answering
  // Streaming: chunked transfer, each piece after its pause; then the stream ends (or stalls
  // for `stall` before closing).
  std::vector<std::pair<std::chrono::milliseconds, std::string>> chunks;
  std::chrono::milliseconds stall{0};
};

class FakeHttpServer {
 public:
  using Handler = std::function<FakeResponse(const FakeRequest&)>;
  explicit FakeHttpServer(Handler h) : handler_(std::move(h)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a));
    ::listen(fd_, 16);
    socklen_t len = sizeof(a);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    accept_thread_ = std::thread([this] { accept_loop(); });
  }
  ~FakeHttpServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    accept_thread_.join();
    for (auto& t : conns_)
      t.join();
  }
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string url(std::string_view path = "") const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }
  [[nodiscard]] std::vector<FakeRequest> requests() const {
    std::lock_guard l(mu_);
    return requests_;
  }
  [[nodiscard]] std::size_t request_count() const {
    std::lock_guard l(mu_);
    return requests_.size();
  }

 private:
  void accept_loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      std::lock_guard l(mu_);
      conns_.emplace_back([this, c] { serve(c); });
    }
  }
  static void send_all(int c, std::string_view s) {
    while (!s.empty()) {
      const auto n = ::send(c, s.data(), s.size(), MSG_NOSIGNAL);
      if (n <= 0) return;
      s.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  void sleep_unless_stopped(std::chrono::milliseconds d) const {
    const auto end = std::chrono::steady_clock::now() + d;
    while (!stop_ && std::chrono::steady_clock::now() < end) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  void serve(int c) {
    std::string buf;
    char tmp[4096];
    std::size_t header_end = std::string::npos;
    while (header_end == std::string::npos) {
      pollfd p{c, POLLIN, 0};
      if (stop_ || ::poll(&p, 1, 2000) <= 0) break;
      const auto n = ::recv(c, tmp, sizeof(tmp), 0);
      if (n <= 0) break;
      buf.append(tmp, static_cast<std::size_t>(n));
      header_end = buf.find("\r\n\r\n");
    }
    if (header_end == std::string::npos) {
      ::close(c);
      return;
    }
    FakeRequest req;
    const std::string head = buf.substr(0, header_end);
    std::size_t pos = head.find("\r\n");
    const std::string line = head.substr(0, pos);
    const auto sp1 = line.find(' ');
    const auto sp2 = line.find(' ', sp1 + 1);
    req.method = line.substr(0, sp1);
    req.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    std::size_t content_length = 0;
    while (pos != std::string::npos && pos < head.size()) {
      const auto next = head.find("\r\n", pos + 2);
      const std::string h =
          head.substr(pos + 2, (next == std::string::npos ? head.size() : next) - pos - 2);
      const auto colon = h.find(':');
      if (colon != std::string::npos) {
        std::string k = h.substr(0, colon);
        std::string v = h.substr(colon + 1);
        while (!v.empty() && v.front() == ' ')
          v.erase(0, 1);
        if (strcasecmp(k.c_str(), "content-length") == 0) content_length = std::stoul(v);
        req.headers.emplace_back(std::move(k), std::move(v));
      }
      pos = next;
    }
    std::string body = buf.substr(header_end + 4);
    while (body.size() < content_length) {
      const auto n = ::recv(c, tmp, sizeof(tmp), 0);
      if (n <= 0) break;
      body.append(tmp, static_cast<std::size_t>(n));
    }
    req.body = body;
    FakeResponse resp = handler_(req);
    {
      std::lock_guard l(mu_);
      requests_.push_back(req);
    }
    sleep_unless_stopped(resp.delay);
    if (resp.drop || stop_) {
      ::close(c);
      return;
    }
    std::string out = "HTTP/1.1 " + std::to_string(resp.status) + " X\r\n";
    for (const auto& [k, v] : resp.headers)
      out += k + ": " + v + "\r\n";
    if (resp.chunks.empty()) {
      out +=
          "Content-Length: " + std::to_string(resp.body.size()) + "\r\nConnection: close\r\n\r\n";
      out += resp.body;
      send_all(c, out);
    } else {
      out += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
      send_all(c, out);
      for (const auto& [pause, piece] : resp.chunks) {
        sleep_unless_stopped(pause);
        char size[32];
        std::snprintf(size, sizeof(size), "%zx\r\n", piece.size());
        send_all(c, std::string(size) + piece + "\r\n");
      }
      sleep_unless_stopped(resp.stall);
      if (resp.stall.count() == 0) send_all(c, "0\r\n\r\n");
    }
    ::shutdown(c, SHUT_WR);
    ::close(c);
  }

  Handler handler_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread accept_thread_;
  mutable std::mutex mu_;
  std::vector<std::thread> conns_;
  std::vector<FakeRequest> requests_;
};

}  // namespace zerodte::testing
