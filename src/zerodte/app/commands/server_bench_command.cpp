// `zerodte bench dashboard [--json]`: WebSocket fan-out load test on loopback. A real Server (its
// own I/O threads) streams StateHub events to N WebSocket clients (one client I/O thread) while a
// publisher thread, standing in for the kernel, publishes events and snapshots at a fixed rate.
// Measured: the publisher's publish_event / publish_snapshot call time (what the kernel pays) with
// 0 and N clients connected, the client-side update latency (publish call -> message read by the
// client; the event carries the steady-clock publish time), and how many deliberately stalled
// clients (tiny receive buffer, never read) the hub dropped instead of buffering.
// Goal (issue #13): publisher p99 with N clients within 10% of p99 without clients.
// Overrides: ZERODTE_BENCH_WS_CLIENTS (500), ZERODTE_BENCH_WS_RATE (events/s, 100),
// ZERODTE_BENCH_WS_SECONDS (per phase, 3), ZERODTE_BENCH_WS_STALLED (5).
#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "zerodte/app/bench_registry.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/server/server.hpp"

namespace {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
namespace zs = zerodte::server;

constexpr std::int64_t kT0 = 1'700'000'000;
constexpr std::size_t kPadBytes = 1024;  // an option-chain-sized update

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  const int n = std::atoi(v);
  return n >= 0 ? n : fallback;
}

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(SteadyClock::now().time_since_epoch())
      .count();
}

double pct_us(std::vector<std::int64_t>& ns, double p) {
  if (ns.empty()) return 0.0;
  std::sort(ns.begin(), ns.end());
  const auto i =
      std::min(ns.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ns.size())));
  return static_cast<double>(ns[i]) / 1000.0;
}

struct PublishStats {
  std::vector<std::int64_t> event_ns;
  std::vector<std::int64_t> snapshot_ns;
};

