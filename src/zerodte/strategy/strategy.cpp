#include "zerodte/strategy/strategy.hpp"

#include <cmath>

#include "zerodte/model/tick_rules.hpp"

namespace zerodte::strategy {

model::OrderIntent single_order(core::InstrumentId instrument, model::Side side,
                                std::int64_t quantity, core::Price limit, std::uint64_t signal_id,
                                model::TimeInForce tif, bool reduce_only, std::string_view tag) {
  model::OrderIntent in;
  in.signal_id = signal_id;
  in.order_class = model::OrderClass::kSimple;
  in.leg_count = 1;
  model::PositionIntent pi = model::PositionIntent::kAuto;
  if (reduce_only) {
    pi = side == model::Side::kBuy ? model::PositionIntent::kBuyToClose
                                   : model::PositionIntent::kSellToClose;
  } else {
    pi = side == model::Side::kBuy ? model::PositionIntent::kBuyToOpen
                                   : model::PositionIntent::kSellToOpen;
  }
  in.legs[0] = model::OrderLeg{instrument, side, 1, pi};
  in.quantity = core::Quantity{quantity};
  in.type = model::OrderType::kLimit;
  in.tif = tif;
  in.limit_price = limit;
  in.reduce_only = reduce_only;
  in.tag = core::FixedString<64>(tag);
  return in;
}

core::Price round_price(const model::Instrument& inst, double price, core::RoundMode mode) {
  auto p = core::Price::from_double(price);
  if (!p) return core::Price::undefined();
  auto r = model::round_to_valid(inst.tick_rule, *p, mode);
  // Never round a positive price down to zero: one tick is the least a venue accepts.
  if (r.raw() <= 0 && price > 0)
    r = model::round_to_valid(inst.tick_rule, *p, core::RoundMode::kUp);
  return r;
}

}  // namespace zerodte::strategy
