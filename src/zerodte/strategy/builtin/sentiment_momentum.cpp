#include "zerodte/strategy/builtin/sentiment_momentum.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace zerodte::strategy::builtin {

void SentimentMomentumParams::declare(TableSpec& t) {
  t.add_string("symbol", "SPY", "Underlying whose sentiment drives the trades.");
  t.add_double("bullish_threshold", 0.35, "Score at or above: bullish.").range(0, 1);
  t.add_double("bearish_threshold", -0.35, "Score at or below: bearish.").range(-1, 0);
  t.add_double("min_confidence", 0.6, "Minimum aggregate confidence.").range(0, 1);
  t.add_int("min_posts", 3, "Posts in the sentiment window that confirm the signal.")
      .range(1, 1000);
  t.add_double("min_momentum", 0.05, "Momentum (fast - slow mean) in the signal's direction.")
      .range(0, 2);
  t.add_int("dte", 0, "Expiry: trading days ahead (0 = 0DTE).").range(0, 30);
  t.add_double("max_spread", 0.40, "Maximum bid/ask spread, $ per share.").at_least(0);
  t.add_int("min_open_interest", 1000, "Minimum open interest.").at_least(0);
  t.add_double("max_premium", 500, "Dollars of premium per trade (sets the size).").at_least(1);
  t.add_int("max_contracts", 5, "Most contracts per trade.").range(1, 1000);
  t.add_double("profit_target_pct", 50, "Take profit at this premium gain, %.").range(1, 1000);
  t.add_double("stop_loss_pct", 30, "Stop at this premium loss, %.").range(1, 100);
  t.add_bool("exit_on_reversal", true, "Exit when sentiment crosses the opposite threshold.");
  t.add_int("max_trades_per_period", 3, "Circuit breaker: entries per period.").range(1, 1000);
  t.add_duration("period", "60m", "Circuit breaker period.");
  t.add_time("entry_start", "09:45", "No entries before (New York).");
  t.add_time("entry_end", "15:00", "No entries from (New York).");
  t.add_time("exit_time", "15:45", "Flat by (New York).");
  t.add_duration("stale_after", "2m", "Suppress when the underlying's last price is older.");
}

core::Result<SentimentMomentumParams> SentimentMomentumParams::from(const ConfigTable& t) {
  SentimentMomentumParams p;
  p.symbol = t.get<std::string>("symbol");
  p.bullish_threshold = t.get<double>("bullish_threshold");
  p.bearish_threshold = t.get<double>("bearish_threshold");
  p.min_confidence = t.get<double>("min_confidence");
  p.min_posts = t.get<int>("min_posts");
  p.min_momentum = t.get<double>("min_momentum");
  p.dte = t.get<int>("dte");
  p.max_spread = t.get<double>("max_spread");
  p.min_open_interest = t.get<std::int64_t>("min_open_interest");
  p.max_premium = t.get<double>("max_premium");
  p.max_contracts = t.get<std::int64_t>("max_contracts");
  p.profit_target_pct = t.get<double>("profit_target_pct");
  p.stop_loss_pct = t.get<double>("stop_loss_pct");
  p.exit_on_reversal = t.get<bool>("exit_on_reversal");
  p.max_trades_per_period = t.get<int>("max_trades_per_period");
  p.period = t.get<core::Duration>("period");
  p.entry_start = t.get<core::TimeOfDay>("entry_start");
  p.entry_end = t.get<core::TimeOfDay>("entry_end");
  p.exit_time = t.get<core::TimeOfDay>("exit_time");
  p.stale_after = t.get<core::Duration>("stale_after");
  if (p.symbol.empty()) return core::fail(core::ErrorCode::kConfig, "symbol: empty");
  if (!(p.entry_start < p.entry_end)) {
    return core::fail(core::ErrorCode::kConfig, "entry_start {} is not before entry_end {}",
                      p.entry_start.to_string(), p.entry_end.to_string());
  }
  return p;
}

