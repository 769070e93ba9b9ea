#include "zerodte/strategy/builtin/adx_trend.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace zerodte::strategy::builtin {

namespace {
constexpr analytics::Timeframe kMinute = analytics::Timeframe::minutes(1);
constexpr analytics::Timeframe kFive = analytics::Timeframe::minutes(5);
constexpr analytics::Timeframe kHour = analytics::Timeframe::minutes(60);
constexpr analytics::Timeframe kDaily = analytics::Timeframe::daily();

const char* side_name(Direction d) {
  return d == Direction::kLong ? "CE" : "PE";
}
}  // namespace

void AdxTrendParams::declare(TableSpec& t) {
  t.add_string("symbol", "NIFTY", "Underlying (NSE index or US ticker).");
  t.add_enum("market", "nse", {"nse", "nyse"}, "Market of the underlying and its options.");
  t.add_string("vix_symbol", "INDIAVIX", "Volatility index for the VIX filter (\"\" = none).");
  t.add_int("adx_period", 14, "ADX period (daily and hourly).").range(2, 100);
  t.add_double("min_adx", 25, "ADX below this: no trend (daily: no trade; hourly: not aligned).")
      .range(0, 100);
  t.add_int("rsi_period", 14, "5-minute RSI period.").range(2, 100);
  t.add_double("rsi_oversold", 40, "CE pullback: 5m RSI below this.").range(0, 100);
  t.add_double("rsi_overbought", 60, "PE pullback: 5m RSI above this.").range(0, 100);
  t.add_int("ema_period", 9, "5-minute EMA the pullback bounces off.").range(2, 200);
  t.add_double("volume_multiplier", 1.2, "1m volume must exceed this x its average.").range(0, 100);
  t.add_int("volume_lookback", 20, "1m bars in the volume average.").range(1, 500);
  t.add_double("max_vix", 30, "No entries at or above this VIX.").range(0, 200);
  t.add_bool("breakout_trigger", true, "Enter on a break of the last hourly bar's high/low.");
  t.add_bool("pullback_trigger", true, "Enter on a 5m RSI pullback to the EMA.");
  t.add_bool("crossover_trigger", true, "Enter on an hourly DI crossover.");
  t.add_int("lots", 1, "Lots per entry (quantity = lots x lot size).").range(1, 1000);
  t.add_int("exit_days_to_expiry", 3,
            "Exit when days to expiry <= this; entries use an expiry "
            "further out (< 0: 0DTE).")
      .range(-1, 30);
  t.add_int("min_open_interest", 1000, "Minimum open interest of the contract.").at_least(0);
  t.add_double("max_spread", 0, "Maximum bid/ask spread per unit (0 = off).").at_least(0);
  t.add_double("stop_loss_pct", 1.0, "Exit when the underlying moves this % against.")
      .range(0.01, 50);
  t.add_double("target_pct", 3.0, "Exit when the underlying moves this % in favour.")
      .range(0.01, 100);
  t.add_double("partial_fraction", 0.5, "Share sold at 1:1 (then breakeven trail).").range(0, 1);
  t.add_bool("trailing_stop", true, "Trail the stop from the best underlying price.");
  t.add_double("volume_dry_pct", 50, "Volume below this % of average ...").range(0, 100);
  t.add_int("volume_dry_minutes", 15, "... for this many minutes exits.").range(1, 390);
  t.add_duration("max_hold", "2h", "Exit after this long without profit.");
  t.add_duration("loss_hold", "1h", "Exit after this long at a loss.");
  t.add_time("entry_start", "10:00", "No entries before (exchange time).");
  t.add_time("entry_end", "14:30", "No entries from (exchange time).");
  t.add_time("exit_time", "15:20", "Exit everything at (exchange time).");
}

