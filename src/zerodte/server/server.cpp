// Boost.Beast lives only in this file (and server_session.cpp is not needed: one TU keeps the
// heavy headers compiled once).
#include "zerodte/server/server.hpp"

#include <fmt/format.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "zerodte/server/http_util.hpp"

namespace zerodte::server {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

bool is_loopback_address(std::string_view address) {
  boost::system::error_code ec;
  const auto a = asio::ip::make_address(std::string(address), ec);
  return !ec && a.is_loopback();
}

namespace {

constexpr std::string_view kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
    "data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

void secure_headers(Response& r, bool api) {
  r.set(http::field::server, "zerodte");
  r.set("X-Content-Type-Options", "nosniff");
  r.set("X-Frame-Options", "DENY");
  r.set("Referrer-Policy", "no-referrer");
  r.set("Content-Security-Policy", kCsp);
  r.set("Cross-Origin-Opener-Policy", "same-origin");
  if (api) r.set(http::field::cache_control, "no-store");
}

std::int64_t now_seconds(const core::Clock& clock) {
  return clock.now().ns / 1'000'000'000;
}

}  // namespace

struct Server::Impl {
  Impl(ServerConfig c, StateHub& h, Metrics& m, ControlSink ctl, const core::Clock& clk)
      : cfg(std::move(c)),
        hub(h),
        metrics(m),
        control(std::move(ctl)),
        clock(clk),
        auth(cfg.auth),
        requests(m.counter("zerodte_http_requests_total", "HTTP requests served")),
        errors4xx(m.counter("zerodte_http_client_errors_total", "HTTP 4xx responses")),
        controls(m.counter("zerodte_control_actions_total", "Control actions accepted")),
        logins_failed(m.counter("zerodte_login_failures_total", "Failed or rate-limited logins")),
        ws_clients(m.gauge("zerodte_ws_clients", "Connected WebSocket clients")),
        ws_dropped(m.counter("zerodte_ws_slow_clients_dropped_total",
                             "WebSocket clients dropped for falling behind")),
        http_latency(m.histogram("zerodte_stage_latency_seconds", "Latency per pipeline stage",
                                 {"stage", "http_request"})) {}

  ServerConfig cfg;
  StateHub& hub;
  Metrics& metrics;
  ControlSink control;
  const core::Clock& clock;
  Authenticator auth;
  Counter& requests;
  Counter& errors4xx;
  Counter& controls;
  Counter& logins_failed;
  Gauge& ws_clients;
  Counter& ws_dropped;
  Histogram& http_latency;
  std::atomic<int> ws_count{0};

  asio::io_context ioc;
  std::optional<asio::ssl::context> ssl;
  std::optional<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  std::uint16_t bound_port = 0;
  std::atomic<bool> running{false};

  Response respond(const Request& req, http::status st, std::string body,
                   std::string_view type = "application/json", bool api = true) {
    Response r{st, req.version()};
    secure_headers(r, api);
    r.set(http::field::content_type, type);
    r.body() = std::move(body);
    r.keep_alive(req.keep_alive());
    r.prepare_payload();
    if (static_cast<int>(st) >= 400 && static_cast<int>(st) < 500) errors4xx.inc();
    return r;
  }
  Response fail(const Request& req, int status, std::string_view reason) {
    return respond(req, static_cast<http::status>(status), error_json(reason));
  }

  AuthResult<Principal> principal(const Request& req) {
    if (!cfg.auth.enabled) return Principal{"local", Role::kAdmin, false};
    const auto it = req.find(http::field::authorization);
    if (it == req.end()) return std::unexpected(AuthError{401, "missing bearer token"});
    return auth.authenticate(it->value(), now_seconds(clock));
  }

  Response handle(const Request& req, const std::string& client_ip);
  Response handle_api_get(const Request& req, std::string_view path);
  Response handle_post(const Request& req, std::string_view path, const std::string& client_ip);
  Response serve_static(const Request& req, std::string_view path);

