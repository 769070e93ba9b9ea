#include "zerodte/execution/order_manager.hpp"

#include <spdlog/spdlog.h>

#include "zerodte/execution/client_order_id.hpp"
#include "zerodte/execution/order_state.hpp"

namespace zerodte::execution {

using model::OrderStatus;

std::string_view to_string(AlertKind k) {
  switch (k) {
    case AlertKind::kIllegalTransition:
      return "illegal_transition";
    case AlertKind::kLateFill:
      return "late_fill";
    case AlertKind::kOverfill:
      return "overfill";
    case AlertKind::kUnknownOrder:
      return "unknown_order";
    case AlertKind::kRetryExhausted:
      return "retry_exhausted";
    case AlertKind::kSubmitRejected:
      return "submit_rejected";
    case AlertKind::kOrderAdopted:
      return "order_adopted";
    case AlertKind::kOrderResolved:
      return "order_resolved";
    case AlertKind::kOrderLost:
      return "order_lost";
    case AlertKind::kPositionMismatch:
      return "position_mismatch";
    case AlertKind::kFillMonitorTimeout:
      return "fill_monitor_timeout";
    case AlertKind::kJournalFailure:
      return "journal_failure";
  }
  return "unknown";
}

OrderManager::OrderManager(ExecutionClient& client, IntentJournal& journal, TickRuleLookup ticks,
                           OrderManagerConfig cfg)
    : client_(client),
      journal_(journal),
      ticks_(std::move(ticks)),
      cfg_(std::move(cfg)),
      backoff_(cfg_.retry, cfg_.retry_seed) {
  if (!cfg_.log) cfg_.log = [](std::string_view m) { spdlog::warn("execution: {}", m); };
}

void OrderManager::start(engine::Kernel& kernel) {
  kernel_ = &kernel;
  subs_.push_back(kernel.bus().subscribe_all<model::OrderUpdate>(
      [this](const model::OrderUpdate& u) { on_order_update(u); }));
  subs_.push_back(
      kernel.bus().subscribe_all<model::Fill>([this](const model::Fill& f) { on_fill(f); }));
}

void OrderManager::stop() {
  if (kernel_ == nullptr) return;
  for (auto s : subs_)
    kernel_->bus().unsubscribe(s);
  subs_.clear();
}

core::Timestamp OrderManager::now() const {
  return kernel_ != nullptr ? kernel_->now() : core::Timestamp{};
}

OrderRecord* OrderManager::find_mut(const core::ClientOrderId& id) {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &records_[it->second];
}

const OrderRecord* OrderManager::find(const core::ClientOrderId& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &records_[it->second];
}

std::vector<const OrderRecord*> OrderManager::orders() const {
  std::vector<const OrderRecord*> out;
  out.reserve(records_.size());
  for (const auto& r : records_)
    out.push_back(&r);
  return out;
}

bool OrderManager::seen_exec(std::string_view exec_id) const {
  return exec_ids_.contains(core::FixedString<48>(exec_id));
}

OrderRecord& OrderManager::insert(const model::OrderIntent& intent) {
  index_.emplace(intent.client_order_id, records_.size());
  OrderRecord& rec = records_.emplace_back();
  rec.intent = intent;
  rec.ts_submitted = now();
  rec.ts_last_update = rec.ts_submitted;
  return rec;
}

void OrderManager::alert(AlertKind kind, const OrderRecord* rec, OrderStatus from, OrderStatus to,
                         std::string_view detail) {
  ExecutionAlert a;
  a.kind = kind;
  if (rec != nullptr) a.client_order_id = rec->id();
  a.from = from;
  a.to = to;
  a.ts = now();
  a.detail = detail;
  alerts_.push_back(a);
  cfg_.log(fmt::format("{} {}: {}", to_string(kind), a.client_order_id.view(), detail));
  if (kernel_ != nullptr) kernel_->bus().publish(a);
}

bool OrderManager::transition(OrderRecord& rec, OrderStatus to, std::string_view why) {
  if (is_duplicate_status(rec.status, to)) return true;
  if (auto s = check_transition(rec.id().view(), rec.status, to); !s) {
    alert(AlertKind::kIllegalTransition, &rec, rec.status, to,
          fmt::format("{} ({}); not applied", s.error().message, why));
    return false;
  }
  if (to == OrderStatus::kPendingCancel || to == OrderStatus::kPendingReplace) {
    rec.status_before_request = rec.status;
  }
  rec.status = to;
  rec.ts_last_update = now();
  if (model::is_terminal(to)) finish(rec);
  return true;
}

void OrderManager::finish(OrderRecord& rec) {
  if (kernel_ == nullptr) return;
  if (rec.fill_timer != 0) kernel_->timers().cancel(rec.fill_timer);
  if (rec.retry_timer != 0) kernel_->timers().cancel(rec.retry_timer);
  rec.fill_timer = 0;
  rec.retry_timer = 0;
}

core::Result<core::ClientOrderId> OrderManager::submit(model::OrderIntent intent,
                                                       std::optional<core::Duration> fill_timeout) {
  intent.client_order_id = make_client_order_id(cfg_.id_namespace, intent);
  if (const OrderRecord* existing = find(intent.client_order_id)) {
    return core::fail(core::ErrorCode::kState,
                      "order {}: duplicate intent (strategy {}, signal {}, seq {}) already {}; "
                      "not sent again",
                      intent.client_order_id.view(), intent.strategy.value, intent.signal_id,
                      intent.intent_seq, model::to_string(existing->status));
  }
  if (halted_ && !intent.reduce_only) {
    return core::fail(core::ErrorCode::kRejected,
                      "order {}: new orders are halted (reconciliation); only reduce-only allowed",
                      intent.client_order_id.view());
  }
  const bool emulated = emulates_bracket(intent);
  if (auto s = emulated ? validate_bracket(intent)
                        : validate_order(intent, client_.capabilities(), ticks_);
      !s) {
    return std::unexpected(s.error());
  }
  auto id = submit_prepared(intent, fill_timeout);
  if (id) after_progress(*id);  // an order can fill before submit returns (no latency)
  return id;
}

core::Result<core::ClientOrderId> OrderManager::submit_prepared(
    model::OrderIntent intent, std::optional<core::Duration> fill_timeout) {
  if (!intent.ts_created.is_set()) intent.ts_created = now();
  if (auto s = journal_.append_durable(intent); !s) {
    alert(AlertKind::kJournalFailure, nullptr, OrderStatus::kPendingNew, OrderStatus::kPendingNew,
          s.error().message);
    return std::unexpected(s.error().with_context("order not sent"));
  }
  OrderRecord& rec = insert(intent);
  const core::ClientOrderId id = rec.id();
  if (fill_timeout) timeouts_[id] = *fill_timeout;
  rec.emulated_bracket = emulates_bracket(intent);
  send_submit(id);
  const OrderRecord* after = find(id);
  if (after->status == OrderStatus::kRejected) {
    return core::fail(core::ErrorCode::kRejected, "{}", after->reason.view());
  }
  return id;
}

void OrderManager::send_submit(const core::ClientOrderId& id) {
  OrderRecord* rec = find_mut(id);
  if (rec == nullptr || rec->status != OrderStatus::kPendingNew) return;
  rec->retry_timer = 0;
  ++rec->submit_attempts;
  model::OrderIntent wire = rec->intent;
  if (rec->emulated_bracket) wire.order_class = model::OrderClass::kSimple;  // exits come later
  auto ack = client_.submit(wire);
  if (ack) {
    if (!ack->venue_order_id.empty()) rec->venue_order_id = ack->venue_order_id;
    if (ack->status != OrderStatus::kPendingNew) transition(*rec, ack->status, "submit ack");
    auto t = timeouts_.find(id);
    arm_fill_monitor(*rec, t != timeouts_.end() ? t->second : cfg_.fill_timeout);
    return;
  }
  const core::Error& e = ack.error();
  if (classify(e) == RetryClass::kNoRetry) {
    rec->reason = std::string_view(e.message);
    const OrderStatus from = rec->status;
    transition(*rec, OrderStatus::kRejected, "submit rejected");
    alert(AlertKind::kSubmitRejected, rec, from, OrderStatus::kRejected, e.message);
    return;
  }
  if (backoff_.should_retry(rec->submit_attempts, e)) {
    schedule_retry(*rec, rec->submit_attempts + 1, e, &OrderManager::retry_submit);
    return;
  }
  rec->needs_reconcile = true;
  rec->reason = std::string_view(e.message);
  alert(AlertKind::kRetryExhausted, rec, rec->status, rec->status,
        fmt::format("submit failed {} times, last: {}; state unknown until reconciliation",
                    rec->submit_attempts, e.message));
}

// A retry never resends blindly: the previous attempt may have reached the venue (timeout after
// the venue accepted, lost response). Ask by client_order_id first.
void OrderManager::retry_submit(const core::ClientOrderId& id) {
  OrderRecord* rec = find_mut(id);
  if (rec == nullptr || rec->status != OrderStatus::kPendingNew) return;
  rec->retry_timer = 0;
  auto found = client_.query_order(id);
  if (found) {
    apply_venue_state(*found);
    rec = find_mut(id);
    auto t = timeouts_.find(id);
    if (!model::is_terminal(rec->status)) {
      arm_fill_monitor(*rec, t != timeouts_.end() ? t->second : cfg_.fill_timeout);
    }
    return;
  }
  if (found.error().code == core::ErrorCode::kNotFound) {
    send_submit(id);
    return;
  }
  ++rec->submit_attempts;  // the query itself failed: counts as an attempt
  if (backoff_.should_retry(rec->submit_attempts, found.error())) {
    schedule_retry(*rec, rec->submit_attempts + 1, found.error(), &OrderManager::retry_submit);
    return;
  }
  rec->needs_reconcile = true;
  alert(AlertKind::kRetryExhausted, rec, rec->status, rec->status,
        fmt::format("could not resolve submit: {}", found.error().message));
}

void OrderManager::schedule_retry(OrderRecord& rec, std::uint32_t attempt, const core::Error& e,
                                  void (OrderManager::*fn)(const core::ClientOrderId&)) {
  const core::Duration d = backoff_.next_delay(attempt, e);
  if (kernel_ == nullptr) {
    (this->*fn)(rec.id());
    return;
  }
  const core::ClientOrderId id = rec.id();
  rec.retry_timer = kernel_->timers().schedule_at(
      now() + d, "exec-retry", [this, id, fn](const engine::TimerEvent&) { (this->*fn)(id); });
}

void OrderManager::arm_fill_monitor(OrderRecord& rec, core::Duration timeout) {
  if (kernel_ == nullptr || timeout.count() <= 0 || rec.fill_timer != 0) return;
  const core::ClientOrderId id = rec.id();
  rec.fill_timer =
      kernel_->timers().schedule_at(now() + timeout, "fill-monitor",
                                    [this, id](const engine::TimerEvent&) { on_fill_timeout(id); });
}

void OrderManager::on_fill_timeout(const core::ClientOrderId& id) {
  OrderRecord* rec = find_mut(id);
  if (rec == nullptr) return;
  rec->fill_timer = 0;
  if (model::is_terminal(rec->status)) return;
  if (rec->status == OrderStatus::kPendingNew) {
    // No acknowledgement within the timeout: find out what the venue has before cancelling.
    auto found = client_.query_order(id);
    if (found) {
      apply_venue_state(*found);
    } else if (found.error().code == core::ErrorCode::kNotFound) {
      mark_lost(id);
      return;
    } else {
      rec->needs_reconcile = true;
      alert(AlertKind::kRetryExhausted, rec, rec->status, rec->status,
            fmt::format("fill monitor could not query: {}", found.error().message));
      return;
    }
    rec = find_mut(id);
  }
  if (!can_request_cancel(rec->status)) return;
  alert(AlertKind::kFillMonitorTimeout, rec, rec->status, OrderStatus::kPendingCancel,
        fmt::format("{} of {} filled at the timeout; cancelling", rec->filled().value,
                    rec->intent.quantity.value));
  (void)cancel(id);
}

core::Status OrderManager::cancel(const core::ClientOrderId& id) {
  OrderRecord* rec = find_mut(id);
  if (rec == nullptr)
    return core::fail(core::ErrorCode::kNotFound, "cancel: unknown order {}", id.view());
  if (!can_request_cancel(rec->status)) {
    return core::fail(core::ErrorCode::kState, "cancel {}: not cancellable while {}", id.view(),
                      model::to_string(rec->status));
  }
  transition(*rec, OrderStatus::kPendingCancel, "cancel requested");
  rec->cancel_attempts = 0;
  send_cancel(id);
  return core::ok();
}

void OrderManager::send_cancel(const core::ClientOrderId& id) {
  OrderRecord* rec = find_mut(id);
  if (rec == nullptr || rec->status != OrderStatus::kPendingCancel) return;
  rec->retry_timer = 0;
  ++rec->cancel_attempts;
  auto s = client_.cancel(id, rec->venue_order_id);
  if (s) return;  // the venue confirms with an OrderUpdate (cancelled) or a fill wins the race
  const core::Error& e = s.error();
  if (classify(e) != RetryClass::kNoRetry && backoff_.should_retry(rec->cancel_attempts, e)) {
    schedule_retry(*rec, rec->cancel_attempts + 1, e, &OrderManager::send_cancel);
    return;
  }
  // Cancel refused (e.g. already filled) or retries exhausted: back to the working status; a
  // fill report, if one is racing, completes the order.
  const OrderStatus back =
      rec->filled().value > 0 ? OrderStatus::kPartiallyFilled : OrderStatus::kAccepted;
  transition(*rec, back, "cancel refused");
  rec->reason = std::string_view(e.message);
  if (classify(e) != RetryClass::kNoRetry) {
    alert(AlertKind::kRetryExhausted, rec, OrderStatus::kPendingCancel, back, e.message);
  }
}
}  // namespace zerodte::execution
