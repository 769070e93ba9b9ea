#include "zerodte/execution/broker_capabilities.hpp"

#include <algorithm>

namespace zerodte::execution {
namespace {

using model::OrderClass;
using model::OrderType;
using model::TimeInForce;

constexpr std::uint8_t kAllTypes = bit(OrderType::kMarket) | bit(OrderType::kLimit) |
                                   bit(OrderType::kStop) | bit(OrderType::kStopLimit);

bool needs_limit(OrderType t) {
  return t == OrderType::kLimit || t == OrderType::kStopLimit;
}
bool needs_stop(OrderType t) {
  return t == OrderType::kStop || t == OrderType::kStopLimit;
}

core::Status check_on_grid(const model::TickRule& rule, core::Price p, std::string_view what,
                           std::string_view coid) {
  if (!p.is_defined() || model::is_valid_price(rule, p)) return core::ok();
  const core::Price down = model::round_to_valid(rule, p, core::RoundMode::kDown);
  const core::Price up = model::round_to_valid(rule, p, core::RoundMode::kUp);
  return core::fail(core::ErrorCode::kInvalid,
                    "order {}: {} {} is not on the tick grid ({}; nearest valid {} or {})", coid,
                    what, p, model::to_string(rule.tick_class), down, up);
}

}  // namespace

BrokerCapabilities BrokerCapabilities::alpaca() {
  BrokerCapabilities c;
  c.name = "alpaca";
  c.max_legs = 4;
  c.order_types = kAllTypes;        // options: market, limit, stop, stop_limit
  c.tifs = bit(TimeInForce::kDay);  // options orders are day orders
  c.multi_leg_order_types = bit(OrderType::kMarket) | bit(OrderType::kLimit);
  c.multi_leg_tifs = bit(TimeInForce::kDay);
  c.modify_in_place = false;  // PATCH /orders/{id} replaces: a new order id
  c.max_leg_ratio = 100;
  c.max_client_order_id_chars = 128;
  return c;
}

BrokerCapabilities BrokerCapabilities::tradier() {
  BrokerCapabilities c;
  c.name = "tradier";
  c.max_legs = 4;
  c.order_types = kAllTypes;
  c.tifs = bit(TimeInForce::kDay) | bit(TimeInForce::kGtc);
  c.multi_leg_order_types = bit(OrderType::kMarket) | bit(OrderType::kLimit);  // debit/credit
  c.multi_leg_tifs = bit(TimeInForce::kDay) | bit(TimeInForce::kGtc);
  c.bracket = true;  // OTOCO
  c.oco = true;
  c.modify_in_place = true;
  c.max_leg_ratio = 100;
  c.max_client_order_id_chars = 255;
  return c;
}

BrokerCapabilities BrokerCapabilities::ibkr() {
  BrokerCapabilities c;
  c.name = "ibkr";
  c.max_legs = 4;  // IB allows more combo legs; kMaxLegs bounds the model
  c.order_types = kAllTypes;
  c.tifs = bit(TimeInForce::kDay) | bit(TimeInForce::kGtc) | bit(TimeInForce::kIoc) |
           bit(TimeInForce::kFok);
  c.multi_leg_order_types = kAllTypes;
  c.multi_leg_tifs = bit(TimeInForce::kDay) | bit(TimeInForce::kGtc) | bit(TimeInForce::kIoc);
  c.bracket = true;
  c.oco = true;
  c.modify_in_place = true;
  c.max_leg_ratio = 1000;
  c.max_client_order_id_chars = 32;  // orderRef
  return c;
}

BrokerCapabilities BrokerCapabilities::angelone() {
  BrokerCapabilities c;
  c.name = "angelone";
  c.max_legs = 1;
  c.order_types = kAllTypes;  // MARKET, LIMIT, STOPLOSS_MARKET, STOPLOSS_LIMIT
  c.tifs = bit(TimeInForce::kDay) | bit(TimeInForce::kIoc);
  c.modify_in_place = true;
  c.max_client_order_id_chars = 20;  // ordertag
  return c;
}

BrokerCapabilities BrokerCapabilities::permissive() {
  BrokerCapabilities c;
  c.name = "permissive";
  c.max_legs = static_cast<std::uint8_t>(model::kMaxLegs);
  c.order_types = kAllTypes;
  c.tifs = 0x0F;
  c.multi_leg_order_types = kAllTypes;
  c.multi_leg_tifs = 0x0F;
  c.bracket = true;
  c.oco = true;
  c.modify_in_place = true;
  c.max_leg_ratio = 1000;
  return c;
}

core::Status validate_order(const model::OrderIntent& in, const BrokerCapabilities& caps,
                            const TickRuleLookup& ticks) {
  const std::string_view id = in.client_order_id.view();
  auto bad = [&](std::string_view rule) {
    return core::fail(core::ErrorCode::kRejected, "order {}: {} (venue profile {})", id, rule,
                      caps.name.view());
  };
  if (in.client_order_id.size() > caps.max_client_order_id_chars) {
    return bad("client_order_id longer than the venue allows");
  }
  if (in.quantity.value <= 0) return bad("quantity must be positive");
  if (in.leg_count == 0 || in.leg_count > model::kMaxLegs) return bad("leg count outside 1..4");
  if (in.leg_count > caps.max_legs) {
    return core::fail(core::ErrorCode::kRejected, "order {}: {} legs but venue {} allows {}", id,
                      in.leg_count, caps.name.view(), caps.max_legs);
  }
  for (std::size_t i = 0; i < in.leg_count; ++i) {
    const auto& leg = in.legs[i];
    if (!leg.instrument.valid()) return bad(fmt::format("leg {} has no instrument", i));
    if (leg.side != model::Side::kBuy && leg.side != model::Side::kSell) {
      return bad(fmt::format("leg {} has no side", i));
    }
    if (leg.ratio <= 0 || leg.ratio > caps.max_leg_ratio) {
      return bad(fmt::format("leg {} ratio {} outside 1..{}", i, leg.ratio, caps.max_leg_ratio));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (in.legs[j].instrument == leg.instrument) {
        return bad(fmt::format("legs {} and {} are the same instrument", j, i));
      }
    }
  }
  const bool multi = in.is_multi_leg();
  if (multi) {
    if (!caps.supports_multi_leg(in.type)) {
      return bad(fmt::format("multi-leg {} orders not supported", model::to_string(in.type)));
    }
    if (!caps.supports_multi_leg(in.tif)) {
      return bad(fmt::format("multi-leg time in force {} not supported", model::to_string(in.tif)));
    }
  } else {
    if (!caps.supports(in.type)) {
      return bad(fmt::format("order type {} not supported", model::to_string(in.type)));
    }
    if (!caps.supports(in.tif)) {
      return bad(fmt::format("time in force {} not supported", model::to_string(in.tif)));
    }
  }
  if (in.order_class == model::OrderClass::kBracket && !caps.bracket) {
    return bad("bracket orders not supported");
  }
  if (in.order_class == model::OrderClass::kOco && !caps.oco)
    return bad("OCO orders not supported");
  if (in.order_class == model::OrderClass::kBracket &&
      (!in.take_profit_price.is_defined() || !in.stop_loss_price.is_defined())) {
    return bad("bracket order needs take_profit_price and stop_loss_price");
  }
  if (needs_limit(in.type) && !in.limit_price.is_defined()) return bad("limit price missing");
  if (needs_stop(in.type) && !in.stop_price.is_defined()) return bad("stop price missing");
  if (!multi && needs_limit(in.type) && in.limit_price <= core::Price::zero()) {
    return bad("single-leg limit price must be positive");
  }

  if (multi) {
    if (needs_limit(in.type) && !in.limit_price.is_multiple_of(caps.complex_tick)) {
      return core::fail(core::ErrorCode::kInvalid,
                        "order {}: net price {} is not a multiple of the complex-order tick {}", id,
                        in.limit_price, caps.complex_tick);
    }
    return core::ok();
  }
  const model::TickRule* rule = ticks ? ticks(in.legs[0].instrument) : nullptr;
  if (rule == nullptr) {
    return core::fail(core::ErrorCode::kNotFound, "order {}: no tick rule for instrument {}", id,
                      in.legs[0].instrument.value);
  }
  if (needs_limit(in.type)) {
    if (auto s = check_on_grid(*rule, in.limit_price, "limit price", id); !s) return s;
  }
  if (needs_stop(in.type)) {
    if (auto s = check_on_grid(*rule, in.stop_price, "stop price", id); !s) return s;
  }
  if (in.order_class == model::OrderClass::kBracket) {
    if (auto s = check_on_grid(*rule, in.take_profit_price, "take-profit price", id); !s) return s;
    if (auto s = check_on_grid(*rule, in.stop_loss_price, "stop-loss price", id); !s) return s;
  }
  return core::ok();
}

}  // namespace zerodte::execution