  template <class Stream>
  asio::awaitable<void> session(Stream stream, std::string client_ip);
  template <class Stream>
  asio::awaitable<void> websocket_session(Stream stream, Request req, Principal who,
                                          std::uint64_t since, std::vector<std::string> symbols);
  asio::awaitable<void> accept_loop();
};

Response Server::Impl::handle(const Request& req, const std::string& client_ip) {
  const auto target = parse_target(req.target());
  if (!target.ok) return fail(req, 400, "malformed request target");
  const std::string_view path = target.path;
  if (path == "/healthz") {
    if (req.method() != http::verb::get) return fail(req, 405, "use GET");
    return respond(req, http::status::ok, R"({"status":"ok"})");
  }
  if (path.starts_with("/api/") || path == "/metrics") {
    if (req.method() == http::verb::post) return handle_post(req, path, client_ip);
    if (req.method() != http::verb::get) return fail(req, 405, "method not allowed");
    auto who = principal(req);
    if (!who) return fail(req, who.error().http_status, who.error().reason);
    if (path == "/metrics")
      return respond(req, http::status::ok, metrics.render_prometheus(),
                     "text/plain; version=0.0.4; charset=utf-8");
    return handle_api_get(req, path);
  }
  if (req.method() != http::verb::get && req.method() != http::verb::head)
    return fail(req, 405, "method not allowed");
  return serve_static(req, path);
}

Response Server::Impl::handle_api_get(const Request& req, std::string_view path) {
  const auto snap = hub.snapshot();
  if (path == "/api/status") return respond(req, http::status::ok, snap->status);
  if (path == "/api/positions") return respond(req, http::status::ok, snap->positions);
  if (path == "/api/orders") return respond(req, http::status::ok, snap->orders);
  if (path == "/api/signals") return respond(req, http::status::ok, snap->signals);
  if (path == "/api/metrics") return respond(req, http::status::ok, snap->metrics);
  if (path == "/api/whoami") {
    auto who = principal(req);
    return respond(req, http::status::ok,
                   fmt::format(R"({{"user":"{}","role":"{}"}})", json_escape(who->user),
                               role_name(who->role)));
  }
  const auto lookup = [&](std::string_view prefix,
                          const std::map<std::string, std::string>& m) -> std::optional<Response> {
    if (!path.starts_with(prefix)) return std::nullopt;
    const std::string key(path.substr(prefix.size()));
    if (key.empty() || key.size() > 64 || key.find('/') != std::string::npos)
      return fail(req, 400, fmt::format("malformed key after {}", prefix));
    const auto it = m.find(key);
    if (it == m.end()) return fail(req, 404, fmt::format("nothing known for {}{}", prefix, key));
    return respond(req, http::status::ok, it->second);
  };
  if (auto r = lookup("/api/chain/", snap->chains)) return std::move(*r);
  if (auto r = lookup("/api/explain/", snap->explain)) return std::move(*r);
  return fail(req, 404, "unknown API path");
}

Response Server::Impl::handle_post(const Request& req, std::string_view path,
                                   const std::string& client_ip) {
  const auto ct = req[http::field::content_type];
  if (!ct.starts_with("application/json"))
    return fail(req, 415, "Content-Type must be application/json");
  const auto now = now_seconds(clock);
  if (path == "/api/auth/login" || path == "/api/auth/refresh") {
    boost::system::error_code ec;
    const auto doc = json::parse(req.body(), ec);
    if (ec || !doc.is_object()) return fail(req, 400, "body must be a JSON object");
    const auto& o = doc.as_object();
    const auto str = [&](const char* k) -> std::optional<std::string> {
      const auto* v = o.if_contains(k);
      if (!v || !v->is_string()) return std::nullopt;
      return std::string(v->as_string());
    };
    AuthResult<TokenPair> tokens = std::unexpected(AuthError{400, ""});
    std::string user;
    if (path == "/api/auth/login") {
      const auto u = str("user");
      const auto p = str("password");
      if (!u || !p) return fail(req, 400, "login needs string fields \"user\" and \"password\"");
      if (!cfg.auth.enabled) return fail(req, 400, "authentication is disabled");
      user = *u;
      tokens = auth.login(*u, *p, client_ip, now);
    } else {
      const auto r = str("refresh_token");
      if (!r) return fail(req, 400, "refresh needs string field \"refresh_token\"");
      tokens = auth.refresh(*r, now);
      if (tokens) user = auth.jwt().verify(*r, now, "refresh")->sub;
    }
    if (!tokens) {
      logins_failed.inc();
      return fail(req, tokens.error().http_status, tokens.error().reason);
    }
    json::object out;
    out["access_token"] = tokens->access_token;
    out["refresh_token"] = tokens->refresh_token;
    out["expires_in"] = tokens->expires_in;
    out["role"] = std::string(role_name(tokens->role));
    out["user"] = user;
    return respond(req, http::status::ok, json::serialize(out));
  }
  if (path == "/api/control") {
    auto who = principal(req);
    if (!who) return fail(req, who.error().http_status, who.error().reason);
    auto cmd = parse_control(req.body(), *who, clock.now());
    if (!cmd) return fail(req, cmd.error().http_status, cmd.error().reason);
    if (!control || !control(*cmd)) return fail(req, 503, "control channel unavailable");
    controls.inc();
    return respond(req, http::status::accepted,
                   fmt::format(R"({{"accepted":true,"action":"{}","user":"{}"}})",
                               json_escape((*cmd)->action), json_escape((*cmd)->user)));
  }
  return fail(req, 404, "unknown API path");
}

Response Server::Impl::serve_static(const Request& req, std::string_view path) {
  namespace fs = std::filesystem;
  std::string rel(path);
  if (rel.find("..") != std::string::npos) return fail(req, 400, "path must not contain ..");
  if (rel.ends_with("/")) rel += "index.html";
  const fs::path root = fs::path(cfg.static_dir);
  fs::path file = root / fs::path(rel).relative_path();
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) file = root / "index.html";  // SPA routes
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(req, 404, "dashboard assets not built (run scripts/build-web.sh)");
  std::ostringstream ss;
  ss << in.rdbuf();
  auto r = respond(req, http::status::ok, ss.str(), mime_type(file.string()), false);
  r.set(http::field::cache_control,
        file.filename() == "index.html" ? "no-cache" : "public, max-age=3600");
  if (req.method() == http::verb::head) r.body().clear();
  return r;
}

