#include "zerodte/adapters/net/testing/fake_ws_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <fmt/format.h>
#include <algorithm>

#include "zerodte/adapters/net/io_pump.hpp"

namespace zerodte::adapters::net::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

namespace {
using PlainWs = websocket::stream<beast::tcp_stream>;
using TlsWs = websocket::stream<ssl::stream<beast::tcp_stream>>;
}  // namespace

struct FakeWsSession::State {
  int index = 0;
  const std::atomic<bool>* stop = nullptr;
  std::function<void(const std::string&)> on_received;
  asio::io_context ioc;
  std::optional<PlainWs> plain;
  std::optional<TlsWs> secure;
  http::request<http::string_body> req;
  beast::flat_buffer buf;
  bool accepted = false, closed = false;
  bool read_pending = false, read_done = false;
  beast::error_code read_ec;

  template <class F>
  auto visit(F&& f) {
    return secure ? f(*secure) : f(*plain);
  }
  beast::tcp_stream& lowest() {
    return secure ? beast::get_lowest_layer(*secure) : beast::get_lowest_layer(*plain);
  }
  void kill() {
    beast::error_code ec;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
    lowest().socket().close(ec);
    closed = true;
  }
  // Pumps in short slices so a server stop is noticed; on stop/deadline kills the socket and
  // drains the handler. True when `done` was reached normally.
  bool pump(bool& done, std::chrono::milliseconds timeout) {
    const auto dl = Deadline::after(timeout);
    while (!done) {
      if (stop->load()) break;
      const auto slice = std::min(dl.at, Deadline::after(20ms).at);
      if (pump_until(ioc, done, Deadline{slice})) return true;
      if (dl.passed()) break;
    }
    if (done) return true;
    kill();
    pump_until(ioc, done, Deadline::after(5s));
    return false;
  }
};

int FakeWsSession::index() const {
  return st_->index;
}
bool FakeWsSession::stopping() const {
  return st_->stop->load();
}
const std::string& FakeWsSession::target() const {
  static thread_local std::string t;
  t = std::string(st_->req.target());
  return t;
}
std::string FakeWsSession::header(std::string_view name) const {
  auto it = st_->req.find(beast::string_view(name.data(), name.size()));
  return it == st_->req.end() ? std::string{} : std::string(it->value());
}
bool FakeWsSession::closed() const {
  return st_->closed;
}

void FakeWsSession::reject(int http_status, std::string body) {
  auto& s = *st_;
  if (s.accepted || s.closed) return;
  http::response<http::string_body> res{static_cast<http::status>(http_status), 11};
  res.set(http::field::content_type, "text/plain");
  res.body() = std::move(body);
  res.prepare_payload();
  bool done = false;
  s.visit([&](auto& ws) {
    http::async_write(ws.next_layer(), res, [&](beast::error_code, std::size_t) { done = true; });
  });
  s.pump(done, 2000ms);
  s.kill();
}

bool FakeWsSession::ensure_accepted() {
  auto& s = *st_;
  if (s.closed) return false;
  if (s.accepted) return true;
  bool done = false;
  beast::error_code ec;
  s.visit([&](auto& ws) {
    ws.async_accept(s.req, [&](beast::error_code e) {
      ec = e;
      done = true;
    });
  });
  if (!s.pump(done, 2000ms) || ec) {
    s.kill();
    return false;
  }
  s.accepted = true;
  return true;
}

std::optional<FakeWsMessage> FakeWsSession::read(std::chrono::milliseconds timeout) {
  if (!ensure_accepted()) return std::nullopt;
  auto& s = *st_;
  if (!s.read_pending) {
    s.read_pending = true;
    s.read_done = false;
    s.visit([&](auto& ws) {
      ws.async_read(s.buf, [&s](beast::error_code e, std::size_t) {
        s.read_ec = e;
        s.read_done = true;
      });
    });
  }
  // A timeout keeps the read outstanding (like the client); only a stop kills the socket.
  const auto dl = Deadline::after(timeout);
  while (!s.read_done && !dl.passed() && !s.stop->load()) {
    pump_until(s.ioc, s.read_done,
               std::min(dl, Deadline::after(20ms), [](auto a, auto b) { return a.at < b.at; }));
  }
  if (!s.read_done) {
    if (s.stop->load()) s.pump(s.read_done, 0ms);
    return std::nullopt;
  }
  s.read_pending = false;
  s.read_done = false;
  if (s.read_ec) {
    s.closed = true;
    return std::nullopt;
  }
  FakeWsMessage m;
  m.binary = s.visit([](auto& ws) { return ws.got_binary(); });
  m.data = beast::buffers_to_string(s.buf.data());
  s.buf.consume(s.buf.size());
  if (s.on_received) s.on_received(m.data);
  return m;
}

namespace {
bool write_frame(FakeWsSession::State& s, std::string_view data, bool binary) {
  bool done = false;
  beast::error_code ec;
  s.visit([&](auto& ws) {
    ws.binary(binary);
    ws.async_write(asio::buffer(data.data(), data.size()), [&](beast::error_code e, std::size_t) {
      ec = e;
      done = true;
    });
  });
  if (!s.pump(done, 2000ms) || ec) {
    s.closed = true;
    return false;
  }
  return true;
}
}  // namespace