void SentimentMomentum::on_start() {
  if (auto id = ctx().instruments().find(p_.symbol)) {
    underlying_ = *id;
    ctx().subscribe_quotes(*id);
  }
  ctx().subscribe_sentiment(p_.symbol);
  ctx().subscribe_options(p_.symbol);
  ctx().schedule_daily(p_.exit_time, "exit_time");
}

Direction SentimentMomentum::candidate(const sentiment::TickerSentiment& s) const {
  if (s.score >= p_.bullish_threshold) return Direction::kLong;
  if (s.score <= p_.bearish_threshold) return Direction::kShort;
  return Direction::kFlat;
}

void SentimentMomentum::suppress(Direction d, std::string reason, std::string detail,
                                 std::vector<Evidence> ev) {
  if (d == last_candidate_ && reason == last_suppression_) return;  // once per episode
  last_suppression_ = reason;
  Suppression s;
  s.symbol = p_.symbol;
  s.direction = d;
  s.reason = std::move(reason);
  s.detail = std::move(detail);
  s.triggered_by = std::move(ev);
  ctx().suppress(std::move(s));
}

void SentimentMomentum::on_sentiment(const sentiment::TickerSentiment& s) {
  last_ = s;
  const Direction d = candidate(s);
  std::vector<Evidence> ev{
      {"sentiment",
       fmt::format("{} score {:+.2f}, confidence {:.2f}, momentum {:+.3f}, {} posts",
                   s.ticker.view(), s.score, s.confidence, s.momentum, s.posts_in_window),
       s.score, s.ts}};

  // Exit on reversal first.
  if (trade_.quantity > 0 && p_.exit_on_reversal && d != Direction::kFlat &&
      d != trade_.direction) {
    (void)exit_trade(ctx(), trade_, trade_.quantity, "sentiment_reversal", ev);
  }
  if (d == Direction::kFlat) {
    last_candidate_ = d;
    last_suppression_.clear();
    return;
  }
  if (d != last_candidate_) {
    last_suppression_.clear();
    traded_this_episode_ = false;
  }
  const auto done = [&] { last_candidate_ = d; };

  if (traded_this_episode_ && !trade_.active()) {
    done();
    return;  // already traded this crossing; wait for sentiment to come back inside
  }
  if (trade_.active()) {
    if (trade_.direction != d) suppress(d, "already_in_position", "a trade is open", ev);
    done();
    return;
  }
  const double dir = d == Direction::kLong ? 1.0 : -1.0;
  if (s.posts_in_window < static_cast<std::uint32_t>(p_.min_posts)) {
    suppress(d, "not_confirmed",
             fmt::format("{} posts in the window < min_posts {}", s.posts_in_window, p_.min_posts),
             ev);
  } else if (s.confidence < p_.min_confidence) {
    suppress(
        d, "low_confidence",
        fmt::format("confidence {:.2f} < min_confidence {:.2f}", s.confidence, p_.min_confidence),
        ev);
  } else if (dir * s.momentum < p_.min_momentum) {
    suppress(d, "no_momentum",
             fmt::format("momentum {:+.3f} does not reach {:+.3f} in the signal's direction",
                         s.momentum, dir * p_.min_momentum),
             ev);
  } else {
    enter(d, s, std::move(ev));
  }
  done();
}

