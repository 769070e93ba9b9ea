#include "zerodte/strategy/market_structure/overnight_1dte.hpp"

#include <cmath>

#include <fmt/format.h>

#include "zerodte/strategy/market_structure/chain_gex.hpp"
#include "zerodte/strategy/market_structure/gamma_strike.hpp"
#include "zerodte/strategy/option_selector.hpp"

namespace zerodte::strategy::market_structure {
namespace {
constexpr analytics::Timeframe kMinute = analytics::Timeframe::minutes(1);
std::string secs(core::Duration d) {
  return fmt::format("{}s", std::chrono::duration_cast<std::chrono::seconds>(d).count());
}
// ATM implied vol of a chain: mean of the ATM call and put IVs that are quoted (0 when none).
double atm_iv(const OptionChainView& chain) {
  const auto k = atm_strike(chain.strikes(), chain.spot);
  if (!k) return 0;
  double sum = 0;
  int n = 0;
  for (auto r : {OptionRight::kCall, OptionRight::kPut})
    if (const auto* c = chain.find(*k, r); c != nullptr && c->has_greeks && c->iv > 0) {
      sum += c->iv;
      ++n;
    }
  return n > 0 ? sum / n : 0;
}
}  // namespace

void OvernightParams::declare(TableSpec& t) {
  const OvernightParams d;
  t.add_string_list("symbols", d.symbols, "Underlyings with next-day (1DTE) expiries.");
  t.add_double("min_regime_confidence", d.model.min_regime_confidence,
               "End-of-day trending regime confidence at least.")
      .range(0, 1);
  t.add_double("min_day_move_pct", d.model.min_day_move_pct,
               "Day move (last close vs first open), % at least.")
      .range(0, 50);
  t.add_double("min_iv_rv_gap", d.model.min_iv_rv_gap,
               "Realized minus 1DTE ATM implied vol (annualised) at least.")
      .range(-1, 1);
  t.add_int("rv_window", d.model.rv_window, "Minute returns in the realized vol.").range(2, 390);
  t.add_int("regime_slope_bars", d.model.regime.slope_bars,
            "Minute bars over which the regime's EMA move is measured (end of day: 30).")
      .range(1, 390);
  t.add_int("regime_vol_lookback", d.model.regime.vol_lookback,
            "Realized-vol values ranked by the regime classifier.")
      .range(2, 5000);
  t.add_double("position_pct", d.model.position_pct, "Premium per position, % of equity.")
      .range(0.01, 100);
  t.add_double("margin_cap_pct", d.model.margin_cap_pct,
               "Margin in use after entry, % of equity at most (seed 003: 35).")
      .range(0.01, 100);
  t.add_bool("trail_from_next_session", d.trail_from_next_session,
             "Ladder exits only from the next session's open (false: also on the entry day).");
  t.add_int("max_contracts", d.max_contracts, "Contracts per position at most.").range(1, 10000);
  t.add_double("trail_pct", d.trail_pct, "Initial trailing stop of the ladder, % of premium.")
      .range(1, 100);
  t.add_double("max_spread", d.max_spread, "Maximum option bid/ask spread, $ per share.")
      .at_least(0);
  t.add_int("min_open_interest", d.min_open_interest, "Minimum open interest of the contract.")
      .at_least(0);
  t.add_double("equity", d.equity, "Equity to size from when no portfolio is attached.")
      .at_least(1);
  t.add_duration("max_bar_age", "2m", "Stale when the last minute bar is older.");
  t.add_duration("max_chain_age", "60s", "Stale when the 1DTE chain's newest quote is older.");
  t.add_time("entry_start", "15:30", "Entries from (New York; the last 30 minutes).");
  t.add_time("entry_end", "15:58", "No entries from (New York).");
  t.add_time("exit_deadline", "10:00", "Flat by, next session (first 30 minutes).");
}

core::Result<OvernightParams> OvernightParams::from(const ConfigTable& t) {
  OvernightParams p;
  p.symbols = t.get<std::vector<std::string>>("symbols");
  p.model.min_regime_confidence = t.get<double>("min_regime_confidence");
  p.model.min_day_move_pct = t.get<double>("min_day_move_pct");
  p.model.min_iv_rv_gap = t.get<double>("min_iv_rv_gap");
  p.model.rv_window = t.get<int>("rv_window");
  p.model.regime.vol_lookback = t.get<int>("regime_vol_lookback");
  p.model.regime.slope_bars = t.get<int>("regime_slope_bars");
  p.model.position_pct = t.get<double>("position_pct");
  p.model.margin_cap_pct = t.get<double>("margin_cap_pct");
  p.trail_pct = t.get<double>("trail_pct");
  p.max_contracts = t.get<std::int64_t>("max_contracts");
  p.trail_from_next_session = t.get<bool>("trail_from_next_session");
  p.max_spread = t.get<double>("max_spread");
  p.min_open_interest = t.get<std::int64_t>("min_open_interest");
  p.equity = t.get<double>("equity");
  p.max_bar_age = t.get<core::Duration>("max_bar_age");
  p.max_chain_age = t.get<core::Duration>("max_chain_age");
  p.entry_start = t.get<core::TimeOfDay>("entry_start");
  p.entry_end = t.get<core::TimeOfDay>("entry_end");
  p.exit_deadline = t.get<core::TimeOfDay>("exit_deadline");
  if (p.symbols.empty()) return core::fail(core::ErrorCode::kConfig, "symbols: empty");
  if (!(p.entry_start < p.entry_end))
    return core::fail(core::ErrorCode::kConfig, "entry_start {} is not before entry_end {}",
                      p.entry_start.to_string(), p.entry_end.to_string());
  return p;
}

void Overnight1Dte::on_start() {
  for (const auto& sym : p_.symbols) {
    auto id = ctx().instruments().find(sym);
    if (!id) {
      suppress(ctx(), sym, Direction::kFlat, "unknown_symbol",
               fmt::format("{} is not a registered instrument; not watched", sym));
      continue;
    }
    tickers_.emplace(sym, Ticker{*id, OvernightModel(p_.model)});
    (void)ctx().subscribe_bars(*id, kMinute);
    ctx().subscribe_options(sym);
  }
  ctx().schedule_daily(p_.exit_deadline, "exit_deadline");
}

void Overnight1Dte::log_once(Ticker& t, const std::string& sym, Direction d, std::string reason,
                             std::string detail, std::vector<Evidence> ev) {
  const auto today = ctx().today();
  auto it = t.logged.find(reason);
  if (it != t.logged.end() && it->second == today) return;
  t.logged[reason] = today;
  suppress(ctx(), sym, d, std::move(reason), std::move(detail), std::move(ev));
}

void Overnight1Dte::on_bar(const model::Bar& bar, analytics::Timeframe tf) {
  if (tf != kMinute) return;
  const auto today = ctx().today();
  for (auto& [sym, t] : tickers_) {
    if (t.id != bar.hdr.instrument) continue;
    if (!(t.day == today)) {
      t.model.new_day();
      t.day = today;
    }
    t.model.on_bar(bar.open.to_double(), bar.high.to_double(), bar.low.to_double(),
                   bar.close.to_double(), 1.0);
    bool holding = false;
    for (auto& tr : trades_)
      if (tr.symbol == sym) {
        holding = holding || tr.active();
        manage(tr);
      }
    if (!holding) evaluate(sym, t);
  }
}

void Overnight1Dte::evaluate(const std::string& sym, Ticker& t) {
  const auto now = ctx().now();
  const auto today = ctx().today();
  {  // The regime trigger needs no chain: check it first (cheap), build the chain only then.
    const auto pre = t.model.evaluate(0);
    const bool trigger = pre.regime.state == analytics::MarketState::kTrending &&
                         pre.regime.confidence >= p_.model.min_regime_confidence &&
                         std::abs(pre.day_move_pct) >= p_.model.min_day_move_pct;
    if (!trigger) return;  // no end-of-day regime signal: nothing to explain
  }
  const auto expiry = choose_expiry(ctx().expiries(sym), today, {.dte = 1}, ctx().calendar());
  if (!expiry) return;  // no 1DTE listing
  const auto chain = ctx().option_chain(sym, *expiry);
  if (chain.empty() || !newest_quote(chain).is_set()) return;
  const double iv = atm_iv(chain);
  const auto sig = t.model.evaluate(iv);
  const auto& rg = sig.regime;
  const Direction dir = sig.day_move_pct > 0 ? Direction::kLong : Direction::kShort;
  std::vector<Evidence> ev{
      {"regime",
       fmt::format("end-of-day regime trending, confidence {:.2f}, trend {:.2f} ATR, day {:+.2f}%",
                   rg.confidence, rg.trend_strength, sig.day_move_pct),
       rg.confidence, now},
      {"iv_rv_gap",
       fmt::format("realized {:.3f} vs 1DTE ATM implied {:.3f}: gap {:+.3f}", sig.realized_vol, iv,
                   sig.gap),
       sig.gap, now}};
  const auto local = ctx().local_time();
  if (!(p_.entry_start <= local && local < p_.entry_end)) {
    if (local >= p_.entry_start) return;  // after the window: the day is done
    log_once(t, sym, dir, "outside_window",
             fmt::format("{} is before the entry window {}-{} (last 30 minutes)", local.to_string(),
                         p_.entry_start.to_string(), p_.entry_end.to_string()),
             ev);
    return;
  }
  const auto bars = ctx().bars(t.id, kMinute);
  const auto last_bar = bars.empty() ? core::Timestamp{} : bars.back().close_time();
  const auto newest = newest_quote(chain);
  if (!last_bar.is_set() || now - last_bar > p_.max_bar_age || now - newest > p_.max_chain_age) {
    suppress(ctx(), sym, dir, "stale_analytics",
             fmt::format("last bar {} old (max {}), 1DTE chain's newest quote {} old (max {})",
                         last_bar.is_set() ? secs(now - last_bar) : "never", secs(p_.max_bar_age),
                         secs(now - newest), secs(p_.max_chain_age)),
             ev);
    return;
  }
  if (sig.direction == 0) {
    log_once(t, sym, dir, "filters_failed", sig.reason, ev);
    return;
  }
  SelectorRules rules;
  rules.filters.max_spread = p_.max_spread;
  rules.filters.min_open_interest = p_.min_open_interest;
  const auto pick = select_option(
      chain, dir == Direction::kLong ? OptionRight::kCall : OptionRight::kPut, rules, now);
  if (!pick) {
    log_once(t, sym, dir, "filters_failed", pick.error().message, ev);
    return;
  }
  const OptionContract& c = pick->contract;
  const auto& inst = ctx().instruments().get(c.instrument);
  const core::Price limit = round_price(inst, c.mid());
  const auto acct = account_of(ctx(), p_.equity);
  auto size =
      overnight_contracts(p_.model, acct.equity, acct.margin_used, limit.to_double(), c.multiplier);
  if (size.contracts > p_.max_contracts) {
    size.reason += fmt::format(", capped at max_contracts {}", p_.max_contracts);
    size.contracts = p_.max_contracts;
  }
  if (size.contracts == 0) {
    log_once(t, sym, dir, "margin_cap", size.reason, ev);
    return;
  }
  Signal s;
  s.instrument = t.id;
  s.symbol = sym;
  s.direction = dir;
  s.conviction = rg.confidence;
  s.triggered_by = ev;
  s.risk_factors.push_back("overnight gap risk (held to the next session)");
  s.risk_factors.push_back(size.reason);
  s.action = fmt::format("buy {} {} @ {}", size.contracts, c.symbol, limit.to_string(2));
  const auto id = ctx().emit_signal(s);
  auto r = ctx().submit(single_order(
      c.instrument, model::Side::kBuy, size.contracts, limit, id, model::TimeInForce::kDay, false,
      dir == Direction::kLong ? "EOD trend up + cheap 1DTE" : "EOD trend down + cheap 1DTE"));
  if (!r.accepted) return;
  OpenTrade tr;
  tr.symbol = sym;
  tr.legs[0] = TradeLeg{c.instrument, model::Side::kBuy, 1};
  tr.leg_count = 1;
  tr.direction = dir == Direction::kLong ? 1 : -1;
  tr.ordered = size.contracts;
  tr.signal_id = id;
  tr.opened = now;
  tr.exit_state.opened = now;
  tr.entry_order = r.client_order_id;
  trades_.push_back(tr);
}

void Overnight1Dte::manage(OpenTrade& tr) {
  if (tr.quantity() <= 0 || tr.exit_pending()) return;
  if (p_.trail_from_next_session && !(ctx().calendar().local_date(tr.opened) < ctx().today()))
    return;  // entered today: held overnight
  const auto v = mark_value(ctx(), tr);
  if (!v) return;
  const auto d = risk::evaluate_exit(ladder_only_rules(p_.trail_pct), tr.exit_state,
                                     risk::ExitInputs{.now = ctx().now(), .value = *v});
  if (d.exit())
    (void)close_trade(ctx(), tr, std::string(risk::to_string(d.reason)),
                      {{"ladder", d.text, d.pnl_pct, ctx().now()}});
}

void Overnight1Dte::on_option_chain(const OptionChainUpdate& u) {
  if (u.contract == nullptr) return;
  for (auto& tr : trades_)
    if (tr.leg_count > 0 && tr.legs[0].instrument == u.contract->instrument) manage(tr);
}

void Overnight1Dte::on_timer(std::string_view name, core::Timestamp) {
  if (name != "exit_deadline") return;
  const auto today = ctx().today();
  for (auto& tr : trades_) {
    if (tr.quantity() <= 0 || tr.exit_pending()) continue;
    if (!(ctx().calendar().local_date(tr.opened) < today)) continue;  // opened today: not yet
    (void)close_trade(
        ctx(), tr, "exit_deadline",
        {{"time",
          fmt::format("{}: first 30 minutes of the session are over", p_.exit_deadline.to_string()),
          0, ctx().now()}});
  }
}

void Overnight1Dte::on_fill(const model::Fill& f) {
  for (auto& tr : trades_)
    tr.apply_fill(f);
  std::erase_if(trades_, [](const OpenTrade& t) { return !t.active(); });
}

void Overnight1Dte::on_order_update(const model::OrderUpdate& u) {
  for (auto& tr : trades_)
    tr.apply_update(u);
  std::erase_if(trades_, [](const OpenTrade& t) { return !t.active(); });
}

std::string Overnight1Dte::snapshot() const {
  return trades_text(trades_);
}

core::Status Overnight1Dte::restore(std::string_view state) {
  auto t = parse_trades(state);
  if (!t) return std::unexpected(t.error());
  trades_ = std::move(*t);
  return core::ok();
}

namespace {
const StrategyRegistrar kRegistrar{StrategyInfo{
    .type = "overnight_1dte",
    .summary = "End-of-day trending regime + cheap 1DTE implied vs realized -> 1DTE call/put in "
               "the last 30 min, out in the first 30 min or on the ladder",
    .seed = "003",
    .declare = &OvernightParams::declare,
    .create = [](const ConfigTable& t) -> core::Result<StrategyPtr> {
      auto p = OvernightParams::from(t);
      if (!p) return std::unexpected(p.error());
      return std::make_unique<Overnight1Dte>(std::move(*p));
    }}};
}  // namespace

}  // namespace zerodte::strategy::market_structure
