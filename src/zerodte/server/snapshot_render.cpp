// SnapshotPublisher: rendering of the Snapshot documents (shapes in docs/DASHBOARD.md).
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "zerodte/server/snapshot_publisher.hpp"

namespace zerodte::server {
namespace json = boost::json;

namespace {
constexpr std::int64_t kNs = 1'000'000'000;

double px(core::Price p) {
  return p.is_defined() ? p.to_double() : 0.0;
}

// Pearson correlation of the last `n` one-minute returns both series share (by candle time).
double correlation(const std::deque<std::pair<std::int64_t, double>>& a,
                   const std::deque<std::pair<std::int64_t, double>>& b) {
  std::vector<double> x, y;
  std::size_t j = 0;
  for (std::size_t i = 1; i < a.size(); ++i) {
    while (j < b.size() && b[j].first < a[i].first)
      ++j;
    if (j == 0 || j >= b.size() || b[j].first != a[i].first || b[j - 1].first != a[i - 1].first) {
      continue;
    }
    x.push_back(std::log(a[i].second / a[i - 1].second));
    y.push_back(std::log(b[j].second / b[j - 1].second));
  }
  if (x.size() < 3) return 0;
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}
}  // namespace

void SnapshotPublisher::publish() {
  if (kernel_ == nullptr) return;
  const core::Timestamp now = kernel_->now();
  Snapshot snap;
  snap.ts_ns = now.ns;
  snap.status = render_status();
  snap.positions = render_positions();
  snap.orders = render_orders();
  std::string sig = "[";
  for (auto it = signals_.rbegin(); it != signals_.rend(); ++it) {  // newest first
    if (sig.size() > 1) sig += ',';
    sig += *it;
  }
  snap.signals = sig + "]";
  const auto ks = kernel_->stats();
  snap.metrics = json::serialize(
      json::object{{"kernel", json::object{{"events_dispatched", ks.events_dispatched},
                                           {"timers_fired", ks.timers_fired}}},
                   {"latency_us", json::object{}}});
  for (auto u : cfg_.chart) {
    if (const auto* inst = registry_.try_get(u)) {
      snap.chains[std::string(inst->symbol_view())] = render_chain(u);
    }
  }
  for (const auto& e : explanations_)
    snap.explain[e.id] = e.json;
  hub_.publish_snapshot(std::move(snap));
  ++snapshots_;
  last_publish_ = now;
}

std::string SnapshotPublisher::render_status() const {
  const auto acct = portfolio_.snapshot();
  const auto& limits = risk_.checker().limits();
  const double day_base = px(acct.equity) - px(acct.day_pnl);
  const risk::TradingState st = risk_.state();
  const bool killed = risk_.kill_switch_active();
  json::array strategies;
  for (const auto& [id, name] : strategy_names_) {
    strategies.push_back(
        json::object{{"name", name},
                     {"enabled", true},
                     {"pnl", px(portfolio_.strategy_pnl(core::StrategyId{id}).total())}});
  }
  json::array breakers;
  breakers.push_back(json::object{{"name", "kill_switch"}, {"state", killed ? "tripped" : "ok"}});
  for (const auto& h : risk_.state_machine().holds()) {
    if (h.source == "kill_switch") continue;
    breakers.push_back(json::object{{"name", h.source},
                                    {"state", "tripped"},
                                    {"level", risk::to_string(h.level)},
                                    {"reason", h.reason}});
  }
  json::object candles;
  for (auto u : cfg_.chart) {
    const auto* inst = registry_.try_get(u);
    if (inst == nullptr) continue;
    json::array rows;
    if (auto it = candles_.find(u.value); it != candles_.end()) {
      for (const auto& c : it->second) {
        rows.push_back(json::object{{"time", c.time},
                                    {"open", c.open},
                                    {"high", c.high},
                                    {"low", c.low},
                                    {"close", c.close}});
      }
    }
    candles[std::string(inst->symbol_view())] = std::move(rows);
  }
  const double main_spot = cfg_.chart.empty() ? 0.0 : spot(cfg_.chart.front());
  json::object status{
      {"mode", cfg_.mode},
      {"state", killed                              ? "killed"
                : st == risk::TradingState::kActive ? "running"
                : st == risk::TradingState::kHalted ? "halted"
                                                    : "reducing"},
      {"time", kernel_ != nullptr ? kernel_->now().ns / kNs : 0},
      {"spot", main_spot},
      {"equity", px(acct.equity)},
      {"day_pnl", px(acct.day_pnl)},
      {"strategies", std::move(strategies)},
      {"risk", json::object{{"daily_loss_limit", day_base * limits.daily_loss_limit_pct / 100.0},
                            {"day_pnl", px(acct.day_pnl)},
                            {"max_positions", limits.max_positions},
                            {"open_positions", portfolio_.open_position_count()},
                            {"net_delta", portfolio_.account_greeks().delta_shares},
                            {"breakers", std::move(breakers)}}},
      {"correlation", json::parse(render_correlation())},
      {"candles", std::move(candles)}};
  return json::serialize(status);
}

std::string SnapshotPublisher::render_positions() const {
  json::array out;
  for (const auto* p : portfolio_.open_positions()) {
    const auto* inst = registry_.try_get(p->instrument);
    auto name = strategy_names_.find(p->strategy.value);
    out.push_back(json::object{{"symbol", inst ? std::string(inst->symbol_view())
                                               : fmt::format("#{}", p->instrument.value)},
                               {"qty", p->quantity},
                               {"avg_price", p->average_price()},
                               {"mark", px(p->mark)},
                               {"pnl", px(p->unrealized_pnl())},
                               {"strategy", name != strategy_names_.end()
                                                ? name->second
                                                : fmt::format("strategy {}", p->strategy.value)}});
  }
  return json::serialize(out);
}

std::string SnapshotPublisher::render_orders() const {
  json::array out;
  for (const auto* r : orders_.orders()) {
    if (model::is_terminal(r->status)) continue;
    json::array legs;
    for (std::size_t i = 0; i < r->intent.leg_count; ++i) {
      const auto* inst = registry_.try_get(r->intent.legs[i].instrument);
      legs.push_back(json::object{{"symbol", inst ? std::string(inst->symbol_view()) : ""},
                                  {"side", model::to_string(r->intent.legs[i].side)},
                                  {"ratio", r->intent.legs[i].ratio}});
    }
    out.push_back(json::object{{"id", std::string(r->intent.client_order_id.view())},
                               {"status", model::to_string(r->status)},
                               {"qty", r->intent.quantity.value},
                               {"filled", r->filled().value},
                               {"limit", px(r->intent.limit_price)},
                               {"legs", std::move(legs)}});
  }
  return json::serialize(out);
}

std::string SnapshotPublisher::render_chain(core::InstrumentId underlying) const {
  const auto* inst = registry_.try_get(underlying);
  const double s = spot(underlying);
  json::object doc{{"underlying", inst ? std::string(inst->symbol_view()) : ""},
                   {"spot", s},
                   {"time", kernel_ != nullptr ? kernel_->now().ns / kNs : 0}};
  json::array rows;
  auto it = chains_.find(underlying.value);
  if (it != chains_.end() && !it->second.empty() && s > 0) {
    // The nearest expiry not yet past (0DTE while it trades, then the next one).
    const std::int32_t today =
        kernel_ != nullptr ? static_cast<std::int32_t>(kernel_->now().ns / kNs / 86400) : 0;
    auto exp = it->second.lower_bound(today);
    if (exp == it->second.end()) exp = std::prev(it->second.end());
    doc["expiry_days"] = exp->first;
    const auto& strikes = exp->second;
    const auto atm = std::min_element(strikes.begin(), strikes.end(), [&](auto& a, auto& b) {
      return std::abs(core::Price::from_raw(a.first).to_double() - s) <
             std::abs(core::Price::from_raw(b.first).to_double() - s);
    });
    const auto idx = std::distance(strikes.begin(), atm);
    std::ptrdiff_t i = 0;
    for (const auto& [k, row] : strikes) {
      if (std::abs(i++ - idx) > cfg_.chain_strikes) continue;
      const double gamma = row.call.seen ? row.call.gamma : row.put.gamma;
      // Dealer-short-call convention: calls add, puts subtract; per 1% move, x100 multiplier.
      const double gex = (row.call.gamma * static_cast<double>(row.call.open_interest) -
                          row.put.gamma * static_cast<double>(row.put.open_interest)) *
                         100.0 * s * s * 0.01;
      rows.push_back(json::object{{"strike", core::Price::from_raw(k).to_double()},
                                  {"call_bid", row.call.bid},
                                  {"call_ask", row.call.ask},
                                  {"put_bid", row.put.bid},
                                  {"put_ask", row.put.ask},
                                  {"iv", row.call.seen ? row.call.iv : row.put.iv},
                                  {"call_delta", row.call.delta},
                                  {"put_delta", row.put.delta},
                                  {"gamma", gamma},
                                  {"theta", row.call.seen ? row.call.theta : row.put.theta},
                                  {"vega", row.call.seen ? row.call.vega : row.put.vega},
                                  {"gex", gex}});
    }
  }
  doc["rows"] = std::move(rows);
  return json::serialize(doc);
}

std::string SnapshotPublisher::render_correlation() const {
  json::array symbols;
  std::vector<std::deque<std::pair<std::int64_t, double>>> series;
  for (auto u : cfg_.chart) {
    const auto* inst = registry_.try_get(u);
    if (inst == nullptr) continue;
    symbols.push_back(json::string(inst->symbol_view()));
    auto& s = series.emplace_back();
    if (auto it = candles_.find(u.value); it != candles_.end()) {
      for (const auto& c : it->second) {
        if (c.close > 0) s.emplace_back(c.time, c.close);
      }
    }
  }
  json::array matrix;
  for (std::size_t i = 0; i < series.size(); ++i) {
    json::array row;
    for (std::size_t j = 0; j < series.size(); ++j)
      row.push_back(i == j ? 1.0 : correlation(series[i], series[j]));
    matrix.push_back(std::move(row));
  }
  return json::serialize(
      json::object{{"symbols", std::move(symbols)}, {"matrix", std::move(matrix)}});
}

}  // namespace zerodte::server
