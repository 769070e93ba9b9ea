#pragma once
// Events the execution area publishes on the bus for the overseer, the journal and the dashboard.
// Trivially copyable; published with MessageBus::publish (kAllTopics).
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "zerodte/core/fixed_string.hpp"
#include "zerodte/model/orders.hpp"

namespace zerodte::execution {

enum class AlertKind : std::uint8_t {
  kIllegalTransition,   // a venue report that would break the state machine (not applied)
  kLateFill,            // a fill for an order already cancelled/expired (applied: it is real)
  kOverfill,            // fills beyond the order quantity (applied, flagged)
  kUnknownOrder,        // a report or fill for an order we never sent and have not adopted
  kRetryExhausted,      // a venue call failed permanently after retries
  kSubmitRejected,      // the venue rejected a submit
  kOrderAdopted,        // reconciliation found an order placed outside zerodte
  kOrderResolved,       // reconciliation resolved one of our orders by client_order_id
  kOrderLost,           // our order is unknown to the venue: it never arrived (not resent)
  kPositionMismatch,    // our position differs from the venue's: new orders halted
  kFillMonitorTimeout,  // the fill monitor cancelled an order that did not fill in time
  kJournalFailure,      // the intent could not be made durable: the order was not sent
};
std::string_view to_string(AlertKind k);

struct ExecutionAlert {
  AlertKind kind = AlertKind::kIllegalTransition;
  core::ClientOrderId client_order_id;
  model::OrderStatus from = model::OrderStatus::kPendingNew;
  model::OrderStatus to = model::OrderStatus::kPendingNew;
  core::Timestamp ts;
  core::FixedString<160> detail;
};

// Reconciliation found a different position at the venue. New orders stay halted until an
// operator (or a later reconciliation that matches) clears it.
struct PositionMismatch {
  core::InstrumentId instrument;
  core::Quantity ours{0};
  core::Quantity venue{0};
  core::Timestamp ts;
};

// The order manager's gate for new (non-reducing) orders changed.
struct ExecutionHalt {
  bool halted = false;
  core::Timestamp ts;
  core::FixedString<96> reason;
};

static_assert(std::is_trivially_copyable_v<ExecutionAlert>);
static_assert(std::is_trivially_copyable_v<PositionMismatch>);
static_assert(std::is_trivially_copyable_v<ExecutionHalt>);

}  // namespace zerodte::execution
