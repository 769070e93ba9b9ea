#pragma once
// The Alpaca execution client (execution::ExecutionClient) with its trade_updates stream.
//
//   AlpacaBroker broker(cfg, registry, kernel.clock(), kernel.inbox());
//   broker.start();                       // stream thread: connect, auth, listen, route
//   OrderManager om(broker, journal, ticks);
//   kernel.add_component(std::make_shared<ReconcileOnReconnect>(om, cfg.feed_name));
//
// REST calls run on the caller's (kernel) thread, paced (alpaca_rest.hpp). The stream thread
// posts OrderUpdate/Fill events into the kernel inbox (blocking when full, never dropped) and a
// model::FeedStatus named cfg.feed_name on every state change: connected once logged in and
// listening, disconnected on a drop or an auth refusal, recovered after a reconnect (which makes
// ReconcileOnReconnect reconcile). While the stream is not listening, submit and modify refuse
// with kTransport ("not sent") so that no order goes out whose fills we could not hear about;
// the order manager retries them on its timers. Cancels and queries still go through.
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "zerodte/adapters/alpaca/broker/alpaca_config.hpp"
#include "zerodte/adapters/alpaca/broker/alpaca_rest.hpp"
#include "zerodte/adapters/alpaca/broker/alpaca_update_router.hpp"
#include "zerodte/adapters/net/backoff.hpp"
#include "zerodte/adapters/net/websocket_client.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/engine/inbox.hpp"
#include "zerodte/execution/execution_client.hpp"

namespace zerodte::adapters::alpaca {

struct StreamStats {
  std::uint64_t connects = 0;
  std::uint64_t auth_failures = 0;
  std::uint64_t messages = 0;
  std::uint64_t decode_errors = 0;
  std::uint64_t stale_updates = 0;
};

class AlpacaBroker final : public execution::ExecutionClient {
 public:
  AlpacaBroker(AlpacaBrokerConfig cfg, model::InstrumentRegistry& registry,
               const core::Clock& clock, engine::Inbox& inbox);
  ~AlpacaBroker() override;
  AlpacaBroker(const AlpacaBroker&) = delete;
  AlpacaBroker& operator=(const AlpacaBroker&) = delete;

  void start();  // the stream thread
  void stop();
  [[nodiscard]] bool stream_ready() const { return stream_ready_.load(); }
  [[nodiscard]] StreamStats stream_stats() const;
  [[nodiscard]] RestStats rest_stats() const { return rest_.stats(); }
  [[nodiscard]] const AlpacaBrokerConfig& config() const { return cfg_; }

  [[nodiscard]] std::string_view venue_name() const override { return "alpaca"; }
  [[nodiscard]] const execution::BrokerCapabilities& capabilities() const override { return caps_; }
  core::Result<execution::SubmitAck> submit(const model::OrderIntent& order) override;
  core::Result<execution::SubmitAck> modify(const execution::ModifyRequest& request) override;
  core::Status cancel(const core::ClientOrderId& client_order_id,
                      const core::VenueOrderId& venue_order_id) override;
  core::Result<std::vector<execution::VenueOrderState>> open_orders() override;
  core::Result<execution::VenueOrderState> query_order(
      const core::ClientOrderId& client_order_id) override;
  core::Result<std::vector<model::Fill>> fills_since(core::Timestamp since) override;
  core::Result<std::vector<execution::PositionSnapshot>> positions() override;
  core::Result<execution::AccountSnapshot> account() override;

 private:
  void run_stream();
  // One session: connect, auth, listen, read until an error or stop. Returns why it ended.
  core::Status stream_session(net::WebSocketClient& ws);
  void post_status(model::FeedState state, std::string_view detail);
  void deliver(const RoutedEvents& ev);
  void sleep_interruptible(core::Duration d);
  core::Result<std::string> resolve_venue_id(const core::ClientOrderId& cid,
                                             const core::VenueOrderId& given);

  AlpacaBrokerConfig cfg_;
  model::InstrumentRegistry& reg_;
  const core::Clock& clock_;
  engine::Inbox& inbox_;
  execution::BrokerCapabilities caps_ = execution::BrokerCapabilities::alpaca();
  AlpacaRest rest_;
  AlpacaUpdateRouter router_;
  std::atomic<bool> stream_ready_{false};
  std::atomic<bool> stopping_{false};
  bool ever_connected_ = false;  // stream thread only
  std::thread thread_;
  mutable std::mutex stats_mu_;
  StreamStats stats_;
};

}  // namespace zerodte::adapters::alpaca
