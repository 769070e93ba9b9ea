#include "zerodte/strategy/builtin/sawtooth_sentiment.hpp"

#include <fmt/format.h>

#include <cmath>

namespace zerodte::strategy::builtin {

namespace {
constexpr analytics::Timeframe kMinute = analytics::Timeframe::minutes(1);

std::string seconds_text(core::Duration d) {
  return fmt::format("{}s", std::chrono::duration_cast<std::chrono::seconds>(d).count());
}
}  // namespace

void SawtoothSentimentParams::declare(TableSpec& t) {
  t.add_string_list("symbols", {"NVDA"}, "Underlyings to watch (US single stocks or ETFs).");
  t.add_int("sawtooth_window", 5, "Saw-tooth window w: a turn is confirmed w bars later.")
      .range(1, 60);
  t.add_duration("fusion_window", "5m", "Trough/peak and flip must fall within this window.");
  t.add_double("technical_weight", 0.5, "Fusion weight of the saw-tooth turn.").range(0, 1);
  t.add_double("sentiment_weight", 0.5, "Fusion weight of the sentiment flip.").range(0, 1);
  t.add_double("min_score", 0.6, "Minimum |fused score| to act.").range(0, 1);
  t.add_double("min_flip_score", 0.3, "Minimum |score| of a sentiment flip.").range(0, 1);
  t.add_int("dte", 0, "Expiry: trading days ahead (0 = 0DTE).").range(0, 30);
  t.add_double("max_spread", 0.40, "Maximum bid/ask spread, $ per share.").at_least(0);
  t.add_double("max_theta_per_day", -0.15, "Contract theta must be <= this ($/share/day).");
  t.add_int("min_open_interest", 1000, "Minimum open interest of the contract.").at_least(0);
  t.add_double("risk_per_trade", 300, "Dollars lost if the premium stop is hit.").at_least(1);
  t.add_double("stop_loss_pct", 40, "Premium stop, % below the entry price.").range(1, 100);
  t.add_double("reward_risk", 2, "Target = stop_loss_pct x reward_risk above entry.").at_least(0.1);
  t.add_double("portfolio_theta_limit", -1000,
               "Refuse entries that take account theta below "
               "this ($/day).");
  t.add_time("entry_start", "09:35", "No entries before (New York).");
  t.add_time("entry_end", "15:30", "No entries from (New York).");
  t.add_time("exit_time", "15:50", "Flat by (New York).");
  t.add_duration("stale_after", "2m", "Suppress when the last minute bar is older than this.");
}

core::Result<SawtoothSentimentParams> SawtoothSentimentParams::from(const ConfigTable& t) {
  SawtoothSentimentParams p;
  p.symbols = t.get<std::vector<std::string>>("symbols");
  p.sawtooth_window = t.get<int>("sawtooth_window");
  p.fusion_window = t.get<core::Duration>("fusion_window");
  p.technical_weight = t.get<double>("technical_weight");
  p.sentiment_weight = t.get<double>("sentiment_weight");
  p.min_score = t.get<double>("min_score");
  p.min_flip_score = t.get<double>("min_flip_score");
  p.dte = t.get<int>("dte");
  p.max_spread = t.get<double>("max_spread");
  p.max_theta_per_day = t.get<double>("max_theta_per_day");
  p.min_open_interest = t.get<std::int64_t>("min_open_interest");
  p.risk_per_trade = t.get<double>("risk_per_trade");
  p.stop_loss_pct = t.get<double>("stop_loss_pct");
  p.reward_risk = t.get<double>("reward_risk");
  p.portfolio_theta_limit = t.get<double>("portfolio_theta_limit");
  p.entry_start = t.get<core::TimeOfDay>("entry_start");
  p.entry_end = t.get<core::TimeOfDay>("entry_end");
  p.exit_time = t.get<core::TimeOfDay>("exit_time");
  p.stale_after = t.get<core::Duration>("stale_after");
  if (p.symbols.empty()) return core::fail(core::ErrorCode::kConfig, "symbols: empty");
  if (p.technical_weight + p.sentiment_weight <= 0) {
    return core::fail(core::ErrorCode::kConfig, "technical_weight + sentiment_weight is 0");
  }
  if (!(p.entry_start < p.entry_end)) {
    return core::fail(core::ErrorCode::kConfig, "entry_start {} is not before entry_end {}",
                      p.entry_start.to_string(), p.entry_end.to_string());
  }
  return p;
}

SawtoothSentiment::SawtoothSentiment(SawtoothSentimentParams p)
    : p_(std::move(p)),
      fusion_(FusionConfig{p_.fusion_window, {p_.technical_weight, p_.sentiment_weight, 0.0}}) {}

void SawtoothSentiment::on_start() {
  for (const auto& sym : p_.symbols) {
    auto id = ctx().instruments().find(sym);
    if (!id) {
      suppress(sym, Direction::kFlat, "unknown_symbol",
               fmt::format("{} is not a registered instrument; not watched", sym), {});
      continue;
    }
    tickers_.emplace(sym, Ticker{*id, analytics::SawtoothDetector(p_.sawtooth_window)});
    (void)ctx().subscribe_bars(*id, kMinute);
    ctx().subscribe_sentiment(sym);
    ctx().subscribe_options(sym);
  }
  ctx().schedule_daily(p_.exit_time, "exit_time");
}

void SawtoothSentiment::suppress(const std::string& symbol, Direction d, std::string reason,
                                 std::string detail, const std::vector<Evidence>& ev) {
  Suppression s;
  s.symbol = symbol;
  s.direction = d;
  s.reason = std::move(reason);
  s.detail = std::move(detail);
  s.triggered_by = ev;
  ctx().suppress(std::move(s));
}

void SawtoothSentiment::on_bar(const model::Bar& bar, analytics::Timeframe tf) {
  if (tf != kMinute) return;
  for (auto& [sym, t] : tickers_) {
    if (t.id != bar.hdr.instrument) continue;
    const auto r = t.detector.update(bar.close_time(), bar.close.to_double());
    if (r.point) {
      const bool trough = r.point->kind == analytics::TurnKind::kTrough;
      fusion_.add(
          {sym, EvidenceKind::kTechnical, trough ? +1 : -1, 1.0, r.point->confirmed_at,
           fmt::format("saw-tooth {} {:.2f} at {}, confirmed {}", trough ? "trough" : "peak",
                       r.point->value, ctx().calendar().local_time(r.point->ts).to_string(),
                       ctx().calendar().local_time(r.point->confirmed_at).to_string())});
      evaluate(sym);
    }
    auto it = trades_.find(sym);
    if (it != trades_.end()) check_exits(it->second, "bar");
  }
}

void SawtoothSentiment::on_sentiment_flip(const sentiment::SentimentFlip& f) {
  const std::string sym(f.ticker.view());
  if (!tickers_.contains(sym) || f.to == 0) return;
  if (std::abs(f.score) < p_.min_flip_score) return;
  fusion_.add({sym, EvidenceKind::kSentiment, f.to, std::min(1.0, std::abs(f.score)), f.ts,
               fmt::format("sentiment flip {:+d} -> {:+d}, score {:+.2f}, confidence {:.2f}, {} "
                           "posts",
                           f.from, f.to, f.score, f.confidence, f.posts_in_window)});
  evaluate(sym);
}

void SawtoothSentiment::evaluate(const std::string& symbol) {
  const auto now = ctx().now();
  const auto fused = fusion_.evaluate(symbol, now);
  if (!fused || !fused->complete || std::abs(fused->score) < p_.min_score) return;
  fusion_.consume(symbol);  // one pair of events acts (or is suppressed) once
  const Direction dir = fused->direction > 0 ? Direction::kLong : Direction::kShort;
  const auto ev = fused->evidence();
  const Ticker& t = tickers_.at(symbol);

  if (auto it = trades_.find(symbol); it != trades_.end() && it->second.active()) {
    suppress(symbol, dir, "already_in_position",
             fmt::format("{} already holds {} x {}", symbol, it->second.quantity,
                         it->second.contract_symbol),
             ev);
    return;
  }
  const auto local = ctx().local_time();
  if (!in_window(local, p_.entry_start, p_.entry_end)) {
    suppress(symbol, dir, "outside_window",
             fmt::format("{} is outside the entry window {}-{}", local.to_string(),
                         p_.entry_start.to_string(), p_.entry_end.to_string()),
             ev);
    return;
  }
  const auto bars = ctx().bars(t.id, kMinute);
  const core::Timestamp last_bar = bars.empty() ? core::Timestamp{} : bars.back().close_time();
  if (!last_bar.is_set() || now.ns - last_bar.ns > p_.stale_after.count()) {
    suppress(symbol, dir, "stale_analytics",
             fmt::format("last minute bar of {} closed {} ago > stale_after {}", symbol,
                         last_bar.is_set() ? seconds_text(core::Duration{now.ns - last_bar.ns})
                                           : std::string("never"),
                         seconds_text(p_.stale_after)),
             ev);
    return;
  }
  if (const auto* cache = ctx().analytics()) {
    for (const auto& s : cache->stale(now)) {
      if (s.instrument == t.id) {
        suppress(symbol, dir, "stale_analytics",
                 fmt::format("analytics value {} of {} is stale", s.name, symbol), ev);
        return;
      }
    }
  }
  const auto expiry =
      choose_expiry(ctx().expiries(symbol), ctx().today(), {.dte = p_.dte}, ctx().calendar());
  if (!expiry) {
    suppress(symbol, dir, "no_expiry", expiry.error().message, ev);
    return;
  }
  const auto chain = ctx().option_chain(symbol, *expiry);
  SelectorRules rules;
  rules.filters.max_spread = p_.max_spread;
  rules.filters.max_theta_per_day = p_.max_theta_per_day;
  rules.filters.min_open_interest = p_.min_open_interest;
  const auto pick = select_option(
      chain, dir == Direction::kLong ? OptionRight::kCall : OptionRight::kPut, rules, now);
  if (!pick) {
    suppress(symbol, dir, "filters_failed", pick.error().message, ev);
    return;
  }
  const OptionContract& c = pick->contract;
  const auto& inst = ctx().instruments().get(c.instrument);
  const core::Price limit = round_price(inst, c.mid());
  const double entry = limit.to_double();
  const double risk_per_contract =
      entry * p_.stop_loss_pct / 100.0 * static_cast<double>(c.multiplier);
  const auto qty =
      static_cast<std::int64_t>(std::floor(p_.risk_per_trade / risk_per_contract + 1e-9));
  if (qty < 1) {
    suppress(symbol, dir, "risk_budget",
             fmt::format("one {} risks ${:.2f} at the -{}% stop > risk_per_trade ${:.2f}", c.symbol,
                         risk_per_contract, p_.stop_loss_pct, p_.risk_per_trade),
             ev);
    return;
  }
  if (const auto* pf = ctx().portfolio()) {
    const double theta_now = pf->account_greeks().theta_per_day;
    const double theta_after =
        theta_now + c.theta_per_day * static_cast<double>(qty * c.multiplier);
    if (theta_after < p_.portfolio_theta_limit) {
      suppress(symbol, dir, "theta_guard",
               fmt::format("account theta {:.0f} -> {:.0f} $/day < portfolio_theta_limit {:.0f}",
                           theta_now, theta_after, p_.portfolio_theta_limit),
               ev);
      return;
    }
  }

  Signal s;
  s.instrument = t.id;
  s.symbol = symbol;
  s.direction = dir;
  s.conviction = std::abs(fused->score);
  s.triggered_by = ev;
  s.risk_factors.push_back(fmt::format("{}DTE: theta {:.3f}/share/day", p_.dte, c.theta_per_day));
  s.risk_factors.push_back(fmt::format("spread {:.2f}", c.spread()));
  s.risk_factors.push_back(fmt::format("stop -{}% = ${:.0f} at risk", p_.stop_loss_pct,
                                       risk_per_contract * static_cast<double>(qty)));
  s.action = fmt::format("buy {} {} @ {} IOC", qty, c.symbol, limit.to_string(2));
  const auto id = ctx().emit_signal(s);
  auto r = ctx().submit(single_order(
      c.instrument, model::Side::kBuy, qty, limit, id, model::TimeInForce::kIoc, false,
      dir == Direction::kLong ? "sawtooth trough + bullish flip" : "sawtooth peak + bearish flip"));
  if (!r.accepted) return;  // risk's verdict is journaled by risk
  OptionTrade tr;
  tr.contract = c.instrument;
  tr.contract_symbol = c.symbol;
  tr.underlying = symbol;
  tr.direction = dir;
  tr.ordered = qty;
  tr.signal_id = id;
  tr.entry_ts = now;
  tr.entry_order = r.client_order_id;
  tr.underlying_at_entry = ctx().last_price(t.id).value_or(0);
  trades_[symbol] = tr;
}

void SawtoothSentiment::check_exits(OptionTrade& t, const std::string& why_now) {
  if (t.quantity <= 0 || t.exit_pending()) return;
  const auto c = ctx().option(t.contract);
  std::vector<Evidence> ev;
  if (why_now == "exit_time") {
    ev.push_back(
        {"time", fmt::format("exit_time {} (0DTE flat before the close)", p_.exit_time.to_string()),
         0, ctx().now()});
    (void)exit_trade(ctx(), t, t.quantity, "time_exit", ev);
    return;
  }
  if (!c || !c->has_two_sided_quote()) return;
  const double mid = c->mid();
  const double stop = t.entry_price * (1.0 - p_.stop_loss_pct / 100.0);
  const double target = t.entry_price * (1.0 + p_.stop_loss_pct * p_.reward_risk / 100.0);
  if (mid <= stop + 1e-9) {
    ev.push_back({"premium_stop",
                  fmt::format("mid {:.2f} <= stop {:.2f} (entry {:.2f} -{}%)", mid, stop,
                              t.entry_price, p_.stop_loss_pct),
                  mid, ctx().now()});
    (void)exit_trade(ctx(), t, t.quantity, "stop_loss", ev);
  } else if (mid >= target - 1e-9) {
    ev.push_back({"target",
                  fmt::format("mid {:.2f} >= target {:.2f} ({}:1)", mid, target, p_.reward_risk),
                  mid, ctx().now()});
    (void)exit_trade(ctx(), t, t.quantity, "target", ev);
  }
}

void SawtoothSentiment::on_option_chain(const OptionChainUpdate& u) {
  const auto it = trades_.find(std::string(u.underlying_symbol));
  if (it != trades_.end() && u.contract != nullptr &&
      u.contract->instrument == it->second.contract) {
    check_exits(it->second, "quote");
  }
}

void SawtoothSentiment::on_timer(std::string_view name, core::Timestamp /*scheduled*/) {
  if (name != "exit_time") return;
  for (auto& [_, t] : trades_)
    check_exits(t, "exit_time");
}

void SawtoothSentiment::on_fill(const model::Fill& f) {
  for (auto it = trades_.begin(); it != trades_.end();) {
    apply_fill(it->second, f);
    it = it->second.active() ? std::next(it) : trades_.erase(it);
  }
}

void SawtoothSentiment::on_order_update(const model::OrderUpdate& u) {
  for (auto it = trades_.begin(); it != trades_.end();) {
    apply_order_update(it->second, u);
    it = it->second.active() ? std::next(it) : trades_.erase(it);
  }
}

std::string SawtoothSentiment::snapshot() const {
  std::string out;
  for (const auto& [sym, t] : trades_) {
    const std::string s = t.to_text();
    if (s.empty()) continue;
    if (!out.empty()) out += '\n';
    out += s;
  }
  return out;
}

core::Status SawtoothSentiment::restore(std::string_view state) {
  trades_.clear();
  std::size_t pos = 0;
  while (pos < state.size()) {
    const std::size_t end = std::min(state.find('\n', pos), state.size());
    auto t = OptionTrade::parse(state.substr(pos, end - pos));
    if (!t) return std::unexpected(t.error());
    trades_[t->underlying] = *t;
    pos = end + 1;
  }
  return core::ok();
}

namespace {
const StrategyRegistrar kRegistrar{StrategyInfo{
    .type = "sawtooth_sentiment",
    .summary = "Minute saw-tooth trough/peak + same-ticker sentiment flip -> 0DTE ATM call/put",
    .seed = "000",
    .declare = &SawtoothSentimentParams::declare,
    .create = [](const ConfigTable& t) -> core::Result<StrategyPtr> {
      auto p = SawtoothSentimentParams::from(t);
      if (!p) return std::unexpected(p.error());
      return std::make_unique<SawtoothSentiment>(std::move(*p));
    }}};
}  // namespace

}  // namespace zerodte::strategy::builtin
