#pragma once
// The Tradier execution client (execution::ExecutionClient) with its account-events stream.
//
//   TradierBroker broker(cfg, registry, kernel.clock(), kernel.inbox());
//   broker.start();   // stream thread: session (REST), connect, subscribe to order events
//   OrderManager om(broker, journal, ticks);
//   kernel.add_component(std::make_shared<ReconcileOnReconnect>(om, cfg.feed_name));
//
// REST calls run on the caller's thread, paced (tradier_rest.hpp). The stream thread posts
// OrderUpdate/Fill events into the kernel inbox (blocking, never dropped) and model::FeedStatus
// (cfg.feed_name): connected once subscribed, disconnected on a drop or a refused session,
// recovered after a reconnect (ReconcileOnReconnect then reconciles). Order events carry no
// symbol or legs: events of multileg orders, and of orders we have not seen, are completed by
// fetching the order (GET .../orders/{id}). While the stream is down and cfg.require_stream is
// set, submit and modify refuse with kTransport ("not sent"); the order manager retries. With
// cfg.poll_interval, the order list is polled while the stream is down and changes to orders we
// know are reported like stream events (the sandbox has no account stream).
//
// Idempotency: Tradier does not enforce unique tags, so the adapter refuses a client_order_id it
// has already placed (kRejected, duplicate), and query_order() finds an order by its tag in the
// order list (includeTags=true); the order manager's retry asks before resending.
// Modify is in place (PUT, price/stop/type/duration; Tradier cannot change the quantity): the
// Tradier order keeps its id and from then on reports under the replacement's client_order_id;
// the original is reported replaced at once.
#include <atomic>
#include <optional>
#include <string>
#include <thread>

#include "zerodte/adapters/net/websocket_client.hpp"
#include "zerodte/adapters/tradier/tradier_config.hpp"
#include "zerodte/adapters/tradier/tradier_order_book.hpp"
#include "zerodte/adapters/tradier/tradier_rest.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/engine/inbox.hpp"
#include "zerodte/execution/execution_client.hpp"

namespace zerodte::adapters::tradier {

struct StreamStats {
  std::uint64_t sessions = 0;
  std::uint64_t session_failures = 0;
  std::uint64_t messages = 0;
  std::uint64_t decode_errors = 0;
  std::uint64_t order_fetches = 0;
  std::uint64_t stale_updates = 0;
};

class TradierBroker final : public execution::ExecutionClient {
 public:
  TradierBroker(TradierBrokerConfig cfg, model::InstrumentRegistry& registry,
                const core::Clock& clock, engine::Inbox& inbox);
  ~TradierBroker() override;
  TradierBroker(const TradierBroker&) = delete;
  TradierBroker& operator=(const TradierBroker&) = delete;

  void start();
  void stop();
  [[nodiscard]] bool stream_ready() const { return stream_ready_.load(); }
  [[nodiscard]] StreamStats stream_stats() const;
  [[nodiscard]] RestStats rest_stats() const { return rest_.stats(); }
  [[nodiscard]] const TradierBrokerConfig& config() const { return cfg_; }

  [[nodiscard]] std::string_view venue_name() const override { return "tradier"; }
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
  core::Status stream_session(net::WebSocketClient& ws);
  void handle_event(const OrderEvent& e);
  void post_status(model::FeedState state, std::string_view detail);
  // The venue's health as the kernel sees it (FeedStatus on changes only): driven by the stream,
  // or by the order polls when the stream is optional and polling is on.
  void set_health(bool up, std::string_view detail);
  [[nodiscard]] bool health_from_polls() const {
    return !cfg_.require_stream && cfg_.poll_interval.count() > 0;
  }
  void deliver(const Produced& p);
  // Sleeps (interruptibly); polls the order list meanwhile when cfg.poll_interval is set.
  void wait_polling(core::Duration d);
  void poll_orders();
  core::Result<std::vector<TradierOrder>> list_orders();
  core::Result<TradierOrder> fetch_order(const std::string& venue_id);
  execution::VenueOrderState state_for(const TradierOrder& o) const;
  [[nodiscard]] std::string account_path(std::string_view rest = "") const;
  core::Result<std::string> resolve_venue_id(const core::ClientOrderId& cid,
                                             const core::VenueOrderId& given);

  TradierBrokerConfig cfg_;
  model::InstrumentRegistry& reg_;
  const core::Clock& clock_;
  engine::Inbox& inbox_;
  execution::BrokerCapabilities caps_ = execution::BrokerCapabilities::tradier();
  TradierRest rest_;
  TradierOrderBook book_;
  std::atomic<bool> stream_ready_{false};
  std::atomic<bool> stopping_{false};
  bool ever_connected_ = false;
  std::optional<bool> health_up_;
  std::string last_down_detail_;
  std::chrono::steady_clock::time_point last_poll_{};
  std::thread thread_;
  mutable std::mutex stats_mu_;
  StreamStats stats_;
};

}  // namespace zerodte::adapters::tradier
