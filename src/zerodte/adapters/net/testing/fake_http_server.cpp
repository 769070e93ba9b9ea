#include "zerodte/adapters/net/testing/fake_http_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "zerodte/adapters/net/io_pump.hpp"

namespace zerodte::adapters::net::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {
bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}
int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else if (s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}
}  // namespace

std::string FakeHttpRequest::path() const {
  const auto q = target.find('?');
  return q == std::string::npos ? target : target.substr(0, q);
}

std::string FakeHttpRequest::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return {};
}

std::string FakeHttpRequest::query(std::string_view name) const {
  const auto q = target.find('?');
  if (q == std::string::npos) return {};
  std::string_view rest = std::string_view(target).substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto part = rest.substr(0, amp);
    const auto eq = part.find('=');
    if (percent_decode(part.substr(0, eq)) == name)
      return eq == std::string_view::npos ? std::string{} : percent_decode(part.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return {};
}

struct FakeHttpServer::Impl {
  HttpHandler handler;
  std::atomic<bool> stop{false};
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::thread accept_thread;
  mutable std::mutex mutex;
  std::vector<std::thread> sessions;
  std::vector<FakeHttpRequest> log;

  // Pumps `ioc` in slices until done or stop; on stop closes `sock` and drains.
  bool pump(asio::io_context& c, tcp::socket& sock, bool& done, std::chrono::milliseconds t) {
    const auto dl = Deadline::after(t);
    while (!done && !stop.load() && !dl.passed())
      pump_until(c, done,
                 std::min(dl, Deadline::after(std::chrono::milliseconds(20)),
                          [](auto a, auto b) { return a.at < b.at; }));
    if (done) return true;
    beast::error_code ec;
    sock.close(ec);
    pump_until(c, done, Deadline::after(std::chrono::seconds(5)));
    return false;
  }

  void serve(asio::io_context& c, tcp::socket sock, FakeHttpServer& owner) {
    beast::flat_buffer buf;
    while (!stop.load()) {
      http::request<http::string_body> req;
      bool done = false;
      beast::error_code ec;
      http::async_read(sock, buf, req, [&](beast::error_code e, std::size_t) {
        ec = e;
        done = true;
      });
      if (!pump(c, sock, done, std::chrono::milliseconds(10'000)) || ec) break;
      FakeHttpRequest r;
      r.method = std::string(req.method_string());
      r.target = std::string(req.target());
      for (const auto& f : req)
        r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
      r.body = req.body();
      {
        std::lock_guard lock(mutex);
        log.push_back(r);
      }
      owner.requests_.fetch_add(1);
      FakeHttpReply reply = handler(r);
      if (reply.delay.count() > 0) {
        const auto dl = Deadline::after(reply.delay);
        while (!dl.passed() && !stop.load())
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      if (reply.drop || stop.load()) break;
      http::response<http::string_body> res{static_cast<http::status>(reply.status), 11};
      res.set(http::field::content_type, reply.content_type);
      for (const auto& [k, v] : reply.headers)
        res.set(k, v);
      res.body() = std::move(reply.body);
      res.keep_alive(req.keep_alive());
      res.prepare_payload();
      done = false;
      http::async_write(sock, res, [&](beast::error_code e, std::size_t) {
        ec = e;
        done = true;
      });
      if (!pump(c, sock, done, std::chrono::milliseconds(5'000)) || ec || !req.keep_alive()) break;
    }
    beast::error_code ignore;
    sock.shutdown(tcp::socket::shutdown_both, ignore);
    sock.close(ignore);
  }
};

FakeHttpServer::FakeHttpServer(HttpHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->accept_thread = std::thread([this] {
    auto& im = *impl_;
    while (!im.stop.load()) {
      auto c = std::make_shared<asio::io_context>();
      bool done = false;
      beast::error_code ec;
      std::optional<tcp::socket> sock;
      im.acceptor.async_accept(*c, [&](beast::error_code e, tcp::socket s) {
        ec = e;
        sock.emplace(std::move(s));
        done = true;
      });
      while (!done && !im.stop.load())
        pump_until(im.ioc, done, Deadline::after(std::chrono::milliseconds(20)));
      if (!done) {
        beast::error_code ignore;
        im.acceptor.cancel(ignore);
        pump_until(im.ioc, done, Deadline::after(std::chrono::seconds(5)));
        break;
      }
      if (ec) continue;
      std::lock_guard lock(im.mutex);
      im.sessions.emplace_back(
          [this, c, s = std::move(*sock)]() mutable { impl_->serve(*c, std::move(s), *this); });
    }
  });
}

FakeHttpServer::~FakeHttpServer() {
  stop();
}

void FakeHttpServer::stop() {
  if (!impl_ || impl_->stop.exchange(true)) return;
  if (impl_->accept_thread.joinable()) impl_->accept_thread.join();
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(impl_->mutex);
    threads.swap(impl_->sessions);
  }
  for (auto& t : threads)
    t.join();
}

std::string FakeHttpServer::url(std::string_view path_and_query) const {
  return fmt::format("http://127.0.0.1:{}{}", port_, path_and_query);
}

std::vector<FakeHttpRequest> FakeHttpServer::log() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->log;
}

}  // namespace zerodte::adapters::net::testing
