#include "zerodte/strategy/market_structure/moc_imbalance.hpp"

#include <cmath>

#include <fmt/format.h>

#include "zerodte/strategy/option_selector.hpp"

namespace zerodte::strategy::market_structure {
namespace {
std::string secs(core::Duration d) {
  return fmt::format("{}s", std::chrono::duration_cast<std::chrono::seconds>(d).count());
}
}  // namespace

void MocImbalanceParams::declare(TableSpec& t) {
  const MocImbalanceParams d;
  t.add_string_list("symbols", d.symbols, "Underlyings whose closing auction is watched.");
  t.add_double("threshold", d.model.threshold, "Predicted |imbalance| / paired quantity to act.")
      .range(0.001, 10);
  t.add_int("trend_events", d.model.trend_events, "Imbalance publications in the projection fit.")
      .range(1, 100);
  t.add_int("depth_snapshots", d.model.depth_snapshots,
            "Depth snapshots averaged (seed 003: last 5).")
      .range(1, 100);
  t.add_double("min_book_confirm", d.model.min_book_confirm,
               "Book imbalance in the auction's direction at least.")
      .range(-1, 1);
  t.add_double("min_liquidity", d.model.min_liquidity, "Minimum mean book liquidity score.")
      .range(0, 1);
  t.add_double("max_notional_pct", d.max_notional_pct,
               "Premium x multiplier x contracts, % of equity.")
      .range(0.01, 100);
  t.add_double("decay_fraction", d.decay_fraction,
               "Time stop exits when the prediction fell below this share of its entry value.")
      .range(0, 1);
  t.add_double("max_spread", d.max_spread, "Maximum option bid/ask spread, $ per share.")
      .at_least(0);
  t.add_int("min_open_interest", d.min_open_interest, "Minimum open interest of the contract.")
      .at_least(0);
  t.add_double("equity", d.equity, "Equity to size from when no portfolio is attached.")
      .at_least(1);
  t.add_duration("max_depth_age", "5s", "Depth older than this is stale (seed 003).");
  t.add_time("entry_start", "15:30", "No entries before (New York).");
  t.add_time("entry_end", "15:50", "No entries from (New York).");
  t.add_time("time_stop", "15:55", "Exit if the imbalance decayed (New York).");
  t.add_time("close_exit", "15:59", "Exit at the close (New York).");
}

core::Result<MocImbalanceParams> MocImbalanceParams::from(const ConfigTable& t) {
  MocImbalanceParams p;
  p.symbols = t.get<std::vector<std::string>>("symbols");
  p.model.threshold = t.get<double>("threshold");
  p.model.trend_events = t.get<int>("trend_events");
  p.model.depth_snapshots = t.get<int>("depth_snapshots");
  p.model.min_book_confirm = t.get<double>("min_book_confirm");
  p.model.min_liquidity = t.get<double>("min_liquidity");
  p.max_notional_pct = t.get<double>("max_notional_pct");
  p.decay_fraction = t.get<double>("decay_fraction");
  p.max_spread = t.get<double>("max_spread");
  p.min_open_interest = t.get<std::int64_t>("min_open_interest");
  p.equity = t.get<double>("equity");
  p.max_depth_age = t.get<core::Duration>("max_depth_age");
  p.entry_start = t.get<core::TimeOfDay>("entry_start");
  p.entry_end = t.get<core::TimeOfDay>("entry_end");
  p.time_stop = t.get<core::TimeOfDay>("time_stop");
  p.close_exit = t.get<core::TimeOfDay>("close_exit");
  if (p.symbols.empty()) return core::fail(core::ErrorCode::kConfig, "symbols: empty");
  if (!(p.entry_start < p.entry_end && p.entry_end <= p.time_stop && p.time_stop <= p.close_exit))
    return core::fail(core::ErrorCode::kConfig,
                      "times must be ordered entry_start {} < entry_end {} <= time_stop {} <= "
                      "close_exit {}",
                      p.entry_start.to_string(), p.entry_end.to_string(), p.time_stop.to_string(),
                      p.close_exit.to_string());
  return p;
}

void MocImbalance::on_start() {
  for (const auto& sym : p_.symbols) {
    auto id = ctx().instruments().find(sym);
    if (!id) {
      suppress(ctx(), sym, Direction::kFlat, "unknown_symbol",
               fmt::format("{} is not a registered instrument; not watched", sym));
      continue;
    }
    tickers_.emplace(sym, Ticker{*id, ClosingImbalancePredictor(p_.model)});
    ctx().subscribe_imbalance(*id);
    ctx().subscribe_depth(*id);
    ctx().subscribe_quotes(*id);
    ctx().subscribe_options(sym);
  }
  ctx().schedule_daily(p_.time_stop, "time_stop");
  ctx().schedule_daily(p_.close_exit, "close_exit");
}

MocImbalance::Ticker* MocImbalance::ticker_of(core::InstrumentId id, std::string* sym) {
  for (auto& [s, t] : tickers_)
    if (t.id == id) {
      if (sym != nullptr) *sym = s;
      return &t;
    }
  return nullptr;
}

core::Timestamp MocImbalance::close_of_today() const {
  const auto s = ctx().calendar().session(ctx().today());
  return s ? s->close : ctx().now();
}

void MocImbalance::on_depth(const model::BookDepth& d) {
  auto* t = ticker_of(d.hdr.instrument);
  if (t == nullptr) return;
  const auto today = ctx().today();
  if (!(t->day == today)) {
    t->predictor.reset();
    t->day = today;
  }
  t->predictor.on_depth(d);
  t->last_depth = d.hdr.ts_event.is_set() ? d.hdr.ts_event : ctx().now();
}

void MocImbalance::on_imbalance(const model::Imbalance& i) {
  std::string sym;
  auto* t = ticker_of(i.hdr.instrument, &sym);
  if (t == nullptr || i.auction_type != 'C') return;
  const auto today = ctx().today();
  if (!(t->day == today)) {
    t->predictor.reset();
    t->day = today;
  }
  t->predictor.on_imbalance(i);
  evaluate(sym, *t);
}

void MocImbalance::evaluate(const std::string& sym, Ticker& t) {
  const auto now = ctx().now();
  const auto today = ctx().today();
  if (t.traded_day == today) return;
  for (const auto& tr : trades_)
    if (tr.symbol == sym && tr.active()) return;
  const auto pred = t.predictor.predict(now, close_of_today());
  if (!pred.trigger) return;
  const Direction dir = pred.side > 0 ? Direction::kLong : Direction::kShort;
  std::vector<Evidence> ev{
      {"moc_imbalance", pred.reason, pred.predicted_ratio, now},
      {"book",
       fmt::format("mean book imbalance {:+.3f}, liquidity {:.2f} "
                   "(last {} snapshots)",
                   pred.book_imbalance, pred.liquidity, p_.model.depth_snapshots),
       pred.book_imbalance, now}};
  const auto local = ctx().local_time();
  if (!(p_.entry_start <= local && local < p_.entry_end)) {
    if (!(t.window_logged_day == today))
      suppress(ctx(), sym, dir, "outside_window",
               fmt::format("{} is outside the entry window {}-{}", local.to_string(),
                           p_.entry_start.to_string(), p_.entry_end.to_string()),
               ev);
    t.window_logged_day = today;
    return;
  }
  if (!t.last_depth.is_set() || now - t.last_depth > p_.max_depth_age) {
    suppress(ctx(), sym, dir, "stale_analytics",
             fmt::format("last depth snapshot of {} is {} old > max_depth_age {}", sym,
                         t.last_depth.is_set() ? secs(now - t.last_depth) : "never",
                         secs(p_.max_depth_age)),
             ev);
    return;
  }
  const auto expiry = choose_expiry(ctx().expiries(sym), today, {.dte = 0}, ctx().calendar());
  if (!expiry) {
    suppress(ctx(), sym, dir, "no_expiry", expiry.error().message, ev);
    return;
  }
  const auto chain = ctx().option_chain(sym, *expiry);
  SelectorRules rules;
  rules.filters.max_spread = p_.max_spread;
  rules.filters.min_open_interest = p_.min_open_interest;
  const auto pick = select_option(
      chain, dir == Direction::kLong ? OptionRight::kCall : OptionRight::kPut, rules, now);
  if (!pick) {
    suppress(ctx(), sym, dir, "filters_failed", pick.error().message, ev);
    return;
  }
  const OptionContract& c = pick->contract;
  const auto& inst = ctx().instruments().get(c.instrument);
  const core::Price limit = round_price(inst, c.mid());
  const auto acct = account_of(ctx(), p_.equity);
  const double per_contract = limit.to_double() * static_cast<double>(c.multiplier);
  const double budget = acct.equity * p_.max_notional_pct / 100.0;
  const auto qty =
      per_contract > 0 ? static_cast<std::int64_t>(std::floor(budget / per_contract + 1e-9)) : 0;
  if (qty < 1) {
    suppress(ctx(), sym, dir, "risk_budget",
             fmt::format("one {} costs {:.2f} > max notional {:.2f} ({}% of equity {:.2f})",
                         c.symbol, per_contract, budget, p_.max_notional_pct, acct.equity),
             ev);
    return;
  }
  Signal s;
  s.instrument = t.id;
  s.symbol = sym;
  s.direction = dir;
  s.conviction = std::min(1.0, std::abs(pred.predicted_ratio) / p_.model.threshold * 0.5);
  s.triggered_by = ev;
  s.risk_factors.push_back("MOC: 0DTE premium can move 300%+ in minutes");
  s.risk_factors.push_back(fmt::format("notional {:.2f} of max {:.2f}",
                                       per_contract * static_cast<double>(qty), budget));
  s.action = fmt::format("buy {} {} @ {}", qty, c.symbol, limit.to_string(2));
  const auto id = ctx().emit_signal(s);
  auto r = ctx().submit(
      single_order(c.instrument, model::Side::kBuy, qty, limit, id, model::TimeInForce::kDay, false,
                   pred.side > 0 ? "buy-side closing imbalance" : "sell-side closing imbalance"));
  if (!r.accepted) return;
  t.traded_day = today;
  OpenTrade tr;
  tr.symbol = sym;
  tr.legs[0] = TradeLeg{c.instrument, model::Side::kBuy, 1};
  tr.leg_count = 1;
  tr.direction = pred.side;
  tr.ordered = qty;
  tr.signal_id = id;
  tr.opened = now;
  tr.entry_order = r.client_order_id;
  tr.ref = pred.predicted_ratio;
  trades_.push_back(tr);
}

void MocImbalance::on_timer(std::string_view name, core::Timestamp) {
  const auto now = ctx().now();
  for (auto& tr : trades_) {
    if (tr.quantity() <= 0 || tr.exit_pending()) continue;
    if (name == "close_exit") {
      (void)close_trade(
          ctx(), tr, "close_exit",
          {{"time", fmt::format("close_exit {}: out at the close", p_.close_exit.to_string()), 0,
            now}});
      continue;
    }
    if (name != "time_stop") continue;
    auto it = tickers_.find(tr.symbol);
    if (it == tickers_.end()) continue;
    const auto pred = it->second.predictor.predict(now, close_of_today());
    const double keep = p_.decay_fraction * std::abs(tr.ref);
    const bool flipped = pred.side != 0 && pred.side != tr.direction;
    if (flipped || std::abs(pred.predicted_ratio) < keep) {
      (void)close_trade(
          ctx(), tr, "time_stop",
          {{"moc_imbalance",
            fmt::format("time stop {}: predicted imbalance {:+.3f} {} (entry {:+.3f}, keep >= "
                        "{:.3f})",
                        p_.time_stop.to_string(), pred.predicted_ratio,
                        flipped ? "flipped side" : "decayed", tr.ref, keep),
            pred.predicted_ratio, now}});
    }
  }
}

void MocImbalance::on_fill(const model::Fill& f) {
  for (auto& tr : trades_)
    tr.apply_fill(f);
  std::erase_if(trades_, [](const OpenTrade& t) { return !t.active(); });
}

void MocImbalance::on_order_update(const model::OrderUpdate& u) {
  for (auto& tr : trades_)
    tr.apply_update(u);
  std::erase_if(trades_, [](const OpenTrade& t) { return !t.active(); });
}

std::string MocImbalance::snapshot() const {
  return trades_text(trades_);
}

core::Status MocImbalance::restore(std::string_view state) {
  auto t = parse_trades(state);
  if (!t) return std::unexpected(t.error());
  trades_ = std::move(*t);
  return core::ok();
}

namespace {
const StrategyRegistrar kRegistrar{StrategyInfo{
    .type = "moc_imbalance",
    .summary = "Predicted closing-auction imbalance + depth -> 0DTE call/put 15:30-15:50, time "
               "stop 15:55, out at the close",
    .seed = "003",
    .declare = &MocImbalanceParams::declare,
    .create = [](const ConfigTable& t) -> core::Result<StrategyPtr> {
      auto p = MocImbalanceParams::from(t);
      if (!p) return std::unexpected(p.error());
      return std::make_unique<MocImbalance>(std::move(*p));
    }}};
}  // namespace

}  // namespace zerodte::strategy::market_structure
