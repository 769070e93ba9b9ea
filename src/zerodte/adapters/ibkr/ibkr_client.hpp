#pragma once
// IbkrClient: zerodte's execution client for Interactive Brokers TWS / IB Gateway over the TWS
// API socket protocol (tws_protocol.hpp), plus its market data (quotes, option computations,
// L2 depth). Boost.Asio stays in the .cpp files.
//
// One I/O thread owns the socket: handshake (version 151), startApi, nextValidId and
// managedAccounts, then a full resync (all open orders, today's executions, positions, account
// summary) before the client reports itself ready - on the first connection and after every
// reconnect. Outgoing messages are paced by a token bucket (45/s by default); TWS's error 100
// halves the rate for a cool-down. A reqCurrentTime heartbeat runs every 30 s; two unanswered
// heartbeats trip the circuit breaker: new orders are refused, FeedStatus{disconnected} is posted
// (ReconcileOnReconnect halts the order manager) and the connection is rebuilt with jittered
// exponential backoff; the resync after it posts FeedStatus{recovered}, which reconciles.
//
// Orders: the TWS orderId comes from nextValidId; orderRef carries zerodte's client_order_id, so
// after a reconnect the resync finds an order whose acknowledgement was lost and submit() of the
// same client_order_id is refused as a duplicate instead of creating a second order. modify() is
// TWS's in-place modify (placeOrder with the same orderId and the replacement's id as orderRef),
// reported as the original `replaced` plus the replacement as a new order (ADAPTERS.md).
//
// Events go into the kernel inbox: OrderUpdate, Fill and FeedStatus with OverflowPolicy::kBlock,
// market data with kDrop.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "zerodte/adapters/ibkr/ibkr_config.hpp"
#include "zerodte/engine/inbox.hpp"
#include "zerodte/execution/execution_client.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::adapters::ibkr {

struct IbkrHealth {
  bool connected = false;  // socket up and handshake done
  bool ready = false;      // resync finished; orders accepted
  bool breaker_open = false;
  int server_version = 0;
  std::int64_t next_order_id = 0;
  std::vector<std::string> accounts;
  std::uint64_t connections = 0;  // successful handshakes
  std::uint64_t breaker_trips = 0;
  std::uint64_t pacing_violations = 0;  // error 100 received
  std::uint64_t messages_sent = 0;
  std::uint64_t messages_received = 0;
  std::uint64_t decode_errors = 0;
  double pacing_rate = 0;
  std::string last_error;
};

class IbkrClient final : public execution::ExecutionClient {
 public:
  IbkrClient(IbkrConfig cfg, model::InstrumentRegistry& registry, engine::Inbox& inbox);
  ~IbkrClient() override;
  IbkrClient(const IbkrClient&) = delete;
  IbkrClient& operator=(const IbkrClient&) = delete;

  // Starts the I/O thread and connects; returns once the first resync finished, or an error
  // (kTransport/kTimeout/kUnsupported) after connect_timeout - the client keeps retrying.
  core::Status start();
  void stop();
  // Waits until ready (resync done) or the timeout passes.
  bool wait_ready(core::Duration timeout);

  [[nodiscard]] std::string_view venue_name() const override { return "ibkr"; }
  [[nodiscard]] const execution::BrokerCapabilities& capabilities() const override;
  core::Result<execution::SubmitAck> submit(const model::OrderIntent& order) override;
  core::Result<execution::SubmitAck> modify(const execution::ModifyRequest& request) override;
  core::Status cancel(const core::ClientOrderId& client_order_id,
                      const core::VenueOrderId& venue_order_id) override;
  core::Result<std::vector<execution::VenueOrderState>> open_orders() override;
  core::Result<execution::VenueOrderState> query_order(const core::ClientOrderId& id) override;
  core::Result<std::vector<model::Fill>> fills_since(core::Timestamp since) override;
  core::Result<std::vector<execution::PositionSnapshot>> positions() override;
  core::Result<execution::AccountSnapshot> account() override;

  // Market data: top of book (Quote, or OptionQuote with TWS's model Greeks for options) and L2
  // depth (BookDepth, up to depth_rows levels). Re-subscribed after every reconnect.
  core::Status subscribe_quotes(core::InstrumentId id);
  core::Status subscribe_depth(core::InstrumentId id);

  [[nodiscard]] IbkrHealth health() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace zerodte::adapters::ibkr