void SentimentMomentum::enter(Direction d, const sentiment::TickerSentiment& s,
                              std::vector<Evidence> ev) {
  const auto now = ctx().now();
  const auto local = ctx().local_time();
  if (!in_window(local, p_.entry_start, p_.entry_end)) {
    suppress(d, "outside_window",
             fmt::format("{} is outside the entry window {}-{}", local.to_string(),
                         p_.entry_start.to_string(), p_.entry_end.to_string()),
             ev);
    return;
  }
  const core::Timestamp last =
      underlying_.valid() ? ctx().last_update(underlying_) : core::Timestamp{};
  if (!last.is_set() || now.ns - last.ns > p_.stale_after.count()) {
    suppress(
        d, "stale_market_data",
        fmt::format("last {} price is {} old > stale_after {}s", p_.symbol,
                    last.is_set() ? fmt::format("{}s", (now.ns - last.ns) / core::kNanosPerSecond)
                                  : std::string("never seen, infinitely"),
                    std::chrono::duration_cast<std::chrono::seconds>(p_.stale_after).count()),
        ev);
    return;
  }
  while (!entries_.empty() && now.ns - entries_.front().ns >= p_.period.count()) {
    entries_.pop_front();
  }
  if (static_cast<int>(entries_.size()) >= p_.max_trades_per_period) {
    suppress(
        d, "circuit_breaker",
        fmt::format("{} entries in the last {} min >= max_trades_per_period {}", entries_.size(),
                    std::chrono::duration_cast<std::chrono::minutes>(p_.period).count(),
                    p_.max_trades_per_period),
        ev);
    return;
  }
  const auto expiry =
      choose_expiry(ctx().expiries(p_.symbol), ctx().today(), {.dte = p_.dte}, ctx().calendar());
  if (!expiry) {
    suppress(d, "no_expiry", expiry.error().message, ev);
    return;
  }
  SelectorRules rules;
  rules.filters.max_spread = p_.max_spread;
  rules.filters.min_open_interest = p_.min_open_interest;
  const auto pick =
      select_option(ctx().option_chain(p_.symbol, *expiry),
                    d == Direction::kLong ? OptionRight::kCall : OptionRight::kPut, rules, now);
  if (!pick) {
    suppress(d, "filters_failed", pick.error().message, ev);
    return;
  }
  const OptionContract& c = pick->contract;
  const auto& inst = ctx().instruments().get(c.instrument);
  const core::Price limit = round_price(inst, c.mid());
  const double per_contract = c.ask.to_double() * static_cast<double>(c.multiplier);
  const auto qty = std::min<std::int64_t>(
      p_.max_contracts,
      static_cast<std::int64_t>(std::floor(p_.max_premium / per_contract + 1e-9)));
  if (qty < 1) {
    suppress(d, "risk_budget",
             fmt::format("one {} costs ${:.2f} > max_premium ${:.2f}", c.symbol, per_contract,
                         p_.max_premium),
             ev);
    return;
  }
  Signal sig;
  sig.instrument = underlying_;
  sig.symbol = p_.symbol;
  sig.direction = d;
  sig.conviction = std::clamp(0.5 * std::abs(s.score) + 0.5 * s.confidence, 0.0, 1.0);
  sig.triggered_by = std::move(ev);
  sig.risk_factors.push_back(fmt::format("{}DTE {}", p_.dte, c.symbol));
  sig.risk_factors.push_back(fmt::format("{} of {} entries used this period", entries_.size() + 1,
                                         p_.max_trades_per_period));
  sig.action = fmt::format("buy {} {} @ {} DAY", qty, c.symbol, limit.to_string(2));
  const auto id = ctx().emit_signal(sig);
  auto r = ctx().submit(single_order(
      c.instrument, model::Side::kBuy, qty, limit, id, model::TimeInForce::kDay, false,
      d == Direction::kLong ? "bullish sentiment momentum" : "bearish sentiment momentum"));
  if (!r.accepted) return;
  traded_this_episode_ = true;
  entries_.push_back(now);
  trade_ = OptionTrade{};
  trade_.contract = c.instrument;
  trade_.contract_symbol = c.symbol;
  trade_.underlying = p_.symbol;
  trade_.direction = d;
  trade_.ordered = qty;
  trade_.signal_id = id;
  trade_.entry_ts = now;
  trade_.entry_order = r.client_order_id;
}