bool FakeWsSession::send_text(std::string_view text) {
  return ensure_accepted() && write_frame(*st_, text, false);
}
bool FakeWsSession::send_binary(std::string_view bytes) {
  return ensure_accepted() && write_frame(*st_, bytes, true);
}

bool FakeWsSession::send_raw(std::string_view bytes) {
  if (!ensure_accepted()) return false;
  auto& s = *st_;
  bool done = false;
  beast::error_code ec;
  s.visit([&](auto& ws) {
    asio::async_write(ws.next_layer(), asio::buffer(bytes.data(), bytes.size()),
                      [&](beast::error_code e, std::size_t) {
                        ec = e;
                        done = true;
                      });
  });
  return s.pump(done, 2000ms) && !ec;
}

void FakeWsSession::close(std::uint16_t code, std::string_view reason) {
  if (!ensure_accepted()) return;
  auto& s = *st_;
  bool done = false;
  s.visit([&](auto& ws) {
    ws.async_close(websocket::close_reason(static_cast<websocket::close_code>(code),
                                           beast::string_view(reason.data(), reason.size())),
                   [&](beast::error_code) { done = true; });
  });
  s.pump(done, 1000ms);
  // Wait briefly for the client's close reply (completes an outstanding read), then drop.
  if (s.read_pending) s.pump(s.read_done, 500ms);
  s.kill();
}

void FakeWsSession::drop() {
  st_->kill();
}

bool FakeWsSession::silent(std::chrono::milliseconds d) {
  if (!ensure_accepted()) return true;
  const auto dl = Deadline::after(d);
  while (!dl.passed() && !stopping()) {
    auto m = read(std::min(d, 50ms));
    if (st_->closed) return true;
    (void)m;  // anything the client sends is consumed (and logged) but not answered
  }
  return st_->closed;
}

struct FakeWsServer::Impl {
  WsScript script;
  std::atomic<bool> stop{false};
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::optional<ssl::context> ctx;
  std::thread accept_thread;
  std::mutex mutex;
  std::vector<std::thread> sessions;
  std::vector<std::string> received;
};

FakeWsServer::FakeWsServer(WsScript script, FakeWsServerOptions opt)
    : opt_(std::move(opt)), impl_(std::make_unique<Impl>()) {
  impl_->script = std::move(script);
  if (opt_.tls) {
    if (opt_.cert.cert_pem.empty()) opt_.cert = make_test_certificate();
    impl_->ctx.emplace(ssl::context::tls_server);
    impl_->ctx->use_certificate_chain(asio::buffer(opt_.cert.cert_pem));
    impl_->ctx->use_private_key(asio::buffer(opt_.cert.key_pem), ssl::context::pem);
  }
  tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->accept_thread = std::thread([this] {
    auto& im = *impl_;
    while (!im.stop.load()) {
      auto st = std::make_shared<FakeWsSession::State>();
      st->stop = &im.stop;
      st->on_received = [&im](const std::string& m) {
        std::lock_guard lock(im.mutex);
        im.received.push_back(m);
      };
      bool done = false;
      beast::error_code ec;
      std::optional<tcp::socket> sock;
      im.acceptor.async_accept(st->ioc, [&](beast::error_code e, tcp::socket s) {
        ec = e;
        sock.emplace(std::move(s));
        done = true;
      });
      while (!done && !im.stop.load())
        pump_until(im.ioc, done, Deadline::after(20ms));
      if (!done) {
        beast::error_code ignore;
        im.acceptor.cancel(ignore);
        pump_until(im.ioc, done, Deadline::after(5s));
        break;
      }
      if (ec) continue;
      st->index = connections_.fetch_add(1);
      std::lock_guard lock(im.mutex);
      im.sessions.emplace_back([this, st, s = std::move(*sock)]() mutable {
        auto& im2 = *impl_;
        if (im2.ctx)
          st->secure.emplace(std::move(s), *im2.ctx);
        else
          st->plain.emplace(std::move(s));
        bool ok = true;
        if (st->secure) {
          bool hs = false;
          beast::error_code hec;
          st->secure->next_layer().async_handshake(ssl::stream_base::server,
                                                   [&](beast::error_code e) {
                                                     hec = e;
                                                     hs = true;
                                                   });
          ok = st->pump(hs, 2000ms) && !hec;
        }
        if (ok) {
          bool rd = false;
          beast::error_code rec;
          st->visit([&](auto& ws) {
            http::async_read(ws.next_layer(), st->buf, st->req,
                             [&](beast::error_code e, std::size_t) {
                               rec = e;
                               rd = true;
                             });
          });
          ok = st->pump(rd, 2000ms) && !rec;
        }
        if (ok) {
          FakeWsSession session(st);
          im2.script(session);
        }
        if (!st->closed) st->kill();
        if (st->read_pending) pump_until(st->ioc, st->read_done, Deadline::after(1s));
        st->plain.reset();
        st->secure.reset();
      });
    }
  });
}

FakeWsServer::~FakeWsServer() {
  stop();
}

void FakeWsServer::stop() {
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

std::string FakeWsServer::url(std::string_view path) const {
  return fmt::format("{}://127.0.0.1:{}{}", opt_.tls ? "wss" : "ws", port_, path);
}

std::vector<std::string> FakeWsServer::received() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->received;
}

}  // namespace zerodte::adapters::net::testing
