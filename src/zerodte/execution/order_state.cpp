#include "zerodte/execution/order_state.hpp"

namespace zerodte::execution {
namespace {

constexpr std::size_t idx(OrderStatus s) {
  return static_cast<std::size_t>(s);
}

using Row = std::array<bool, kOrderStatusCount>;
using Table = std::array<Row, kOrderStatusCount>;

constexpr Table make_table() {
  using S = OrderStatus;
  Table t{};
  auto allow = [&t](S from, std::initializer_list<S> tos) {
    for (S to : tos)
      t[idx(from)][idx(to)] = true;
  };
  // Before the venue acknowledges: IOC/FOK and marketable orders can finish at once; a cancel
  // may be requested before the ack (the venue answers with cancelled or a fill).
  allow(S::kPendingNew, {S::kAccepted, S::kPartiallyFilled, S::kFilled, S::kRejected, S::kCancelled,
                         S::kExpired, S::kPendingCancel});
  allow(S::kAccepted, {S::kPartiallyFilled, S::kFilled, S::kPendingCancel, S::kPendingReplace,
                       S::kCancelled, S::kExpired});
  allow(S::kPartiallyFilled, {S::kPartiallyFilled, S::kFilled, S::kPendingCancel,
                              S::kPendingReplace, S::kCancelled, S::kExpired});
  // A cancel in flight: fills may still arrive (the fill/cancel race); a cancel reject returns
  // the order to accepted or partially_filled.
  allow(S::kPendingCancel,
        {S::kCancelled, S::kPartiallyFilled, S::kFilled, S::kExpired, S::kAccepted});
  // A replace in flight: replaced (the replacement is tracked as a new order), or the replace is
  // rejected (back to accepted/partially_filled), or the original fills or ends first.
  allow(S::kPendingReplace,
        {S::kReplaced, S::kAccepted, S::kPartiallyFilled, S::kFilled, S::kCancelled, S::kExpired});
  // filled, cancelled, rejected, expired and replaced are terminal: no way out.
  return t;
}

constexpr Table kTable = make_table();

constexpr std::array<OrderStatus, kOrderStatusCount> kAll = {
    OrderStatus::kPendingNew, OrderStatus::kAccepted,      OrderStatus::kPartiallyFilled,
    OrderStatus::kFilled,     OrderStatus::kPendingCancel, OrderStatus::kPendingReplace,
    OrderStatus::kReplaced,   OrderStatus::kCancelled,     OrderStatus::kRejected,
    OrderStatus::kExpired};

}  // namespace

bool is_legal_transition(OrderStatus from, OrderStatus to) {
  return kTable[idx(from)][idx(to)];
}

core::Status check_transition(std::string_view client_order_id, OrderStatus from, OrderStatus to) {
  if (is_legal_transition(from, to)) return core::ok();
  return core::fail(core::ErrorCode::kState, "order {}: illegal transition {} -> {}{}",
                    client_order_id, model::to_string(from), model::to_string(to),
                    model::is_terminal(from) ? " (the order is already final)" : "");
}

const std::array<OrderStatus, kOrderStatusCount>& all_order_statuses() {
  return kAll;
}

}  // namespace zerodte::execution
