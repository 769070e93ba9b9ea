#include "zerodte/sentiment/http_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <optional>

namespace zerodte::sentiment {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return v;
    }
  }
  return {};
}

core::Error status_error(std::string_view what, const HttpResponse& r) {
  std::string body = r.body.substr(0, 200);
  for (char& c : body) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  core::ErrorCode code = core::ErrorCode::kRejected;
  if (r.status == 401 || r.status == 403)
    code = core::ErrorCode::kAuth;
  else if (r.status == 429)
    code = core::ErrorCode::kRateLimited;
  else if (r.status >= 500)
    code = core::ErrorCode::kTransport;
  return core::Error{
      code, fmt::format("{}: HTTP {}{}{}", what, r.status, body.empty() ? "" : ": ", body)};
}

namespace {

struct Target {
  bool tls = false;
  std::string host, port, target, host_header;
};

core::Result<Target> parse_target(const std::string& url) {
  auto u = boost::urls::parse_uri(url);
  if (!u) return core::fail(core::ErrorCode::kConfig, "bad URL '{}': {}", url, u.error().message());
  Target t;
  const auto scheme = u->scheme();
  if (scheme == "https")
    t.tls = true;
  else if (scheme != "http")
    return core::fail(core::ErrorCode::kConfig, "URL '{}': scheme must be http or https", url);
  t.host = u->host();
  if (t.host.empty()) return core::fail(core::ErrorCode::kConfig, "URL '{}': no host", url);
  t.port = u->has_port() ? std::string(u->port()) : (t.tls ? "443" : "80");
  t.target = std::string(u->encoded_path());
  if (t.target.empty()) t.target = "/";
  if (u->has_query()) t.target += "?" + std::string(u->encoded_query());
  t.host_header = u->has_port() ? t.host + ":" + t.port : t.host;
  return t;
}

struct Outcome {
  std::optional<core::Error> error;
  HttpResponse response;
};

core::Error map_ec(const beast::error_code& ec, std::string_view stage, const Target& t) {
  if (ec == beast::error::timeout || ec == net::error::operation_aborted) {
    return core::Error{core::ErrorCode::kTimeout,
                       fmt::format("{}:{}: timed out during {}", t.host, t.port, stage)};
  }
  return core::Error{core::ErrorCode::kTransport,
                     fmt::format("{}:{}: {} failed: {}", t.host, t.port, stage, ec.message())};
}

template <class Stream>
net::awaitable<void> exchange(Stream& stream, beast::tcp_stream& lowest, const Target& t,
                              const HttpRequest& req, const HttpOptions& opt,
                              const StreamHandler* on_data, Outcome& out) {
  beast::error_code ec;
  auto tok = net::redirect_error(net::use_awaitable, ec);
  http::request<http::string_body> r;
  r.method_string(req.method);
  r.target(t.target);
  r.version(11);
  r.set(http::field::host, t.host_header);
  r.set(http::field::user_agent, "zerodte/0.1");
  for (const auto& [k, v] : req.headers)
    r.set(k, v);
  if (!req.body.empty() || req.method == "POST") r.body() = req.body;
  r.prepare_payload();
  if (!on_data)
    lowest.expires_after(opt.timeout);
  else
    lowest.expires_after(opt.idle_timeout);
  co_await http::async_write(stream, r, tok);
  if (ec) {
    out.error = map_ec(ec, "write", t);
    co_return;
  }
  beast::flat_buffer buf;
  if (on_data == nullptr) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(opt.max_body);
    co_await http::async_read(stream, buf, parser, tok);
    if (ec) {
      out.error = map_ec(ec, "read", t);
      co_return;
    }
    auto res = parser.release();
    out.response.status = static_cast<int>(res.result_int());
    for (const auto& f : res)
      out.response.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    out.response.body = std::move(res.body());
    co_return;
  }
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(boost::none);
  co_await http::async_read_header(stream, buf, parser, tok);
  if (ec) {
    out.error = map_ec(ec, "read header", t);
    co_return;
  }
  const auto& head = parser.get();
  out.response.status = static_cast<int>(head.result_int());
  for (const auto& f : head)
    out.response.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  const bool ok = out.response.status >= 200 && out.response.status < 300;
  char chunk[8192];
  while (!parser.is_done()) {
    parser.get().body().data = chunk;
    parser.get().body().size = sizeof(chunk);
    lowest.expires_after(opt.idle_timeout);
    co_await http::async_read_some(stream, buf, parser, tok);
    if (ec == http::error::need_buffer) ec = {};
    if (ec) {
      if (ec == http::error::end_of_stream || ec == net::error::eof) break;
      out.error = map_ec(ec, "stream read", t);
      co_return;
    }
    const std::size_t n = sizeof(chunk) - parser.get().body().size;
    if (n == 0) continue;
    if (!ok) {
      if (out.response.body.size() < opt.max_body) out.response.body.append(chunk, n);
      continue;
    }
    if (!(*on_data)(std::string_view(chunk, n))) break;
  }
}

core::Result<HttpResponse> run(const HttpRequest& req, const HttpOptions& opt,
                               const StreamHandler* on_data) {
  auto target = parse_target(req.url);
  if (!target) return std::unexpected(target.error());
  const Target& t = *target;
  net::io_context ioc;
  Outcome out;
  std::optional<ssl::context> ctx;
  if (t.tls) {
    ctx.emplace(ssl::context::tls_client);
    ctx->set_default_verify_paths();
    ctx->set_verify_mode(opt.verify_tls ? ssl::verify_peer : ssl::verify_none);
  }
  net::co_spawn(
      ioc,
      [&]() -> net::awaitable<void> {
        beast::error_code ec;
        auto tok = net::redirect_error(net::use_awaitable, ec);
        tcp::resolver resolver(ioc);
        auto results = co_await resolver.async_resolve(t.host, t.port, tok);
        if (ec) {
          out.error = map_ec(ec, "resolve", t);
          co_return;
        }
        beast::tcp_stream stream(ioc);
        stream.expires_after(opt.timeout);
        co_await stream.async_connect(results, tok);
        if (ec) {
          out.error = map_ec(ec, "connect", t);
          co_return;
        }
        if (!t.tls) {
          co_await exchange(stream, stream, t, req, opt, on_data, out);
          beast::error_code ignored;
          stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
          co_return;
        }
        beast::ssl_stream<beast::tcp_stream> tls(std::move(stream), *ctx);
        if (!SSL_set_tlsext_host_name(tls.native_handle(), t.host.c_str())) {
          out.error =
              core::Error{core::ErrorCode::kTransport, fmt::format("{}: cannot set SNI", t.host)};
          co_return;
        }
        tls.set_verify_callback(ssl::host_name_verification(t.host));
        co_await tls.async_handshake(ssl::stream_base::client, tok);
        if (ec) {
          out.error = map_ec(ec, "TLS handshake", t);
          co_return;
        }
        co_await exchange(tls, beast::get_lowest_layer(tls), t, req, opt, on_data, out);
      },
      net::detached);
  ioc.run();
  if (out.error) return std::unexpected(*out.error);
  return std::move(out.response);
}

}  // namespace

core::Result<HttpResponse> http_request(const HttpRequest& req, const HttpOptions& opt) {
  return run(req, opt, nullptr);
}

core::Result<HttpResponse> http_stream(const HttpRequest& req, const StreamHandler& on_data,
                                       const HttpOptions& opt) {
  return run(req, opt, &on_data);
}

}  // namespace zerodte::sentiment