template <class Stream>
asio::awaitable<void> Server::Impl::session(Stream stream, std::string client_ip) {
  beast::flat_buffer buffer;
  try {
    if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(15));
      co_await stream.async_handshake(asio::ssl::stream_base::server, asio::use_awaitable);
    }
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(cfg.max_body_bytes);
      parser.header_limit(16 * 1024);
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
      boost::system::error_code ec;
      co_await http::async_read(stream, buffer, parser,
                                asio::redirect_error(asio::use_awaitable, ec));
      if (ec == http::error::end_of_stream || ec == beast::error::timeout) break;
      if (ec) {
        Request dummy;
        dummy.version(11);
        auto r = fail(
            dummy, ec == http::error::body_limit ? 413 : 400,
            ec == http::error::body_limit ? "request body too large" : "malformed HTTP request");
        r.keep_alive(false);
        co_await http::async_write(stream, r, asio::redirect_error(asio::use_awaitable, ec));
        break;
      }
      Request req = parser.release();
      const auto t0 = std::chrono::steady_clock::now();
      requests.inc();
      if (websocket::is_upgrade(req)) {
        const auto target = parse_target(req.target());
        if (!target.ok || target.path != "/ws") {
          auto r = fail(req, 404, "WebSocket endpoint is /ws");
          co_await http::async_write(stream, r, asio::use_awaitable);
          break;
        }
        AuthResult<Principal> who = Principal{"local", Role::kAdmin, false};
        if (cfg.auth.enabled) {
          const auto it = target.query.find("token");
          who = it == target.query.end()
                    ? AuthResult<Principal>(std::unexpected(AuthError{401, "missing token"}))
                    : auth.authenticate(it->second, now_seconds(clock));
        }
        std::uint64_t since = 0;
        bool ok = true;
        if (const auto it = target.query.find("since"); it != target.query.end()) {
          const auto& s = it->second;
          ok = !s.empty() && s.size() < 20 &&
               std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
          if (ok) since = std::stoull(s);
        }
        std::vector<std::string> symbols;
        if (const auto it = target.query.find("symbols"); it != target.query.end()) {
          std::string_view rest = it->second;
          while (!rest.empty()) {
            const auto c = rest.find(',');
            if (const auto sym = rest.substr(0, c); !sym.empty() && sym.size() <= 32)
              symbols.emplace_back(sym);
            if (c == std::string_view::npos) break;
            rest.remove_prefix(c + 1);
          }
        }
        std::optional<Response> refuse;
        if (!who)
          refuse = fail(req, who.error().http_status, who.error().reason);
        else if (!ok)
          refuse = fail(req, 400, "since must be a sequence number");
        else if (ws_count.load() >= static_cast<int>(cfg.max_ws_clients))
          refuse = fail(req, 503, "too many WebSocket clients");
        if (refuse) {
          refuse->keep_alive(false);
          co_await http::async_write(stream, *refuse, asio::use_awaitable);
          break;
        }
        beast::get_lowest_layer(stream).expires_never();
        co_await websocket_session(std::move(stream), std::move(req), *who, since,
                                   std::move(symbols));
        co_return;
      }
      Response r = handle(req, client_ip);
      http_latency.observe_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                  std::chrono::steady_clock::now() - t0)
                                  .count());
      const bool keep = r.keep_alive();
      co_await http::async_write(stream, r, asio::use_awaitable);
      if (!keep) break;
    }
    boost::system::error_code ec;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ec);
  } catch (const std::exception&) {
    // Connection-level failure (reset, timeout): drop the connection.
  }
}

