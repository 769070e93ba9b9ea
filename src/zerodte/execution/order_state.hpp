#pragma once
// The order state machine: which status changes are legal. Every change the order manager makes
// or a venue reports goes through check_transition(); an illegal one is refused (never applied),
// logged and raised as an ExecutionAlert for the overseer.
//
//   pending_new ──► accepted ──► partially_filled ──► filled
//        │             │   ▲            │   ▲
//        │             ▼   │            ▼   │            (cancel/replace rejected: back to the
//        │        pending_cancel ──► cancelled            status before the request)
//        │        pending_replace ─► replaced (the replacement is a new order)
//        └──► rejected | cancelled | expired | filled (IOC/FOK may finish without an ack)
#include <array>
#include <string_view>

#include "zerodte/core/error.hpp"
#include "zerodte/model/orders.hpp"

namespace zerodte::execution {

using model::OrderStatus;

inline constexpr std::size_t kOrderStatusCount = 10;

// True when `from -> to` is a legal change of status. A repeated status (accepted -> accepted) is
// not a transition: see is_duplicate_status().
[[nodiscard]] bool is_legal_transition(OrderStatus from, OrderStatus to);

// A venue repeating the current status (a duplicate report). partially_filled -> partially_filled
// with more quantity is a legal transition, not a duplicate; callers decide by filled quantity.
[[nodiscard]] constexpr bool is_duplicate_status(OrderStatus from, OrderStatus to) {
  return from == to && to != OrderStatus::kPartiallyFilled;
}

// Ok, or kState naming both statuses and the order.
[[nodiscard]] core::Status check_transition(std::string_view client_order_id, OrderStatus from,
                                            OrderStatus to);

// Every status, in enum order (for exhaustive tests and docs).
[[nodiscard]] const std::array<OrderStatus, kOrderStatusCount>& all_order_statuses();

// Whether the order manager may request a cancel or replace in this status. Before the venue's
// acknowledgement the manager resolves the order by client_order_id first (the venue may not
// have it), so pending_new is excluded even though a venue may report pending_new ->
// pending_cancel itself.
[[nodiscard]] constexpr bool can_request_cancel(OrderStatus s) {
  return s == OrderStatus::kAccepted || s == OrderStatus::kPartiallyFilled;
}
[[nodiscard]] constexpr bool can_request_replace(OrderStatus s) {
  return s == OrderStatus::kAccepted || s == OrderStatus::kPartiallyFilled;
}

}  // namespace zerodte::execution
