import "./style.css";
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import { Api, ApiError, Stream, loadSession, login, saveSession, type Session, type StreamEvent } from "./api";
import { fmt, h } from "./dom";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const app = document.getElementById("app")!;
const SYMBOL = "SPY";

function applyTheme(t: string): void {
  document.documentElement.dataset.theme = t;
  localStorage.setItem("zerodte.theme", t);
}
applyTheme(localStorage.getItem("zerodte.theme") ?? "dark");

function showLogin(message = ""): void {
  app.replaceChildren();
  const user = h("input", { id: "login-user", autocomplete: "username", placeholder: "user" }) as HTMLInputElement;
  const pass = h("input", { id: "login-password", type: "password", autocomplete: "current-password", placeholder: "password" }) as HTMLInputElement;
  const err = h("div", { class: "error", id: "login-error" }, message);
  const form = h("form", { class: "login", id: "login-form" }, h("h1", {}, "zerodte"), user, pass, h("button", { type: "submit", id: "login-submit" }, "Log in"), err);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const s = await login(user.value, pass.value);
      saveSession(s);
      showDashboard(s);
    } catch (e) {
      err.textContent = e instanceof ApiError ? e.message : "login failed";
    }
  });
  app.append(form);
}

function panel(id: string, title: string, ...body: Node[]): HTMLElement {
  return h("section", { class: "panel", id }, h("h2", {}, title), ...body);
}

