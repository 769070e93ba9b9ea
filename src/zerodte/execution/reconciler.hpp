#pragma once
// Reconciliation with the venue, on start-up (after the journal replay) and after every
// reconnect (docs/concepts/reconciliation.md):
//  1. open orders at the venue: ours are brought up to date; unknown ones are adopted and reported;
//  2. our working orders the venue did not list are resolved by querying their client_order_id
//     (filled, cancelled, ...); one the venue has never seen is final (rejected, "lost") and is
//     never resent;
//  3. executions since the last one we know are fetched and the missing ones dispatched into the
//     kernel like live fills (duplicates are recognised by exec_id);
//  4. positions are compared with ours; any difference halts new orders (reduce-only still
//     allowed) and is published as a PositionMismatch with both numbers.
// Runs on the kernel thread; venue calls are the ExecutionClient's (bounded by its timeouts).
#include <map>
#include <optional>
#include <vector>

#include "zerodte/engine/kernel.hpp"
#include "zerodte/execution/execution_events.hpp"
#include "zerodte/execution/order_manager.hpp"

namespace zerodte::execution {

struct ReconciliationReport {
  std::size_t venue_open_orders = 0;
  std::vector<core::ClientOrderId> updated;   // ours, status brought up to date
  std::vector<core::ClientOrderId> adopted;   // placed outside zerodte
  std::vector<core::ClientOrderId> resolved;  // ours, not open: resolved by client_order_id
  std::vector<core::ClientOrderId> lost;      // ours, unknown to the venue (never resent)
  std::size_t fills_replayed = 0;
  std::vector<PositionMismatch> mismatches;
  [[nodiscard]] bool positions_match() const { return mismatches.empty(); }
};

struct ReconcileOptions {
  // Our positions to compare with; default: the order manager's executed positions.
  std::optional<std::map<core::InstrumentId, std::int64_t>> expected_positions;
  // Fetch executions from here; default: the order manager's last fill time.
  std::optional<core::Timestamp> fills_since;
  // Lift an earlier halt when everything matches.
  bool resume_if_clean = false;
};

class Reconciler {
 public:
  Reconciler(OrderManager& om, engine::Kernel& kernel) : om_(om), kernel_(kernel) {}
  // A venue call that fails leaves new orders halted and returns the error.
  core::Result<ReconciliationReport> run(const ReconcileOptions& options = {});

 private:
  OrderManager& om_;
  engine::Kernel& kernel_;
};

}  // namespace zerodte::execution
