#include "zerodte/backtest/metrics.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace zerodte::backtest {

namespace {

double money(core::Price p) {
  return p.is_defined() ? p.to_double() : 0.0;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

std::string num(double v) {
  if (!std::isfinite(v)) return "null";
  std::string s = fmt::format("{:.6f}", v);
  if (s == "-0.000000") s = "0.000000";
  return s;
}

std::string esc(std::string_view s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') o.push_back('\\');
    if (static_cast<unsigned char>(c) < 0x20) continue;
    o.push_back(c);
  }
  return o;
}

void add_trade(Breakdown& b, const TradeRow& t) {
  ++b.fills;
  b.fees += t.fee;
  b.slippage += t.slippage;
  b.realized += t.realized;
  if (t.realized.raw() != 0) {
    ++b.trades;
    if (t.realized.raw() - t.fee.raw() > 0) ++b.wins;
  }
}

}  // namespace

Metrics compute_metrics(const ResultsRecorder& rec, const core::TradingCalendar& cal) {
  Metrics m = compute_metrics(rec.trades(), rec.equity(), rec.orders(), rec.starting_equity(), cal);
  m.signals = rec.signals();
  m.suppressed = rec.suppressions();
  return m;
}

Metrics compute_metrics(const std::vector<TradeRow>& trades, const std::vector<EquityRow>& equity,
                        const std::vector<OrderRow>& orders, core::Price start_equity,
                        const core::TradingCalendar& cal) {
  Metrics m;
  m.start_equity = start_equity;
  m.end_equity = equity.empty() ? start_equity : equity.back().equity;

  // Daily P&L from the last sample of each trading day.
  std::vector<std::pair<core::Date, core::Price>> closes;
  for (const auto& e : equity) {
    const core::Date d = cal.local_date(e.ts - core::Duration{1});
    if (!closes.empty() && closes.back().first == d) {
      closes.back().second = e.equity;
    } else {
      closes.emplace_back(d, e.equity);
    }
  }
  m.trading_days = static_cast<std::int64_t>(closes.size());
  std::vector<double> rets;
  double prev = money(start_equity);
  for (const auto& [d, eq] : closes) {
    m.daily_pnl.emplace_back(d.to_string(), money(eq) - prev);
    if (prev > 0) rets.push_back(money(eq) / prev - 1.0);
    prev = money(eq);
  }
  const double e0 = money(m.start_equity), e1 = money(m.end_equity);
  m.total_return = e0 > 0 ? e1 / e0 - 1.0 : 0.0;
  if (m.trading_days > 0 && e0 > 0 && e1 > 0)
    m.cagr = std::pow(e1 / e0, 252.0 / static_cast<double>(m.trading_days)) - 1.0;
  if (rets.size() >= 2) {
    double mean = 0;
    for (double r : rets)
      mean += r;
    mean /= static_cast<double>(rets.size());
    double var = 0, down = 0;
    for (double r : rets) {
      var += (r - mean) * (r - mean);
      if (r < 0) down += r * r;
    }
    const double sd = std::sqrt(var / static_cast<double>(rets.size() - 1));
    const double dd = std::sqrt(down / static_cast<double>(rets.size()));
    m.sharpe = sd > 0 ? mean / sd * std::sqrt(252.0) : 0.0;
    m.sortino = dd > 0 ? mean / dd * std::sqrt(252.0) : 0.0;
  }

  // Drawdown over the equity samples.
  double peak = e0;
  core::Timestamp peak_ts = equity.empty() ? core::Timestamp{} : equity.front().ts;
  std::int64_t open_samples = 0;
  for (const auto& e : equity) {
    const double v = money(e.equity);
    if (v >= peak) {
      peak = v;
      peak_ts = e.ts;
    } else if (peak > 0) {
      m.max_drawdown = std::max(m.max_drawdown, (peak - v) / peak);
      m.max_drawdown_duration_days = std::max(
          m.max_drawdown_duration_days, static_cast<double>((e.ts - peak_ts).count()) / 86400e9);
    }
    if (e.open_positions > 0) ++open_samples;
  }
  if (!equity.empty())
    m.exposure = static_cast<double>(open_samples) / static_cast<double>(equity.size());

  // Trades.
  double gross_win = 0, gross_loss = 0, net_sum = 0;
  std::vector<double> lat;
  for (const auto& t : trades) {
    ++m.fills;
    m.fees += t.fee;
    m.slippage += t.slippage;
    m.reconciliation.sum_trade_pnl += t.realized;
    add_trade(m.per_strategy[t.strategy], t);
    add_trade(m.per_underlying[t.underlying], t);
    if (t.signal_ts.ns != 0 && t.ts >= t.signal_ts)
      lat.push_back(static_cast<double>((t.ts - t.signal_ts).count()) / 1e6);
    if (t.realized.raw() == 0) continue;
    ++m.trades;
    const double net = money(t.realized) - money(t.fee);
    net_sum += net;
    if (net > 0) {
      ++m.wins;
      gross_win += net;
    } else {
      ++m.losses;
      gross_loss += -net;
    }
  }
  if (m.trades > 0) {
    m.win_rate = static_cast<double>(m.wins) / static_cast<double>(m.trades);
    m.expectancy = net_sum / static_cast<double>(m.trades);
  }
  if (m.wins > 0) m.avg_win = gross_win / static_cast<double>(m.wins);
  if (m.losses > 0) m.avg_loss = -gross_loss / static_cast<double>(m.losses);
  m.profit_factor = gross_loss > 0 ? gross_win / gross_loss : (gross_win > 0 ? INFINITY : 0.0);
  if (m.trading_days > 0)
    m.trades_per_day = static_cast<double>(m.trades) / static_cast<double>(m.trading_days);
  if (!lat.empty()) {
    m.latency.count = static_cast<std::int64_t>(lat.size());
    double sum = 0;
    for (double x : lat)
      sum += x;
    m.latency.mean_ms = sum / static_cast<double>(lat.size());
    m.latency.p50_ms = percentile(lat, 0.5);
    m.latency.p90_ms = percentile(lat, 0.9);
    m.latency.p99_ms = percentile(lat, 0.99);
    m.latency.max_ms = *std::max_element(lat.begin(), lat.end());
  }

  for (const auto& o : orders) {
    if (o.status.starts_with("risk_rejected")) {
      ++m.risk_rejects;
      continue;
    }
    ++m.orders;
    if (o.filled > 0) ++m.orders_filled;
    if (o.status == "rejected") ++m.orders_rejected;
    if (o.status == "cancelled" || o.status == "expired") ++m.orders_cancelled;
  }

  auto& rc = m.reconciliation;
  rc.fees = m.fees;
  rc.unrealized_end = equity.empty() ? core::Price::zero() : equity.back().unrealized;
  rc.equity_change = m.end_equity - m.start_equity;
  rc.difference = rc.equity_change - (rc.sum_trade_pnl - rc.fees + rc.unrealized_end);
  return m;
}