core::Result<AdxTrendParams> AdxTrendParams::from(const ConfigTable& t) {
  AdxTrendParams p;
  p.symbol = t.get<std::string>("symbol");
  auto m = core::parse_market(t.get<std::string>("market"));
  if (!m) return std::unexpected(m.error().with_context("market"));
  p.market = *m;
  p.vix_symbol = t.get<std::string>("vix_symbol");
  p.adx_period = t.get<int>("adx_period");
  p.min_adx = t.get<double>("min_adx");
  p.rsi_period = t.get<int>("rsi_period");
  p.rsi_oversold = t.get<double>("rsi_oversold");
  p.rsi_overbought = t.get<double>("rsi_overbought");
  p.ema_period = t.get<int>("ema_period");
  p.volume_multiplier = t.get<double>("volume_multiplier");
  p.volume_lookback = t.get<int>("volume_lookback");
  p.max_vix = t.get<double>("max_vix");
  p.breakout_trigger = t.get<bool>("breakout_trigger");
  p.pullback_trigger = t.get<bool>("pullback_trigger");
  p.crossover_trigger = t.get<bool>("crossover_trigger");
  p.lots = t.get<std::int64_t>("lots");
  p.exit_days_to_expiry = t.get<int>("exit_days_to_expiry");
  p.min_open_interest = t.get<std::int64_t>("min_open_interest");
  p.max_spread = t.get<double>("max_spread");
  p.stop_loss_pct = t.get<double>("stop_loss_pct");
  p.target_pct = t.get<double>("target_pct");
  p.partial_fraction = t.get<double>("partial_fraction");
  p.trailing_stop = t.get<bool>("trailing_stop");
  p.volume_dry_pct = t.get<double>("volume_dry_pct");
  p.volume_dry_minutes = t.get<int>("volume_dry_minutes");
  p.max_hold = t.get<core::Duration>("max_hold");
  p.loss_hold = t.get<core::Duration>("loss_hold");
  p.entry_start = t.get<core::TimeOfDay>("entry_start");
  p.entry_end = t.get<core::TimeOfDay>("entry_end");
  p.exit_time = t.get<core::TimeOfDay>("exit_time");
  if (p.symbol.empty()) return core::fail(core::ErrorCode::kConfig, "symbol: empty");
  if (!(p.rsi_oversold < p.rsi_overbought)) {
    return core::fail(core::ErrorCode::kConfig, "rsi_oversold {} must be below rsi_overbought {}",
                      p.rsi_oversold, p.rsi_overbought);
  }
  if (!(p.stop_loss_pct < p.target_pct)) {
    return core::fail(core::ErrorCode::kConfig, "stop_loss_pct {} must be below target_pct {}",
                      p.stop_loss_pct, p.target_pct);
  }
  return p;
}

AdxTrend::AdxTrend(AdxTrendParams p)
    : p_(std::move(p)),
      daily_adx_(p_.adx_period),
      hourly_adx_(p_.adx_period),
      rsi5_(p_.rsi_period),
      ema5_(p_.ema_period) {}

void AdxTrend::on_start() {
  auto id = ctx().instruments().find(p_.symbol, p_.market);
  if (!id) {
    suppress(Direction::kFlat, "unknown_symbol",
             fmt::format("{} is not registered on {}", p_.symbol, core::to_string(p_.market)), {});
    return;
  }
  underlying_ = *id;
  for (const auto tf : {kDaily, kHour, kFive, kMinute})
    (void)ctx().subscribe_bars(*id, tf);
  ctx().subscribe_options(p_.symbol, p_.market);
  if (!p_.vix_symbol.empty()) {
    if (auto v = ctx().instruments().find(p_.vix_symbol, p_.market)) {
      vix_ = *v;
      ctx().subscribe_quotes(*v);
    }
  }
}

void AdxTrend::suppress(Direction d, std::string reason, std::string detail,
                        std::vector<Evidence> ev) {
  if (reason == last_suppression_) return;  // once until something changes
  last_suppression_ = reason;
  Suppression s;
  s.symbol = p_.symbol;
  s.direction = d;
  s.reason = std::move(reason);
  s.detail = std::move(detail);
  s.triggered_by = std::move(ev);
  ctx().suppress(std::move(s));
}