template <class Stream>
asio::awaitable<void> Server::Impl::websocket_session(Stream stream, Request req, Principal who,
                                                      std::uint64_t since,
                                                      std::vector<std::string> symbols) {
  auto ws = std::make_shared<websocket::stream<Stream>>(std::move(stream));
  ws->set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws->read_message_max(4096);
  ws->set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "zerodte"); }));
  co_await ws->async_accept(req, asio::use_awaitable);

  auto sub = hub.subscribe(since, std::move(symbols));
  struct Guard {
    Impl* impl;
    std::shared_ptr<Subscriber> s;
    ~Guard() {
      impl->hub.unsubscribe(s);
      impl->ws_count.fetch_sub(1);
      impl->ws_clients.add(-1);
    }
  } guard{this, sub.subscriber};
  ws_count.fetch_add(1);
  ws_clients.add(1);

  auto ex = co_await asio::this_coro::executor;
  auto wake = std::make_shared<asio::steady_timer>(ex);
  auto pending = std::make_shared<std::atomic<bool>>(false);
  auto closed = std::make_shared<std::atomic<bool>>(false);
  std::weak_ptr<asio::steady_timer> weak_wake = wake;
  sub.subscriber->set_notify([ex, weak_wake, pending] {
    pending->store(true, std::memory_order_release);
    asio::post(ex, [weak_wake] {
      if (auto t = weak_wake.lock()) t->cancel();
    });
  });

  // Reader: subscription changes ({"symbols":["SPY"]}) and close detection.
  asio::co_spawn(
      ex,
      [ws, sub = sub.subscriber, wake, closed]() -> asio::awaitable<void> {
        beast::flat_buffer buf;
        for (;;) {
          boost::system::error_code ec;
          co_await ws->async_read(buf, asio::redirect_error(asio::use_awaitable, ec));
          if (ec) break;
          const auto text = beast::buffers_to_string(buf.data());
          buf.consume(buf.size());
          const auto doc = json::parse(text, ec);
          if (ec || !doc.is_object()) continue;
          if (const auto* s = doc.as_object().if_contains("symbols"); s && s->is_array()) {
            std::vector<std::string> syms;
            for (const auto& v : s->as_array())
              if (v.is_string() && v.as_string().size() <= 32) syms.emplace_back(v.as_string());
            sub->set_symbols(std::move(syms));
          }
        }
        closed->store(true);
        wake->cancel();
      },
      asio::detached);

  const auto last = hub.stats().last_seq;
  std::string hello =
      fmt::format(R"({{"type":"hello","seq":{},"gap":{},"user":"{}","role":"{}"}})", last,
                  sub.gap ? "true" : "false", json_escape(who.user), role_name(who.role));
  ws->text(true);
  boost::system::error_code ec;
  co_await ws->async_write(asio::buffer(hello), asio::redirect_error(asio::use_awaitable, ec));
  while (!ec && !closed->load()) {
    auto events = sub.subscriber->drain();
    if (sub.subscriber->dropped()) {
      ws_dropped.inc();
      co_await ws->async_close(websocket::close_reason(websocket::close_code::try_again_later,
                                                       "client too slow; reconnect with since"),
                               asio::redirect_error(asio::use_awaitable, ec));
      break;
    }
    if (events.empty()) {
      if (pending->exchange(false)) continue;
      wake->expires_at(asio::steady_timer::time_point::max());
      boost::system::error_code wait_ec;
      co_await wake->async_wait(asio::redirect_error(asio::use_awaitable, wait_ec));
      continue;
    }
    for (const auto& e : events) {
      co_await ws->async_write(asio::buffer(e->json),
                               asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
    }
  }
}

