#include "zerodte/strategy/market_structure/swing.hpp"

#include <cmath>

#include <fmt/format.h>

namespace zerodte::strategy::market_structure {
namespace {
constexpr analytics::Timeframe kDaily = analytics::Timeframe::daily();
}  // namespace

void SwingParams::declare(TableSpec& t) {
  const SwingParams d;
  t.add_string_list("symbols", d.symbols, "Underlyings traded as shares.");
  t.add_int("trend_period", d.model.trend_period, "Daily EMA of the higher-timeframe trend.")
      .range(2, 400);
  t.add_int("slope_days", d.model.slope_days, "Days over which the EMA must rise/fall.")
      .range(1, 100);
  t.add_double("min_slope_atr", d.model.min_slope_atr,
               "EMA change over slope_days, in ATRs, at least.")
      .range(0, 10);
  t.add_int("rsi_period", d.model.rsi_period, "RSI period of the pullback.").range(2, 100);
  t.add_double("pullback_rsi", d.model.pullback_rsi,
               "Long setups need RSI <= this (shorts >= 100 - this).")
      .range(1, 50);
  t.add_int("setup_lookback", d.model.setup_lookback, "Days the pullback may lie back.")
      .range(1, 20);
  t.add_double("min_avg_volume", d.model.min_avg_volume, "Mean daily volume at least (liquidity).")
      .at_least(0);
  t.add_double("stop_atr", d.model.stop_atr, "Stop distance, ATRs.").range(0.1, 20);
  t.add_double("target_atr", d.model.target_atr, "Target distance, ATRs.").range(0.1, 50);
  t.add_double("ladder_step_atr", d.model.ladder_step_atr, "Distance between ladder rungs, ATRs.")
      .range(0, 5);
  t.add_int("entry_days", d.model.entry_days, "Sessions the ladder stays working (seed: 1-2).")
      .range(1, 10);
  t.add_int("min_hold_days", d.model.min_hold_days, "After this, exit when not in profit.")
      .range(1, 60);
  t.add_int("max_hold_days", d.model.max_hold_days, "Exit after this many sessions (seed: 5-10).")
      .range(1, 60);
  t.add_double("risk_pct", d.model.risk_pct, "Risk to the stop per swing, % of equity.")
      .range(0.01, 100);
  t.add_double("max_heat_pct", d.model.max_heat_pct,
               "Portfolio heat (open risk to stops), % of equity at most.")
      .range(0.01, 100);
  t.add_int("max_open", d.model.max_open, "Open swings at most (seed: 3).").range(1, 100);
  t.add_bool("allow_short", d.allow_short, "Trade short setups (sell shares short).");
  t.add_double("equity", d.equity, "Equity to size from when no portfolio is attached.")
      .at_least(1);
  t.add_duration("max_bar_age", "1h", "A daily bar that closed longer ago than this is stale.");
}

core::Result<SwingParams> SwingParams::from(const ConfigTable& t) {
  SwingParams p;
  p.symbols = t.get<std::vector<std::string>>("symbols");
  p.model.trend_period = t.get<int>("trend_period");
  p.model.slope_days = t.get<int>("slope_days");
  p.model.min_slope_atr = t.get<double>("min_slope_atr");
  p.model.rsi_period = t.get<int>("rsi_period");
  p.model.pullback_rsi = t.get<double>("pullback_rsi");
  p.model.setup_lookback = t.get<int>("setup_lookback");
  p.model.min_avg_volume = t.get<double>("min_avg_volume");
  p.model.stop_atr = t.get<double>("stop_atr");
  p.model.target_atr = t.get<double>("target_atr");
  p.model.ladder_step_atr = t.get<double>("ladder_step_atr");
  p.model.entry_days = t.get<int>("entry_days");
  p.model.min_hold_days = t.get<int>("min_hold_days");
  p.model.max_hold_days = t.get<int>("max_hold_days");
  p.model.risk_pct = t.get<double>("risk_pct");
  p.model.max_heat_pct = t.get<double>("max_heat_pct");
  p.model.max_open = t.get<int>("max_open");
  p.allow_short = t.get<bool>("allow_short");
  p.equity = t.get<double>("equity");
  p.max_bar_age = t.get<core::Duration>("max_bar_age");
  if (p.symbols.empty()) return core::fail(core::ErrorCode::kConfig, "symbols: empty");
  if (p.model.min_hold_days > p.model.max_hold_days)
    return core::fail(core::ErrorCode::kConfig, "min_hold_days {} > max_hold_days {}",
                      p.model.min_hold_days, p.model.max_hold_days);
  return p;
}

void Swing::on_start() {
  for (const auto& sym : p_.symbols) {
    auto id = ctx().instruments().find(sym);
    if (!id) {
      suppress(ctx(), sym, Direction::kFlat, "unknown_symbol",
               fmt::format("{} is not a registered instrument; not watched", sym));
      continue;
    }
    tickers_.emplace(sym, Ticker{*id, SwingSetupDetector(p_.model)});
    (void)ctx().subscribe_bars(*id, kDaily);
    ctx().subscribe_quotes(*id);
  }
}

int Swing::sessions_since(core::Timestamp opened) const {
  const auto& cal = ctx().calendar();
  core::Date d = cal.local_date(opened);
  const core::Date today = ctx().today();
  int n = 0;
  while (d < today && n < 1000) {
    d = cal.next_trading_day(d);
    ++n;
  }
  return n;
}

double Swing::heat() const {
  double h = 0;
  for (const auto& tr : trades_)
    if (tr.active()) h += tr.ref;  // planned risk to the stop of the swing
  return h;
}

void Swing::on_bar(const model::Bar& bar, analytics::Timeframe tf) {
  if (!tf.is_daily()) return;
  for (auto& [sym, t] : tickers_) {
    if (t.id != bar.hdr.instrument) continue;
    const auto setup = t.detector.update(bar.high.to_double(), bar.low.to_double(),
                                         bar.close.to_double(), static_cast<double>(bar.volume));
    bool holding = false;
    for (auto& tr : trades_)
      if (tr.symbol == sym && tr.active()) {
        holding = true;
        manage(tr, bar);
      }
    if (!holding && (setup.direction != 0 || setup.blocked)) evaluate(sym, t, bar, setup);
  }
  std::erase_if(trades_, [](const OpenTrade& t) { return !t.active(); });
}

void Swing::evaluate(const std::string& sym, Ticker& t, const model::Bar& bar,
                     const SwingSetup& s) {
  const auto now = ctx().now();
  const Direction dir = s.direction > 0 || (s.blocked && t.detector.trend() > 0)
                            ? Direction::kLong
                            : Direction::kShort;
  std::vector<Evidence> ev{{"swing_setup", s.reason, s.rsi, now},
                           {"htf_regime",
                            fmt::format("daily EMA{} {:.2f}, trend {}", p_.model.trend_period,
                                        s.ema, t.detector.trend() > 0 ? "up" : "down"),
                            s.ema, now}};
  if (s.blocked) {
    suppress(ctx(), sym, dir, "filters_failed", s.reason, ev);
    return;
  }
  if (now - bar.close_time() > p_.max_bar_age) {
    suppress(ctx(), sym, dir, "stale_analytics",
             fmt::format("daily bar of {} closed {} min ago > max_bar_age {} min", sym,
                         (now - bar.close_time()).count() / core::kNanosPerMinute,
                         p_.max_bar_age.count() / core::kNanosPerMinute),
             ev);
    return;
  }
  if (s.direction < 0 && !p_.allow_short) {
    suppress(ctx(), sym, dir, "short_disabled", "short swing setup, allow_short = false", ev);
    return;
  }
  int open = 0;
  for (const auto& tr : trades_)
    open += tr.active();
  const auto acct = account_of(ctx(), p_.equity);
  const auto& inst = ctx().instruments().get(t.id);
  const double tick = model::tick_size(inst.tick_rule, bar.close).to_double();
  const auto plan = plan_swing(p_.model, s, acct.equity, heat(), open, tick > 0 ? tick : 0.01);
  if (plan.quantity == 0) {
    suppress(ctx(), sym, dir, open >= p_.model.max_open ? "max_open_swings" : "portfolio_heat",
             plan.reason, ev);
    return;
  }
  Signal sig;
  sig.instrument = t.id;
  sig.symbol = sym;
  sig.direction = dir;
  sig.conviction = std::clamp(1.0 - std::abs(s.rsi - 50.0) / 100.0, 0.0, 1.0);
  sig.triggered_by = ev;
  sig.risk_factors.push_back(fmt::format("stop {:.2f} ({} ATR), target {:.2f} ({} ATR)", s.stop,
                                         p_.model.stop_atr, s.target, p_.model.target_atr));
  sig.risk_factors.push_back(plan.reason);
  sig.action = fmt::format("{} {} {} GTC ladder {}@{:.2f} {}@{:.2f} {}@{:.2f}",
                           dir == Direction::kLong ? "buy" : "sell short", plan.quantity, sym,
                           plan.rungs[0].quantity, plan.rungs[0].limit, plan.rungs[1].quantity,
                           plan.rungs[1].limit, plan.rungs[2].quantity, plan.rungs[2].limit);
  const auto id = ctx().emit_signal(sig);
  const model::Side side = dir == Direction::kLong ? model::Side::kBuy : model::Side::kSell;
  OpenTrade tr;
  tr.symbol = sym;
  tr.legs[0] = TradeLeg{t.id, side, 1};
  tr.leg_count = 1;
  tr.direction = s.direction;
  tr.signal_id = id;
  tr.opened = now;
  tr.stop = s.stop;
  tr.target = s.target;
  tr.ref = plan.risk;
  for (std::size_t i = 0; i < plan.rungs.size(); ++i) {
    const auto& rung = plan.rungs[i];
    if (rung.quantity <= 0) continue;
    auto in =
        single_order(t.id, side, rung.quantity, round_price(inst, rung.limit), id,
                     model::TimeInForce::kGtc, false, fmt::format("swing ladder {}/3", i + 1));
    in.intent_seq = static_cast<std::uint32_t>(i + 1);
    auto r = ctx().submit(in);
    if (!r.accepted) continue;
    tr.ordered += rung.quantity;
    if (tr.entry_order.empty())
      tr.entry_order = r.client_order_id;
    else
      tr.extra_entries.push_back(r.client_order_id);
  }
  if (tr.entry_pending()) trades_.push_back(std::move(tr));
}

void Swing::manage(OpenTrade& tr, const model::Bar& bar) {
  const auto now = ctx().now();
  const int days = sessions_since(tr.opened);
  // The ladder works for entry_days sessions; later rungs are cancelled.
  if (days >= p_.model.entry_days || (tr.quantity() > 0 && tr.exit_pending())) {
    std::vector<core::ClientOrderId> pending = tr.extra_entries;
    if (!tr.entry_order.empty()) pending.push_back(tr.entry_order);
    for (const auto& id : pending)
      (void)ctx().cancel(id);
  }
  if (tr.quantity() <= 0 || tr.exit_pending()) return;
  const double close = bar.close.to_double();
  const double entry = tr.entry_value();
  const int d = tr.direction;
  std::string why;
  std::string text;
  if (d * (close - tr.stop) <= 0) {
    why = "stop";
    text = fmt::format("close {:.2f} crossed the stop {:.2f}", close, tr.stop);
  } else if (d * (close - tr.target) >= 0) {
    why = "target";
    text = fmt::format("close {:.2f} reached the target {:.2f}", close, tr.target);
  } else if (days >= p_.model.max_hold_days) {
    why = "max_hold";
    text = fmt::format("held {} sessions >= max_hold_days {}", days, p_.model.max_hold_days);
  } else if (days >= p_.model.min_hold_days && d * (close - entry) <= 0) {
    why = "no_profit";
    text =
        fmt::format("held {} sessions, close {:.2f} not beyond entry {:.2f}", days, close, entry);
  }
  if (why.empty()) return;
  std::vector<core::ClientOrderId> pending = tr.extra_entries;
  if (!tr.entry_order.empty()) pending.push_back(tr.entry_order);
  for (const auto& id : pending)
    (void)ctx().cancel(id);
  (void)close_trade(ctx(), tr, why, {{"swing_exit", text, close, now}});
}

void Swing::on_fill(const model::Fill& f) {
  for (auto& tr : trades_)
    tr.apply_fill(f);
  std::erase_if(trades_, [](const OpenTrade& t) { return !t.active(); });
}

void Swing::on_order_update(const model::OrderUpdate& u) {
  for (auto& tr : trades_)
    tr.apply_update(u);
  std::erase_if(trades_, [](const OpenTrade& t) { return !t.active(); });
}

std::string Swing::snapshot() const {
  return trades_text(trades_);
}

core::Status Swing::restore(std::string_view state) {
  auto t = parse_trades(state);
  if (!t) return std::unexpected(t.error());
  trades_ = std::move(*t);
  return core::ok();
}

namespace {
const StrategyRegistrar kRegistrar{StrategyInfo{
    .type = "swing",
    .summary = "Daily pullback in the higher-timeframe trend -> 25/50/25 GTC share ladder, "
               "ATR stop/target, 5-10 day hold, <= 3 swings, heat <= 20%",
    .seed = "003",
    .declare = &SwingParams::declare,
    .create = [](const ConfigTable& t) -> core::Result<StrategyPtr> {
      auto p = SwingParams::from(t);
      if (!p) return std::unexpected(p.error());
      return std::make_unique<Swing>(std::move(*p));
    }}};
}  // namespace

}  // namespace zerodte::strategy::market_structure
