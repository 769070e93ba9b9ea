// report.html: the data as embedded JSON, drawn by a small inline canvas renderer (no library,
// no network). Equity samples are thinned to at most kMaxPoints for the page (equity.csv keeps
// every sample).
#include <fmt/core.h>

#include <cmath>

#include "zerodte/backtest/report_writer.hpp"

namespace zerodte::backtest {

namespace {

constexpr std::size_t kMaxPoints = 2000;

std::string jnum(double v, int decimals = 4) {
  if (!std::isfinite(v)) return "null";
  return fmt::format("{:.{}f}", v, decimals);
}

std::string jstr(std::string_view s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o.push_back('\\');
    if (c == '<') {  // keep "</script>" out of the embedded JSON
      o += "\\u003c";
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20) continue;
    o.push_back(c);
  }
  return o + "\"";
}

std::string label(core::Timestamp t, const core::TradingCalendar& cal) {
  return fmt::format("{} {}", cal.local_date(t).to_string(),
                     cal.local_time(t).to_string().substr(0, 5));
}

constexpr const char* kScript = R"JS(
(function () {
  const D = JSON.parse(document.getElementById("data").textContent);
  const css = getComputedStyle(document.body);
  let drawn = 0;
  function setup(id, h) {
    const c = document.getElementById(id);
    const w = c.parentElement.clientWidth - 2;
    const r = window.devicePixelRatio || 1;
    c.width = w * r; c.height = h * r; c.style.width = w + "px"; c.style.height = h + "px";
    const g = c.getContext("2d"); g.scale(r, r);
    g.font = "11px sans-serif"; g.fillStyle = "#222"; g.strokeStyle = "#222";
    return { g, w, h, l: 64, r: 12, t: 10, b: 22 };
  }
  function fmtv(v, span) {
    const a = Math.abs(v), s = span === undefined ? a : span;
    if (s >= 1e5 && a >= 1e6) return (v / 1e6).toFixed(2) + "M";
    if (s >= 1e4 && a >= 1e4) return (v / 1e3).toFixed(1) + "k";
    if (s >= 100) return v.toFixed(0);
    if (s >= 1) return v.toFixed(2);
    return v.toFixed(4);
  }
  function axes(P, lo, hi, n, xlabel) {
    const { g, w, h, l, r, t, b } = P;
    g.strokeStyle = "#ddd"; g.fillStyle = "#555";
    for (let i = 0; i <= 4; i++) {
      const v = lo + (hi - lo) * i / 4, y = t + (h - t - b) * (1 - i / 4);
      g.beginPath(); g.moveTo(l, y); g.lineTo(w - r, y); g.stroke();
      g.fillText(fmtv(v, hi - lo), 4, y + 4);
    }
    for (let i = 0; i <= 4 && n > 1; i++) {
      const k = Math.round((n - 1) * i / 4), x = l + (w - l - r) * k / (n - 1);
      const s = xlabel(k);
      g.fillText(s, Math.min(Math.max(l, x - 30), w - r - 70), h - 6);
    }
  }
  function range(arrs) {
    let lo = Infinity, hi = -Infinity;
    for (const a of arrs) for (const v of a) if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!isFinite(lo)) { lo = 0; hi = 1; }
    if (hi - lo < 1e-9) { hi += 1; lo -= 1; }
    const pad = (hi - lo) * 0.05;
    return [lo - pad, hi + pad];
  }
  function lines(id, series, colors, h) {
    const P = setup(id, h || 220), n = series[0].length;
    const [lo, hi] = range(series);
    axes(P, lo, hi, n, (k) => D.t[k] || "");
    const X = (k) => P.l + (P.w - P.l - P.r) * (n > 1 ? k / (n - 1) : 0.5);
    const Y = (v) => P.t + (P.h - P.t - P.b) * (1 - (v - lo) / (hi - lo));
    series.forEach((s, i) => {
      P.g.strokeStyle = colors[i]; P.g.lineWidth = 1.5; P.g.beginPath();
      let on = false;
      s.forEach((v, k) => { if (v === null) { on = false; return; }
        if (on) P.g.lineTo(X(k), Y(v)); else { P.g.moveTo(X(k), Y(v)); on = true; } });
      P.g.stroke();
    });
    drawn++;
    return { X, Y };
  }
  function legend(id, names, colors) {
    document.getElementById(id).innerHTML = names.map((n, i) =>
      `<span style="color:${colors[i]}">&#9632; ${n}</span>`).join(" &nbsp; ");
  }
  // Equity and drawdown.
  lines("equity", [D.equity], ["#1f6feb"]);
  lines("drawdown", [D.drawdown.map((v) => -100 * v)], ["#cf222e"], 160);
  // Daily P&L histogram.
  (function () {
    const P = setup("daily", 200), v = D.daily.map((d) => d[1]);
    const nb = Math.max(5, Math.min(30, Math.ceil(Math.sqrt(v.length)) * 2));
    const [lo0, hi0] = range([v]);
    const bins = new Array(nb).fill(0);
    v.forEach((x) => { bins[Math.min(nb - 1, Math.floor((x - lo0) / (hi0 - lo0) * nb))]++; });
    const top = Math.max(1, ...bins);
    axes(P, 0, top, nb + 1, (k) => fmtv(lo0 + (hi0 - lo0) * k / nb, hi0 - lo0));
    const bw = (P.w - P.l - P.r) / nb;
    bins.forEach((c, i) => {
      const mid = lo0 + (hi0 - lo0) * (i + 0.5) / nb;
      P.g.fillStyle = mid >= 0 ? "#2da44e" : "#cf222e";
      const y = P.t + (P.h - P.t - P.b) * (1 - c / top);
      P.g.fillRect(P.l + i * bw + 1, y, bw - 2, P.h - P.b - y);
    });
    drawn++;
  })();
  // Underlying with trades.
  (function () {
    const { X, Y } = lines("price", [D.px], ["#444"]);
    D.trades.forEach((tr) => {
      const k = tr[0], v = D.px[k];
      if (v === null || v === undefined) return;
      const buy = tr[1] === "buy", g = document.getElementById("price").getContext("2d");
      g.fillStyle = buy ? "#2da44e" : "#cf222e"; g.beginPath();
      const x = X(k), y = Y(v), s = buy ? 1 : -1;
      g.moveTo(x, y + 9 * s); g.lineTo(x - 5, y + 17 * s); g.lineTo(x + 5, y + 17 * s); g.fill();
    });
  })();
  // Greeks.
  const gc = ["#1f6feb", "#bf8700", "#8250df", "#cf222e"];
  lines("greeks", [D.ddelta, D.gamma, D.theta, D.vega], gc);
  legend("greeks-legend", ["$ delta per 1% move", "$ gamma per 1% move", "theta $/day", "vega $/vol pt"], gc);
  legend("price-legend", [D.underlying + " price", "buy", "sell"], ["#444", "#2da44e", "#cf222e"]);
  // Metrics table.
  const tb = document.getElementById("metrics");
  for (const [k, v] of D.metrics) {
    const tr = document.createElement("tr");
    tr.innerHTML = `<th>${k}</th><td>${v}</td>`;
    tb.appendChild(tr);
  }
  const st = document.getElementById("render-status");
  st.textContent = `rendered ${drawn} charts, ${D.t.length} points, ${D.trades.length} trades`;
  st.dataset.ok = "1";
})();
)JS";

}  // namespace

