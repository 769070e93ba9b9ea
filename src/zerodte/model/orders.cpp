#include "zerodte/model/orders.hpp"

namespace zerodte::model {

std::string_view to_string(OrderStatus s) {
  switch (s) {
    case OrderStatus::kPendingNew:
      return "pending_new";
    case OrderStatus::kAccepted:
      return "accepted";
    case OrderStatus::kPartiallyFilled:
      return "partially_filled";
    case OrderStatus::kFilled:
      return "filled";
    case OrderStatus::kPendingCancel:
      return "pending_cancel";
    case OrderStatus::kPendingReplace:
      return "pending_replace";
    case OrderStatus::kReplaced:
      return "replaced";
    case OrderStatus::kCancelled:
      return "cancelled";
    case OrderStatus::kRejected:
      return "rejected";
    case OrderStatus::kExpired:
      return "expired";
  }
  return "unknown";
}

std::string_view to_string(Side s) {
  switch (s) {
    case Side::kBuy:
      return "buy";
    case Side::kSell:
      return "sell";
    case Side::kNone:
      return "none";
  }
  return "none";
}

std::string_view to_string(OrderType t) {
  switch (t) {
    case OrderType::kMarket:
      return "market";
    case OrderType::kLimit:
      return "limit";
    case OrderType::kStop:
      return "stop";
    case OrderType::kStopLimit:
      return "stop_limit";
  }
  return "unknown";
}

std::string_view to_string(TimeInForce t) {
  switch (t) {
    case TimeInForce::kDay:
      return "day";
    case TimeInForce::kIoc:
      return "ioc";
    case TimeInForce::kGtc:
      return "gtc";
    case TimeInForce::kFok:
      return "fok";
  }
  return "unknown";
}

}  // namespace zerodte::model