std::vector<Evidence> AdxTrend::context_evidence() const {
  return {{"adx_daily",
           fmt::format("daily ADX {:.1f}, +DI {:.1f}, -DI {:.1f} -> {}", daily_adx_.adx(),
                       daily_adx_.plus_di(), daily_adx_.minus_di(),
                       day_direction_ == Direction::kFlat ? "no trade" : side_name(day_direction_)),
           daily_adx_.adx(),
           {}},
          {"adx_hourly",
           fmt::format("hourly ADX {:.1f}, +DI {:.1f}, -DI {:.1f} ({})", hourly_adx_.adx(),
                       hourly_adx_.plus_di(), hourly_adx_.minus_di(),
                       aligned_ ? "aligned" : "not aligned"),
           hourly_adx_.adx(),
           {}}};
}

void AdxTrend::on_bar(const model::Bar& bar, analytics::Timeframe tf) {
  if (bar.hdr.instrument != underlying_) return;
  if (tf == kDaily)
    on_daily(bar);
  else if (tf == kHour)
    on_hourly(bar);
  else if (tf == kFive)
    on_five(bar);
  else if (tf == kMinute)
    on_minute(bar);
}

void AdxTrend::on_daily(const model::Bar& bar) {
  daily_adx_.update(bar.high.to_double(), bar.low.to_double(), bar.close.to_double());
  daily_ready_ = daily_adx_.ready();
  direction_asof_ = ctx().calendar(p_.market).local_date(bar.hdr.ts_event);
  if (!daily_ready_ || daily_adx_.adx() < p_.min_adx) {
    day_direction_ = Direction::kFlat;
  } else {
    day_direction_ =
        daily_adx_.plus_di() > daily_adx_.minus_di() ? Direction::kLong : Direction::kShort;
  }
}

void AdxTrend::on_hourly(const model::Bar& bar) {
  hourly_adx_.update(bar.high.to_double(), bar.low.to_double(), bar.close.to_double());
  hour_high_ = bar.high.to_double();
  hour_low_ = bar.low.to_double();
  have_hour_ = true;
  hourly_ready_ = hourly_adx_.ready();
  const int sign = hourly_adx_.plus_di() > hourly_adx_.minus_di()
                       ? 1
                       : (hourly_adx_.plus_di() < hourly_adx_.minus_di() ? -1 : 0);
  if (hourly_adx_.di_ready() && prev_di_sign_ != 0 && sign != 0 && sign != prev_di_sign_) {
    crossover_ = sign > 0 ? Direction::kLong : Direction::kShort;
  }
  if (hourly_adx_.di_ready()) prev_di_sign_ = sign;
  const int want = day_direction_ == Direction::kLong ? 1 : -1;
  aligned_ = hourly_ready_ && day_direction_ != Direction::kFlat &&
             hourly_adx_.adx() >= p_.min_adx && sign == want;
}

void AdxTrend::on_five(const model::Bar& bar) {
  const double close = bar.close.to_double();
  rsi5_.update(close);
  ema5_.update(close);
  pullback_ = Direction::kFlat;
  if (!rsi5_.ready() || !ema5_.ready()) return;
  const double rsi = rsi5_.value();
  const double ema = ema5_.value();
  if (rsi < p_.rsi_oversold && bar.low.to_double() <= ema && close > ema) {
    pullback_ = Direction::kLong;
  } else if (rsi > p_.rsi_overbought && bar.high.to_double() >= ema && close < ema) {
    pullback_ = Direction::kShort;
  }
}

void AdxTrend::on_minute(const model::Bar& bar) {
  const double vol = static_cast<double>(bar.volume);
  double avg = 0;
  if (!volumes_.empty()) {
    avg = std::accumulate(volumes_.begin(), volumes_.end(), 0.0) /
          static_cast<double>(volumes_.size());
  }
  const double ratio = avg > 0 ? vol / avg : 0.0;
  volumes_.push_back(vol);
  while (static_cast<int>(volumes_.size()) > p_.volume_lookback)
    volumes_.pop_front();
  dry_minutes_ = (avg > 0 && ratio * 100 < p_.volume_dry_pct) ? dry_minutes_ + 1 : 0;

  if (trade_.quantity > 0) {
    check_exits(bar, ratio);
    return;
  }
  if (trade_.active()) return;
  try_entry(bar, ratio);
}

