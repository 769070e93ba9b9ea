// A dashboard server with a synthetic, changing market for the browser end-to-end test:
// SPY 1m candles, a SPY option chain (+-10 strikes) with Greeks, GEX by strike, a correlation
// matrix, signals with explanations, positions, risk and latency. A kill_switch control
// flattens the fake positions. Users: admin/admin-pass, trader/trader-pass, viewer/viewer-pass.
//
//   dashboard_test_server --static web/dist [--port 0]     (prints "LISTENING <port>")
#include <fmt/format.h>
#include <boost/json.hpp>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstring>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "zerodte/server/server.hpp"

namespace {
namespace json = boost::json;
using namespace zerodte;

std::atomic<bool> g_stop{false};

struct Market {
  std::mutex mutex;
  bool flat = false;
  bool paused = false;
  std::vector<std::string> log;
};

json::array chain_rows(double spot, int tick) {
  json::array rows;
  const double atm = std::round(spot);
  for (int k = -10; k <= 10; ++k) {
    const double strike = atm + k;
    const double m = (spot - strike) / spot;
    const double iv = 0.18 + 0.4 * m * m + 0.002 * std::sin(tick * 0.1 + k);
    const double call_delta = 0.5 + 0.5 * std::tanh(m * 60);
    const double call_mid = std::max(spot - strike, 0.0) + 0.6 * std::exp(-std::abs(k) * 0.3);
    const double put_mid = std::max(strike - spot, 0.0) + 0.6 * std::exp(-std::abs(k) * 0.3);
    const double gamma = 0.12 * std::exp(-k * k / 18.0);
    json::object r;
    r["strike"] = strike;
    r["call_bid"] = std::round((call_mid - 0.02) * 100) / 100;
    r["call_ask"] = std::round((call_mid + 0.02) * 100) / 100;
    r["put_bid"] = std::round(std::max(put_mid - 0.02, 0.01) * 100) / 100;
    r["put_ask"] = std::round((put_mid + 0.02) * 100) / 100;
    r["iv"] = iv;
    r["call_delta"] = call_delta;
    r["put_delta"] = call_delta - 1;
    r["gamma"] = gamma;
    r["theta"] = -0.9 * gamma * 10;
    r["vega"] = 0.05 * std::exp(-k * k / 30.0);
    r["gex"] = gamma * (1000 - 60 * k) * spot * spot * 0.01;
    rows.push_back(r);
  }
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  std::string static_dir = "web/dist";
  int port = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--static"))
      static_dir = argv[i + 1];
    else if (!std::strcmp(argv[i], "--port"))
      port = std::atoi(argv[i + 1]);
  }
  std::signal(SIGINT, [](int) { g_stop = true; });
  std::signal(SIGTERM, [](int) { g_stop = true; });

  server::StateHub hub(4096, 1024);
  server::Metrics metrics;
  core::LiveClock clock;
  Market market;
  server::ServerConfig cfg;
  cfg.port = static_cast<std::uint16_t>(port);
  cfg.static_dir = static_dir;
  cfg.auth.jwt_secret = "e2e-test-secret-e2e-test-secret-e2e-test";
  cfg.auth.login_attempts_per_minute = 50;
  cfg.auth.users = {
      {"admin", server::Role::kAdmin, server::hash_password("admin-pass", "sa", 1000)},
      {"trader", server::Role::kTrader, server::hash_password("trader-pass", "st", 1000)},
      {"viewer", server::Role::kViewer, server::hash_password("viewer-pass", "sv", 1000)}};
  server::Server srv(
      cfg, hub, metrics,
      [&](std::shared_ptr<const engine::ControlCommand> c) {
        std::lock_guard lock(market.mutex);
        if (c->action == "kill_switch") market.flat = true;
        if (c->action == "pause") market.paused = true;
        if (c->action == "resume") market.paused = false;
        market.log.push_back(c->user + " " + c->action);
        hub.publish_event("system_status",
                          json::serialize(json::object{{"control", c->action}, {"user", c->user}}));
        return true;
      },
      clock);
  auto p = srv.start();
  if (!p) {
    std::cerr << p.error().to_string() << "\n";
    return 1;
  }
  std::cout << "LISTENING " << *p << std::endl;

