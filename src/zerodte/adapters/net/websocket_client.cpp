#include "zerodte/adapters/net/websocket_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/url/parse.hpp>

#include <optional>

#include "zerodte/adapters/net/io_pump.hpp"

namespace zerodte::adapters::net {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using core::ErrorCode;

core::Result<WsUrl> parse_ws_url(std::string_view url) {
  auto u = boost::urls::parse_uri(url);
  if (!u) return core::fail(ErrorCode::kConfig, "bad URL '{}': {}", url, u.error().message());
  WsUrl w;
  const auto scheme = u->scheme();
  if (scheme == "wss" || scheme == "https")
    w.tls = true;
  else if (scheme != "ws" && scheme != "http")
    return core::fail(ErrorCode::kConfig, "URL '{}': scheme must be ws or wss", url);
  w.host = u->host();
  if (w.host.empty()) return core::fail(ErrorCode::kConfig, "URL '{}': no host", url);
  w.port = u->has_port() ? std::string(u->port()) : (w.tls ? "443" : "80");
  w.target = std::string(u->encoded_path());
  if (w.target.empty()) w.target = "/";
  if (u->has_query()) w.target += "?" + std::string(u->encoded_query());
  return w;
}

namespace {
using PlainWs = websocket::stream<beast::tcp_stream>;
using TlsWs = websocket::stream<ssl::stream<beast::tcp_stream>>;
std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

struct WebSocketClient::Impl {
  asio::io_context ioc;
  ssl::context ctx{ssl::context::tls_client};
  std::optional<PlainWs> plain;
  std::optional<TlsWs> secure;
  beast::flat_buffer buf;
  bool read_pending = false;
  bool read_done = false;
  beast::error_code read_ec;
  bool broken = false;
  std::int64_t last_pong = 0;

