#include "zerodte/adapters/net/websocket_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "zerodte/adapters/net/testing/fake_ws_server.hpp"

namespace net = zerodte::adapters::net;
namespace fake = zerodte::adapters::net::testing;
namespace core = zerodte::core;
using namespace std::chrono_literals;

namespace {
// Echoes every message with an "echo:" prefix until the client leaves.
void echo(fake::FakeWsSession& s) {
  while (!s.stopping()) {
    auto m = s.read(100ms);
    if (s.closed()) return;
    if (!m) continue;
    if (m->binary)
      s.send_binary(m->data);
    else
      s.send_text("echo:" + m->data);
  }
}
}  // namespace

TEST(WebSocketClient, EchoTextAndBinaryAndHeaders) {
  std::string seen_header;
  std::string seen_target;
  fake::FakeWsServer srv([&](fake::FakeWsSession& s) {
    seen_header = s.header("X-Api-Key");
    seen_target = s.target();
    echo(s);
  });
  net::WebSocketClient ws;
  ASSERT_TRUE(ws.connect(srv.url("/v2/iex?x=1"), {{"X-Api-Key", "k123"}}, 2s));
  EXPECT_TRUE(ws.is_open());
  ASSERT_TRUE(ws.send_text("hello"));
  auto f = ws.read(2s);
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->data, "echo:hello");
  EXPECT_FALSE(f->binary);
  const std::string bin("\x00\x01\xff", 3);
  ASSERT_TRUE(ws.send_binary(std::as_bytes(std::span(bin))));
  f = ws.read(2s);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->binary);
  EXPECT_EQ(f->data, bin);
  EXPECT_TRUE(ws.close());
  srv.stop();
  EXPECT_EQ(seen_header, "k123");
  EXPECT_EQ(seen_target, "/v2/iex?x=1");
}

TEST(WebSocketClient, ReadTimeoutKeepsTheConnectionAndTheFrame) {
  fake::FakeWsServer srv([](fake::FakeWsSession& s) {
    s.send_text("first");
    s.silent(150ms);
    s.send_text("second");
    s.silent(2s);
  });
  net::WebSocketClient ws;
  ASSERT_TRUE(ws.connect(srv.url(), {}, 2s));
  EXPECT_EQ(ws.read(1s)->data, "first");
  auto none = ws.read(20ms);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, core::ErrorCode::kTimeout);
  EXPECT_TRUE(ws.is_open());
  auto f = ws.read(2s);
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->data, "second");
}

TEST(WebSocketClient, PeerCloseAndDropAreTransportErrors) {
  fake::FakeWsServer srv([](fake::FakeWsSession& s) {
    s.send_text("x");
    if (s.index() == 0)
      s.close(4001, "bye");
    else
      s.drop();
  });
  net::WebSocketClient ws;
  ASSERT_TRUE(ws.connect(srv.url(), {}, 2s));
  EXPECT_EQ(ws.read(1s)->data, "x");
  auto e = ws.read(2s);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, core::ErrorCode::kTransport);
  EXPECT_NE(e.error().message.find("4001"), std::string::npos) << e.error().message;
  EXPECT_FALSE(ws.is_open());
  ASSERT_TRUE(ws.connect(srv.url(), {}, 2s));  // reconnect with the same client
  EXPECT_EQ(ws.read(1s)->data, "x");
  e = ws.read(2s);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, core::ErrorCode::kTransport);
  EXPECT_EQ(srv.connections(), 2);
}

TEST(WebSocketClient, RejectedUpgradeIsAuthWithoutSecrets) {
  fake::FakeWsServer srv([](fake::FakeWsSession& s) { s.reject(401); });
  net::WebSocketClient ws;
  auto st = ws.connect(srv.url(), {{"Authorization", "Bearer sekrit-token-xyz"}}, 2s);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, core::ErrorCode::kAuth);
  EXPECT_EQ(st.error().message.find("sekrit"), std::string::npos) << st.error().message;
  EXPECT_NE(st.error().message.find("401"), std::string::npos);
}

TEST(WebSocketClient, MalformedFramingIsATransportError) {
  fake::FakeWsServer srv([](fake::FakeWsSession& s) {
    s.send_text("ok");
    s.send_raw(std::string("\xF1\x05hello", 7));  // RSV bits set, unknown opcode
    s.silent(2s);
  });
  net::WebSocketClient ws;
  ASSERT_TRUE(ws.connect(srv.url(), {}, 2s));
  EXPECT_EQ(ws.read(1s)->data, "ok");
  auto e = ws.read(2s);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, core::ErrorCode::kTransport);
}

TEST(WebSocketClient, HandshakeDeadline) {
  // A listener that accepts TCP (kernel backlog) but never answers the upgrade.
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acc(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acc.local_endpoint().port();
  net::WebSocketClient ws;
  auto st = ws.connect("ws://127.0.0.1:" + std::to_string(port) + "/", {}, 150ms);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, core::ErrorCode::kTimeout);
}

TEST(WebSocketClient, RefusedConnectionAndBadUrl) {
  boost::asio::io_context ioc;
  std::uint16_t port = 0;
  {
    boost::asio::ip::tcp::acceptor acc(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = acc.local_endpoint().port();
  }
  net::WebSocketClient ws;
  auto st = ws.connect("ws://127.0.0.1:" + std::to_string(port) + "/", {}, 1s);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, core::ErrorCode::kTransport);
  auto bad = ws.connect("ftp://example.com/", {}, 1s);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kConfig);
  auto r = ws.read(10ms);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kTransport);
}

TEST(WebSocketClient, TlsVerifiesCertificates) {
  fake::FakeWsServer srv(echo, fake::FakeWsServerOptions{.tls = true});
  {
    net::WebSocketClient strict;  // verification on, the self-signed CA unknown
    auto st = strict.connect(srv.url(), {}, 2s);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, core::ErrorCode::kTransport);
    EXPECT_NE(st.error().message.find("TLS"), std::string::npos) << st.error().message;
  }
  net::WebSocketClient trusted(net::WsOptions{.ca_pem = srv.certificate().cert_pem});
  ASSERT_TRUE(trusted.connect(srv.url("/stream"), {}, 2s));
  ASSERT_TRUE(trusted.send_text("tls"));
  EXPECT_EQ(trusted.read(2s)->data, "echo:tls");
  ASSERT_TRUE(trusted.ping());
  // The pong arrives while reading.
  for (int i = 0; i < 20 && trusted.last_pong_steady_ns() == 0; ++i)
    (void)trusted.read(10ms);
  EXPECT_NE(trusted.last_pong_steady_ns(), 0);
  EXPECT_TRUE(trusted.close());
  // "localhost" matches the certificate's DNS name too (SNI + host name check).
  net::WebSocketClient by_name(net::WsOptions{.ca_pem = srv.certificate().cert_pem});
  auto st = by_name.connect("wss://localhost:" + std::to_string(srv.port()) + "/", {}, 2s);
  EXPECT_TRUE(st) << (st ? "" : st.error().message);
}
