#include "opening_range.hpp"

#include <fmt/format.h>

#include <cmath>

namespace example {

namespace zs = zerodte::strategy;
using zerodte::analytics::Timeframe;

void OpeningRange::on_start() {
  auto id = ctx().instruments().find(p_.symbol);
  if (!id) {
    ctx().suppress({.symbol = p_.symbol, .reason = "unknown_symbol", .detail = "not registered"});
    return;
  }
  underlying_ = *id;
  (void)ctx().subscribe_bars(underlying_, Timeframe::minutes(1));
  ctx().subscribe_options(p_.symbol);
  ctx().schedule_daily(p_.time_exit, "time_exit");
}

void OpeningRange::on_bar(const zerodte::model::Bar& bar, Timeframe /*tf*/) {
  const auto today = ctx().today();
  if (!(today == day_)) {  // a new session
    day_ = today;
    bars_today_ = 0;
    traded_today_ = false;
  }
  const double close = bar.close.to_double();
  if (bars_today_ < p_.range_minutes) {
    high_ = bars_today_ == 0 ? bar.high.to_double() : std::max(high_, bar.high.to_double());
    low_ = bars_today_ == 0 ? bar.low.to_double() : std::min(low_, bar.low.to_double());
    ++bars_today_;
    return;
  }
  ++bars_today_;
  if (open_) {
    if (open_->exiting || open_->filled_legs == 0) return;
    if (auto mid = spread_mid()) {
      if (*mid >= open_->plan.take_profit)
        exit(fmt::format("take profit at {:.2f}", *mid));
      else if (*mid <= open_->plan.stop_loss)
        exit(fmt::format("stop at {:.2f}", *mid));
    }
    return;
  }
  if (traded_today_) return;
  if (close > high_)
    enter(zs::Direction::kLong, close);
  else if (close < low_)
    enter(zs::Direction::kShort, close);
}

void OpeningRange::enter(zs::Direction d, double close) {
  traded_today_ = true;
  const bool up = d == zs::Direction::kLong;
  std::vector<zs::Evidence> why{
      {"opening_range",
       fmt::format("close {:.2f} {} the {}-minute range {:.2f}-{:.2f}", close,
                   up ? "above" : "below", p_.range_minutes, low_, high_),
       close, ctx().now()}};
  auto expiry = zs::choose_expiry(ctx().expiries(p_.symbol), ctx().today(), {}, ctx().calendar());
  if (!expiry) {
    ctx().suppress({.symbol = p_.symbol,
                    .reason = "no_expiry",
                    .detail = expiry.error().message,
                    .direction = d,
                    .triggered_by = why});
    return;
  }
  const auto chain = ctx().option_chain(p_.symbol, *expiry);
  const auto strikes = chain.strikes();
  const auto atm = zs::atm_strike(strikes, chain.spot);
  if (!atm) return;
  const auto it = std::find(strikes.begin(), strikes.end(), *atm);
  const long i = it - strikes.begin();
  const long j = up ? i + p_.width : i - p_.width;
  if (j < 0 || j >= static_cast<long>(strikes.size())) return;
  auto spread = zs::build_vertical(chain, up ? zs::OptionRight::kCall : zs::OptionRight::kPut, *atm,
                                   strikes[static_cast<std::size_t>(j)]);
  if (!spread) {
    ctx().suppress({.symbol = p_.symbol,
                    .reason = "no_spread",
                    .detail = spread.error().message,
                    .direction = d,
                    .triggered_by = why});
    return;
  }
  const auto plan = zs::make_plan(*spread, {.target_return = p_.target_return,
                                            .stop_fraction = p_.stop_fraction,
                                            .time_exit = p_.time_exit});
  const auto limit = zerodte::core::Price::from_double(std::round(spread->net_premium * 100) / 100);
  auto intent = zs::to_order_intent(*spread, p_.quantity, *limit);
  if (!intent) return;
  zs::Signal s;
  s.instrument = underlying_;
  s.symbol = p_.symbol;
  s.direction = d;
  s.conviction = 0.6;
  s.triggered_by = why;
  s.risk_factors.push_back(
      fmt::format("max loss ${:.0f}, max gain ${:.0f}", spread->max_loss, spread->max_gain));
  s.action = spread->describe() + "; " + plan.summary;
  intent->signal_id = ctx().emit_signal(s);
  if (ctx().submit(*intent).accepted) open_ = Open{*spread, plan, 0, false};
}

std::optional<double> OpeningRange::spread_mid() const {
  double v = 0;
  for (const auto& leg : open_->spread.legs) {
    const auto c = ctx().option(leg.contract.instrument);
    if (!c || !c->has_two_sided_quote()) return std::nullopt;
    v += (leg.side == zerodte::model::Side::kBuy ? 1 : -1) * leg.ratio * c->mid();
  }
  return v;
}

void OpeningRange::exit(const std::string& reason) {
  open_->exiting = true;
  zs::Structure closing = open_->spread;
  for (auto& leg : closing.legs) {
    leg.side = leg.side == zerodte::model::Side::kBuy ? zerodte::model::Side::kSell
                                                      : zerodte::model::Side::kBuy;
  }
  const double value = spread_mid().value_or(0.0);
  auto intent = zs::to_order_intent(
      closing, p_.quantity, *zerodte::core::Price::from_double(-std::round(value * 100) / 100));
  if (!intent) return;
  for (std::size_t i = 0; i < intent->leg_count; ++i) {
    intent->legs[i].intent = intent->legs[i].side == zerodte::model::Side::kBuy
                                 ? zerodte::model::PositionIntent::kBuyToClose
                                 : zerodte::model::PositionIntent::kSellToClose;
  }
  intent->reduce_only = true;
  zs::Signal s;
  s.instrument = underlying_;
  s.symbol = p_.symbol;
  s.direction = zs::Direction::kFlat;
  s.conviction = 1;
  s.triggered_by.push_back({"exit_plan", reason, value, ctx().now()});
  intent->signal_id = ctx().emit_signal(s);
  (void)ctx().submit(*intent);
}

void OpeningRange::on_timer(std::string_view name, zerodte::core::Timestamp /*scheduled*/) {
  if (name == "time_exit" && open_ && !open_->exiting && open_->filled_legs > 0) {
    exit("time exit " + p_.time_exit.to_string());
  }
}

void OpeningRange::on_fill(const zerodte::model::Fill& /*f*/) {
  if (open_ && !open_->exiting) ++open_->filled_legs;
}

zerodte::core::Status register_opening_range(zs::StrategyRegistry& registry) {
  return registry.add(zs::StrategyInfo{
      .type = "opening_range",
      .summary = "Example: opening-range breakout with a 0DTE debit vertical",
      .seed = "user",
      .declare =
          [](zs::TableSpec& t) {
            t.add_string("symbol", "SPY", "Underlying.");
            t.add_int("range_minutes", 15, "Minutes in the opening range.").range(1, 120);
            t.add_int("width", 2, "Strikes between the legs.").range(1, 20);
            t.add_int("quantity", 1, "Spreads per trade.").range(1, 100);
            t.add_double("target_return", 0.5, "Take profit, share of the debit.").range(0, 10);
            t.add_double("stop_fraction", 0.5, "Stop, share of the debit lost.").range(0, 1);
            t.add_time("time_exit", "15:30", "Close by (New York).");
          },
      .create = [](const zs::ConfigTable& t) -> zerodte::core::Result<zs::StrategyPtr> {
        OpeningRangeParams p;
        p.symbol = t.get<std::string>("symbol");
        p.range_minutes = t.get<int>("range_minutes");
        p.width = t.get<int>("width");
        p.quantity = t.get<std::int64_t>("quantity");
        p.target_return = t.get<double>("target_return");
        p.stop_fraction = t.get<double>("stop_fraction");
        p.time_exit = t.get<zerodte::core::TimeOfDay>("time_exit");
        return std::make_unique<OpeningRange>(std::move(p));
      }});
}

}  // namespace example