  template <class F>
  auto visit(F&& f) {
    return secure ? f(*secure) : f(*plain);
  }
  [[nodiscard]] bool has_stream() const { return plain.has_value() || secure.has_value(); }
  beast::tcp_stream& lowest() {
    return secure ? beast::get_lowest_layer(*secure) : beast::get_lowest_layer(*plain);
  }
  void drop() {
    if (has_stream()) {
      beast::error_code ec;
      lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
      lowest().socket().close(ec);
      // Let aborted handlers run so nothing refers to the streams any more.
      if (read_pending) pump_until(ioc, read_done, Deadline::after(std::chrono::seconds(5)));
    }
    read_pending = read_done = false;
    plain.reset();
    secure.reset();
    buf.clear();
    broken = false;
  }
  // Runs until `done`; on deadline cancels the socket, waits for the handler, returns false.
  bool wait(bool& done, Deadline dl) {
    if (pump_until(ioc, done, dl)) return true;
    beast::error_code ec;
    lowest().socket().close(ec);
    pump_until(ioc, done, Deadline::after(std::chrono::seconds(5)));
    broken = true;
    return false;
  }
};

WebSocketClient::WebSocketClient(WsOptions opt)
    : impl_(std::make_unique<Impl>()), opt_(std::move(opt)) {}
WebSocketClient::~WebSocketClient() {
  impl_->drop();
}

bool WebSocketClient::is_open() const {
  if (!impl_->has_stream() || impl_->broken) return false;
  return impl_->secure ? impl_->secure->is_open() : impl_->plain->is_open();
}

std::int64_t WebSocketClient::last_pong_steady_ns() const {
  return impl_->last_pong;
}

core::Status WebSocketClient::connect(std::string_view url, const Headers& headers,
                                      core::Duration timeout) {
  impl_->drop();
  auto u = parse_ws_url(url);
  if (!u) return std::unexpected(u.error());
  endpoint_ = u->host + ":" + u->port;
  const auto dl = Deadline::after(timeout);
  auto& im = *impl_;
  auto timeout_err = [&](std::string_view stage) {
    im.drop();
    return core::fail(ErrorCode::kTimeout, "{}: timed out during {}", endpoint_, stage);
  };
  auto net_err = [&](std::string_view stage, const beast::error_code& ec) {
    im.drop();
    return core::fail(ErrorCode::kTransport, "{}: {} failed: {}", endpoint_, stage, ec.message());
  };

  tcp::resolver resolver(im.ioc);
  tcp::resolver::results_type results;
  bool done = false;
  beast::error_code ec;
  resolver.async_resolve(u->host, u->port, [&](beast::error_code e, tcp::resolver::results_type r) {
    ec = e;
    results = std::move(r);
    done = true;
  });
  if (!pump_until(im.ioc, done, dl)) {
    resolver.cancel();
    pump_until(im.ioc, done, Deadline::after(std::chrono::seconds(5)));
    return timeout_err("resolve");
  }
  if (ec) return net_err("resolve", ec);

  if (u->tls) {
    im.ctx = ssl::context(ssl::context::tls_client);
    if (opt_.verify_tls) {
      im.ctx.set_verify_mode(ssl::verify_peer);
      im.ctx.set_default_verify_paths(ec);
      if (!opt_.ca_pem.empty()) {
        im.ctx.add_certificate_authority(asio::buffer(opt_.ca_pem), ec);
        if (ec)
          return core::fail(ErrorCode::kConfig, "{}: bad CA certificate: {}", endpoint_,
                            ec.message());
      }
    } else {
      im.ctx.set_verify_mode(ssl::verify_none);
    }
    im.secure.emplace(im.ioc, im.ctx);
  } else {
    im.plain.emplace(im.ioc);
  }
  im.visit([&](auto& ws) { ws.read_message_max(opt_.max_message); });

  done = false;
  im.lowest().async_connect(results, [&](beast::error_code e, const tcp::endpoint&) {
    ec = e;
    done = true;
  });
  if (!im.wait(done, dl)) return timeout_err("connect");
  if (ec) return net_err("connect", ec);
  im.lowest().socket().set_option(tcp::no_delay(true), ec);

  if (im.secure) {
    auto& tls = im.secure->next_layer();
    boost::system::error_code addr_ec;
    asio::ip::make_address(u->host, addr_ec);
    if (addr_ec) SSL_set_tlsext_host_name(tls.native_handle(), u->host.c_str());  // SNI
    if (opt_.verify_tls) tls.set_verify_callback(ssl::host_name_verification(u->host));
    done = false;
    tls.async_handshake(ssl::stream_base::client, [&](beast::error_code e) {
      ec = e;
      done = true;
    });
    if (!im.wait(done, dl)) return timeout_err("TLS handshake");
    if (ec) return net_err("TLS handshake", ec);
  }

  websocket::response_type res;
  const std::string host_header =
      (u->port == (u->tls ? "443" : "80")) ? u->host : u->host + ":" + u->port;
  im.visit([&](auto& ws) {
    ws.set_option(websocket::stream_base::decorator([&headers, this](websocket::request_type& r) {
      r.set(beast::http::field::user_agent, opt_.user_agent);
      for (const auto& [k, v] : headers)
        r.set(k, v);
    }));
    ws.control_callback([&im](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::pong) im.last_pong = steady_ns();
    });
    done = false;
    ws.async_handshake(res, host_header, u->target, [&](beast::error_code e) {
      ec = e;
      done = true;
    });
  });
  if (!im.wait(done, dl)) return timeout_err("WebSocket handshake");
  if (ec) {
    const int status = static_cast<int>(res.result_int());
    im.drop();
    if (status == 401 || status == 403)
      return core::fail(ErrorCode::kAuth, "{}: WebSocket upgrade refused with HTTP {}", endpoint_,
                        status);
    if (status == 429)
      return core::fail(ErrorCode::kRateLimited, "{}: WebSocket upgrade refused with HTTP 429",
                        endpoint_);
    if (status != 0 && status != 101)
      return core::fail(ErrorCode::kTransport, "{}: WebSocket upgrade refused with HTTP {}",
                        endpoint_, status);
    return net_err("WebSocket handshake", ec);
  }
  im.lowest().expires_never();
  return core::ok();
}

namespace {
template <class Buffer>
core::Status do_write(WebSocketClient::Impl& im, const std::string& endpoint, bool binary,
                      const Buffer& buffer, core::Duration timeout) {
  if (!im.has_stream() || im.broken)
    return core::fail(ErrorCode::kTransport, "{}: send on a closed WebSocket", endpoint);
  bool done = false;
  beast::error_code ec;
  im.visit([&](auto& ws) {
    ws.binary(binary);
    ws.async_write(buffer, [&](beast::error_code e, std::size_t) {
      ec = e;
      done = true;
    });
  });
  if (!im.wait(done, Deadline::after(timeout)))
    return core::fail(ErrorCode::kTimeout, "{}: timed out sending", endpoint);
  if (ec) {
    im.broken = true;
    return core::fail(ErrorCode::kTransport, "{}: send failed: {}", endpoint, ec.message());
  }
  return core::ok();
}
}  // namespace

core::Status WebSocketClient::send_text(std::string_view text, core::Duration timeout) {
  return do_write(*impl_, endpoint_, false, asio::buffer(text.data(), text.size()), timeout);
}

core::Status WebSocketClient::send_binary(std::span<const std::byte> bytes,
                                          core::Duration timeout) {
  return do_write(*impl_, endpoint_, true, asio::buffer(bytes.data(), bytes.size()), timeout);
}

core::Result<WsFrame> WebSocketClient::read(core::Duration timeout) {
  auto& im = *impl_;
  if (!im.has_stream() || im.broken)
    return core::fail(ErrorCode::kTransport, "{}: read on a closed WebSocket", endpoint_);
  if (!im.read_pending) {
    im.read_pending = true;
    im.read_done = false;
    im.visit([&](auto& ws) {
      ws.async_read(im.buf, [&im](beast::error_code e, std::size_t) {
        im.read_ec = e;
        im.read_done = true;
      });
    });
  }
  if (!pump_until(im.ioc, im.read_done, Deadline::after(timeout)))
    return core::fail(ErrorCode::kTimeout, "{}: no message within {} ms", endpoint_,
                      std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count());
  im.read_pending = false;
  im.read_done = false;
  if (im.read_ec) {
    im.broken = true;
    if (im.read_ec == websocket::error::closed) {
      const auto reason = im.visit([](auto& ws) { return ws.reason(); });
      return core::fail(ErrorCode::kTransport, "{}: closed by peer (code {}{}{})", endpoint_,
                        static_cast<int>(reason.code), reason.reason.empty() ? "" : ", ",
                        std::string(reason.reason.c_str()));
    }
    return core::fail(ErrorCode::kTransport, "{}: read failed: {}", endpoint_,
                      im.read_ec.message());
  }
  WsFrame f;
  f.binary = im.visit([](auto& ws) { return ws.got_binary(); });
  f.data = beast::buffers_to_string(im.buf.data());
  im.buf.consume(im.buf.size());
  return f;
}

core::Status WebSocketClient::ping(core::Duration timeout) {
  auto& im = *impl_;
  if (!im.has_stream() || im.broken)
    return core::fail(ErrorCode::kTransport, "{}: ping on a closed WebSocket", endpoint_);
  bool done = false;
  beast::error_code ec;
  im.visit([&](auto& ws) {
    ws.async_ping({}, [&](beast::error_code e) {
      ec = e;
      done = true;
    });
  });
  if (!im.wait(done, Deadline::after(timeout)))
    return core::fail(ErrorCode::kTimeout, "{}: timed out sending ping", endpoint_);
  if (ec) return core::fail(ErrorCode::kTransport, "{}: ping failed: {}", endpoint_, ec.message());
  return core::ok();
}

core::Status WebSocketClient::close(core::Duration timeout) {
  auto& im = *impl_;
  if (!im.has_stream()) return core::ok();
  core::Status st = core::ok();
  if (!im.broken) {
    bool done = false;
    beast::error_code ec;
    im.visit([&](auto& ws) {
      ws.async_close(websocket::close_code::normal, [&](beast::error_code e) {
        ec = e;
        done = true;
      });
    });
    const auto dl = Deadline::after(timeout);
    if (!im.wait(done, dl)) {
      st = core::fail(ErrorCode::kTimeout, "{}: timed out closing", endpoint_);
    } else if (ec) {
      st = core::fail(ErrorCode::kTransport, "{}: close failed: {}", endpoint_, ec.message());
    } else if (im.read_pending) {
      // The peer's close frame completes the outstanding read (with error::closed).
      pump_until(im.ioc, im.read_done, dl);
    }
  }
  im.drop();
  return st;
}

void WebSocketClient::abort() {
  impl_->drop();
}

}  // namespace zerodte::adapters::net
