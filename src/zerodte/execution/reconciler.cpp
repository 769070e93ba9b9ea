#include "zerodte/execution/reconciler.hpp"

#include <set>

namespace zerodte::execution {

core::Result<ReconciliationReport> Reconciler::run(const ReconcileOptions& options) {
  ExecutionClient& venue = om_.client();
  ReconciliationReport report;
  auto halt_on = [this](const core::Error& e, std::string_view step) {
    om_.halt(fmt::format("reconciliation failed at {}", step));
    return std::unexpected(e.with_context(fmt::format("reconciliation: {}", step)));
  };

  // 1. Open orders.
  auto open = venue.open_orders();
  if (!open) return halt_on(open.error(), "open orders");
  report.venue_open_orders = open->size();
  std::set<core::ClientOrderId> open_ids;
  for (const VenueOrderState& v : *open) {
    open_ids.insert(v.order.client_order_id);
    const OrderRecord* ours = om_.find(v.order.client_order_id);
    if (ours == nullptr) {
      om_.adopt(v);
      report.adopted.push_back(v.order.client_order_id);
    } else if (ours->status != v.status || ours->needs_reconcile) {
      om_.apply_venue_state(v);
      report.updated.push_back(v.order.client_order_id);
    }
  }

  // 2. Ours that the venue does not list as open: ask by client_order_id, never resend.
  std::vector<core::ClientOrderId> to_resolve;
  for (const OrderRecord* rec : om_.orders()) {
    if (open_ids.contains(rec->id())) continue;
    if (!model::is_terminal(rec->status) || rec->needs_reconcile) to_resolve.push_back(rec->id());
  }
  for (const auto& id : to_resolve) {
    auto q = venue.query_order(id);
    if (q) {
      om_.apply_venue_state(*q);
      report.resolved.push_back(id);
    } else if (q.error().code == core::ErrorCode::kNotFound) {
      om_.mark_lost(id);
      report.lost.push_back(id);
    } else {
      return halt_on(q.error(), fmt::format("query of {}", id.view()));
    }
  }

  // 3. Executions we missed, dispatched like live ones (the journal and the portfolio see them).
  const core::Timestamp since = options.fills_since.value_or(om_.last_fill_time());
  auto fills = venue.fills_since(since);
  if (!fills) return halt_on(fills.error(), "fills");
  for (const model::Fill& f : *fills) {
    if (!f.exec_id.empty() && om_.seen_exec(f.exec_id.view())) continue;
    kernel_.dispatch(engine::Event{f});
    ++report.fills_replayed;
  }

  // 4. Positions.
  auto positions = venue.positions();
  if (!positions) return halt_on(positions.error(), "positions");
  std::map<core::InstrumentId, std::int64_t> theirs;
  for (const auto& p : *positions)
    theirs[p.instrument] += p.quantity.value;
  const auto& ours =
      options.expected_positions ? *options.expected_positions : om_.executed_positions();
  std::set<core::InstrumentId> all;
  for (const auto& [id, q] : ours)
    all.insert(id);
  for (const auto& [id, q] : theirs)
    all.insert(id);
  for (core::InstrumentId id : all) {
    const auto a = ours.find(id);
    const auto b = theirs.find(id);
    const std::int64_t q_ours = a == ours.end() ? 0 : a->second;
    const std::int64_t q_venue = b == theirs.end() ? 0 : b->second;
    if (q_ours == q_venue) continue;
    PositionMismatch m{id, core::Quantity{q_ours}, core::Quantity{q_venue}, kernel_.now()};
    report.mismatches.push_back(m);
    kernel_.bus().publish(m);
    om_.raise(AlertKind::kPositionMismatch,
              fmt::format("instrument {}: ours {}, venue {}", id.value, q_ours, q_venue));
  }
  if (!report.mismatches.empty()) {
    const auto& m = report.mismatches.front();
    om_.halt(fmt::format("position mismatch on {} instrument(s), first {}: ours {} venue {}",
                         report.mismatches.size(), m.instrument.value, m.ours.value,
                         m.venue.value));
  } else if (options.resume_if_clean && om_.halted()) {
    om_.resume("reconciliation clean");
  }
  return report;
}

}  // namespace zerodte::execution
