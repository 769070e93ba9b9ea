#include "zerodte/adapters/angelone/nse_order_rules.hpp"

#include <cctype>
#include <cmath>

#include <fmt/format.h>

namespace zerodte::adapters::angelone {

using core::ErrorCode;
using model::OrderStatus;

core::Status check_nse_order(const model::OrderIntent& o, const model::Instrument& inst,
                             const Scrip* scrip, std::optional<core::Price> ltp,
                             const NseRuleConfig& cfg) {
  const std::string_view sym = inst.symbol_view();
  if (o.is_multi_leg()) {
    return core::fail(ErrorCode::kRejected,
                      "angelone {}: multi-leg orders are not supported (send legs separately)",
                      o.client_order_id.view());
  }
  const std::int64_t qty = o.quantity.value;
  const std::int64_t lot =
      scrip != nullptr && scrip->lot_size > 0 ? scrip->lot_size : inst.lot_size;
  if (qty <= 0 || lot <= 0 || qty % lot != 0) {
    return core::fail(ErrorCode::kRejected,
                      "angelone {} {}: quantity {} is not a multiple of the lot size {}",
                      o.client_order_id.view(), sym, qty, lot);
  }
  if (inst.freeze_quantity > 0 && qty > inst.freeze_quantity) {
    return core::fail(ErrorCode::kRejected,
                      "angelone {} {}: quantity {} exceeds the freeze quantity {}",
                      o.client_order_id.view(), sym, qty, inst.freeze_quantity);
  }
  const core::Price tick = core::Price::from_cents(5);
  auto check_price = [&](core::Price p, std::string_view what) -> core::Status {
    if (!p.is_defined() || p.raw() <= 0) {
      return core::fail(ErrorCode::kRejected, "angelone {} {}: {} price missing",
                        o.client_order_id.view(), sym, what);
    }
    if (!p.is_multiple_of(tick)) {
      return core::fail(ErrorCode::kRejected,
                        "angelone {} {}: {} price {} is not a multiple of the Rs 0.05 tick",
                        o.client_order_id.view(), sym, what, p.to_string());
    }
    if (ltp && ltp->is_defined() && ltp->raw() > 0) {
      const double lo = ltp->to_double() * (1.0 - cfg.price_band);
      const double hi = ltp->to_double() * (1.0 + cfg.price_band);
      const double x = p.to_double();
      if (x < lo - 1e-9 || x > hi + 1e-9) {
        return core::fail(ErrorCode::kRejected,
                          "angelone {} {}: {} price {} is outside the +/-{:.0f}% band around LTP "
                          "{} ({:.2f} .. {:.2f})",
                          o.client_order_id.view(), sym, what, p.to_string(), cfg.price_band * 100,
                          ltp->to_string(), lo, hi);
      }
    }
    return core::ok();
  };
  if (o.type == model::OrderType::kLimit || o.type == model::OrderType::kStopLimit) {
    if (auto s = check_price(o.limit_price, "limit"); !s) return s;
  }
  if (o.type == model::OrderType::kStop || o.type == model::OrderType::kStopLimit) {
    if (auto s = check_price(o.stop_price, "trigger"); !s) return s;
  }
  return core::ok();
}

core::Result<AngelOrderRequest> to_angel_request(const model::OrderIntent& o,
                                                 const model::Instrument& inst, const Scrip& scrip,
                                                 std::string_view product_type) {
  if (o.client_order_id.size() > 20) {
    return core::fail(ErrorCode::kInvalid, "angelone: ordertag {} is longer than 20 characters",
                      o.client_order_id.view());
  }
  AngelOrderRequest r;
  r.tradingsymbol = std::string(inst.symbol_view());
  r.symboltoken = scrip.token;
  r.exchange = scrip.exchange;
  r.transactiontype = o.legs[0].side == model::Side::kSell ? "SELL" : "BUY";
  r.producttype = std::string(product_type);
  r.quantity = o.quantity.value;
  r.ordertag = std::string(o.client_order_id.view());
  switch (o.tif) {
    case model::TimeInForce::kDay:
      r.duration = "DAY";
      break;
    case model::TimeInForce::kIoc:
      r.duration = "IOC";
      break;
    default:
      return core::fail(ErrorCode::kRejected, "angelone: time in force {} not supported (DAY, IOC)",
                        model::to_string(o.tif));
  }
  switch (o.type) {
    case model::OrderType::kMarket:
      r.ordertype = "MARKET";
      break;
    case model::OrderType::kLimit:
      r.ordertype = "LIMIT";
      r.price = o.limit_price;
      break;
    case model::OrderType::kStop:
      r.variety = "STOPLOSS";
      r.ordertype = "STOPLOSS_MARKET";
      r.triggerprice = o.stop_price;
      break;
    case model::OrderType::kStopLimit:
      r.variety = "STOPLOSS";
      r.ordertype = "STOPLOSS_LIMIT";
      r.price = o.limit_price;
      r.triggerprice = o.stop_price;
      break;
  }
  return r;
}

core::Result<OrderStatus> status_from_angel(std::string_view raw, std::int64_t filled) {
  std::string s;
  for (char c : raw)
    s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  const OrderStatus working = filled > 0 ? OrderStatus::kPartiallyFilled : OrderStatus::kAccepted;
  if (s == "complete") return OrderStatus::kFilled;
  if (s == "rejected") return OrderStatus::kRejected;
  if (s == "cancelled") return OrderStatus::kCancelled;
  if (s == "open" || s == "trigger pending" || s == "modified" || s == "not modified" ||
      s == "not cancelled") {
    return working;
  }
  if (s == "open pending" || s == "validation pending" || s == "put order req received" ||
      s == "after market order req received") {
    return OrderStatus::kPendingNew;
  }
  if (s == "modify pending" || s == "modify validation pending" ||
      s == "modify order req received") {
    return OrderStatus::kPendingReplace;
  }
  if (s == "cancel pending" || s == "cancel order req received") return OrderStatus::kPendingCancel;
  return core::fail(ErrorCode::kParse, "angelone: unknown order status '{}'", raw);
}

}  // namespace zerodte::adapters::angelone