void SentimentMomentum::check_exits(const std::string& why) {
  if (trade_.quantity <= 0 || trade_.exit_pending()) return;
  if (why == "exit_time") {
    (void)exit_trade(
        ctx(), trade_, trade_.quantity, "time_exit",
        {{"time", fmt::format("exit_time {}", p_.exit_time.to_string()), 0, ctx().now()}});
    return;
  }
  const auto c = ctx().option(trade_.contract);
  if (!c || !c->has_two_sided_quote()) return;
  const double mid = c->mid();
  const double target = trade_.entry_price * (1 + p_.profit_target_pct / 100);
  const double stop = trade_.entry_price * (1 - p_.stop_loss_pct / 100);
  if (mid <= stop + 1e-9) {
    (void)exit_trade(
        ctx(), trade_, trade_.quantity, "stop_loss",
        {{"premium_stop", fmt::format("mid {:.2f} <= stop {:.2f}", mid, stop), mid, ctx().now()}});
  } else if (mid >= target - 1e-9) {
    (void)exit_trade(
        ctx(), trade_, trade_.quantity, "target",
        {{"target", fmt::format("mid {:.2f} >= target {:.2f}", mid, target), mid, ctx().now()}});
  }
}

void SentimentMomentum::on_option_chain(const OptionChainUpdate& u) {
  if (u.contract != nullptr && u.contract->instrument == trade_.contract) check_exits("quote");
}

void SentimentMomentum::on_timer(std::string_view name, core::Timestamp /*scheduled*/) {
  if (name == "exit_time") check_exits("exit_time");
}

void SentimentMomentum::on_fill(const model::Fill& f) {
  apply_fill(trade_, f);
}

void SentimentMomentum::on_order_update(const model::OrderUpdate& u) {
  apply_order_update(trade_, u);
}

std::string SentimentMomentum::snapshot() const {
  std::string out = "entries=";
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    out += fmt::format("{}{}", i > 0 ? "," : "", entries_[i].ns);
  }
  const std::string t = trade_.to_text();
  if (!t.empty()) out += "\n" + t;
  return out == "entries=" ? std::string{} : out;
}

core::Status SentimentMomentum::restore(std::string_view state) {
  entries_.clear();
  trade_ = OptionTrade{};
  if (state.empty()) return core::ok();
  const std::size_t nl = state.find('\n');
  std::string_view first = state.substr(0, nl);
  if (!first.starts_with("entries=")) {
    return core::fail(core::ErrorCode::kParse, "sentiment_momentum state: no entries= line");
  }
  first.remove_prefix(8);
  while (!first.empty()) {
    const std::size_t comma = std::min(first.find(','), first.size());
    std::int64_t ns = 0;
    const auto r = std::from_chars(first.data(), first.data() + comma, ns);
    if (r.ec != std::errc{} || r.ptr != first.data() + comma) {
      return core::fail(core::ErrorCode::kParse, "sentiment_momentum state: bad entry time '{}'",
                        first.substr(0, comma));
    }
    entries_.push_back(core::Timestamp{ns});
    first.remove_prefix(std::min(comma + 1, first.size()));
  }
  if (nl != std::string_view::npos) {
    auto t = OptionTrade::parse(state.substr(nl + 1));
    if (!t) return std::unexpected(t.error());
    trade_ = *t;
  }
  return core::ok();
}

namespace {
const StrategyRegistrar kRegistrar{StrategyInfo{
    .type = "sentiment_momentum",
    .summary = "Confirmed time-weighted sentiment with momentum -> SPY 0DTE ATM call/put",
    .seed = "001",
    .declare = &SentimentMomentumParams::declare,
    .create = [](const ConfigTable& t) -> core::Result<StrategyPtr> {
      auto p = SentimentMomentumParams::from(t);
      if (!p) return std::unexpected(p.error());
      return std::make_unique<SentimentMomentum>(std::move(*p));
    }}};
}  // namespace

}  // namespace zerodte::strategy::builtin
