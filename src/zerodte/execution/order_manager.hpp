#pragma once
// The order manager: turns approved OrderIntents into venue orders exactly once, tracks them
// through the state machine, retries venue calls, cancels orders that do not fill in time, and
// keeps a ledger of executions for reconciliation. Lives on the kernel thread.
//
// submit(): id (deterministic) -> duplicate check -> venue capability and tick checks -> journal
// (durable) -> send. A transport failure is retried after a backoff, but only after asking the
// venue for the client_order_id: an order that reached the venue is adopted, never sent twice.
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "zerodte/engine/component.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/execution/broker_capabilities.hpp"
#include "zerodte/execution/execution_client.hpp"
#include "zerodte/execution/execution_events.hpp"
#include "zerodte/execution/intent_journal.hpp"
#include "zerodte/execution/order_record.hpp"
#include "zerodte/execution/retry_policy.hpp"

namespace zerodte::execution {

struct OrderManagerConfig {
  std::string id_namespace = "zerodte";  // part of every client_order_id (one per account)
  RetryPolicy retry;
  std::uint64_t retry_seed = 0x5eed;
  core::Duration fill_timeout = std::chrono::seconds(60);  // 0: no fill monitor
  // Bracket orders on venues without native brackets: send the entry as a simple order and,
  // once it is filled, the take-profit (limit) and stop-loss (stop) exits as two reduce-only
  // orders that cancel each other when one fills (see order_manager_brackets.cpp for the race).
  bool emulate_brackets = false;
  // Where illegal transitions and other alerts are logged; default: spdlog warn.
  std::function<void(std::string_view)> log;
};

class OrderManager final : public engine::Component {
 public:
  OrderManager(ExecutionClient& client, IntentJournal& journal, TickRuleLookup ticks,
               OrderManagerConfig cfg = {});

  [[nodiscard]] std::string_view name() const override { return "order_manager"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;

  // Returns the client_order_id. Fails (nothing sent) on a duplicate intent, a halt, a venue
  // capability or tick violation, or a journal failure; a venue reject is reported as an
  // OrderUpdate-driven status (rejected) and an alert, and returned as kRejected.
  core::Result<core::ClientOrderId> submit(model::OrderIntent intent,
                                           std::optional<core::Duration> fill_timeout = {});
  core::Status cancel(const core::ClientOrderId& id);
  // Cancel/replace: the replacement is a new order for `quantity` more (fills of the original
  // stay with it) at the new prices; returns the replacement's client_order_id.
  core::Result<core::ClientOrderId> modify(const core::ClientOrderId& id, core::Quantity quantity,
                                           core::Price limit_price,
                                           core::Price stop_price = core::Price::undefined());

  void on_order_update(const model::OrderUpdate& u);
  void on_fill(const model::Fill& f);

  // Restart: intents found in the journal. Their venue state is unknown until reconciliation
  // resolves them by client_order_id; submitting any of them again is refused as a duplicate.
  void restore(std::span<const model::OrderIntent> journaled);
  // Reconciliation: apply the venue's view of one of our orders, or adopt a foreign one.
  void apply_venue_state(const VenueOrderState& v);
  void adopt(const VenueOrderState& v);
  // Reconciliation: our order is unknown to the venue; it never arrived (final: rejected).
  void mark_lost(const core::ClientOrderId& id);

  // Logs and publishes an alert that concerns no single order (e.g. a position mismatch).
  void raise(AlertKind kind, std::string_view detail);
  void halt(std::string_view reason);
  void resume(std::string_view reason);
  [[nodiscard]] bool halted() const { return halted_; }

  [[nodiscard]] const OrderRecord* find(const core::ClientOrderId& id) const;
  [[nodiscard]] std::vector<const OrderRecord*> orders() const;  // in submission order
  // Net position per instrument from every execution seen (ours, adopted and unknown).
  [[nodiscard]] const std::map<core::InstrumentId, std::int64_t>& executed_positions() const {
    return positions_;
  }
  void set_initial_positions(std::map<core::InstrumentId, std::int64_t> p) {
    positions_ = std::move(p);
  }
  [[nodiscard]] core::Timestamp last_fill_time() const { return last_fill_ts_; }
  [[nodiscard]] bool seen_exec(std::string_view exec_id) const;
  [[nodiscard]] const std::vector<ExecutionAlert>& alerts() const { return alerts_; }
  [[nodiscard]] ExecutionClient& client() { return client_; }
  [[nodiscard]] const OrderManagerConfig& config() const { return cfg_; }

 private:
  OrderRecord* find_mut(const core::ClientOrderId& id);
  OrderRecord& insert(const model::OrderIntent& intent);
  void send_submit(const core::ClientOrderId& id);
  void retry_submit(const core::ClientOrderId& id);
  void send_cancel(const core::ClientOrderId& id);
  void schedule_retry(OrderRecord& rec, std::uint32_t attempt, const core::Error& e,
                      void (OrderManager::*fn)(const core::ClientOrderId&));
  void arm_fill_monitor(OrderRecord& rec, core::Duration timeout);
  void on_fill_timeout(const core::ClientOrderId& id);
  // Emulated brackets (order_manager_brackets.cpp).
  [[nodiscard]] bool emulates_bracket(const model::OrderIntent& intent) const;
  [[nodiscard]] core::Status validate_bracket(const model::OrderIntent& intent) const;
  void after_progress(const core::ClientOrderId& id);
  void send_bracket_exits(OrderRecord& parent);
  core::Result<core::ClientOrderId> submit_prepared(model::OrderIntent intent,
                                                    std::optional<core::Duration> fill_timeout);
  // Validated status change; false (and an alert) when illegal.
  bool transition(OrderRecord& rec, model::OrderStatus to, std::string_view why);
  void finish(OrderRecord& rec);
  void alert(AlertKind kind, const OrderRecord* rec, model::OrderStatus from, model::OrderStatus to,
             std::string_view detail);
  [[nodiscard]] core::Timestamp now() const;

  ExecutionClient& client_;
  IntentJournal& journal_;
  TickRuleLookup ticks_;
  OrderManagerConfig cfg_;
  Backoff backoff_;
  engine::Kernel* kernel_ = nullptr;
  std::vector<engine::SubscriptionId> subs_;
  std::unordered_map<core::ClientOrderId, std::size_t> index_;
  std::deque<OrderRecord> records_;  // stable addresses
  std::unordered_set<core::FixedString<48>> exec_ids_;
  std::map<core::InstrumentId, std::int64_t> positions_;
  core::Timestamp last_fill_ts_;
  std::vector<ExecutionAlert> alerts_;
  std::unordered_map<core::ClientOrderId, core::Duration> timeouts_;
  bool halted_ = false;
};

}  // namespace zerodte::execution