std::string metrics_json(const Metrics& m, const std::map<std::string, std::string>& info) {
  std::string o = "{\n";
  auto kv = [&o](std::string_view k, const std::string& v, bool last = false) {
    o += fmt::format("  \"{}\": {}{}\n", k, v, last ? "" : ",");
  };
  auto str = [](std::string_view s) { return fmt::format("\"{}\"", esc(s)); };
  auto px = [](core::Price p) { return p.is_defined() ? p.to_string(2) : std::string("null"); };
  for (const auto& [k, v] : info)
    kv(k, str(v));
  kv("start_equity", px(m.start_equity));
  kv("end_equity", px(m.end_equity));
  kv("trading_days", std::to_string(m.trading_days));
  kv("total_return", num(m.total_return));
  kv("cagr", num(m.cagr));
  kv("sharpe", num(m.sharpe));
  kv("sortino", num(m.sortino));
  kv("max_drawdown", num(m.max_drawdown));
  kv("max_drawdown_duration_days", num(m.max_drawdown_duration_days));
  kv("fills", std::to_string(m.fills));
  kv("trades", std::to_string(m.trades));
  kv("wins", std::to_string(m.wins));
  kv("losses", std::to_string(m.losses));
  kv("win_rate", num(m.win_rate));
  kv("avg_win", num(m.avg_win));
  kv("avg_loss", num(m.avg_loss));
  kv("profit_factor", num(m.profit_factor));
  kv("expectancy", num(m.expectancy));
  kv("exposure", num(m.exposure));
  kv("trades_per_day", num(m.trades_per_day));
  kv("fees", px(m.fees));
  kv("slippage_vs_mid", px(m.slippage));
  kv("orders", std::to_string(m.orders));
  kv("orders_filled", std::to_string(m.orders_filled));
  kv("orders_rejected_by_venue", std::to_string(m.orders_rejected));
  kv("orders_cancelled_or_expired", std::to_string(m.orders_cancelled));
  kv("risk_rejects", std::to_string(m.risk_rejects));
  auto breakdown = [&](const std::map<std::string, Breakdown>& bm) {
    std::string s = "{";
    bool first = true;
    for (const auto& [k, b] : bm) {
      s += fmt::format(
          "{}\n    \"{}\": {{\"fills\": {}, \"trades\": {}, \"wins\": {}, \"realized\": {}, "
          "\"fees\": {}, \"slippage_vs_mid\": {}}}",
          first ? "" : ",", esc(k.empty() ? "(none)" : k), b.fills, b.trades, b.wins,
          px(b.realized), px(b.fees), px(b.slippage));
      first = false;
    }
    return s + (first ? "}" : "\n  }");
  };
  kv("signals", std::to_string(m.signals));
  {
    std::string s = "{";
    for (const auto& [k, n] : m.suppressed)
      s += fmt::format("{}\"{}\": {}", s.size() > 1 ? ", " : "", esc(k), n);
    kv("suppressed", s + "}");
  }
  kv("per_strategy", breakdown(m.per_strategy));
  kv("per_underlying", breakdown(m.per_underlying));
  kv("signal_to_fill_latency_ms",
     fmt::format("{{\"count\": {}, \"mean\": {}, \"p50\": {}, \"p90\": {}, \"p99\": {}, \"max\": "
                 "{}}}",
                 m.latency.count, num(m.latency.mean_ms), num(m.latency.p50_ms),
                 num(m.latency.p90_ms), num(m.latency.p99_ms), num(m.latency.max_ms)));
  const auto& r = m.reconciliation;
  kv("reconciliation",
     fmt::format("{{\"sum_trade_pnl\": {}, \"fees\": {}, \"unrealized_end\": {}, "
                 "\"equity_change\": {}, \"difference\": {}}}",
                 px(r.sum_trade_pnl), px(r.fees), px(r.unrealized_end), px(r.equity_change),
                 px(r.difference)),
     true);
  o += "}\n";
  return o;
}

