// API tests against a real Server on 127.0.0.1:0 with a fake snapshot source.
#include "zerodte/server/server.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <mutex>
#include <regex>
#include <thread>

#include "server/test_client.hpp"

namespace zerodte::server {
namespace {
namespace json = boost::json;
using testing::http_request;

constexpr std::int64_t kT0 = 1'700'000'000;
const std::string kCanarySecret = "CANARY-5f1c9e-jwt-key-never-leaves-the-server";
const std::string kCanaryPassword = "CANARY-pw-7d2b";

class ServerApi : public ::testing::Test {
 protected:
  void SetUp() override {
    clock.set(core::Timestamp::from_seconds(kT0));
    ServerConfig cfg;
    cfg.bind = "127.0.0.1";
    cfg.port = 0;
    cfg.static_dir = std::string(ZERODTE_SOURCE_DIR) + "/tests/server/static_fixture";
    cfg.io_threads = 2;
    cfg.auth.jwt_secret = kCanarySecret;
    cfg.auth.login_attempts_per_minute = 4;
    cfg.auth.users = {{"alice", Role::kTrader, hash_password(kCanaryPassword, "s1", 1000)},
                      {"vic", Role::kViewer, hash_password("viewer-pw", "s2", 1000)},
                      {"root", Role::kAdmin, hash_password("admin-pw", "s3", 1000)}};
    cfg.auth.api_tokens = {{"script", Role::kTrader, sha256_hex("zdt_script_token")}};
    Snapshot snap;
    snap.status = R"({"mode":"paper","state":"running"})";
    snap.positions = R"([{"symbol":"SPY 241220C00600000","qty":2}])";
    snap.chains["SPY"] = R"({"underlying":"SPY","strikes":[]})";
    snap.explain["sig-1"] = R"({"id":"sig-1","why":"RSI<30"})";
    hub.publish_snapshot(snap);
    server = std::make_unique<Server>(
        cfg, hub, metrics,
        [this](std::shared_ptr<const engine::ControlCommand> c) {
          std::lock_guard lock(mutex);
          commands.push_back(std::move(c));
          return true;
        },
        clock);
    auto p = server->start();
    ASSERT_TRUE(p) << p.error().to_string();
    port = *p;
  }
  void TearDown() override {
    if (server) server->stop();
  }
  void record(const testing::HttpReply& r) {
    all_text += r.body;
    for (const auto& [k, v] : r.headers)
      all_text += k + ":" + v + "\n";
  }
  testing::HttpReply get(const std::string& target, const std::string& token = {}) {
    std::map<std::string, std::string> h;
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    auto r = http_request(port, "GET", target, {}, h);
    record(r);
    return r;
  }
  testing::HttpReply post(const std::string& target, const std::string& body,
                          const std::string& token = {}) {
    std::map<std::string, std::string> h;
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    auto r = http_request(port, "POST", target, body, h);
    record(r);
    return r;
  }
  std::string login(const std::string& user, const std::string& pw) {
    auto r =
        post("/api/auth/login", json::serialize(json::object{{"user", user}, {"password", pw}}));
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(json::parse(r.body).at("access_token").as_string());
  }