function showDashboard(session: Session): void {
  app.replaceChildren();
  let stream: Stream | null = null;
  let timer = 0;
  const logout = () => {
    saveSession(null);
    stream?.close();
    clearInterval(timer);
    showLogin("session ended");
  };
  const api = new Api(session, logout);
  const canControl = session.role !== "viewer";

  // Header.
  const stateEl = h("span", { class: "pill", id: "engine-state" }, "…");
  const connEl = h("span", { class: "pill", id: "stream-state" }, "stream: connecting");
  const pnlEl = h("span", { class: "pnl", id: "day-pnl" }, "");
  const themeBtn = h("button", { id: "theme-toggle" }, "theme");
  themeBtn.onclick = () => applyTheme(document.documentElement.dataset.theme === "dark" ? "light" : "dark");
  const outBtn = h("button", { id: "logout" }, "log out");
  outBtn.onclick = logout;
  app.append(
    h("header", {}, h("strong", {}, "zerodte"), stateEl, connEl, pnlEl, h("span", { class: "spacer" }),
      h("span", { id: "who" }, `${session.user} (${session.role})`), themeBtn, outBtn),
  );

  // Candles.
  const chartBox = h("div", { class: "chart", id: "candles" });
  const grid = h("main", { class: "grid" });
  app.append(grid);
  grid.append(panel("panel-candles", `${SYMBOL} 1m`, chartBox));
  const chart: IChartApi = createChart(chartBox, { autoSize: true, layout: { attributionLogo: false } });
  const series: ISeriesApi<"Candlestick"> = chart.addSeries(CandlestickSeries, {});
  const markersApi: ISeriesMarkersPluginApi<Time> = createSeriesMarkers(series, []);
  const markers: SeriesMarker<Time>[] = [];
  let candleCount = 0;
  let lastCandleTime = 0;
  const themeChart = () => {
    const dark = document.documentElement.dataset.theme === "dark";
    chart.applyOptions({ layout: { background: { color: dark ? "#12161c" : "#ffffff" }, textColor: dark ? "#d0d6de" : "#1b1f24" },
      grid: { vertLines: { color: dark ? "#222a33" : "#eef0f3" }, horzLines: { color: dark ? "#222a33" : "#eef0f3" } } });
  };
  themeChart();
  new MutationObserver(themeChart).observe(document.documentElement, { attributes: true });
  const putCandle = (b: Json) => {
    if (b.time < lastCandleTime) return;
    series.update({ time: b.time as UTCTimestamp, open: b.open, high: b.high, low: b.low, close: b.close });
    if (b.time > lastCandleTime) candleCount++;
    lastCandleTime = b.time;
    chartBox.dataset.candles = String(candleCount);
    chartBox.dataset.last = String(lastCandleTime);
  };

  // Option chain and GEX.
  const chainBody = h("tbody", {});
  const chainMeta = h("div", { class: "meta", id: "chain-meta" }, "");
  grid.append(panel("panel-chain", `${SYMBOL} option chain (ATM ± 10)`, chainMeta,
    h("div", { class: "scroll" }, h("table", { id: "chain" },
      h("thead", {}, h("tr", {}, ...["C bid", "C ask", "Δc", "strike", "P bid", "P ask", "Δp", "IV", "Γ", "Θ", "ν"].map((t) => h("th", {}, t)))),
      chainBody))));
  const gexBox = h("div", { class: "bars", id: "gex" });
  grid.append(panel("panel-gex", "GEX by strike", gexBox));

  // Signals + explanation.
  const signalList = h("ul", { class: "feed", id: "signals" });
  const explainBox = h("div", { class: "explain", id: "explanation" }, "Click a signal for its explanation.");
  grid.append(panel("panel-signals", "Signals", signalList, explainBox));

  // Positions.
  const posBody = h("tbody", { id: "positions-body" });
  const stratBox = h("div", { class: "meta", id: "strategy-pnl" });
  grid.append(panel("panel-positions", "Positions & P&L", stratBox,
    h("div", { class: "scroll" }, h("table", { id: "positions" },
      h("thead", {}, h("tr", {}, ...["symbol", "qty", "avg", "mark", "P&L", "strategy"].map((t) => h("th", {}, t)))), posBody))));

  // Risk, correlation, latency.
  const riskBox = h("div", { id: "risk" });
  grid.append(panel("panel-risk", "Risk", riskBox));
  const corrBox = h("div", { id: "correlation" });
  grid.append(panel("panel-corr", "Correlation", corrBox));
  const latCanvas = h("canvas", { id: "latency", width: "460", height: "140" }) as HTMLCanvasElement;
  const latLegend = h("div", { class: "meta", id: "latency-legend" });
  grid.append(panel("panel-latency", "Latency per stage (us)", latCanvas, latLegend));
  const latHistory: Record<string, number[]> = {};

  // Controls.
  const ctlMsg = h("div", { class: "meta", id: "control-result" }, canControl ? "" : "viewer: read-only");
  const btn = (id: string, label: string, fn: () => void, cls = "") => {
    const b = h("button", { id, class: cls }, label) as HTMLButtonElement;
    b.disabled = !canControl;
    b.onclick = fn;
    return b;
  };
  const send = async (action: string, args?: Record<string, unknown>, confirm?: unknown) => {
    try {
      await api.control(action, args, confirm);
      ctlMsg.textContent = `${action}: accepted`;
    } catch (e) {
      ctlMsg.textContent = `${action}: ${e instanceof ApiError ? `${e.status} ${e.message}` : "failed"}`;
    }
  };
  const dialog = h("dialog", { id: "kill-dialog" },
    h("p", {}, "Flatten every position and stop trading?"),
    h("button", { id: "kill-confirm", class: "danger" }, "Yes, kill"), h("button", { id: "kill-cancel" }, "Cancel")) as HTMLDialogElement;
  document.body.append(dialog);
  dialog.querySelector("#kill-confirm")!.addEventListener("click", () => { dialog.close(); void send("kill_switch", undefined, true); });
  dialog.querySelector("#kill-cancel")!.addEventListener("click", () => dialog.close());
  const stratToggles = h("div", { id: "strategy-toggles" });
  const param = (name: string, label: string, step: string) =>
    h("label", {}, label, h("input", { name, type: "number", step, disabled: canControl ? undefined : "" }));
  const paramForm = h("form", { id: "params" }, param("trade_size", "size", "1"), param("profit_target_pct", "target %", "1"),
    param("stop_loss_pct", "stop %", "1"), param("min_confidence", "min conf", "0.01"),
    btn("params-apply", "apply", () => undefined));
  paramForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const args: Record<string, number> = {};
    for (const input of paramForm.querySelectorAll("input")) {
      if (input.value !== "") args[input.name] = input.name === "trade_size" ? parseInt(input.value, 10) : parseFloat(input.value);
    }
    void send("params.set", args);
  });
  grid.append(panel("panel-controls", "Controls",
    h("div", { class: "row" }, btn("kill-switch", "KILL SWITCH", () => dialog.showModal(), "danger"),
      btn("pause", "pause", () => void send("pause")), btn("resume", "resume", () => void send("resume"))),
    stratToggles, paramForm, ctlMsg));

  // Rendering.
  const renderChain = (c: Json) => {
    chainMeta.textContent = `spot ${fmt(c.spot)} · ${new Date(c.time * 1000).toISOString().slice(11, 19)}Z`;
    chainBody.dataset.time = String(c.time);
    chainBody.replaceChildren(...c.rows.map((r: Json) => {
      const atm = Math.abs(r.strike - c.spot) < 0.5;
      return h("tr", { class: atm ? "atm" : "" }, ...[r.call_bid, r.call_ask, r.call_delta, r.strike, r.put_bid, r.put_ask, r.put_delta,
        r.iv * 100, r.gamma, r.theta, r.vega].map((v, i) => h("td", {}, fmt(v, i === 3 ? 0 : i === 7 ? 1 : 2))));
    }));
    const max = Math.max(...c.rows.map((r: Json) => Math.abs(r.gex)), 1);
    gexBox.replaceChildren(...c.rows.map((r: Json) => h("div", { class: "bar-row" }, h("span", {}, fmt(r.strike, 0)),
      h("span", { class: `bar ${r.gex >= 0 ? "pos" : "neg"}`, style: `width:${(Math.abs(r.gex) / max) * 100}%` }))));
  };
  const renderSignals = (list: Json[]) => {
    signalList.replaceChildren(...list.slice().reverse().slice(0, 30).map((s) => {
      const li = h("li", { class: `signal ${s.direction === "CALL" ? "up" : "down"}`, "data-id": s.id },
        `${new Date(s.time * 1000).toISOString().slice(11, 16)} ${s.symbol} ${s.direction} ${fmt(s.confidence * 100, 0)}% · ${s.strategy}`);
      li.onclick = async () => {
        try {
          const x = await api.get<Json>(`/api/explain/${encodeURIComponent(s.id)}`);
          explainBox.replaceChildren(h("strong", {}, x.summary),
            h("ul", {}, ...(x.factors ?? []).map((f: Json) => h("li", {}, `${f.name}: ${f.value}`))));
          explainBox.dataset.id = s.id;
        } catch (e) {
          explainBox.textContent = e instanceof ApiError ? e.message : "no explanation";
        }
      };
      return li;
    }));
  };
  const renderPositions = (list: Json[]) => {
    posBody.dataset.count = String(list.length);
    posBody.replaceChildren(...list.map((p) => h("tr", {}, ...[p.symbol, p.qty, fmt(p.avg_price), fmt(p.mark), fmt(p.pnl), p.strategy].map((v) => h("td", {}, String(v))))));
    if (list.length === 0) posBody.append(h("tr", {}, h("td", { colspan: "6", class: "meta" }, "flat")));
  };
  const renderStatus = (s: Json) => {
    stateEl.textContent = `${s.mode} · ${s.state}`;
    stateEl.className = `pill ${s.state}`;
    pnlEl.textContent = `day P&L ${fmt(s.day_pnl)}`;
    pnlEl.className = `pnl ${s.day_pnl >= 0 ? "up" : "down"}`;
    stratBox.replaceChildren(...(s.strategies ?? []).map((st: Json) => h("span", { class: "tag" }, `${st.name}: ${fmt(st.pnl)}`)));
    stratToggles.replaceChildren(...(s.strategies ?? []).map((st: Json) =>
      btn(`toggle-${st.name}`, `${st.enabled ? "stop" : "start"} ${st.name}`, () => void send(st.enabled ? "strategy.stop" : "strategy.start", { strategy: st.name }))));
    const r = s.risk ?? {};
    riskBox.replaceChildren(
      h("div", {}, `daily loss limit ${fmt(r.daily_loss_limit)} · day P&L ${fmt(r.day_pnl)}`),
      h("div", {}, `positions ${r.open_positions}/${r.max_positions} · net Δ ${fmt(r.net_delta)}`),
      h("div", { class: "row" }, ...(r.breakers ?? []).map((b: Json) => h("span", { class: `tag ${b.state}`, id: `breaker-${b.name}` }, `${b.name}: ${b.state}`))));
    if (s.correlation) {
      const c = s.correlation;
      corrBox.replaceChildren(h("table", { class: "corr" }, h("tr", {}, h("th", {}, ""), ...c.symbols.map((x: string) => h("th", {}, x))),
        ...c.matrix.map((row: number[], i: number) => h("tr", {}, h("th", {}, c.symbols[i]),
          ...row.map((v) => h("td", { style: `background:rgba(${v >= 0 ? "46,160,67" : "218,54,51"},${Math.abs(v) * 0.6})` }, fmt(v)))))));
    }
    const candles = s.candles?.[SYMBOL] as Json[] | undefined;
    if (candles && candleCount === 0) for (const b of candles) putCandle(b);
  };
  const renderLatency = (m: Json) => {
    const lat = m.latency_us ?? {};
    for (const [k, v] of Object.entries(lat)) (latHistory[k] ??= []).push(v as number);
    const colors = ["#4e9af1", "#f1a64e", "#3fb950", "#d2a8ff", "#ff7b72"];
    const ctx = latCanvas.getContext("2d")!;
    ctx.clearRect(0, 0, latCanvas.width, latCanvas.height);
    const all = Object.values(latHistory).flat();
    const max = Math.max(...all, 1);
    Object.values(latHistory).forEach((arr, i) => {
      if (arr.length > 120) arr.splice(0, arr.length - 120);
      ctx.strokeStyle = colors[i % colors.length];
      ctx.beginPath();
      arr.forEach((v, j) => {
        const x = (j / 119) * latCanvas.width;
        const y = latCanvas.height - (v / max) * (latCanvas.height - 10);
        if (j === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.stroke();
    });
    latLegend.replaceChildren(...Object.entries(lat).map(([k, v], i) => h("span", { class: "tag", style: `color:${colors[i % colors.length]}` }, `${k} ${v}`)));
  };

  const poll = async () => {
    try {
      const [status, positions, signals, metrics, chain] = await Promise.all([
        api.get<Json>("/api/status"), api.get<Json[]>("/api/positions"), api.get<Json[]>("/api/signals"),
        api.get<Json>("/api/metrics"), api.get<Json>(`/api/chain/${SYMBOL}`).catch(() => null)]);
      renderStatus(status);
      renderPositions(positions);
      renderSignals(signals);
      renderLatency(metrics);
      if (chain) renderChain(chain);
    } catch (e) {
      if (!(e instanceof ApiError)) connEl.textContent = "api: unreachable";
    }
  };
  void poll();
  timer = window.setInterval(poll, 1000);

  stream = new Stream(() => api.session.access, [SYMBOL], (e: StreamEvent) => {
    if (e.type === "bar" && e.symbol === SYMBOL) putCandle(e.data);
    else if (e.type === "trade_executed") {
      markers.push({ time: e.data.time as UTCTimestamp, position: e.data.side === "BUY" ? "belowBar" : "aboveBar",
        color: e.data.side === "BUY" ? "#3fb950" : "#ff7b72", shape: e.data.side === "BUY" ? "arrowUp" : "arrowDown", text: `${e.data.side} ${e.data.qty}` });
      if (markers.length > 200) markers.shift();
      markersApi.setMarkers(markers.slice());
      chartBox.dataset.markers = String(markers.length);
    } else if (e.type === "position_update") renderPositions(e.data);
  }, (up) => { connEl.textContent = up ? "stream: live" : "stream: reconnecting"; connEl.className = `pill ${up ? "running" : "paused"}`; });
}

const existing = loadSession();
if (existing) showDashboard(existing);
else showLogin();
