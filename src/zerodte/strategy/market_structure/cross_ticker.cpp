#include "zerodte/strategy/market_structure/cross_ticker.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "zerodte/strategy/market_structure/chain_gex.hpp"
#include "zerodte/strategy/option_selector.hpp"

namespace zerodte::strategy::market_structure {
namespace {
std::string secs(core::Duration d) {
  return fmt::format("{}s", std::chrono::duration_cast<std::chrono::seconds>(d).count());
}
Direction direction_of(CrossView v) {
  return v == CrossView::kBullish   ? Direction::kLong
         : v == CrossView::kBearish ? Direction::kShort
                                    : Direction::kFlat;
}
}  // namespace

void CrossTickerParams::declare(TableSpec& t) {
  const CrossTickerParams d;
  t.add_string_list("tickers", d.tickers,
                    "Tickers compared (seed 002: SPY, QQQ, IWM); the first is the anchor.");
  t.add_string("vix_symbol", d.vix_symbol, "Volatility index for the regime.");
  t.add_int("bar_minutes", d.bar_minutes, "Bar length of the returns (seed 002: 2 minutes).")
      .range(1, 60);
  t.add_int("window", d.model.window, "Bars in the rolling correlation.").range(5, 1000);
  t.add_double("min_correlation", d.model.min_correlation,
               "Pairs must have been this correlated before a divergence counts.")
      .range(-1, 1);
  t.add_double("decoupled_correlation", d.model.decoupled_correlation,
               "Below this lowest correlation: volatility-expansion view.")
      .range(-1, 1);
  t.add_double("calm_z", d.model.calm_z, "All |z| below this (and correlated): range-bound view.")
      .range(0, 10);
  t.add_number_list(
      "z_thresholds", {d.model.z_thresholds.begin(), d.model.z_thresholds.end()},
      "Divergence |z| threshold per VIX regime low/normal/elevated/high (extreme: no trade).");
  t.add_int("vix_lookback_bars", d.vix_lookback_bars,
            "Bars over which a VIX spike (+20%) raises the regime.")
      .range(1, 500);
  t.add_int("ladder_strikes", d.planner.ladder_strikes,
            "Strikes analysed either side of ATM (seed 002: 10).")
      .range(1, 50);
  t.add_double("vertical_short_delta", d.planner.vertical_short_delta,
               "Vertical short leg |delta| at most.")
      .range(0.01, 1);
  t.add_double("condor_short_delta", d.planner.condor_short_delta,
               "Iron condor short legs |delta| at most.")
      .range(0.01, 1);
  t.add_double("strangle_delta", d.planner.strangle_delta, "Strangle legs |delta| at most.")
      .range(0.01, 1);
  t.add_int("wing_strikes", d.planner.wing_strikes, "Wing width in strikes.").range(1, 20);
  t.add_double("target_return", d.planner.plan.target_return,
               "Planned return on the money at risk (seed 002: ~10%).")
      .range(0.001, 10);
  t.add_double("stop_fraction", d.planner.plan.stop_fraction,
               "Stop: share of the debit (credit: of max loss) lost.")
      .range(0.01, 1);
  t.add_time("time_exit", "15:45", "Close the structure by (New York).");
  t.add_double("risk_pct", d.risk_pct,
               "Max loss per trade, % of equity, x the VIX size multiplier.")
      .range(0.01, 100);
  t.add_int("max_contracts", d.max_contracts, "Structures per order at most.").range(1, 10000);
  t.add_double("max_spread", d.max_spread, "Every leg's bid/ask spread at most, $ per share.")
      .at_least(0);
  t.add_double("equity", d.equity, "Equity to size from when no portfolio is attached.")
      .at_least(1);
  t.add_int("max_trades_per_day", d.max_trades_per_day, "Entries per day at most.").range(1, 100);
  t.add_duration("max_vix_age", "5m", "Stale when the VIX value is older.");
  t.add_duration("max_chain_age", "60s", "Stale when the chain's newest quote is older.");
  t.add_time("entry_start", "10:00", "No entries before (New York).");
  t.add_time("entry_end", "14:30", "No entries from (New York).");
}

core::Result<CrossTickerParams> CrossTickerParams::from(const ConfigTable& t) {
  CrossTickerParams p;
  p.tickers = t.get<std::vector<std::string>>("tickers");
  p.vix_symbol = t.get<std::string>("vix_symbol");
  p.bar_minutes = t.get<int>("bar_minutes");
  p.model.window = t.get<int>("window");
  p.model.min_correlation = t.get<double>("min_correlation");
  p.model.decoupled_correlation = t.get<double>("decoupled_correlation");
  p.model.calm_z = t.get<double>("calm_z");
  const auto z = t.get<std::vector<double>>("z_thresholds");
  if (z.size() != 4)
    return core::fail(core::ErrorCode::kConfig,
                      "z_thresholds: {} values, need 4 (low, normal, elevated, high)", z.size());
  std::copy(z.begin(), z.end(), p.model.z_thresholds.begin());
  p.vix_lookback_bars = t.get<int>("vix_lookback_bars");
  p.planner.ladder_strikes = t.get<int>("ladder_strikes");
  p.planner.vertical_short_delta = t.get<double>("vertical_short_delta");
  p.planner.condor_short_delta = t.get<double>("condor_short_delta");
  p.planner.strangle_delta = t.get<double>("strangle_delta");
  p.planner.wing_strikes = t.get<int>("wing_strikes");
  p.planner.plan.target_return = t.get<double>("target_return");
  p.planner.plan.stop_fraction = t.get<double>("stop_fraction");
  p.planner.plan.time_exit = t.get<core::TimeOfDay>("time_exit");
  p.risk_pct = t.get<double>("risk_pct");
  p.max_contracts = t.get<std::int64_t>("max_contracts");
  p.max_spread = t.get<double>("max_spread");
  p.equity = t.get<double>("equity");
  p.max_trades_per_day = t.get<int>("max_trades_per_day");
  p.max_vix_age = t.get<core::Duration>("max_vix_age");
  p.max_chain_age = t.get<core::Duration>("max_chain_age");
  p.entry_start = t.get<core::TimeOfDay>("entry_start");
  p.entry_end = t.get<core::TimeOfDay>("entry_end");
  if (p.tickers.size() < 2)
    return core::fail(core::ErrorCode::kConfig, "tickers: {} given, need at least 2",
                      p.tickers.size());
  if (!(p.entry_start < p.entry_end))
    return core::fail(core::ErrorCode::kConfig, "entry_start {} is not before entry_end {}",
                      p.entry_start.to_string(), p.entry_end.to_string());
  return p;
}

CrossTicker::CrossTicker(CrossTickerParams p)
    : p_(std::move(p)),
      engine_(p_.model, p_.tickers.size()),
      vix_history_(static_cast<std::size_t>(p_.vix_lookback_bars + 1)) {}

void CrossTicker::on_start() {
  const auto tf = analytics::Timeframe::minutes(p_.bar_minutes);
  for (const auto& sym : p_.tickers) {
    auto id = ctx().instruments().find(sym);
    if (!id) {
      suppress(ctx(), sym, Direction::kFlat, "unknown_symbol",
               fmt::format("{} is not a registered instrument: cross-ticker analysis is off", sym));
      ids_.clear();
      return;
    }
    ids_.push_back(*id);
    (void)ctx().subscribe_bars(*id, tf);
    ctx().subscribe_options(sym);
  }
  if (auto v = ctx().instruments().find(p_.vix_symbol)) {
    vix_ = *v;
    (void)ctx().subscribe_bars(vix_, tf);
    ctx().subscribe_quotes(vix_);
  } else {
    suppress(
        ctx(), p_.vix_symbol, Direction::kFlat, "unknown_symbol",
        fmt::format("{} is not a registered instrument: no VIX regime, no trades", p_.vix_symbol));
  }
  ctx().schedule_daily(p_.planner.plan.time_exit, "time_exit");
}

void CrossTicker::log_once(const std::string& key, const std::string& sym, Direction d,
                           std::string reason, std::string detail, std::vector<Evidence> ev) {
  const auto today = ctx().today();
  auto it = logged_.find(key);
  if (it != logged_.end() && it->second == today) return;
  logged_[key] = today;
  suppress(ctx(), sym, d, std::move(reason), std::move(detail), std::move(ev));
}

void CrossTicker::on_bar(const model::Bar& bar, analytics::Timeframe tf) {
  if (tf.seconds != p_.bar_minutes * 60 || ids_.empty()) return;
  if (bar.hdr.instrument == vix_) return;  // read through last_price()
  for (std::size_t k = 0; k < ids_.size(); ++k) {
    if (ids_[k] != bar.hdr.instrument) continue;
    auto& row = pending_[bar.hdr.ts_event.ns];
    if (row.empty()) row.assign(ids_.size(), std::numeric_limits<double>::quiet_NaN());
    row[k] = bar.close.to_double();
    if (std::none_of(row.begin(), row.end(), [](double x) { return std::isnan(x); })) {
      engine_.update(row);
      pending_.erase(pending_.begin(), std::next(pending_.find(bar.hdr.ts_event.ns)));
      on_aligned_bar();
    }
  }
}

void CrossTicker::on_aligned_bar() {
  if (vix_.valid())
    if (auto v = ctx().last_price(vix_)) vix_history_.push(*v);
  for (auto& tr : trades_)
    manage(tr);
  std::erase_if(trades_, [](const OpenTrade& t) { return !t.active(); });
  if (trades_.empty()) evaluate();
}

void CrossTicker::evaluate() {
  const auto now = ctx().now();
  const auto today = ctx().today();
  if (!engine_.ready() || !vix_.valid() || vix_history_.empty()) return;
  const double vix = vix_history_.back();
  const double vix_change =
      vix_history_.full() && vix_history_.front() > 0 ? vix / vix_history_.front() - 1 : 0.0;
  const auto sig = engine_.evaluate(vix, vix_change);
  if (sig.view == CrossView::kNone) {
    if (sig.regime == analytics::VolRegime::kExtreme)
      log_once("vix_extreme", p_.tickers.front(), Direction::kFlat, "vix_extreme", sig.reason, {});
    return;
  }
  const std::string& sym = p_.tickers.at(static_cast<std::size_t>(sig.ticker));
  const Direction dir = direction_of(sig.view);
  std::vector<Evidence> ev{
      {"cross_ticker", fmt::format("{} view on {}: {}", to_string(sig.view), sym, sig.reason),
       sig.view == CrossView::kBullish || sig.view == CrossView::kBearish ? sig.z : sig.correlation,
       now},
      {"vix",
       fmt::format("VIX {:.2f} ({:+.1f}% over {} bars): {} regime, |z| threshold {:.2f}", vix,
                   vix_change * 100, p_.vix_lookback_bars, analytics::to_string(sig.regime),
                   sig.threshold),
       vix, now}};
  const auto local = ctx().local_time();
  if (!(p_.entry_start <= local && local < p_.entry_end)) {
    log_once("window", sym, dir, "outside_window",
             fmt::format("{} is outside the entry window {}-{}", local.to_string(),
                         p_.entry_start.to_string(), p_.entry_end.to_string()),
             ev);
    return;
  }
  if (!(trades_day_ == today)) {
    trades_day_ = today;
    trades_today_ = 0;
  }
  if (trades_today_ >= p_.max_trades_per_day) return;
  const auto vix_ts = ctx().last_update(vix_);
  if (!vix_ts.is_set() || now - vix_ts > p_.max_vix_age) {
    log_once("stale_vix", sym, dir, "stale_analytics",
             fmt::format("{} last updated {} ago > max_vix_age {}", p_.vix_symbol,
                         vix_ts.is_set() ? secs(now - vix_ts) : "never", secs(p_.max_vix_age)),
             ev);
    return;
  }
  const auto expiry = choose_expiry(ctx().expiries(sym), today, {.dte = 0}, ctx().calendar());
  if (!expiry) {
    log_once("no_expiry", sym, dir, "no_expiry", expiry.error().message, ev);
    return;
  }
  const auto chain = ctx().option_chain(sym, *expiry);
  const auto newest = newest_quote(chain);
  if (!newest.is_set() || now - newest > p_.max_chain_age) {
    log_once("stale_chain", sym, dir, "stale_analytics",
             fmt::format("0DTE chain of {}: newest quote {} old > max_chain_age {}", sym,
                         newest.is_set() ? secs(now - newest) : "never", secs(p_.max_chain_age)),
             ev);
    return;
  }
  auto plan = plan_structure(sig.view, sig.regime, chain, p_.planner);
  if (!plan) {
    log_once("plan", sym, dir, "filters_failed", plan.error().message, ev);
    return;
  }
  for (const auto& leg : plan->structure.legs) {
    if (leg.contract.spread() > p_.max_spread + 1e-9) {
      log_once("spread", sym, dir, "filters_failed",
               fmt::format("{} leg {} spread {:.2f} > max_spread {:.2f}",
                           to_string(plan->structure.kind), leg.contract.symbol,
                           leg.contract.spread(), p_.max_spread),
               ev);
      return;
    }
  }
  const auto& st = plan->structure;
  const auto acct = account_of(ctx(), p_.equity);
  const double mult = analytics::position_size_multiplier(sig.regime);
  const double budget = acct.equity * p_.risk_pct / 100.0 * mult;
  const auto qty = std::isfinite(st.max_loss) && st.max_loss > 0
                       ? std::min<std::int64_t>(
                             p_.max_contracts,
                             static_cast<std::int64_t>(std::floor(budget / st.max_loss + 1e-9)))
                       : 0;
  if (qty < 1) {
    log_once("budget", sym, dir, "risk_budget",
             fmt::format("{} max loss {:.2f} per structure > budget {:.2f} ({}% x {:.2f} VIX "
                         "multiplier of {:.2f})",
                         to_string(st.kind), st.max_loss, budget, p_.risk_pct, mult, acct.equity),
             ev);
    return;
  }
  const auto& inst = ctx().instruments().get(st.legs.front().contract.instrument);
  const double mag = std::abs(st.net_premium);
  const core::Price limit_abs = round_price(inst, mag);
  const core::Price limit = st.net_premium >= 0 ? limit_abs : -limit_abs;
  auto intent = to_order_intent(st, qty, limit, model::TimeInForce::kDay);
  if (!intent) {
    log_once("intent", sym, dir, "filters_failed", intent.error().message, ev);
    return;
  }
  Signal s;
  s.instrument = ids_.at(static_cast<std::size_t>(sig.ticker));
  s.symbol = sym;
  s.direction = dir;
  s.conviction = sig.conviction;
  s.triggered_by = ev;
  s.risk_factors.push_back(fmt::format("theta {:+.2f}/day per structure ({:+.1f}% of max loss)",
                                       plan->theta_per_day, plan->theta_to_risk * 100));
  s.risk_factors.push_back(
      fmt::format("max loss {:.2f}, max gain {:.2f} per structure", st.max_loss, st.max_gain));
  s.risk_factors.push_back(plan->plan.summary);
  s.action = fmt::format("{} x {} @ net {}", qty, st.describe(), limit.to_string(2));
  intent->signal_id = ctx().emit_signal(s);
  intent->tag =
      core::FixedString<64>(fmt::format("{} {}", to_string(sig.view), to_string(st.kind)));
  auto r = ctx().submit(*intent);
  if (!r.accepted) return;
  ++trades_today_;
  OpenTrade tr;
  tr.symbol = sym;
  tr.leg_count = static_cast<int>(st.legs.size());
  for (std::size_t i = 0; i < st.legs.size(); ++i)
    tr.legs[i] = TradeLeg{st.legs[i].contract.instrument, st.legs[i].side, st.legs[i].ratio};
  tr.direction = dir == Direction::kLong ? 1 : dir == Direction::kShort ? -1 : 0;
  tr.ordered = qty;
  tr.signal_id = intent->signal_id;
  tr.opened = now;
  tr.entry_order = r.client_order_id;
  tr.ref = st.net_premium;
  tr.target = plan->plan.take_profit;
  tr.stop = plan->plan.stop_loss;
  trades_.push_back(tr);
}

void CrossTicker::manage(OpenTrade& tr) {
  if (tr.quantity() <= 0 || tr.exit_pending()) return;
  const auto v = mark_value(ctx(), tr);
  if (!v) return;
  const auto now = ctx().now();
  const bool debit = tr.ref > 0;
  // Debit: the structure's value; credit: what buying it back costs.
  const double x = debit ? *v : -*v;
  std::string why;
  if (debit ? x >= tr.target - 1e-9 : x <= tr.target + 1e-9) why = "target";
  if (debit ? x <= tr.stop + 1e-9 : x >= tr.stop - 1e-9) why = "stop";
  if (why.empty()) return;
  (void)close_trade(
      ctx(), tr, why,
      {{"plan",
        fmt::format("{} {:.2f} {} {} {:.2f} (entry {:.2f})", debit ? "value" : "buy-back cost", x,
                    why == "target" ? "reached the target" : "hit the stop",
                    debit ? (why == "target" ? ">=" : "<=") : (why == "target" ? "<=" : ">="),
                    why == "target" ? tr.target : tr.stop, std::abs(tr.ref)),
        x, now}});
}

void CrossTicker::on_option_chain(const OptionChainUpdate& u) {
  if (u.contract == nullptr) return;
  for (auto& tr : trades_)
    for (int i = 0; i < tr.leg_count; ++i)
      if (tr.legs[static_cast<std::size_t>(i)].instrument == u.contract->instrument) {
        manage(tr);
        break;
      }
}

void CrossTicker::on_timer(std::string_view name, core::Timestamp) {
  if (name != "time_exit") return;
  for (auto& tr : trades_)
    if (tr.quantity() > 0 && !tr.exit_pending())
      (void)close_trade(ctx(), tr, "time_exit",
                        {{"time",
                          fmt::format("time_exit {}: 0DTE structure closed before the close",
                                      p_.planner.plan.time_exit.to_string()),
                          0, ctx().now()}});
}

void CrossTicker::on_fill(const model::Fill& f) {
  for (auto& tr : trades_)
    tr.apply_fill(f);
  std::erase_if(trades_, [](const OpenTrade& t) { return !t.active(); });
}

void CrossTicker::on_order_update(const model::OrderUpdate& u) {
  for (auto& tr : trades_)
    tr.apply_update(u);
  std::erase_if(trades_, [](const OpenTrade& t) { return !t.active(); });
}

std::string CrossTicker::snapshot() const {
  return trades_text(trades_);
}

core::Status CrossTicker::restore(std::string_view state) {
  auto t = parse_trades(state);
  if (!t) return std::unexpected(t.error());
  trades_ = std::move(*t);
  return core::ok();
}

namespace {
const StrategyRegistrar kRegistrar{StrategyInfo{
    .type = "cross_ticker",
    .summary = "SPY/QQQ/IWM correlation + divergence z with VIX regime -> 0DTE spread, "
               "straddle, strangle, iron condor or iron butterfly with its plan",
    .seed = "002",
    .declare = &CrossTickerParams::declare,
    .create = [](const ConfigTable& t) -> core::Result<StrategyPtr> {
      auto p = CrossTickerParams::from(t);
      if (!p) return std::unexpected(p.error());
      return std::make_unique<CrossTicker>(std::move(*p));
    }}};
}  // namespace

}  // namespace zerodte::strategy::market_structure