// The stand-in kernel: `rate` events/s plus a snapshot every 250 ms, for `seconds`.
PublishStats run_publisher(zs::StateHub& hub, int rate, int seconds) {
  PublishStats st;
  const std::string pad(kPadBytes, 'x');
  const auto period = std::chrono::nanoseconds(1'000'000'000 / std::max(1, rate));
  const auto start = SteadyClock::now();
  const auto end = start + std::chrono::seconds(seconds);
  auto next = start;
  auto next_snapshot = start;
  std::int64_t n = 0;
  while (next < end) {
    std::this_thread::sleep_until(next);
    if (SteadyClock::now() >= next_snapshot) {
      zs::Snapshot snap;
      snap.status = fmt::format(R"({{"mode":"paper","n":{}}})", n);
      snap.positions = R"([{"symbol":"SPY","qty":1}])";
      const auto t0 = SteadyClock::now();
      hub.publish_snapshot(std::move(snap));
      st.snapshot_ns.push_back((SteadyClock::now() - t0).count());
      next_snapshot += std::chrono::milliseconds(250);
    }
    std::string data = fmt::format(R"({{"t":{},"n":{},"pad":"{}"}})", steady_ns(), n++, pad);
    const auto t0 = SteadyClock::now();
    hub.publish_event("quote", std::move(data));
    st.event_ns.push_back((SteadyClock::now() - t0).count());
    next += period;
  }
  return st;
}

struct ClientSide {
  std::vector<std::int64_t> latency_ns;  // touched only by the client I/O thread
  std::atomic<int> ready{0};
  std::atomic<int> failed{0};
  std::atomic<std::int64_t> received{0};
};

asio::awaitable<void> client(tcp::endpoint ep, std::string target, ClientSide& cs, bool stalled) {
  auto exec = co_await asio::this_coro::executor;
  websocket::stream<beast::tcp_stream> ws(exec);
  boost::system::error_code ec;
  auto& sock = beast::get_lowest_layer(ws).socket();
  if (stalled) {
    sock.open(tcp::v4(), ec);
    sock.set_option(asio::socket_base::receive_buffer_size(2048), ec);
  }
  co_await beast::get_lowest_layer(ws).async_connect(ep,
                                                     asio::redirect_error(asio::use_awaitable, ec));
  if (!ec)
    co_await ws.async_handshake("127.0.0.1", target, asio::redirect_error(asio::use_awaitable, ec));
  beast::flat_buffer buf;
  if (!ec) co_await ws.async_read(buf, asio::redirect_error(asio::use_awaitable, ec));  // hello
  if (ec) {
    cs.failed.fetch_add(1);
    co_return;
  }
  cs.ready.fetch_add(1);
  if (stalled) {  // never read again: the server must drop us, not buffer without limit
    asio::steady_timer t(exec, std::chrono::hours(1));
    co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_return;
  }
  for (;;) {
    buf.clear();
    co_await ws.async_read(buf, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    const auto now = steady_ns();
    const std::string_view msg(static_cast<const char*>(buf.data().data()), buf.size());
    cs.received.fetch_add(1, std::memory_order_relaxed);
    const auto at = msg.find("\"t\":");
    if (at == std::string_view::npos) continue;
    cs.latency_ns.push_back(now - std::strtoll(msg.data() + at + 4, nullptr, 10));
  }
}

int run_dashboard_bench(bool json) {
  const int n_clients = env_int("ZERODTE_BENCH_WS_CLIENTS", 500);
  const int rate = env_int("ZERODTE_BENCH_WS_RATE", 100);
  const int seconds = std::max(1, env_int("ZERODTE_BENCH_WS_SECONDS", 3));
  const int n_stalled = env_int("ZERODTE_BENCH_WS_STALLED", 5);

  zerodte::core::SimClock clock(zerodte::core::Timestamp::from_seconds(kT0));
  zs::StateHub hub(4096, 256);
  zs::Metrics metrics;
  zs::ServerConfig cfg;
  cfg.port = 0;
  cfg.io_threads = 2;
  cfg.static_dir = "/nonexistent";
  cfg.auth.jwt_secret = "bench-only-jwt-key-0123456789abcdef-0123456789";
  cfg.max_ws_clients = static_cast<std::size_t>(n_clients + n_stalled + 16);
  const auto token = zs::JwtCodec(cfg.auth.jwt_secret, cfg.auth.issuer, cfg.auth.audience)
                         .sign({"bench", zs::Role::kViewer, "access", kT0, kT0 + 3600});
  zs::Server server(
      cfg, hub, metrics,
      [](std::shared_ptr<const zerodte::engine::ControlCommand>) { return true; }, clock);
  auto port = server.start();
  if (!port) {
    fmt::print(stderr, "bench dashboard: {}\n", port.error().to_string());
    return 1;
  }

  // Phase 1: no clients.
  auto base = run_publisher(hub, rate, seconds);

  // Phase 2: N reading clients + a few stalled ones.
  ClientSide cs;
  cs.latency_ns.reserve(static_cast<std::size_t>(n_clients) * rate * (seconds + 1));
  asio::io_context cio;
  const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), *port);
  const auto c0 = SteadyClock::now();
  for (int i = 0; i < n_clients + n_stalled; ++i)
    asio::co_spawn(cio,
                   client(ep, "/ws?token=" + token + (i >= n_clients ? "&symbols=BURST" : ""), cs,
                          i >= n_clients),
                   asio::detached);
  std::thread cthread([&cio] { cio.run(); });
  const auto deadline = SteadyClock::now() + std::chrono::seconds(30);
  while (cs.ready.load() + cs.failed.load() < n_clients + n_stalled &&
         SteadyClock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const double connect_ms =
      std::chrono::duration<double, std::milli>(SteadyClock::now() - c0).count();
  const auto connected = hub.stats().subscribers;
  auto loaded = run_publisher(hub, rate, seconds);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let in-flight updates land
  const auto received = cs.received.load();
  // Phase 3: a burst only the stalled clients subscribe to (symbol BURST): 600 x 32 KiB is more
  // than the loopback socket buffers (tcp_wmem max 4 MiB) plus the 256-event client queue, so the
  // hub must drop each stalled client rather than buffer it.
  const std::string big(32 * 1024, 'y');
  for (int i = 0; i < 600; ++i)
    hub.publish_event("quote", fmt::format(R"({{"pad":"{}"}})", big), "BURST");
  for (int i = 0;
       i < 100 && hub.stats().slow_clients_dropped < static_cast<std::uint64_t>(n_stalled); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const auto stats = hub.stats();
  cio.stop();
  cthread.join();
  server.stop();

  const auto published = static_cast<std::int64_t>(loaded.event_ns.size());
  const std::int64_t expected = published * n_clients;
  const double b50 = pct_us(base.event_ns, 0.50), b99 = pct_us(base.event_ns, 0.99);
  const double l50 = pct_us(loaded.event_ns, 0.50), l99 = pct_us(loaded.event_ns, 0.99);
  const double bs99 = pct_us(base.snapshot_ns, 0.99), ls99 = pct_us(loaded.snapshot_ns, 0.99);
  const double u50 = pct_us(cs.latency_ns, 0.50), u99 = pct_us(cs.latency_ns, 0.99);
  const double umax = pct_us(cs.latency_ns, 1.0);
  const bool ok = cs.failed.load() == 0 && (received > 0 || n_clients == 0) &&
                  stats.slow_clients_dropped == static_cast<std::uint64_t>(n_stalled);
  if (json) {
    fmt::print(
        "{{\"area\":\"dashboard\",\"benchmark\":\"ws_fanout\",\"clients\":{},\"stalled_clients\":{}"
        ","
        "\"rate_events_per_s\":{},\"seconds_per_phase\":{},\"payload_bytes\":{},"
        "\"connect_ms\":{:.1f},\"connected\":{},\"connect_failures\":{},"
        "\"publish_event_us\":{{\"no_clients\":{{\"p50\":{:.2f},\"p99\":{:.2f}}},"
        "\"with_clients\":{{\"p50\":{:.2f},\"p99\":{:.2f}}}}},"
        "\"publish_snapshot_p99_us\":{{\"no_clients\":{:.2f},\"with_clients\":{:.2f}}},"
        "\"update_latency_us\":{{\"p50\":{:.1f},\"p99\":{:.1f},\"max\":{:.1f}}},"
        "\"events_published\":{},\"updates_expected\":{},\"updates_received\":{},"
        "\"slow_clients_dropped\":{}}}\n",
        n_clients, n_stalled, rate, seconds, kPadBytes, connect_ms, connected, cs.failed.load(),
        b50, b99, l50, l99, bs99, ls99, u50, u99, umax, published, expected, received,
        stats.slow_clients_dropped);
  } else {
    fmt::print("dashboard fan-out: {} clients (+{} stalled), {} events/s x {} s, {} B payload\n",
               n_clients, n_stalled, rate, seconds, kPadBytes);
    fmt::print("  connect {:.0f} ms ({} subscribed, {} failed)\n", connect_ms, connected,
               cs.failed.load());
    fmt::print(
        "  publish_event  p50/p99: no clients {:.2f}/{:.2f} us, with clients {:.2f}/{:.2f} us\n",
        b50, b99, l50, l99);
    fmt::print("  publish_snapshot p99:   no clients {:.2f} us, with clients {:.2f} us\n", bs99,
               ls99);
    fmt::print("  client update latency p50/p99/max: {:.0f}/{:.0f}/{:.0f} us\n", u50, u99, umax);
    fmt::print("  updates received {}/{}; stalled clients dropped {}\n", received, expected,
               stats.slow_clients_dropped);
  }
  return ok ? 0 : 1;
}

const zerodte::app::BenchRegistrar kBench{"dashboard", &run_dashboard_bench};

}  // namespace