asio::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor->async_accept(
        asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (!running.load() || ec == asio::error::operation_aborted) co_return;
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    std::string ip;
    if (auto ep = socket.remote_endpoint(ec); !ec) ip = ep.address().to_string();
    auto exec = socket.get_executor();
    if (ssl) {
      beast::ssl_stream<beast::tcp_stream> s(beast::tcp_stream(std::move(socket)), *ssl);
      asio::co_spawn(exec, session(std::move(s), std::move(ip)), asio::detached);
    } else {
      asio::co_spawn(exec, session(beast::tcp_stream(std::move(socket)), std::move(ip)),
                     asio::detached);
    }
  }
}

Server::Server(ServerConfig config, StateHub& hub, Metrics& metrics, ControlSink control,
               const core::Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(config), hub, metrics, std::move(control), clock)) {}

Server::~Server() {
  stop();
}

std::uint16_t Server::port() const {
  return impl_->bound_port;
}

core::Result<std::uint16_t> Server::start() {
  auto& d = *impl_;
  if (d.running.load()) return core::fail(core::ErrorCode::kState, "server already started");
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(d.cfg.bind, ec);
  if (ec)
    return core::fail(core::ErrorCode::kConfig, "server.bind: '{}' is not an IP address",
                      d.cfg.bind);
  const bool tls = !d.cfg.tls_cert.empty() && !d.cfg.tls_key.empty();
  if (!address.is_loopback() && !(tls && d.cfg.auth.enabled))
    return core::fail(core::ErrorCode::kConfig,
                      "server.bind: refusing to listen on non-loopback {} without TLS "
                      "(server.tls_cert/tls_key) and authentication enabled",
                      d.cfg.bind);
  if (d.cfg.auth.enabled && d.cfg.auth.jwt_secret.size() < 32)
    return core::fail(core::ErrorCode::kConfig,
                      "server: JWT secret missing or shorter than 32 bytes (set "
                      "ZERODTE_JWT_SECRET or server.jwt_secret_file)");
  if (tls) {
    d.ssl.emplace(asio::ssl::context::tls_server);
    d.ssl->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                       asio::ssl::context::no_tlsv1_1);
    d.ssl->use_certificate_chain_file(d.cfg.tls_cert, ec);
    if (ec)
      return core::fail(core::ErrorCode::kConfig, "server.tls_cert: cannot load '{}': {}",
                        d.cfg.tls_cert, ec.message());
    d.ssl->use_private_key_file(d.cfg.tls_key, asio::ssl::context::pem, ec);
    if (ec) return core::fail(core::ErrorCode::kConfig, "server.tls_key: cannot load the key file");
  }
  d.acceptor.emplace(d.ioc);
  const tcp::endpoint ep(address, d.cfg.port);
  d.acceptor->open(ep.protocol(), ec);
  if (!ec) d.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) d.acceptor->bind(ep, ec);
  if (!ec) d.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return core::fail(core::ErrorCode::kIo, "server: cannot listen on {}:{}: {}", d.cfg.bind,
                      d.cfg.port, ec.message());
  d.bound_port = d.acceptor->local_endpoint().port();
  d.running.store(true);
  asio::co_spawn(d.ioc, d.accept_loop(), asio::detached);
  const int n = std::max(1, d.cfg.io_threads);
  for (int i = 0; i < n; ++i)
    d.threads.emplace_back([&d] { d.ioc.run(); });
  return d.bound_port;
}

void Server::stop() {
  auto& d = *impl_;
  if (!d.running.exchange(false)) return;
  asio::post(d.ioc, [&d] {
    boost::system::error_code ec;
    d.acceptor->close(ec);
  });
  d.ioc.stop();
  for (auto& t : d.threads)
    t.join();
  d.threads.clear();
}

}  // namespace zerodte::server