  core::SimClock clock;
  StateHub hub{64, 64};
  Metrics metrics;
  std::unique_ptr<Server> server;
  std::uint16_t port = 0;
  std::mutex mutex;
  std::vector<std::shared_ptr<const engine::ControlCommand>> commands;
  std::string all_text;
};

TEST_F(ServerApi, HealthzAndSecureHeaders) {
  auto r = get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(r.headers["x-frame-options"], "DENY");
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  const auto& csp = r.headers["content-security-policy"];
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("http"), std::string::npos);  // no external origins
}

TEST_F(ServerApi, AuthMatrix) {
  // Missing token.
  EXPECT_EQ(get("/api/status").status, 401);
  const auto alice = login("alice", kCanaryPassword);
  auto ok = get("/api/status", alice);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, R"({"mode":"paper","state":"running"})");
  // Expired: the clock moves past the 15 min access lifetime.
  clock.set(core::Timestamp::from_seconds(kT0 + 901));
  auto expired = get("/api/status", alice);
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.body.find("expired"), std::string::npos);
  clock.set(core::Timestamp::from_seconds(kT0));
  // Forged (other key), alg=none, algorithm switch, wrong issuer/audience.
  const Claims c{"alice", Role::kAdmin, "access", kT0, kT0 + 100};
  EXPECT_EQ(
      get("/api/status",
          JwtCodec("forged-key-forged-key-forged-key-123", "zerodte", "zerodte-dashboard").sign(c))
          .status,
      401);
  const auto dot = alice.find('.');
  const auto payload = alice.substr(dot, alice.rfind('.') - dot);
  EXPECT_EQ(
      get("/api/status", base64url_encode(R"({"alg":"none","typ":"JWT"})") + payload + ".").status,
      401);
  EXPECT_EQ(get("/api/status", base64url_encode(R"({"alg":"HS384","typ":"JWT"})") + payload +
                                   alice.substr(alice.rfind('.')))
                .status,
            401);
  EXPECT_EQ(get("/api/status", JwtCodec(kCanarySecret, "evil", "zerodte-dashboard").sign(c)).status,
            401);
  EXPECT_EQ(get("/api/status", JwtCodec(kCanarySecret, "zerodte", "evil").sign(c)).status, 401);
  // Viewer cannot control; trader can; the command carries the user.
  const auto vic = login("vic", "viewer-pw");
  EXPECT_EQ(get("/api/positions", vic).status, 200);
  EXPECT_EQ(post("/api/control", R"({"action":"pause"})", vic).status, 403);
  EXPECT_EQ(post("/api/control", R"({"action":"pause"})").status, 401);
  auto accepted = post("/api/control", R"({"action":"kill_switch","confirm":true})", alice);
  EXPECT_EQ(accepted.status, 202) << accepted.body;
  EXPECT_EQ(post("/api/control", R"({"action":"pause"})", "zdt_script_token").status, 202);
  std::lock_guard lock(mutex);
  ASSERT_EQ(commands.size(), 2u);
  EXPECT_EQ(commands[0]->action, "kill_switch");
  EXPECT_EQ(commands[0]->user, "api:alice");
  EXPECT_EQ(commands[0]->ts_recv, core::Timestamp::from_seconds(kT0));
  EXPECT_EQ(commands[1]->user, "api:token:script");
}

TEST_F(ServerApi, LoginRateLimitAndRefresh) {
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(post("/api/auth/login", R"({"user":"alice","password":"nope"})").status, 401);
  auto r = post("/api/auth/login",
                json::serialize(json::object{{"user", "alice"}, {"password", kCanaryPassword}}));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(post("/api/auth/login", R"({"user":"alice","password":"nope"})").status, 429);
  const auto refresh = std::string(json::parse(r.body).at("refresh_token").as_string());
  auto rr = post("/api/auth/refresh", json::serialize(json::object{{"refresh_token", refresh}}));
  EXPECT_EQ(rr.status, 200) << rr.body;
  EXPECT_EQ(post("/api/auth/refresh", R"({"refresh_token":"x.y.z"})").status, 401);
}

