#include "zerodte/strategy/market_structure/gamma_scalp_0dte.hpp"

#include <cmath>

#include <fmt/format.h>

#include "zerodte/analytics/book_metrics.hpp"
#include "zerodte/strategy/market_structure/chain_gex.hpp"
#include "zerodte/strategy/option_selector.hpp"

namespace zerodte::strategy::market_structure {
namespace {
constexpr analytics::Timeframe kMinute = analytics::Timeframe::minutes(1);

std::string secs(core::Duration d) {
  return fmt::format("{}s", std::chrono::duration_cast<std::chrono::seconds>(d).count());
}
bool in_window(core::TimeOfDay t, core::TimeOfDay a, core::TimeOfDay b) {
  return a <= t && t < b;
}
}  // namespace

void GammaScalpParams::declare(TableSpec& t) {
  const GammaScalpParams d;
  t.add_string_list("symbols", d.symbols,
                    "Underlyings with 0DTE chains (seed 003: SPX, SPY, QQQ, IWM).");
  t.add_double("scan_pct", d.model.scan_pct, "Strikes within spot +- this share count for GEX.")
      .range(0.001, 0.5);
  t.add_double("min_concentration", d.model.min_concentration,
               "Share of |net GEX| at one strike that is 'high'.")
      .range(0.01, 1);
  t.add_double("approach_pct", d.model.approach_pct, "Price within this share of the gamma strike.")
      .range(0.0001, 0.1);
  t.add_double("pinned_pct", d.model.pinned_pct, "Closer than this: already pinned, no entry.")
      .range(0, 0.1);
  t.add_int("momentum_bars", d.model.momentum_bars, "Minute bars over which momentum is measured.")
      .range(1, 60);
  t.add_double("min_momentum_pct", d.model.min_momentum_pct,
               "Minimum move toward the strike over momentum_bars (0.001 = 0.1%).")
      .range(0, 0.1);
  t.add_double("unwind_fraction", d.model.unwind_fraction,
               "Exit when the strike's share falls below this x min_concentration.")
      .range(0, 1);
  t.add_double("pass_through_pct", d.model.pass_through_pct,
               "Exit when price is this far through the strike.")
      .range(0, 0.1);
  t.add_double("risk_per_trade_pct", d.model.risk_per_trade_pct,
               "Premium at risk per trade, % of equity.")
      .range(0.01, 100);
  t.add_double("risk_per_day_pct", d.model.risk_per_day_pct,
               "Premium committed per day, % of equity.")
      .range(0.01, 100);
  t.add_int("max_contracts_per_ticker", d.model.max_contracts_per_ticker,
            "Maximum open contracts per ticker.")
      .range(1, 1000);
  t.add_double("trail_pct", d.trail_pct, "Initial trailing stop of the ladder, % of premium.")
      .range(1, 100);
  t.add_double("min_liquidity", d.min_liquidity,
               "Minimum book liquidity score (when depth arrives).")
      .range(0, 1);
  t.add_double("max_spread", d.max_spread, "Maximum option bid/ask spread, $ per share.")
      .at_least(0);
  t.add_double("max_spread_pct", d.max_spread_pct, "Maximum option spread as a share of mid.")
      .range(0, 10);
  t.add_int("min_open_interest", d.min_open_interest, "Minimum open interest of the contract.")
      .at_least(0);
  t.add_int("min_volume", d.min_volume, "Minimum day volume of the contract.").at_least(0);
  t.add_double("equity", d.equity, "Equity to size from when no portfolio is attached.")
      .at_least(1);
  t.add_duration("max_chain_age", "10s",
                 "Suppress when the chain's newest quote is older (seed 003 heartbeat).");
  t.add_duration("max_bar_age", "2m", "Suppress when the last minute bar is older.");
  t.add_time("entry_start", "09:45", "No entries before (New York).");
  t.add_time("entry_end", "15:30", "No entries from (New York).");
  t.add_time("exit_time", "15:50", "Flat by (New York).");
}

core::Result<GammaScalpParams> GammaScalpParams::from(const ConfigTable& t) {
  GammaScalpParams p;
  p.symbols = t.get<std::vector<std::string>>("symbols");
  p.model.scan_pct = t.get<double>("scan_pct");
  p.model.min_concentration = t.get<double>("min_concentration");
  p.model.approach_pct = t.get<double>("approach_pct");
  p.model.pinned_pct = t.get<double>("pinned_pct");
  p.model.momentum_bars = static_cast<int>(t.get<std::int64_t>("momentum_bars"));
  p.model.min_momentum_pct = t.get<double>("min_momentum_pct");
  p.model.unwind_fraction = t.get<double>("unwind_fraction");
  p.model.pass_through_pct = t.get<double>("pass_through_pct");
  p.model.risk_per_trade_pct = t.get<double>("risk_per_trade_pct");
  p.model.risk_per_day_pct = t.get<double>("risk_per_day_pct");
  p.model.max_contracts_per_ticker = t.get<std::int64_t>("max_contracts_per_ticker");
  p.trail_pct = t.get<double>("trail_pct");
  p.min_liquidity = t.get<double>("min_liquidity");
  p.max_spread = t.get<double>("max_spread");
  p.max_spread_pct = t.get<double>("max_spread_pct");
  p.min_open_interest = t.get<std::int64_t>("min_open_interest");
  p.min_volume = t.get<std::int64_t>("min_volume");
  p.equity = t.get<double>("equity");
  p.max_chain_age = t.get<core::Duration>("max_chain_age");
  p.max_bar_age = t.get<core::Duration>("max_bar_age");
  p.entry_start = t.get<core::TimeOfDay>("entry_start");
  p.entry_end = t.get<core::TimeOfDay>("entry_end");
  p.exit_time = t.get<core::TimeOfDay>("exit_time");
  if (p.symbols.empty()) return core::fail(core::ErrorCode::kConfig, "symbols: empty");
  if (p.model.pinned_pct >= p.model.approach_pct)
    return core::fail(core::ErrorCode::kConfig, "pinned_pct {} must be below approach_pct {}",
                      p.model.pinned_pct, p.model.approach_pct);
  if (!(p.entry_start < p.entry_end))
    return core::fail(core::ErrorCode::kConfig, "entry_start {} is not before entry_end {}",
                      p.entry_start.to_string(), p.entry_end.to_string());
  return p;
}

GammaScalp0Dte::GammaScalp0Dte(GammaScalpParams p) : p_(std::move(p)), budget_(p_.model) {}

void GammaScalp0Dte::on_start() {
  for (const auto& sym : p_.symbols) {
    auto id = ctx().instruments().find(sym);
    if (!id) {
      suppress(ctx(), sym, Direction::kFlat, "unknown_symbol",
               fmt::format("{} is not a registered instrument; not watched", sym));
      continue;
    }
    tickers_.emplace(sym, Ticker{*id, ApproachDetector(p_.model.momentum_bars)});
    (void)ctx().subscribe_bars(*id, kMinute);
    ctx().subscribe_options(sym);
    ctx().subscribe_depth(*id);
  }
  ctx().schedule_daily(p_.exit_time, "exit_time");
}

std::string GammaScalp0Dte::stale_reason(const std::string& sym, const Ticker& t,
                                         const OptionChainView& chain) const {
  const auto now = ctx().now();
  const auto bars = ctx().bars(t.id, kMinute);
  const auto last_bar = bars.empty() ? core::Timestamp{} : bars.back().close_time();
  if (!last_bar.is_set() || now - last_bar > p_.max_bar_age)
    return fmt::format("last minute bar of {} closed {} ago > max_bar_age {}", sym,
                       last_bar.is_set() ? secs(now - last_bar) : "never", secs(p_.max_bar_age));
  const auto newest = newest_quote(chain);
  if (!newest.is_set() || now - newest > p_.max_chain_age)
    return fmt::format("0DTE chain of {}: newest option quote {} old > max_chain_age {}", sym,
                       newest.is_set() ? secs(now - newest) : "never", secs(p_.max_chain_age));
  if (const auto* cache = ctx().analytics())
    for (const auto& s : cache->stale(now))
      if (s.instrument == t.id)
        return fmt::format("analytics value {} of {} is stale", s.name, sym);
  return {};
}

void GammaScalp0Dte::on_bar(const model::Bar& bar, analytics::Timeframe tf) {
  if (tf != kMinute) return;
  const auto today = ctx().today();
  if (!(today == budget_day_)) {
    budget_.new_day();
    budget_day_ = today;
  }
  for (auto& [sym, t] : tickers_) {
    if (t.id != bar.hdr.instrument) continue;
    t.approach.update(bar.close.to_double());
    bool busy = false;
    for (auto& tr : trades_) {
      if (tr.symbol != sym) continue;
      busy = busy || tr.active();
      manage(tr, "bar");
    }
    if (!busy) evaluate(sym, t, bar.close.to_double());
  }
}

void GammaScalp0Dte::evaluate(const std::string& sym, Ticker& t, double close) {
  const auto now = ctx().now();
  const auto expiry =
      choose_expiry(ctx().expiries(sym), ctx().today(), {.dte = 0}, ctx().calendar());
  if (!expiry) return;  // no 0DTE listing today: nothing to scalp
  const auto chain = ctx().option_chain(sym, *expiry);
  if (chain.empty() || !newest_quote(chain).is_set()) return;  // not quoted yet
  if (auto why = stale_reason(sym, t, chain); !why.empty()) {
    if (!t.stale_logged) suppress(ctx(), sym, Direction::kFlat, "stale_analytics", why);
    t.stale_logged = true;
    return;
  }
  t.stale_logged = false;
  const double spot = std::isfinite(chain.spot) ? chain.spot : close;
  const auto gex = chain_gex(chain);
  const auto g = locate_gamma_strike(gex, spot, p_.model);
  if (!g || g->share < p_.model.min_concentration) return;
  const auto a = t.approach.evaluate(*g, spot, p_.model);
  if (a.direction == 0) return;
  const Direction dir = a.direction > 0 ? Direction::kLong : Direction::kShort;
  std::vector<Evidence> ev{
      {"gex",
       fmt::format("strike {:.2f} holds {:.0f}% of |net GEX| ({:.3g} $/1%) within {:.1f}%",
                   g->strike, g->share * 100, g->net_gex, p_.model.scan_pct * 100),
       g->share, now},
      {"momentum", a.reason, a.momentum_pct, now}};
  const auto local = ctx().local_time();
  if (!in_window(local, p_.entry_start, p_.entry_end)) {
    suppress(ctx(), sym, dir, "outside_window",
             fmt::format("{} is outside the entry window {}-{}", local.to_string(),
                         p_.entry_start.to_string(), p_.entry_end.to_string()),
             ev);
    return;
  }
  if (t.liquidity >= 0 && t.liquidity < p_.min_liquidity) {
    suppress(ctx(), sym, dir, "filters_failed",
             fmt::format("book liquidity score {:.2f} < min_liquidity {:.2f}", t.liquidity,
                         p_.min_liquidity),
             ev);
    return;
  }
  SelectorRules rules;
  rules.filters.max_spread = p_.max_spread;
  rules.filters.max_spread_pct = p_.max_spread_pct;
  rules.filters.min_open_interest = p_.min_open_interest;
  rules.filters.min_volume = p_.min_volume;
  const auto pick = select_option(
      chain, dir == Direction::kLong ? OptionRight::kCall : OptionRight::kPut, rules, now);
  if (!pick) {
    suppress(ctx(), sym, dir, "filters_failed", pick.error().message, ev);
    return;
  }
  const OptionContract& c = pick->contract;
  const auto& inst = ctx().instruments().get(c.instrument);
  const core::Price limit = round_price(inst, c.mid());
  std::int64_t open_contracts = 0;
  for (const auto& tr : trades_)
    if (tr.symbol == sym) open_contracts += tr.quantity();
  const auto acct = account_of(ctx(), p_.equity);
  const auto size = budget_.size(acct.equity, limit.to_double(), c.multiplier, open_contracts);
  if (size.contracts == 0) {
    suppress(ctx(), sym, dir, "risk_budget", size.reason, ev);
    return;
  }
  Signal s;
  s.instrument = t.id;
  s.symbol = sym;
  s.direction = dir;
  s.conviction = std::min(1.0, g->share + 0.25);
  s.triggered_by = ev;
  s.risk_factors.push_back(fmt::format("0DTE theta {:.3f}/share/day", c.theta_per_day));
  s.risk_factors.push_back(fmt::format("premium at risk {:.2f} ({})", size.risk, size.reason));
  s.action = fmt::format("buy {} {} @ {}", size.contracts, c.symbol, limit.to_string(2));
  const auto id = ctx().emit_signal(s);
  auto r = ctx().submit(single_order(
      c.instrument, model::Side::kBuy, size.contracts, limit, id, model::TimeInForce::kDay, false,
      a.direction > 0 ? "gamma strike above + momentum" : "gamma strike below + momentum"));
  if (!r.accepted) return;
  budget_.commit(size.risk);
  OpenTrade tr;
  tr.symbol = sym;
  tr.legs[0] = TradeLeg{c.instrument, model::Side::kBuy, 1};
  tr.leg_count = 1;
  tr.direction = a.direction;
  tr.ordered = size.contracts;
  tr.signal_id = id;
  tr.opened = now;
  tr.exit_state.opened = now;
  tr.entry_order = r.client_order_id;
  tr.ref = g->strike;
  trades_.push_back(tr);
}

void GammaScalp0Dte::manage(OpenTrade& tr, const std::string& why) {
  if (tr.quantity() <= 0 || tr.exit_pending()) return;
  const auto now = ctx().now();
  if (why == "exit_time") {
    (void)close_trade(
        ctx(), tr, "time_exit",
        {{"time",
          fmt::format("exit_time {} (0DTE flat before the close)", p_.exit_time.to_string()), 0,
          now}});
    return;
  }
  if (auto v = mark_value(ctx(), tr)) {
    const auto d = risk::evaluate_exit(ladder_only_rules(p_.trail_pct), tr.exit_state,
                                       risk::ExitInputs{.now = now, .value = *v});
    if (d.exit()) {
      (void)close_trade(ctx(), tr, std::string(risk::to_string(d.reason)),
                        {{"ladder", d.text, d.pnl_pct, now}});
      return;
    }
  }
  if (why != "bar") return;
  const auto& t = tickers_.at(tr.symbol);
  const auto expiry =
      choose_expiry(ctx().expiries(tr.symbol), ctx().today(), {.dte = 0}, ctx().calendar());
  if (!expiry) return;
  const auto chain = ctx().option_chain(tr.symbol, *expiry);
  if (chain.empty() || !stale_reason(tr.symbol, t, chain).empty()) return;
  const double spot = std::isfinite(chain.spot) ? chain.spot : ctx().last_price(t.id).value_or(0);
  const auto u = gamma_unwind(chain_gex(chain), spot, tr.ref, tr.direction, p_.model);
  if (u.unwind) (void)close_trade(ctx(), tr, "gamma_unwind", {{"gex", u.reason, tr.ref, now}});
}

void GammaScalp0Dte::on_depth(const model::BookDepth& d) {
  for (auto& [_, t] : tickers_)
    if (t.id == d.hdr.instrument)
      if (const auto m = analytics::book_metrics(d)) t.liquidity = m->liquidity_score;
}

void GammaScalp0Dte::on_option_chain(const OptionChainUpdate& u) {
  if (u.contract == nullptr) return;
  for (auto& tr : trades_)
    if (tr.leg_count > 0 && tr.legs[0].instrument == u.contract->instrument) manage(tr, "quote");
}

void GammaScalp0Dte::on_timer(std::string_view name, core::Timestamp) {
  if (name != "exit_time") return;
  for (auto& tr : trades_)
    manage(tr, "exit_time");
}

void GammaScalp0Dte::on_fill(const model::Fill& f) {
  for (auto& tr : trades_)
    tr.apply_fill(f);
  std::erase_if(trades_, [](const OpenTrade& t) { return !t.active(); });
}

void GammaScalp0Dte::on_order_update(const model::OrderUpdate& u) {
  for (auto& tr : trades_)
    tr.apply_update(u);
  std::erase_if(trades_, [](const OpenTrade& t) { return !t.active(); });
}

std::string GammaScalp0Dte::snapshot() const {
  return trades_text(trades_);
}

core::Status GammaScalp0Dte::restore(std::string_view state) {
  auto t = parse_trades(state);
  if (!t) return std::unexpected(t.error());
  trades_ = std::move(*t);
  return core::ok();
}

namespace {
const StrategyRegistrar kRegistrar{StrategyInfo{
    .type = "gamma_scalp_0dte",
    .summary = "Gamma-concentrated 0DTE strike approached with momentum -> ATM call/put, "
               "trailing-stop ladder",
    .seed = "003",
    .declare = &GammaScalpParams::declare,
    .create = [](const ConfigTable& t) -> core::Result<StrategyPtr> {
      auto p = GammaScalpParams::from(t);
      if (!p) return std::unexpected(p.error());
      return std::make_unique<GammaScalp0Dte>(std::move(*p));
    }}};
}  // namespace

}  // namespace zerodte::strategy::market_structure
