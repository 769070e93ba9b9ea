#pragma once
// A generic FIX 4.4 order-routing adapter over QuickFIX (docs/ADAPTERS.md, "FIX").
//
// Sends: NewOrderSingle (D), NewOrderMultileg (AB), OrderCancelReplaceRequest (G),
// MultilegOrderCancelReplace (AC), OrderCancelRequest (F), OrderStatusRequest (H),
// OrderMassStatusRequest (AF), RequestForPositions (AN). Reads: ExecutionReport (8, every
// ExecType), OrderCancelReject (9), BusinessMessageReject (j), RequestForPositionsAck (AO),
// PositionReport (AP).
//
// ClOrdID is our client_order_id. Session recovery (sequence numbers in a file store,
// ResendRequest, SequenceReset-GapFill, PossDup resends) is QuickFIX's: reports sent while we
// were away arrive after the next logon. Reports are posted to the kernel inbox as
// model::OrderUpdate / model::Fill (OverflowPolicy::kBlock), session health as
// model::FeedStatus (feed = venue_name) so ReconcileOnReconnect reconciles after each logon.
//
// No order is sent while the session is logged out (submit/modify/cancel return kTransport):
// QuickFIX would store it and resend it after the next logon, behind the order manager's back.
// Executions repeated by the venue (same ExecID) are posted once.
#include <chrono>
#include <memory>

#include "zerodte/adapters/fix/fix_config.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/engine/inbox.hpp"
#include "zerodte/execution/execution_client.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::adapters::fix {

// FIX venues differ; this is the adapter's default profile (all types, legs up to the model's
// four, cancel/replace with a new ClOrdID). Narrow it to the venue's rules of engagement.
execution::BrokerCapabilities fix_capabilities();

struct FixClientStats {
  std::uint64_t orders_sent = 0;  // D + AB
  std::uint64_t replaces_sent = 0;
  std::uint64_t cancels_sent = 0;
  std::uint64_t execution_reports = 0;
  std::uint64_t duplicate_reports = 0;  // same ExecID seen again (resends): not posted twice
  std::uint64_t cancel_rejects = 0;
  std::uint64_t business_rejects = 0;
  std::uint64_t bad_messages = 0;  // undecodable reports (logged)
  std::uint64_t logons = 0;
  std::uint64_t logouts = 0;
};

class FixExecutionClient final : public execution::ExecutionClient {
 public:
  FixExecutionClient(FixConfig cfg, const model::InstrumentRegistry& instruments,
                     engine::Inbox& inbox, const core::Clock& clock,
                     execution::BrokerCapabilities caps = fix_capabilities());
  ~FixExecutionClient() override;
  FixExecutionClient(const FixExecutionClient&) = delete;
  FixExecutionClient& operator=(const FixExecutionClient&) = delete;

  // Creates the QuickFIX session and starts connecting (QuickFIX reconnects on its own every
  // reconnect_s). kConfig for bad settings.
  core::Status start();
  void stop();
  [[nodiscard]] bool logged_on() const;
  // Waits (wall clock) until logged on; false on timeout.
  bool wait_logged_on(std::chrono::milliseconds timeout) const;
  [[nodiscard]] FixClientStats stats() const;

  [[nodiscard]] std::string_view venue_name() const override;
  [[nodiscard]] const execution::BrokerCapabilities& capabilities() const override;
  core::Result<execution::SubmitAck> submit(const model::OrderIntent& order) override;
  core::Result<execution::SubmitAck> modify(const execution::ModifyRequest& request) override;
  core::Status cancel(const core::ClientOrderId& client_order_id,
                      const core::VenueOrderId& venue_order_id) override;
  core::Result<std::vector<execution::VenueOrderState>> open_orders() override;
  core::Result<execution::VenueOrderState> query_order(const core::ClientOrderId& id) override;
  // Executions received on this session (including those recovered by resend), oldest first.
  core::Result<std::vector<model::Fill>> fills_since(core::Timestamp since) override;
  core::Result<std::vector<execution::PositionSnapshot>> positions() override;
  // FIX 4.4 has no standard account-balance query: kUnsupported.
  core::Result<execution::AccountSnapshot> account() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zerodte::adapters::fix