void AdxTrend::try_entry(const model::Bar& bar, double volume_ratio) {
  const auto today = ctx().today(p_.market);
  const Direction d = (direction_asof_ < today) ? day_direction_ : Direction::kFlat;
  if (d == Direction::kFlat) {
    if (!(no_trade_logged_ == today)) {
      no_trade_logged_ = today;
      last_suppression_.clear();
      suppress(Direction::kFlat, "no_trade_day",
               daily_ready_ ? fmt::format("daily ADX {:.1f} < min_adx {:.0f}: no trade today",
                                          daily_adx_.adx(), p_.min_adx)
                            : std::string("daily ADX not ready (too few daily bars)"),
               context_evidence());
    }
    return;
  }
  const double close = bar.close.to_double();
  const bool up = d == Direction::kLong;
  std::vector<Evidence> ev = context_evidence();
  const auto now = ctx().now();
  if (p_.breakout_trigger && have_hour_ && (up ? close > hour_high_ : close < hour_low_)) {
    ev.push_back(
        {"breakout",
         fmt::format("1m close {:.2f} {} last hourly {} {:.2f}", close, up ? "above" : "below",
                     up ? "high" : "low", up ? hour_high_ : hour_low_),
         close, now});
  }
  if (p_.pullback_trigger && pullback_ == d) {
    ev.push_back({"pullback",
                  fmt::format("5m RSI {:.1f} {} {:.0f}, {} 9-EMA {:.2f}", rsi5_.value(),
                              up ? "<" : ">", up ? p_.rsi_oversold : p_.rsi_overbought,
                              up ? "bounced off" : "rejected at", ema5_.value()),
                  rsi5_.value(), now});
  }
  if (p_.crossover_trigger && crossover_ == d) {
    ev.push_back({"crossover",
                  fmt::format("hourly {} crossed above {}", up ? "+DI" : "-DI", up ? "-DI" : "+DI"),
                  hourly_adx_.plus_di() - hourly_adx_.minus_di(), now});
  }
  if (ev.size() == 2) {
    last_suppression_.clear();  // no trigger: the next trigger's refusal is news again
    return;
  }
  const auto local = ctx().local_time(p_.market);
  if (!in_window(local, p_.entry_start, p_.entry_end)) {
    suppress(d, "outside_window",
             fmt::format("{} is outside the entry window {}-{}", local.to_string(),
                         p_.entry_start.to_string(), p_.entry_end.to_string()),
             ev);
    return;
  }
  if (!aligned_) {
    suppress(
        d, "hourly_not_aligned",
        fmt::format("hourly ADX {:.1f} / DIs do not confirm {}", hourly_adx_.adx(), side_name(d)),
        ev);
    return;
  }
  if (vix_.valid()) {
    if (auto v = ctx().last_price(vix_); v && *v >= p_.max_vix) {
      suppress(d, "vix_filter", fmt::format("VIX {:.2f} >= max_vix {:.0f}", *v, p_.max_vix), ev);
      return;
    }
  }
  if (!(volume_ratio > p_.volume_multiplier)) {
    suppress(d, "low_volume",
             fmt::format("1m volume {:.0f}% of its average <= {:.0f}%", volume_ratio * 100,
                         p_.volume_multiplier * 100),
             ev);
    return;
  }
  const auto& cal = ctx().calendar(p_.market);
  ExpiryRule rule;
  if (p_.exit_days_to_expiry >= 0) rule.min_calendar_days = p_.exit_days_to_expiry + 1;
  const auto expiry = choose_expiry(ctx().expiries(p_.symbol, p_.market), today, rule, cal);
  if (!expiry) {
    suppress(d, "no_expiry", expiry.error().message, ev);
    return;
  }
  SelectorRules rules;
  rules.filters.max_spread = p_.max_spread;
  rules.filters.min_open_interest = p_.min_open_interest;
  rules.filters.min_volume = 1;
  rules.filters.require_last = true;
  auto chain = ctx().option_chain(p_.symbol, *expiry, p_.market);
  chain.spot = close;
  const auto pick = select_option(chain, up ? OptionRight::kCall : OptionRight::kPut, rules, now);
  if (!pick) {
    suppress(d, "filters_failed", pick.error().message, ev);
    return;
  }
  const OptionContract& c = pick->contract;
  const auto& inst = ctx().instruments().get(c.instrument);
  const std::int64_t qty = p_.lots * std::max<std::int64_t>(1, c.lot_size);
  const core::Price limit = round_price(inst, c.ask.to_double(), core::RoundMode::kUp);
  Signal s;
  s.instrument = underlying_;
  s.symbol = p_.symbol;
  s.direction = d;
  s.conviction = std::clamp(hourly_adx_.adx() / 50.0, 0.0, 1.0);
  s.triggered_by = ev;
  s.risk_factors.push_back(fmt::format("expiry {} ({} days)", c.expiry.to_string(),
                                       c.expiry.days_since_epoch() - today.days_since_epoch()));
  s.risk_factors.push_back(fmt::format("stop {:.1f}% / target {:.1f}% of the underlying",
                                       p_.stop_loss_pct, p_.target_pct));
  if (pick->offset_from_first != 0) {
    s.risk_factors.push_back(
        fmt::format("ATM {} failed filters: took {}", pick->atm_strike, c.strike));
  }
  s.action = fmt::format("buy {} {} @ {}", qty, c.symbol, limit.to_string(2));
  const auto id = ctx().emit_signal(s);
  auto r = ctx().submit(single_order(c.instrument, model::Side::kBuy, qty, limit, id,
                                     model::TimeInForce::kDay, false,
                                     fmt::format("adx {} {}", side_name(d), ev.back().source)));
  if (!r.accepted) return;
  last_suppression_.clear();
  crossover_ = Direction::kFlat;
  pullback_ = Direction::kFlat;
  trade_ = OptionTrade{};
  trade_.contract = c.instrument;
  trade_.contract_symbol = c.symbol;
  trade_.underlying = p_.symbol;
  trade_.direction = d;
  trade_.ordered = qty;
  trade_.signal_id = id;
  trade_.entry_ts = now;
  trade_.entry_order = r.client_order_id;
  trade_.underlying_at_entry = close;
  trade_.best_underlying = close;
}

