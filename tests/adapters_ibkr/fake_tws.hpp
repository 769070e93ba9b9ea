#pragma once
// A loopback fake TWS for the IBKR adapter tests: speaks the TWS API socket protocol at server
// version 151 (handshake, startApi, nextValidId, managedAccounts, placeOrder/cancelOrder,
// reqAllOpenOrders, reqExecutions, reqPositions, reqAccountSummary, reqContractDetails,
// reqCurrentTime, reqMktData, reqMktDepth) and counts what it receives, so tests can prove that
// an order was never sent twice. Tests script its answers (accept, reject, fills, drops, pacing
// errors, silence) through hooks and actions; everything runs on the fake's own Asio thread.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "zerodte/adapters/ibkr/tws_messages.hpp"

namespace zerodte::adapters::ibkr::testing {

struct FakeOrder {
  OpenOrderMsg msg;
  std::string status = "Submitted";
  std::int64_t filled = 0;
  core::Price avg = core::Price::zero();
  bool external = false;
};

struct FakeCounts {
  int connections = 0;
  int place_messages = 0;  // every placeOrder (new + modify)
  int new_orders = 0;      // distinct order ids
  int modifies = 0;
  int cancels = 0;
  int heartbeats = 0;
  int contract_requests = 0;
  int messages = 0;
  int pacing_errors = 0;
  int open_order_requests = 0;
  int last_client_id = -1;
};

class FakeTws {
 public:
  FakeTws();
  ~FakeTws();
  FakeTws(const FakeTws&) = delete;
  FakeTws& operator=(const FakeTws&) = delete;

  [[nodiscard]] int port() const { return port_; }

  // ---- behaviour (set before or during a test) ----
  std::atomic<int> server_version{151};
  std::atomic<bool> answer_heartbeats{true};
  std::atomic<bool> refuse_connections{false};
  std::atomic<int> pacing_limit{0};  // messages per pacing window; 0 = no check
  std::atomic<int> pacing_window_ms{1000};
  std::atomic<std::int64_t> next_valid_id{100};
  // Called on the fake's thread for a new order (modify=false) or a modify (true). Default:
  // accept() it. The hook may call the actions below (they run immediately on that thread).
  std::function<void(FakeTws&, std::int64_t order_id, bool modify)> on_place;

  // ---- actions (any thread; applied in order on the fake's thread) ----
  void accept(std::int64_t order_id);  // openOrder + orderStatus Submitted
  void reject(std::int64_t order_id, int code, std::string text);  // error + Inactive
  // An execution of `qty` at `price` (per leg for BAG orders: each leg gets qty x ratio);
  // order of messages: status_first sends the orderStatus before execDetails, commission_first
  // sends the commission before its execDetails.
  void fill(std::int64_t order_id, std::int64_t qty, std::string price, bool status_first = false,
            bool commission_first = false, bool with_status = true);
  void send_status(std::int64_t order_id, std::string status, std::int64_t filled,
                   std::int64_t remaining);
  void send_open_order(std::int64_t order_id);
  void send_error(std::int64_t id, int code, std::string text);
  void drop_connection();
  // An order placed in TWS by a person (no API order id, no orderRef): listed by reqAllOpenOrders.
  void add_external_order(OpenOrderMsg m);
  void add_position(PositionMsg m);
  void tick_price(std::int64_t ticker, int type, std::string price, std::int64_t size);
  void tick_option(const TickOptionMsg& m);
  void depth(const DepthMsg& m);

  // ---- observations (any thread) ----
  [[nodiscard]] FakeCounts counts() const;
  [[nodiscard]] std::map<std::int64_t, FakeOrder> orders() const;
  [[nodiscard]] std::vector<std::string> last_place_fields() const;
  [[nodiscard]] std::map<std::int64_t, Contract> market_data_tickers() const;
  [[nodiscard]] std::map<std::int64_t, Contract> depth_tickers() const;
  [[nodiscard]] std::int64_t con_id_of(const std::string& local_key) const;
  // Waits (polling) until `pred` holds; false after `timeout_ms`.
  static bool wait_for(const std::function<bool()>& pred, int timeout_ms = 2000);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace zerodte::adapters::ibkr::testing