  auto& stage_lat = metrics.histogram("zerodte_stage_latency_seconds", "Latency per stage",
                                      {"stage", "strategy"});
  std::mt19937_64 rng(42);
  std::normal_distribution<double> noise(0, 0.08);
  double spot = 600.0;
  const std::int64_t t0 = 1'732'545'000;  // minute-aligned synthetic session start
  json::array candles;
  json::array signals;
  json::object explain;
  double pnl = 0;
  // History: 60 one-minute candles.
  auto make_bar = [&](std::int64_t t) {
    const double o = spot;
    double hi = o, lo = o;
    for (int i = 0; i < 10; ++i) {
      spot += noise(rng);
      hi = std::max(hi, spot);
      lo = std::min(lo, spot);
    }
    return json::object{{"time", t}, {"open", o}, {"high", hi}, {"low", lo}, {"close", spot}};
  };
  for (int i = 0; i < 60; ++i)
    candles.push_back(make_bar(t0 + 60 * i));
  for (int tick = 0; !g_stop; ++tick) {
    const std::int64_t bar_t = t0 + 60 * (60 + tick);
    auto bar = make_bar(bar_t);
    candles.push_back(bar);
    if (candles.size() > 390) candles.erase(candles.begin());
    hub.publish_event("bar", json::serialize(bar), "SPY");
    bool flat, paused;
    {
      std::lock_guard lock(market.mutex);
      flat = market.flat;
      paused = market.paused;
    }
    if (tick % 4 == 0 && !paused) {
      const auto id = fmt::format("sig-{}", tick);
      const bool call = (tick / 4) % 2 == 0;
      json::object s{{"id", id},
                     {"time", bar_t},
                     {"symbol", "SPY"},
                     {"direction", call ? "CALL" : "PUT"},
                     {"confidence", 0.62 + 0.01 * (tick % 10)},
                     {"strategy", "momentum_0dte"}};
      signals.push_back(s);
      if (signals.size() > 50) signals.erase(signals.begin());
      explain[id] = json::object{
          {"id", id},
          {"summary", fmt::format("{} because sentiment {:.2f} and RSI {:.0f}",
                                  call ? "CALL" : "PUT", call ? 0.42 : -0.38, call ? 34.0 : 71.0)},
          {"factors",
           json::array{json::object{{"name", "sentiment"}, {"value", call ? 0.42 : -0.38}},
                       json::object{{"name", "rsi_14"}, {"value", call ? 34 : 71}},
                       json::object{{"name", "gex_regime"}, {"value", "positive"}}}}};
      hub.publish_event("signal_generated", json::serialize(s));
      hub.publish_event(
          "sentiment_update",
          json::serialize(json::object{{"symbol", "SPY"}, {"score", call ? 0.42 : -0.38}}));
      if (!flat) {
        hub.publish_event("trade_executed",
                          json::serialize(json::object{{"time", bar_t},
                                                       {"symbol", "SPY"},
                                                       {"side", call ? "BUY" : "SELL"},
                                                       {"qty", 1},
                                                       {"price", spot}}));
      }
    }
    pnl += flat ? 0 : noise(rng) * 10;
    json::array positions;
    if (!flat) {
      positions.push_back(json::object{{"symbol", fmt::format("SPY C{:.0f}", std::round(spot))},
                                       {"qty", 2},
                                       {"avg_price", 1.25},
                                       {"mark", 1.31},
                                       {"pnl", 12.0},
                                       {"strategy", "momentum_0dte"}});
      positions.push_back(json::object{{"symbol", fmt::format("SPY P{:.0f}", std::round(spot) - 5)},
                                       {"qty", -1},
                                       {"avg_price", 0.80},
                                       {"mark", 0.72},
                                       {"pnl", 8.0},
                                       {"strategy", "iron_condor"}});
    }
    server::Snapshot snap;
    snap.ts_ns = bar_t * 1'000'000'000;
    snap.status = json::serialize(json::object{
        {"mode", "paper"},
        {"state", flat     ? "killed"
                  : paused ? "paused"
                           : "running"},
        {"time", bar_t},
        {"spot", spot},
        {"day_pnl", pnl},
        {"strategies",
         json::array{json::object{{"name", "momentum_0dte"}, {"enabled", true}, {"pnl", pnl * 0.6}},
                     json::object{{"name", "iron_condor"}, {"enabled", true}, {"pnl", pnl * 0.4}}}},
        {"risk", json::object{{"daily_loss_limit", 2000},
                              {"day_pnl", pnl},
                              {"max_positions", 5},
                              {"open_positions", positions.size()},
                              {"net_delta", flat ? 0 : 1.2},
                              {"breakers",
                               json::array{json::object{{"name", "daily_loss"}, {"state", "ok"}},
                                           json::object{{"name", "vix_spike"}, {"state", "ok"}},
                                           json::object{{"name", "kill_switch"},
                                                        {"state", flat ? "tripped" : "ok"}}}}}},
        {"correlation", json::object{{"symbols", json::array{"SPY", "QQQ", "IWM"}},
                                     {"matrix", json::array{json::array{1.0, 0.93, 0.81},
                                                            json::array{0.93, 1.0, 0.77},
                                                            json::array{0.81, 0.77, 1.0}}}}},
        {"candles", json::object{{"SPY", candles}}}});
    snap.positions = json::serialize(positions);
    snap.orders = "[]";
    snap.signals = json::serialize(signals);
    snap.metrics =
        json::serialize(json::object{{"latency_us", json::object{{"market_data", 12 + tick % 5},
                                                                 {"analytics", 30 + tick % 7},
                                                                 {"strategy", 45 + tick % 9},
                                                                 {"risk", 8 + tick % 3},
                                                                 {"execution", 60 + tick % 11}}}});
    snap.chains["SPY"] = json::serialize(json::object{
        {"underlying", "SPY"}, {"spot", spot}, {"time", bar_t}, {"rows", chain_rows(spot, tick)}});
    for (const auto& [k, v] : explain)
      snap.explain[std::string(k)] = json::serialize(v);
    hub.publish_snapshot(std::move(snap));
    hub.publish_event("position_update", json::serialize(positions));
    hub.publish_event("latency_metrics",
                      json::serialize(json::object{{"strategy_us", 45 + tick % 9}}));
    stage_lat.observe_ns(45'000 + tick % 9 * 1000);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  srv.stop();
  return 0;
}