void AdxTrend::check_exits(const model::Bar& bar, double volume_ratio) {
  if (trade_.exit_pending()) return;
  const double u = bar.close.to_double();
  const double s = trade_.direction == Direction::kLong ? 1.0 : -1.0;
  const double entry_u = trade_.underlying_at_entry;
  if (s * (u - trade_.best_underlying) > 0) trade_.best_underlying = u;
  const double move_pct = entry_u > 0 ? s * (u - entry_u) / entry_u * 100 : 0;
  const auto now = ctx().now();
  const auto local = ctx().local_time(p_.market);
  const auto exit_all = [&](const std::string& reason, std::string detail, double value) {
    (void)exit_trade(ctx(), trade_, trade_.quantity, reason,
                     {{reason, std::move(detail), value, now}});
  };
  // Priority 1: mandatory.
  if (!(local < p_.exit_time)) {
    return exit_all("market_close",
                    fmt::format("{} >= exit_time {}", local.to_string(), p_.exit_time.to_string()),
                    0);
  }
  const auto c = ctx().option(trade_.contract);
  if (c && p_.exit_days_to_expiry >= 0) {
    const auto days = c->expiry.days_since_epoch() - ctx().today(p_.market).days_since_epoch();
    if (days <= p_.exit_days_to_expiry) {
      return exit_all("expiry_near",
                      fmt::format("{} days to expiry <= {}", days, p_.exit_days_to_expiry),
                      static_cast<double>(days));
    }
  }
  // Priority 2: stops (initial, then trailing from the best price; breakeven after the partial).
  double stop = entry_u * (1 - s * p_.stop_loss_pct / 100);
  bool trailing = false;
  if (p_.trailing_stop) {
    const double trail = trade_.best_underlying * (1 - s * p_.stop_loss_pct / 100);
    if (s * (trail - stop) > 0) {
      stop = trail;
      trailing = true;
    }
  }
  if (trade_.partial_done && s * (entry_u - stop) > 0) {
    stop = entry_u;
    trailing = true;
  }
  if (s * (u - stop) <= 0) {
    return exit_all(
        trailing ? "trailing_stop" : "stop_loss",
        fmt::format("{} {:.2f} crossed the {} stop {:.2f} (entry {:.2f}, best {:.2f})", p_.symbol,
                    u, trailing ? "trailing" : "initial", stop, entry_u, trade_.best_underlying),
        u);
  }
  // Priority 3: profit.
  if (move_pct >= p_.target_pct) {
    return exit_all(
        "target",
        fmt::format("{} moved {:+.2f}% >= target {:.1f}%", p_.symbol, move_pct, p_.target_pct),
        move_pct);
  }
  if (!trade_.partial_done && move_pct >= p_.stop_loss_pct) {
    trade_.partial_done = true;  // from now on the stop is at least breakeven
    const std::int64_t lot = c ? std::max<std::int64_t>(1, c->lot_size) : 1;
    const std::int64_t part =
        static_cast<std::int64_t>(std::floor(static_cast<double>(trade_.quantity) *
                                             p_.partial_fraction / static_cast<double>(lot))) *
        lot;
    if (part > 0 && part < trade_.quantity) {
      (void)exit_trade(ctx(), trade_, part, "partial_profit",
                       {{"partial_profit",
                         fmt::format("{} moved {:+.2f}% = 1:1; selling {} of {}, stop to "
                                     "breakeven",
                                     p_.symbol, move_pct, part, trade_.quantity),
                         move_pct, now}});
    }
    return;
  }
  // Priority 4: technical.
  if (!aligned_) {
    return exit_all("hourly_conflict",
                    fmt::format("hourly ADX {:.1f} / DIs no longer confirm {}", hourly_adx_.adx(),
                                side_name(trade_.direction)),
                    hourly_adx_.adx());
  }
  if (dry_minutes_ >= p_.volume_dry_minutes) {
    return exit_all("volume_dry",
                    fmt::format("volume below {:.0f}% of average for {} minutes (now {:.0f}%)",
                                p_.volume_dry_pct, dry_minutes_, volume_ratio * 100),
                    volume_ratio);
  }
  // Priority 5: time.
  const core::Duration held{now.ns - trade_.entry_ts.ns};
  const double pnl = c && c->has_two_sided_quote() ? c->mid() - trade_.entry_price : 0.0;
  if (held > p_.max_hold && pnl <= 0) {
    return exit_all(
        "max_hold",
        fmt::format("held {} min without profit ({:+.2f}/unit)",
                    std::chrono::duration_cast<std::chrono::minutes>(held).count(), pnl),
        pnl);
  }
  if (held > p_.loss_hold && pnl < 0) {
    return exit_all(
        "time_decay",
        fmt::format("held {} min at a loss ({:+.2f}/unit)",
                    std::chrono::duration_cast<std::chrono::minutes>(held).count(), pnl),
        pnl);
  }
}

void AdxTrend::on_fill(const model::Fill& f) {
  apply_fill(trade_, f);
}
void AdxTrend::on_order_update(const model::OrderUpdate& u) {
  apply_order_update(trade_, u);
}

std::string AdxTrend::snapshot() const {
  return trade_.to_text();
}

core::Status AdxTrend::restore(std::string_view state) {
  auto t = OptionTrade::parse(state);
  if (!t) return std::unexpected(t.error());
  trade_ = *t;
  return core::ok();
}

namespace {
const StrategyRegistrar kRegistrar{StrategyInfo{
    .type = "adx_trend",
    .summary = "Daily ADX direction + hourly alignment + breakout/pullback/crossover -> ATM "
               "index option (NSE or US)",
    .seed = "004",
    .declare = &AdxTrendParams::declare,
    .create = [](const ConfigTable& t) -> core::Result<StrategyPtr> {
      auto p = AdxTrendParams::from(t);
      if (!p) return std::unexpected(p.error());
      return std::make_unique<AdxTrend>(std::move(*p));
    }}};
}  // namespace

}  // namespace zerodte::strategy::builtin
