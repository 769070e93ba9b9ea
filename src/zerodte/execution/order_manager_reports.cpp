// OrderManager: modify, venue reports (order updates, fills) and reconciliation hooks.
#include "zerodte/execution/client_order_id.hpp"
#include "zerodte/execution/order_manager.hpp"
#include "zerodte/execution/order_state.hpp"

namespace zerodte::execution {

using model::OrderStatus;

core::Result<core::ClientOrderId> OrderManager::modify(const core::ClientOrderId& id,
                                                       core::Quantity quantity,
                                                       core::Price limit_price,
                                                       core::Price stop_price) {
  OrderRecord* rec = find_mut(id);
  if (rec == nullptr)
    return core::fail(core::ErrorCode::kNotFound, "modify: unknown order {}", id.view());
  if (!can_request_replace(rec->status)) {
    return core::fail(core::ErrorCode::kState, "modify {}: not modifiable while {}", id.view(),
                      model::to_string(rec->status));
  }
  if (quantity.value <= 0) {
    return core::fail(core::ErrorCode::kInvalid, "modify {}: quantity {} must be positive",
                      id.view(), quantity.value);
  }
  model::OrderIntent repl = rec->intent;
  repl.quantity = quantity;
  if (limit_price.is_defined()) repl.limit_price = limit_price;
  if (stop_price.is_defined()) repl.stop_price = stop_price;
  repl.client_order_id = make_client_order_id(cfg_.id_namespace, rec->intent, rec->revision + 1);
  repl.ts_created = now();
  if (find(repl.client_order_id) != nullptr) {
    return core::fail(core::ErrorCode::kState, "modify {}: replacement {} already exists",
                      id.view(), repl.client_order_id.view());
  }
  if (auto s = validate_order(repl, client_.capabilities(), ticks_); !s) {
    return std::unexpected(s.error());
  }
  if (auto s = journal_.append_durable(repl); !s) {
    alert(AlertKind::kJournalFailure, rec, rec->status, rec->status, s.error().message);
    return std::unexpected(s.error().with_context("modify not sent"));
  }
  ModifyRequest req;
  req.client_order_id = id;
  req.venue_order_id = rec->venue_order_id;
  req.new_client_order_id = repl.client_order_id;
  req.quantity = quantity;
  req.limit_price = limit_price;
  req.stop_price = stop_price;
  transition(*rec, OrderStatus::kPendingReplace, "modify requested");
  rec->revision += 1;
  rec->replaced_by = repl.client_order_id;
  auto ack = client_.modify(req);
  rec = find_mut(id);  // stable (deque), re-read for clarity
  if (!ack) {
    const OrderStatus back =
        rec->filled().value > 0 ? OrderStatus::kPartiallyFilled : OrderStatus::kAccepted;
    transition(*rec, back, "modify refused");
    rec->replaced_by = core::ClientOrderId{};
    return std::unexpected(ack.error().with_context(fmt::format("modify {}", id.view())));
  }
  OrderRecord& nrec = insert(repl);
  nrec.revision = rec->revision;
  if (!ack->venue_order_id.empty()) nrec.venue_order_id = ack->venue_order_id;
  if (ack->status != OrderStatus::kPendingNew) transition(nrec, ack->status, "modify ack");
  arm_fill_monitor(nrec, cfg_.fill_timeout);
  return repl.client_order_id;
}

void OrderManager::on_order_update(const model::OrderUpdate& u) {
  OrderRecord* rec = find_mut(u.client_order_id);
  if (rec == nullptr) {
    alert(AlertKind::kUnknownOrder, nullptr, OrderStatus::kPendingNew, u.status,
          fmt::format("update for unknown order {} ({}); left to reconciliation",
                      u.client_order_id.view(), model::to_string(u.status)));
    return;
  }
  if (!u.venue_order_id.empty()) rec->venue_order_id = u.venue_order_id;
  if (!u.reason.empty()) rec->reason = u.reason;
  if (u.status == OrderStatus::kPartiallyFilled && rec->status == OrderStatus::kPartiallyFilled) {
    rec->ts_last_update = now();
    return;
  }
  // A venue's partially_filled/filled report for an order whose fills we have already counted
  // past that point (the fill arrived first) is not news.
  if (u.status == OrderStatus::kPartiallyFilled && rec->status == OrderStatus::kFilled &&
      u.filled_qty.value > 0 && u.filled_qty.value <= rec->filled().value) {
    return;
  }
  transition(*rec, u.status, "venue report");
  after_progress(u.client_order_id);
}

void OrderManager::on_fill(const model::Fill& f) {
  if (!f.exec_id.empty()) {
    if (!exec_ids_.insert(f.exec_id).second) return;  // duplicate execution report
  }
  const std::int64_t signed_qty =
      f.side == model::Side::kSell ? -f.quantity.value : f.quantity.value;
  positions_[f.instrument] += signed_qty;
  last_fill_ts_ = std::max(last_fill_ts_, f.ts_event);

  // Executions that belong to no order (expiry, exercise, assignment, broker liquidation) carry
  // an empty client_order_id: they move positions only.
  if (f.client_order_id.empty()) return;
  OrderRecord* rec = find_mut(f.client_order_id);
  if (rec == nullptr) {
    alert(AlertKind::kUnknownOrder, nullptr, OrderStatus::kPendingNew, OrderStatus::kFilled,
          fmt::format("fill {} for unknown order {}: {} x {}; counted in positions",
                      f.exec_id.view(), f.client_order_id.view(), f.quantity.value, f.price));
    return;
  }
  if (f.leg_index >= rec->intent.leg_count) {
    alert(AlertKind::kIllegalTransition, rec, rec->status, rec->status,
          fmt::format("fill {} names leg {} of a {}-leg order; counted in positions only",
                      f.exec_id.view(), f.leg_index, rec->intent.leg_count));
    return;
  }
  rec->leg_filled[f.leg_index] += f.quantity.value;
  rec->net_notional_raw += static_cast<__int128>(f.price.raw()) * signed_qty;
  rec->ts_last_update = now();

  const std::int64_t units = rec->filled().value;
  const std::int64_t wanted = rec->intent.quantity.value;
  if (units > wanted) {
    alert(AlertKind::kOverfill, rec, rec->status, rec->status,
          fmt::format("{} filled of {} ordered", units, wanted));
  }
  switch (rec->status) {
    case OrderStatus::kCancelled:
    case OrderStatus::kExpired:
    case OrderStatus::kRejected:
    case OrderStatus::kReplaced:
      // The execution is real (it happened before the venue processed the cancel); count it and
      // tell the overseer, but a final status does not change.
      alert(AlertKind::kLateFill, rec, rec->status, rec->status,
            fmt::format("fill {} ({} x {}) after the order was {}", f.exec_id.view(),
                        f.quantity.value, f.price, model::to_string(rec->status)));
      after_progress(f.client_order_id);
      return;
    case OrderStatus::kFilled:
      after_progress(f.client_order_id);
      return;
    default:
      break;
  }
  if (units >= wanted) {
    transition(*rec, OrderStatus::kFilled, "fill");
  } else if (units > 0 &&
             (rec->status == OrderStatus::kPendingNew || rec->status == OrderStatus::kAccepted)) {
    transition(*rec, OrderStatus::kPartiallyFilled, "fill");
  }
  after_progress(f.client_order_id);
}

void OrderManager::restore(std::span<const model::OrderIntent> journaled) {
  for (const auto& intent : journaled) {
    if (find(intent.client_order_id) != nullptr) continue;
    OrderRecord& rec = insert(intent);
    rec.ts_submitted = intent.ts_created;
    rec.needs_reconcile = true;
    rec.emulated_bracket = emulates_bracket(intent);
  }
  // Re-link emulated brackets: the exits' ids derive from the entry's intent.
  for (const auto& intent : journaled) {
    if (!emulates_bracket(intent)) continue;
    const auto tp = make_client_order_id(cfg_.id_namespace, intent, kTakeProfitRevision);
    const auto sl = make_client_order_id(cfg_.id_namespace, intent, kStopLossRevision);
    OrderRecord* a = find_mut(tp);
    OrderRecord* b = find_mut(sl);
    if (a != nullptr || b != nullptr) find_mut(intent.client_order_id)->exits_sent = true;
    if (a != nullptr && b != nullptr) {
      a->oco_sibling = sl;
      b->oco_sibling = tp;
    }
  }
}

void OrderManager::apply_venue_state(const VenueOrderState& v) {
  OrderRecord* rec = find_mut(v.order.client_order_id);
  if (rec == nullptr) {
    adopt(v);
    return;
  }
  if (!v.venue_order_id.empty()) rec->venue_order_id = v.venue_order_id;
  const OrderStatus from = rec->status;
  if (rec->needs_reconcile && from == OrderStatus::kPendingNew) {
    // Our status is unknown (restored from the journal, or retries ran out): the venue's word is
    // the state, whatever path led there (e.g. replaced by a replacement we also journaled).
    rec->needs_reconcile = false;
    rec->status = v.status;
    rec->ts_last_update = now();
    if (model::is_terminal(v.status)) finish(*rec);
    alert(AlertKind::kOrderResolved, rec, from, rec->status,
          fmt::format("venue has it as {} ({} filled)", model::to_string(v.status),
                      v.filled_qty.value));
    return;
  }
  rec->needs_reconcile = false;
  if (from != v.status) {
    // Reconciliation may skip intermediate steps (pending_new -> filled is legal; accepted ->
    // replaced is not, and is reported like any other illegal report).
    transition(*rec, v.status, "reconciliation");
  }
  alert(AlertKind::kOrderResolved, rec, from, rec->status,
        fmt::format("venue has it as {} ({} filled)", model::to_string(v.status),
                    v.filled_qty.value));
}

void OrderManager::adopt(const VenueOrderState& v) {
  if (find(v.order.client_order_id) != nullptr) return;
  model::OrderIntent intent = v.order;
  if (intent.client_order_id.empty()) intent.client_order_id = v.venue_order_id.view();
  OrderRecord& rec = insert(intent);
  rec.adopted = true;
  rec.venue_order_id = v.venue_order_id;
  rec.status = v.status;  // adopted as the venue reports it; no transition from our side
  alert(AlertKind::kOrderAdopted, &rec, v.status, v.status,
        fmt::format("order placed outside zerodte: venue id {}, {} legs, qty {}, {}",
                    v.venue_order_id.view(), intent.leg_count, intent.quantity.value,
                    model::to_string(v.status)));
}

void OrderManager::mark_lost(const core::ClientOrderId& id) {
  OrderRecord* rec = find_mut(id);
  if (rec == nullptr || model::is_terminal(rec->status)) return;
  const OrderStatus from = rec->status;
  rec->reason = "not found at the venue by client_order_id; not resent";
  rec->needs_reconcile = false;
  if (from == OrderStatus::kPendingNew) transition(*rec, OrderStatus::kRejected, "lost");
  alert(AlertKind::kOrderLost, rec, from, rec->status, rec->reason.view());
}

void OrderManager::halt(std::string_view reason) {
  halted_ = true;
  if (kernel_ != nullptr) kernel_->bus().publish(ExecutionHalt{true, now(), reason});
}

void OrderManager::raise(AlertKind kind, std::string_view detail) {
  alert(kind, nullptr, OrderStatus::kPendingNew, OrderStatus::kPendingNew, detail);
}

void OrderManager::resume(std::string_view reason) {
  halted_ = false;
  if (kernel_ != nullptr) kernel_->bus().publish(ExecutionHalt{false, now(), reason});
}

}  // namespace zerodte::execution
