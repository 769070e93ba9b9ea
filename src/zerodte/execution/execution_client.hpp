#pragma once
// The execution-client interface: what every venue (the simulated venue, Alpaca, Tradier, IBKR,
// AngelOne, FIX) implements. docs/ADAPTERS.md is the contract in prose.
//
// Threading: the order manager calls these on the kernel thread. A call must return within the
// adapter's request timeout (it may block that long on its I/O thread; it must not retry on its
// own: retries are the order manager's, on kernel timers, so that they are journaled and
// deterministic). Order updates and fills arrive asynchronously: the adapter posts them into the
// kernel inbox as model::OrderUpdate / model::Fill with OverflowPolicy::kBlock (InboxEventSink),
// never dropping one. The simulated venue posts them with Kernel::post_at at its report latency.
//
// Errors: transport failures and HTTP 5xx -> kTransport, timeouts -> kTimeout, 429 ->
// kRateLimited, 4xx -> kRejected/kInvalid/kAuth/kNotFound (retry_policy.hpp: http_error()).
// query_order() returns kNotFound only when the venue positively has no order with that
// client_order_id; "could not ask" is a transport error.
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/engine/inbox.hpp"
#include "zerodte/execution/broker_capabilities.hpp"
#include "zerodte/model/orders.hpp"

namespace zerodte::execution {

// A venue's view of one order (open-order lists, queries, reconciliation).
struct VenueOrderState {
  model::OrderIntent order;  // legs, quantity, type, prices, client_order_id as the venue has it
  core::VenueOrderId venue_order_id;
  model::OrderStatus status = model::OrderStatus::kAccepted;
  core::Quantity filled_qty{0};
  core::Quantity leaves_qty{0};
  core::Price avg_fill_price;
  core::Timestamp ts_updated;
  core::FixedString<96> reason;
};

struct SubmitAck {
  core::VenueOrderId venue_order_id;  // empty when the venue assigns it later (async venues)
  model::OrderStatus status = model::OrderStatus::kPendingNew;  // pending_new | accepted
};

struct ModifyRequest {
  core::ClientOrderId client_order_id;  // the order being modified
  core::VenueOrderId venue_order_id;
  core::ClientOrderId new_client_order_id;  // the replacement (cancel/replace venues)
  core::Quantity quantity{0};  // quantity of the replacement (the original keeps its fills)
  core::Price limit_price = core::Price::undefined();
  core::Price stop_price = core::Price::undefined();
};

struct PositionSnapshot {
  core::InstrumentId instrument;
  core::Quantity quantity{0};  // signed: short < 0
  core::Price avg_price;
};

struct AccountSnapshot {
  core::Price cash;
  core::Price buying_power;
  core::Price equity;
  core::FixedString<8> currency = "USD";
};

class ExecutionClient {
 public:
  virtual ~ExecutionClient() = default;
  [[nodiscard]] virtual std::string_view venue_name() const = 0;
  [[nodiscard]] virtual const BrokerCapabilities& capabilities() const = 0;

  // Sends a new order (client_order_id set). A venue that already has an order with this
  // client_order_id must answer with kRejected ("duplicate"), never create a second order.
  virtual core::Result<SubmitAck> submit(const model::OrderIntent& order) = 0;
  virtual core::Result<SubmitAck> modify(const ModifyRequest& request) = 0;
  virtual core::Status cancel(const core::ClientOrderId& client_order_id,
                              const core::VenueOrderId& venue_order_id) = 0;

  virtual core::Result<std::vector<VenueOrderState>> open_orders() = 0;
  virtual core::Result<VenueOrderState> query_order(const core::ClientOrderId& client_order_id) = 0;
  // Executions with ts_event >= since, oldest first (reconciliation replays the ones we missed;
  // duplicates are recognised by exec_id).
  virtual core::Result<std::vector<model::Fill>> fills_since(core::Timestamp since) = 0;
  virtual core::Result<std::vector<PositionSnapshot>> positions() = 0;
  virtual core::Result<AccountSnapshot> account() = 0;
};

// For live adapters: delivers venue events into the kernel inbox, blocking when it is full
// (order reports and fills must never be dropped).
class InboxEventSink {
 public:
  explicit InboxEventSink(engine::Inbox& inbox) : inbox_(inbox) {}
  void on_order_update(const model::OrderUpdate& u) {
    inbox_.push(engine::Event{u}, engine::OverflowPolicy::kBlock);
  }
  void on_fill(const model::Fill& f) {
    inbox_.push(engine::Event{f}, engine::OverflowPolicy::kBlock);
  }

 private:
  engine::Inbox& inbox_;
};

}  // namespace zerodte::execution
