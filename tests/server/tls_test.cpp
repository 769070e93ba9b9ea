// TLS end to end: a self-signed certificate (EC P-256, SAN IP:127.0.0.1) is generated with the
// OpenSSL C API into a temp dir, the Server is started with tls_cert/tls_key, and a client that
// trusts exactly that certificate logs in over https, reads an authenticated endpoint and a wss
// stream. A client that does not trust the certificate and a plain-http request both fail cleanly,
// and the server keeps serving TLS afterwards.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <unistd.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "server/test_client.hpp"
#include "zerodte/server/server.hpp"

namespace zerodte::server {
namespace {
namespace asio = boost::asio;
namespace ssl = asio::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;

constexpr std::int64_t kT0 = 1'700'000'000;

// Writes cert.pem + key.pem (self-signed, CN and SAN 127.0.0.1, valid now .. +1 day) into `dir`.
void make_self_signed(const fs::path& dir) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  ASSERT_TRUE(key);
  std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), &X509_free);
  ASSERT_TRUE(x);
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 24 * 3600);
  X509_set_pubkey(x.get(), key.get());
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(x.get(), name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, x.get(), x.get(), nullptr, nullptr, 0);
  for (const auto& [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"},
                                   std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    ASSERT_NE(ext, nullptr);
    X509_add_ext(x.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  ASSERT_GT(X509_sign(x.get(), key.get(), EVP_sha256()), 0);
  FILE* f = std::fopen((dir / "cert.pem").c_str(), "wb");
  ASSERT_NE(f, nullptr);
  PEM_write_X509(f, x.get());
  std::fclose(f);
  f = std::fopen((dir / "key.pem").c_str(), "wb");
  ASSERT_NE(f, nullptr);
  PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
}

// A client TLS context that trusts only `ca_file` (empty: trusts nothing) and checks the IP.
std::unique_ptr<ssl::context> client_context(const std::string& ca_file) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
  ctx->set_verify_mode(ssl::verify_peer);
  if (!ca_file.empty()) ctx->load_verify_file(ca_file);
  ctx->set_verify_callback(ssl::host_name_verification("127.0.0.1"));
  return ctx;
}

struct HttpsReply {
  int status = 0;
  std::string body;
  std::string hsts;
};

HttpsReply https(ssl::context& ctx, std::uint16_t port, http::verb verb, const std::string& target,
                 const std::string& body = {}, const std::string& token = {}) {
  asio::io_context ioc;
  beast::ssl_stream<beast::tcp_stream> s(ioc, ctx);
  beast::get_lowest_layer(s).expires_after(std::chrono::seconds(5));
  beast::get_lowest_layer(s).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  s.handshake(ssl::stream_base::client);  // throws on an untrusted certificate
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  if (verb == http::verb::post) {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
  }
  http::write(s, req);
  beast::flat_buffer buf;
  http::response<http::string_body> res;
  http::read(s, buf, res);
  boost::system::error_code ec;
  s.shutdown(ec);
  return {static_cast<int>(res.result_int()), res.body(),
          std::string(res[http::field::strict_transport_security])};
}

class ServerTls : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("zerodte-tls-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
    make_self_signed(dir);
    clock.set(core::Timestamp::from_seconds(kT0));
    ServerConfig cfg;
    cfg.port = 0;
    cfg.static_dir = std::string(ZERODTE_SOURCE_DIR) + "/tests/server/static_fixture";
    cfg.io_threads = 1;
    cfg.tls_cert = (dir / "cert.pem").string();
    cfg.tls_key = (dir / "key.pem").string();
    cfg.auth.jwt_secret = "tls-test-jwt-key-0123456789abcdef-0123456789";
    cfg.auth.users = {{"alice", Role::kTrader, hash_password("alice-pw", "s1", 1000)}};
    Snapshot snap;
    snap.status = R"({"mode":"paper","state":"running"})";
    hub.publish_snapshot(snap);
    server = std::make_unique<Server>(
        cfg, hub, metrics, [](std::shared_ptr<const engine::ControlCommand>) { return true; },
        clock);
    auto p = server->start();
    ASSERT_TRUE(p) << p.error().to_string();
    port = *p;
  }
  void TearDown() override {
    if (server) server->stop();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string login(ssl::context& ctx) {
    auto r = https(ctx, port, http::verb::post, "/api/auth/login",
                   R"({"user":"alice","password":"alice-pw"})");
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(json::parse(r.body).at("access_token").as_string());
  }

  fs::path dir;
  core::SimClock clock;
  StateHub hub{64, 64};
  Metrics metrics;
  std::unique_ptr<Server> server;
  std::uint16_t port = 0;
};

TEST_F(ServerTls, HttpsLoginAndAuthenticatedGet) {
  auto ctx = client_context((dir / "cert.pem").string());
  const auto token = login(*ctx);
  auto r = https(*ctx, port, http::verb::get, "/api/status", {}, token);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"mode":"paper","state":"running"})");
  EXPECT_EQ(https(*ctx, port, http::verb::get, "/api/status").status, 401);
  EXPECT_EQ(https(*ctx, port, http::verb::get, "/healthz").status, 200);
}

