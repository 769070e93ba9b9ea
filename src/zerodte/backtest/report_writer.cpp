#include "zerodte/backtest/report_writer.hpp"

#include <fmt/core.h>

#include <fstream>

namespace zerodte::backtest {

namespace {

std::string iso(core::Timestamp t, const core::TradingCalendar& cal) {
  if (t.ns == 0) return "";
  return fmt::format("{} {}", cal.local_date(t).to_string(), cal.local_time(t).to_string());
}

std::string px(core::Price p) {
  return p.is_defined() ? p.to_string(2) : std::string();
}
std::string px4(core::Price p) {
  return p.is_defined() ? p.to_string(4) : std::string();
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
  std::string o = "\"";
  for (char c : s) {
    if (c == '"') o.push_back('"');
    o.push_back(c);
  }
  return o + "\"";
}

core::Status write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  if (!out) return core::fail(core::ErrorCode::kIo, "{}: cannot write", p.string());
  out << text;
  out.close();
  if (!out) return core::fail(core::ErrorCode::kIo, "{}: write failed", p.string());
  return core::ok();
}

std::string trades_csv(const ResultsRecorder& rec, const core::TradingCalendar& cal) {
  std::string o =
      "seq,time_et,strategy,signal_id,client_order_id,symbol,underlying,side,quantity,price,fee,"
      "realized_pnl,net_pnl,mid,slippage_vs_mid,signal_time_et,signal_to_fill_ms,explanation\n";
  for (const auto& t : rec.trades()) {
    const double lat = t.signal_ts.ns != 0 && t.ts >= t.signal_ts
                           ? static_cast<double>((t.ts - t.signal_ts).count()) / 1e6
                           : 0.0;
    o += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", t.seq, iso(t.ts, cal),
        csv_field(t.strategy), t.signal_id, csv_field(t.client_order_id), t.symbol, t.underlying,
        model::to_string(t.side), t.quantity, px4(t.price), px(t.fee), px(t.realized),
        px(t.realized - t.fee), px4(t.mid), px(t.slippage), iso(t.signal_ts, cal),
        t.signal_ts.ns != 0 ? fmt::format("{:.3f}", lat) : std::string(), csv_field(t.explanation));
  }
  return o;
}

std::string equity_csv(const ResultsRecorder& rec, const core::TradingCalendar& cal) {
  std::string o =
      "time_et,equity,cash,realized,unrealized,fees,drawdown,delta_shares,gamma_shares,"
      "theta_per_day,vega_per_point,dollar_delta_1pct,underlying_price,open_positions\n";
  double peak = rec.starting_equity().to_double();
  for (const auto& e : rec.equity()) {
    const double v = e.equity.to_double();
    peak = std::max(peak, v);
    const double dd = peak > 0 ? (peak - v) / peak : 0.0;
    o += fmt::format("{},{},{},{},{},{},{:.6f},{:.4f},{:.4f},{:.2f},{:.2f},{:.2f},{:.4f},{}\n",
                     iso(e.ts, cal), px(e.equity), px(e.cash), px(e.realized), px(e.unrealized),
                     px(e.fees), dd, e.greeks.delta_shares, e.greeks.gamma_shares,
                     e.greeks.theta_per_day, e.greeks.vega_per_point, e.greeks.dollar_delta_1pct,
                     e.underlying_price, e.open_positions);
  }
  return o;
}

std::string orders_csv(const ResultsRecorder& rec, const core::TradingCalendar& cal) {
  std::string o =
      "time_et,client_order_id,strategy,signal_id,symbols,side,quantity,type,limit,status,"
      "filled,avg_price,reason,tag\n";
  for (const auto& r : rec.orders()) {
    o += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", iso(r.ts, cal),
                     csv_field(r.client_order_id), csv_field(r.strategy), r.signal_id, r.symbols,
                     r.side, r.quantity, r.type, px4(r.limit), csv_field(r.status), r.filled,
                     px4(r.avg_price), csv_field(r.reason), csv_field(r.tag));
  }
  return o;
}

}  // namespace

core::Status write_results(const std::filesystem::path& dir, const ResultsRecorder& rec,
                           const Metrics& metrics, const core::TradingCalendar& cal,
                           const ReportInfo& report) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return core::fail(core::ErrorCode::kIo, "{}: {}", dir.string(), ec.message());
  if (auto st = write_file(dir / "metrics.json", metrics_json(metrics, report.info)); !st)
    return st;
  if (auto st = write_file(dir / "trades.csv", trades_csv(rec, cal)); !st) return st;
  if (auto st = write_file(dir / "equity.csv", equity_csv(rec, cal)); !st) return st;
  if (auto st = write_file(dir / "orders.csv", orders_csv(rec, cal)); !st) return st;
  return write_file(dir / "report.html", report_html(rec, metrics, cal, report));
}

}  // namespace zerodte::backtest