TEST_F(ServerApi, MalformedRequestsGet4xxWithReason) {
  const auto t = login("root", "admin-pw");
  const auto reason = [](const testing::HttpReply& r) {
    return std::string(json::parse(r.body).at("error").as_string());
  };
  auto r = post("/api/control", "{bad json", t);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(reason(r).find("not valid JSON"), std::string::npos);
  r = http_request(port, "POST", "/api/control", R"({"action":"pause"})",
                   {{"Authorization", "Bearer " + t}, {"Content-Type", "text/plain"}});
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(post("/api/control", std::string(100 * 1024, 'x'), t).status, 413);
  EXPECT_EQ(
      http_request(port, "DELETE", "/api/status", {}, {{"Authorization", "Bearer " + t}}).status,
      405);
  r = get("/api/chain/NOPE", t);
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(reason(r).find("NOPE"), std::string::npos);
  EXPECT_EQ(get("/api/chain/SPY", t).body, R"({"underlying":"SPY","strikes":[]})");
  EXPECT_EQ(get("/api/explain/sig-1", t).status, 200);
  EXPECT_EQ(get("/api/nothing", t).status, 404);
  EXPECT_EQ(get("/api/chain/%zz", t).status, 400);
  EXPECT_EQ(get("/../../etc/passwd").status, 400);
  EXPECT_EQ(post("/api/auth/login", R"({"user":1})").status, 400);
  const auto raw = testing::raw_request(port, "GARBAGE\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw;
}

TEST_F(ServerApi, PrometheusOutputParses) {
  auto& stage = metrics.histogram("zerodte_stage_latency_seconds", "x", {"stage", "risk"});
  stage.observe_ns(2500);
  const auto t = login("vic", "viewer-pw");
  EXPECT_EQ(get("/metrics").status, 401);
  auto r = get("/metrics", t);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"].rfind("text/plain; version=0.0.4", 0), 0u);
  const std::regex line_re(
      R"(^(# (HELP|TYPE) .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+0-9.eInfNa]+)$)");
  std::istringstream in(r.body);
  std::string line;
  int samples = 0;
  while (std::getline(in, line)) {
    EXPECT_TRUE(std::regex_match(line, line_re)) << line;
    ++samples;
  }
  EXPECT_GT(samples, 10);
  EXPECT_NE(r.body.find(R"(zerodte_stage_latency_seconds_count{stage="risk"} 1)"),
            std::string::npos);
  EXPECT_NE(r.body.find("zerodte_http_requests_total "), std::string::npos);
}

TEST_F(ServerApi, WebSocketStreamsAndResumesAfterReconnect) {
  const auto t = login("vic", "viewer-pw");
  EXPECT_EQ(testing::ws_refused_status(port, "/ws"), 401);
  EXPECT_EQ(testing::ws_refused_status(port, "/ws?token=" + t + "&since=abc"), 400);
  std::uint64_t last_seen = 0;
  {
    testing::WsClient ws(port, "/ws?token=" + t);
    auto hello = json::parse(ws.read());
    EXPECT_EQ(hello.at("type").as_string(), "hello");
    EXPECT_EQ(hello.at("role").as_string(), "viewer");
    hub.publish_event("signal_generated", R"({"id":"sig-1"})");
    hub.publish_event("trade_executed", R"({"qty":1})");
    auto e1 = json::parse(ws.read());
    auto e2 = json::parse(ws.read());
    EXPECT_EQ(e1.at("type").as_string(), "signal_generated");
    EXPECT_EQ(e2.at("type").as_string(), "trade_executed");
    last_seen = e1.at("seq").to_number<std::uint64_t>();
  }
  // Events published while disconnected are replayed after the last sequence seen.
  hub.publish_event("position_update", R"({"flat":true})");
  testing::WsClient again(
      port, "/ws?token=" + t + "&since=" + std::to_string(last_seen) + "&symbols=SPY");
  auto hello = json::parse(again.read());
  EXPECT_FALSE(hello.at("gap").as_bool());
  auto r1 = json::parse(again.read());
  auto r2 = json::parse(again.read());
  EXPECT_EQ(r1.at("seq").to_number<std::uint64_t>(), last_seen + 1);
  EXPECT_EQ(r1.at("type").as_string(), "trade_executed");
  EXPECT_EQ(r2.at("type").as_string(), "position_update");
  hub.publish_event("bar", R"({"c":1})", "QQQ");
  hub.publish_event("bar", R"({"c":2})", "SPY");
  auto r3 = json::parse(again.read());
  EXPECT_EQ(r3.at("symbol").as_string(), "SPY");
}

TEST_F(ServerApi, CanarySecretsNeverLeave) {
  login("alice", kCanaryPassword);
  post("/api/auth/login", R"({"user":"alice","password":"wrong"})");
  post("/api/auth/login", R"({"user":"CANARY-pw-7d2b","password":"CANARY-pw-7d2b"})");
  get("/api/status", "garbage");
  get("/");
  const auto t = login("root", "admin-pw");
  get("/metrics", t);
  for (const char* p : {"/api/status", "/api/positions", "/api/orders", "/api/signals",
                        "/api/metrics", "/api/chain/SPY", "/api/explain/sig-1", "/api/whoami"})
    get(p, t);
  post("/api/control", R"({"action":"params.set","args":{"trade_size":3}})", t);
  testing::WsClient ws(port, "/ws?token=" + t);
  all_text += ws.read();
  EXPECT_EQ(all_text.find(kCanarySecret), std::string::npos);
  EXPECT_EQ(all_text.find("CANARY-5f1c9e"), std::string::npos);
  // The one echo allowed: none; an unknown user name is not echoed back either.
  EXPECT_EQ(all_text.find(kCanaryPassword), std::string::npos);
}

TEST_F(ServerApi, ServesStaticFilesAndSpaFallback) {
  auto r = get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("fixture-index"), std::string::npos);
  EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(get("/some/route").body, r.body);
  EXPECT_EQ(get("/app.js").headers["content-type"], "text/javascript; charset=utf-8");
}

TEST(ServerStart, RefusesNonLoopbackWithoutTlsAndAuth) {
  StateHub hub;
  Metrics m;
  core::SimClock clock;
  ServerConfig cfg;
  cfg.bind = "0.0.0.0";
  cfg.port = 0;
  cfg.auth.jwt_secret = std::string(40, 'k');
  Server s(cfg, hub, m, nullptr, clock);
  auto r = s.start();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("non-loopback"), std::string::npos);
  cfg.bind = "127.0.0.1";
  cfg.auth.jwt_secret = "short";
  Server s2(cfg, hub, m, nullptr, clock);
  EXPECT_FALSE(s2.start());
  cfg.bind = "not-an-ip";
  Server s3(cfg, hub, m, nullptr, clock);
  EXPECT_FALSE(s3.start());
  EXPECT_TRUE(is_loopback_address("::1"));
  EXPECT_FALSE(is_loopback_address("10.0.0.1"));
}

}  // namespace
}  // namespace zerodte::server