TEST_F(ServerTls, WssStream) {
  auto ctx = client_context((dir / "cert.pem").string());
  const auto token = login(*ctx);
  asio::io_context ioc;
  websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws(ioc, *ctx);
  beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(5));
  beast::get_lowest_layer(ws).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  ws.next_layer().handshake(ssl::stream_base::client);
  ws.handshake("127.0.0.1", "/ws?token=" + token);
  beast::flat_buffer buf;
  ws.read(buf);
  auto hello = json::parse(beast::buffers_to_string(buf.data()));
  EXPECT_EQ(hello.at("type").as_string(), "hello");
  EXPECT_EQ(hello.at("role").as_string(), "trader");
  const auto seq = hub.publish_event("trade_executed", R"({"qty":3})");
  buf.clear();
  ws.read(buf);
  auto e = json::parse(beast::buffers_to_string(buf.data()));
  EXPECT_EQ(e.at("type").as_string(), "trade_executed");
  EXPECT_EQ(e.at("seq").to_number<std::uint64_t>(), seq);
  EXPECT_EQ(e.at("data").at("qty").to_number<int>(), 3);
  boost::system::error_code ec;
  ws.close(websocket::close_code::normal, ec);
}

TEST_F(ServerTls, UntrustedClientAndPlainHttpFailCleanly) {
  // A client that does not trust the self-signed certificate refuses the handshake.
  auto untrusting = client_context({});
  EXPECT_THROW(https(*untrusting, port, http::verb::get, "/healthz"), boost::system::system_error);
  // Plain HTTP to the TLS port: no HTTP response, the connection is closed (no hang: the server
  // fails the handshake on the first bytes).
  const auto raw = testing::raw_request(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(raw.find("HTTP/1."), std::string::npos) << raw;
  EXPECT_EQ(raw.find("ok"), std::string::npos);
  // The server still serves TLS afterwards.
  auto ctx = client_context((dir / "cert.pem").string());
  EXPECT_EQ(https(*ctx, port, http::verb::get, "/healthz").status, 200);
}

TEST(ServerTlsConfig, BadKeyFileIsAConfigErrorNamingTheKey) {
  core::SimClock clock;
  StateHub hub;
  Metrics metrics;
  ServerConfig cfg;
  cfg.port = 0;
  cfg.tls_cert = "/nonexistent/cert.pem";
  cfg.tls_key = "/nonexistent/key.pem";
  cfg.auth.jwt_secret = "tls-test-jwt-key-0123456789abcdef-0123456789";
  Server srv(
      cfg, hub, metrics, [](std::shared_ptr<const engine::ControlCommand>) { return true; }, clock);
  auto p = srv.start();
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().to_string().find("server.tls_cert"), std::string::npos);
}

}  // namespace
}  // namespace zerodte::server