std::string report_html(const ResultsRecorder& rec, const Metrics& m,
                        const core::TradingCalendar& cal, const ReportInfo& report) {
  const auto& eq = rec.equity();
  const std::size_t step = eq.size() > kMaxPoints ? (eq.size() + kMaxPoints - 1) / kMaxPoints : 1;
  std::string t = "[", equity = "[", dd = "[", pxs = "[", ddelta = "[", gamma = "[", theta = "[",
              vega = "[";
  std::vector<core::Timestamp> kept;
  double peak = rec.starting_equity().to_double();
  double worst_dd = 0;
  for (std::size_t i = 0; i < eq.size(); ++i) {
    const double v = eq[i].equity.to_double();
    peak = std::max(peak, v);
    worst_dd = std::max(worst_dd, peak > 0 ? (peak - v) / peak : 0.0);
    if (i % step != 0 && i + 1 != eq.size()) continue;
    const char* sep = kept.empty() ? "" : ",";
    kept.push_back(eq[i].ts);
    t += fmt::format("{}{}", sep, jstr(label(eq[i].ts, cal)));
    equity += fmt::format("{}{}", sep, jnum(v, 2));
    dd += fmt::format("{}{}", sep, jnum(worst_dd, 6));
    worst_dd = 0;
    pxs += fmt::format("{}{}", sep,
                       eq[i].underlying_price > 0 ? jnum(eq[i].underlying_price) : "null");
    ddelta += fmt::format("{}{}", sep, jnum(eq[i].greeks.dollar_delta_1pct, 2));
    gamma += fmt::format("{}{}", sep, jnum(eq[i].greeks.dollar_gamma_1pct, 2));
    theta += fmt::format("{}{}", sep, jnum(eq[i].greeks.theta_per_day, 2));
    vega += fmt::format("{}{}", sep, jnum(eq[i].greeks.vega_per_point, 2));
  }
  std::string trades = "[";
  for (const auto& tr : rec.trades()) {
    if (tr.strategy == "settlement" || kept.empty()) continue;
    const auto it = std::lower_bound(kept.begin(), kept.end(), tr.ts);
    const std::size_t k = std::min<std::size_t>(it - kept.begin(), kept.size() - 1);
    trades += fmt::format("{}[{},{},{}]", trades.size() > 1 ? "," : "", k,
                          jstr(model::to_string(tr.side)), jstr(tr.symbol));
  }
  std::string daily = "[";
  for (const auto& [d, v] : m.daily_pnl)
    daily += fmt::format("{}[{},{}]", daily.size() > 1 ? "," : "", jstr(d), jnum(v, 2));
  // Metrics as (name, value) rows, from the same JSON the file has.
  const std::string mj = metrics_json(m, report.info);
  std::string rows = "[";
  std::size_t pos = 0;
  while ((pos = mj.find("\n  \"", pos)) != std::string::npos) {
    const auto kend = mj.find("\": ", pos + 4);
    const auto lend = mj.find('\n', kend);
    if (kend == std::string::npos || lend == std::string::npos) break;
    std::string value = mj.substr(kend + 3, lend - kend - 3);
    if (!value.empty() && value.back() == ',') value.pop_back();
    rows += fmt::format("{}[{},{}]", rows.size() > 1 ? "," : "",
                        jstr(mj.substr(pos + 4, kend - pos - 4)), jstr(value));
    pos = lend;
  }
  const std::string data = fmt::format(
      "{{\"t\":{}],\"equity\":{}],\"drawdown\":{}],\"px\":{}],\"ddelta\":{}],\"gamma\":{}],"
      "\"theta\":{}],\"vega\":{}],\"trades\":{}],\"daily\":{}],\"metrics\":{}],"
      "\"underlying\":{}}}",
      t, equity, dd, pxs, ddelta, gamma, theta, vega, trades, daily, rows,
      jstr(rec.main_underlying()));
  std::string title;
  for (char c : report.title) {
    if (c == '<')
      title += "&lt;";
    else if (c == '&')
      title += "&amp;";
    else
      title.push_back(c);
  }
  return fmt::format(R"HTML(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{0}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<style>
body {{ font-family: sans-serif; margin: 16px auto; max-width: 1100px; color: #222; }}
h1 {{ font-size: 20px; }} h2 {{ font-size: 15px; margin: 18px 0 4px; }}
.chart {{ border: 1px solid #ddd; padding: 0; }} canvas {{ display: block; }}
.legend {{ font-size: 12px; margin: 2px 0; }}
table {{ border-collapse: collapse; font-size: 12px; }} th, td {{ border: 1px solid #ddd; padding: 2px 8px; text-align: left; vertical-align: top; }}
td {{ font-family: monospace; white-space: pre-wrap; }} #render-status {{ color: #888; font-size: 11px; }}
</style></head><body>
<h1>{0}</h1>
<p>Total return {1:.2f}% &middot; Sharpe {2:.2f} &middot; max drawdown {3:.2f}% &middot; {4} trades over {5} trading days &middot; fees {6}</p>
<h2>Equity</h2><div class="chart"><canvas id="equity"></canvas></div>
<h2>Drawdown (%)</h2><div class="chart"><canvas id="drawdown"></canvas></div>
<h2>Daily P&amp;L histogram</h2><div class="chart"><canvas id="daily"></canvas></div>
<h2>Trades on the underlying</h2><div class="legend" id="price-legend"></div><div class="chart"><canvas id="price"></canvas></div>
<h2>Greeks exposure</h2><div class="legend" id="greeks-legend"></div><div class="chart"><canvas id="greeks"></canvas></div>
<h2>Metrics</h2><table id="metrics"></table>
<p id="render-status">charts not rendered (scripts disabled?)</p>
<script type="application/json" id="data">{7}</script>
<script>
window.addEventListener("error", function (e) {{ var s = document.getElementById("render-status"); s.textContent = "error: " + e.message; s.dataset.ok = "0"; }});
{8}
</script>
</body></html>
)HTML",
                     title, 100 * m.total_return, m.sharpe, 100 * m.max_drawdown, m.trades,
                     m.trading_days, m.fees.to_string(2), data, kScript);
}

}  // namespace zerodte::backtest