core::Result<double> metric_value(const Metrics& m, std::string_view name) {
  const bool neg = name.starts_with('-');
  if (neg) name.remove_prefix(1);
  double v = 0;
  if (name == "sharpe")
    v = m.sharpe;
  else if (name == "sortino")
    v = m.sortino;
  else if (name == "total_return")
    v = m.total_return;
  else if (name == "cagr")
    v = m.cagr;
  else if (name == "max_drawdown")
    v = -m.max_drawdown;  // smaller drawdown ranks higher
  else if (name == "profit_factor")
    v = m.profit_factor;
  else if (name == "win_rate")
    v = m.win_rate;
  else if (name == "expectancy")
    v = m.expectancy;
  else {
    return core::fail(core::ErrorCode::kInvalid,
                      "--metric '{}': unknown (sharpe, sortino, total_return, cagr, "
                      "max_drawdown, profit_factor, win_rate, expectancy; '-' prefix inverts)",
                      name);
  }
  return neg ? -v : v;
}

core::Result<double> metric_from_json(std::string_view json, std::string_view name) {
  const bool neg = name.starts_with('-');
  std::string_view key = neg ? name.substr(1) : name;
  const std::string needle = fmt::format("\"{}\": ", key);
  const auto pos = json.find(needle);
  if (pos == std::string_view::npos)
    return core::fail(core::ErrorCode::kNotFound, "metrics.json has no '{}'", key);
  const std::string rest(json.substr(pos + needle.size(), 32));
  if (rest.starts_with("null")) return neg ? INFINITY : -INFINITY;
  double v = std::strtod(rest.c_str(), nullptr);
  if (key == "max_drawdown") v = -v;
  return neg ? -v : v;
}

}  // namespace zerodte::backtest
