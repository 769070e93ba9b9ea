#include "zerodte/risk/close_intent.hpp"

#include <cmath>
#include <numeric>

#include "zerodte/model/tick_rules.hpp"

namespace zerodte::risk {

core::Result<model::OrderIntent> make_close_intent(std::span<const CloseLeg> legs, double fraction,
                                                   const model::InstrumentRegistry& registry,
                                                   const MarketCache& market, int slippage_ticks) {
  if (legs.empty() || legs.size() > model::kMaxLegs) {
    return core::fail(core::ErrorCode::kInvalid, "close: {} legs (1..{} per package)", legs.size(),
                      model::kMaxLegs);
  }
  std::int64_t g = 0;
  for (const auto& l : legs)
    g = std::gcd(g, std::abs(l.quantity));
  if (g == 0) return core::fail(core::ErrorCode::kInvalid, "close: nothing open");
  auto units = static_cast<std::int64_t>(std::floor(static_cast<double>(g) * fraction + 1e-9));
  if (fraction >= 1) units = g;
  if (units <= 0) {
    return core::fail(core::ErrorCode::kInvalid, "close: {:.0f}% of {} is less than one unit",
                      fraction * 100, g);
  }
  model::OrderIntent in;
  in.leg_count = static_cast<std::uint8_t>(legs.size());
  in.order_class = legs.size() > 1 ? model::OrderClass::kMultiLeg : model::OrderClass::kSimple;
  in.quantity = core::Quantity{units};
  in.type = model::OrderType::kLimit;
  in.tif = model::TimeInForce::kDay;
  in.reduce_only = true;
  in.stop_price = core::Price::undefined();
  in.take_profit_price = core::Price::undefined();
  in.stop_loss_price = core::Price::undefined();
  core::Price net = core::Price::zero();
  core::Price tick = core::Price::undefined();
  for (std::size_t i = 0; i < legs.size(); ++i) {
    const auto& inst = registry.get(legs[i].instrument);
    const model::Side side = legs[i].quantity > 0 ? model::Side::kSell : model::Side::kBuy;
    in.legs[i] = model::OrderLeg{legs[i].instrument, side,
                                 static_cast<std::int32_t>(std::abs(legs[i].quantity) / g),
                                 legs[i].quantity > 0 ? model::PositionIntent::kSellToClose
                                                      : model::PositionIntent::kBuyToClose};
    const auto* m = market.find_any(legs[i].instrument);
    core::Price p = core::Price::undefined();
    if (m != nullptr && m->two_sided()) {
      p = side == model::Side::kBuy ? m->ask : m->bid;
    } else if (m != nullptr && m->last.is_defined()) {
      p = core::Price::from_raw(side == model::Side::kBuy ? m->last.raw() / 10 * 11
                                                          : m->last.raw() / 10 * 9);
    } else {
      return core::fail(core::ErrorCode::kNotFound, "close: no price for {}", inst.symbol_view());
    }
    const core::Price t = model::tick_size(inst.tick_rule, p);
    tick =
        tick.is_defined() ? std::min(tick, inst.tick_rule.tick_below) : inst.tick_rule.tick_below;
    const core::Price through = t * slippage_ticks;
    if (legs.size() == 1) {
      core::Price lim = side == model::Side::kBuy ? p + through : p - through;
      if (lim.raw() <= 0) lim = t;  // a sell at no bid: the lowest price the venue takes
      lim = model::round_to_valid(
          inst.tick_rule, lim,
          side == model::Side::kBuy ? core::RoundMode::kUp : core::RoundMode::kDown);
      in.limit_price = lim;
      return in;
    }
    const std::int64_t ratio = in.legs[i].ratio;
    net += (side == model::Side::kBuy ? p : -p) * ratio;
    (void)through;
  }
  // Package: net debit (+) or credit (-) per unit; pay up by the slippage in package ticks.
  net += tick * slippage_ticks;
  in.limit_price = net.round_to_tick(tick, core::RoundMode::kUp);
  return in;
}

}  // namespace zerodte::risk
