// IbkrClient I/O thread: connect, handshake, framed reads, paced writes, heartbeat, circuit
// breaker, reconnect with backoff, and the resync that precedes "ready".
#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <chrono>

#include <spdlog/spdlog.h>

#include "zerodte/adapters/ibkr/ibkr_client_impl.hpp"
#include "zerodte/adapters/ibkr/tws_protocol.hpp"
#include "zerodte/core/clock.hpp"

namespace zerodte::adapters::ibkr {
namespace {

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

IbkrClient::Impl::Impl(IbkrConfig c, model::InstrumentRegistry& r, engine::Inbox& in)
    : cfg(std::move(c)),
      reg(r),
      inbox(in),
      caps(execution::BrokerCapabilities::ibkr()),
      bucket(cfg.pacing_per_second, cfg.pacing_burst),
      backoff(net::BackoffConfig{cfg.reconnect_base, cfg.reconnect_cap, cfg.reconnect_seed}) {
  // Parent/child bracket and OCA groups are not sent by this adapter: the order manager emulates
  // brackets (journaled exits) instead.
  caps.bracket = false;
  caps.oco = false;
  h.pacing_rate = cfg.pacing_per_second;
}

void IbkrClient::Impl::connect() {
  if (stopping) return;
  const std::uint64_t g = ++gen;
  {
    std::lock_guard lk(mu);
    phase = Phase::kConnecting;
  }
  frames = FrameBuffer{};
  outq.clear();
  writing = false;
  handshake_done = false;
  boost::system::error_code ec;
  socket.close(ec);
  socket = tcp::socket(ioc);
  tcp::endpoint ep(asio::ip::make_address(cfg.host, ec), static_cast<unsigned short>(cfg.port));
  if (ec) {
    std::lock_guard lk(mu);
    h.last_error = fmt::format("ibkr: host '{}' is not an IP address", cfg.host);
    phase = Phase::kDown;
    return;
  }
  handshake_timer.expires_after(cfg.connect_timeout);
  handshake_timer.async_wait([this, g](const boost::system::error_code& e) {
    if (e || g != gen || handshake_done) return;
    drop(fmt::format("connect/handshake to {}:{} timed out", cfg.host, cfg.port), false);
  });
  socket.async_connect(ep, [this, g](const boost::system::error_code& e) {
    if (g != gen) return;
    if (e) {
      drop(fmt::format("connect to {}:{} failed: {}", cfg.host, cfg.port, e.message()), false);
      return;
    }
    on_connected(g);
  });
}

void IbkrClient::Impl::on_connected(std::uint64_t g) {
  boost::system::error_code ec;
  socket.set_option(tcp::no_delay(true), ec);
  {
    std::lock_guard lk(mu);
    phase = Phase::kHandshake;
  }
  send_raw(client_hello(kMinClientVersion, kServerVersion));
  read_loop(g);
}

void IbkrClient::Impl::read_loop(std::uint64_t g) {
  socket.async_read_some(
      asio::buffer(rbuf), [this, g](const boost::system::error_code& e, std::size_t n) {
        if (g != gen) return;
        if (e) {
          drop(e == asio::error::eof ? "TWS closed the connection" : e.message(), false);
          return;
        }
        frames.append(std::string_view(rbuf.data(), n));
        while (g == gen) {
          auto p = frames.next();
          if (!p) {
            drop(p.error().message, false);
            return;
          }
          if (!*p) break;
          on_payload(**p);
        }
        flush_events();
        if (g == gen) read_loop(g);
      });
}

void IbkrClient::Impl::on_payload(std::string_view payload) {
  {
    std::lock_guard lk(mu);
    ++h.messages_received;
  }
  if (!handshake_done) {
    FieldReader r(payload, "handshake");
    auto v = r.i64();
    auto t = r.str();
    if (!v || !t) {
      drop("handshake answer malformed", false);
      return;
    }
    if (*v < kServerVersion) {
      {
        std::lock_guard lk(mu);
        h.last_error = fmt::format(
            "ibkr: TWS offers server version {}, zerodte needs {} (TWS/IB Gateway 974 or newer)",
            *v, kServerVersion);
      }
      drop("server version too old", false);
      return;
    }
    handshake_done = true;
    handshake_timer.cancel();
    {
      std::lock_guard lk(mu);
      h.server_version = static_cast<int>(*v);
      h.connected = true;
      ++h.connections;
      phase = Phase::kSyncing;
    }
    spdlog::info("ibkr: connected to {}:{} (server version {}, {})", cfg.host, cfg.port, *v, *t);
    send(encode_start_api(cfg.client_id));
    return;
  }
  FieldReader r(payload, "message");
  auto id = r.i64();
  if (!id) {
    std::lock_guard lk(mu);
    ++h.decode_errors;
    h.last_error = id.error().message;
    return;
  }
  dispatch(static_cast<int>(*id), r);
}

void IbkrClient::Impl::send_raw(std::string bytes) {
  outq.push_front(std::move(bytes));
  pump_writes();
}

void IbkrClient::Impl::send(std::string payload) {
  outq.push_back(frame(payload));
  pump_writes();
}

void IbkrClient::Impl::pump_writes() {
  if (writing || pacing_wait || outq.empty() || !socket.is_open()) return;
  // The handshake bytes ("API\0...") are not a TWS message and are never paced.
  const bool handshake = outq.front().starts_with(std::string_view("API\0", 4));
  if (!handshake) {
    const std::int64_t wait = bucket.try_take(steady_ns());
    if (wait > 0) {
      pacing_wait = true;
      pacing_timer.expires_after(std::chrono::nanoseconds(wait));
      const std::uint64_t g = gen;
      pacing_timer.async_wait([this, g](const boost::system::error_code& e) {
        pacing_wait = false;
        if (e || g != gen) return;
        pump_writes();
      });
      return;
    }
  }
  writing = true;
  const std::uint64_t g = gen;
  auto msg = std::make_shared<std::string>(std::move(outq.front()));
  outq.pop_front();
  asio::async_write(socket, asio::buffer(*msg),
                    [this, g, msg](const boost::system::error_code& e, std::size_t) {
                      if (g != gen) return;
                      writing = false;
                      if (e) {
                        drop(fmt::format("write failed: {}", e.message()), false);
                        return;
                      }
                      {
                        std::lock_guard lk(mu);
                        ++h.messages_sent;
                      }
                      pump_writes();
                    });
}

void IbkrClient::Impl::drop(std::string_view why, bool trip_breaker) {
  ++gen;  // every pending handler of this connection becomes stale
  boost::system::error_code ec;
  socket.close(ec);
  heartbeat_timer.cancel();
  pacing_timer.cancel();
  handshake_timer.cancel();
  pacing_wait = false;
  writing = false;
  outq.clear();
  hb_missed = 0;
  hb_outstanding = false;
  resync_keys.clear();
  {
    std::lock_guard lk(mu);
    const bool was_up = phase == Phase::kReady || phase == Phase::kSyncing;
    phase = stopping ? Phase::kStopped : Phase::kDown;
    h.connected = false;
    h.ready = false;
    if (trip_breaker) {
      h.breaker_open = true;
      ++h.breaker_trips;
    }
    if (h.last_error.empty() || trip_breaker || was_up) h.last_error = std::string(why);
    if (was_up || trip_breaker) {
      was_down = true;
      post_feed(model::FeedState::kDisconnected, why);
    }
    fail_waiters(why);
  }
  cv.notify_all();
  flush_events();
  if (stopping) {
    spdlog::info("ibkr: disconnected ({})", why);
  } else {
    spdlog::warn("ibkr: connection dropped: {}", why);
  }
  if (!stopping) schedule_reconnect();
}

void IbkrClient::Impl::schedule_reconnect() {
  const core::Duration d = backoff.next();
  reconnect_timer.expires_after(d);
  reconnect_timer.async_wait([this](const boost::system::error_code& e) {
    if (e || stopping) return;
    connect();
  });
}

void IbkrClient::Impl::start_heartbeat(std::uint64_t g) {
  heartbeat_timer.expires_after(cfg.heartbeat_interval);
  heartbeat_timer.async_wait([this, g](const boost::system::error_code& e) {
    if (e || g != gen) return;
    if (hb_outstanding) {
      ++hb_missed;
      spdlog::warn("ibkr: heartbeat {} unanswered ({} missed)", cfg.heartbeat_interval.count(),
                   hb_missed);
      if (hb_missed >= cfg.heartbeat_misses_to_trip) {
        drop(fmt::format("circuit breaker: {} heartbeats missed", hb_missed), true);
        return;
      }
    }
    hb_outstanding = true;
    send(encode_req_current_time());
    start_heartbeat(g);
  });
}

void IbkrClient::Impl::start_resync() {
  std::vector<std::string> out;
  {
    std::lock_guard lk(mu);
    ++open_round;
    const std::int64_t exec_req = next_req_id++;
    const std::int64_t acct_req = next_req_id++;
    for (std::int64_t k : {kKeyOpenOrders, kKeyCompleted, kKeyPositions, exec_req, acct_req}) {
      Waiter w;
      w.internal = true;
      waiters[k] = w;
      resync_keys.insert(k);
    }
    pos.clear();
    acct.clear();
    out.push_back(encode_req_all_open_orders());
    out.push_back(encode_req_completed_orders(true));
    out.push_back(encode_req_executions(exec_req, ExecutionFilter{0, cfg.account, ""}));
    out.push_back(encode_req_positions());
    out.push_back(encode_req_account_summary(
        acct_req, "NetLiquidation,TotalCashValue,BuyingPower,AvailableFunds"));
  }
  for (auto& m : out)
    send(std::move(m));
}

void IbkrClient::Impl::finish_resync_if_done() {
  if (resync_keys.empty()) return;
  {
    std::lock_guard lk(mu);
    for (auto it = resync_keys.begin(); it != resync_keys.end();) {
      auto w = waiters.find(*it);
      if (w == waiters.end() || w->second.done) {
        if (w != waiters.end()) waiters.erase(w);
        it = resync_keys.erase(it);
      } else {
        ++it;
      }
    }
    if (!resync_keys.empty()) return;
    phase = Phase::kReady;
    h.ready = true;
    h.breaker_open = false;
    post_feed(was_down ? model::FeedState::kRecovered : model::FeedState::kConnected,
              fmt::format("resynced: {} orders, {} executions, {} positions", orders.size(),
                          execs.size(), pos.size()));
    was_down = false;
  }
  backoff.reset();
  cv.notify_all();
  start_heartbeat(gen);
  resubscribe_market_data();
}

void IbkrClient::Impl::flush_events() {
  std::vector<engine::Event> ev;
  std::vector<engine::Event> md;
  {
    std::lock_guard lk(mu);
    ev.swap(events);
    md.swap(market_events);
  }
  for (auto& e : ev)
    inbox.push(std::move(e), engine::OverflowPolicy::kBlock);
  for (auto& e : md)
    inbox.push(std::move(e), engine::OverflowPolicy::kDrop);
}

void IbkrClient::Impl::post_feed(model::FeedState s, std::string_view detail) {
  model::FeedStatus f;
  f.ts_event = f.ts_recv = core::wall_clock_now();
  f.feed = cfg.feed_name;
  f.state = s;
  f.detail = detail;
  events.emplace_back(f);
}

void IbkrClient::Impl::fail_waiters(std::string_view why) {
  std::erase_if(waiters, [](const auto& kv) { return kv.second.internal; });  // resync's own
  for (auto& [k, w] : waiters) {
    if (!w.done) {
      w.done = true;
      w.error = core::Error{core::ErrorCode::kTransport,
                            fmt::format("ibkr: connection lost before the answer ({})", why)};
    }
  }
}

}  // namespace zerodte::adapters::ibkr
