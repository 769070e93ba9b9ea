#pragma once
// A loopback Alpaca Trading API for the adapter tests: REST (orders, replace, cancel, query by
// client_order_id, positions, account, fill activities) and the trade_updates WebSocket (auth,
// listen, events), with the broker's behaviour where it matters to us: client_order_id must be
// unique (HTTP 422), orders over the buying power are refused (HTTP 403), 401 for a wrong key
// pair. It counts the orders it created and can inject faults: drop the response to the next
// submit after creating the order, answer 429 with Retry-After, drop the stream.
#include <boost/json.hpp>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "zerodte/adapters/net/testing/fake_http_server.hpp"
#include "zerodte/adapters/net/testing/fake_ws_server.hpp"

namespace zerodte::adapters::alpaca::testing {

namespace json = boost::json;
namespace nt = zerodte::adapters::net::testing;

inline constexpr const char* kKeyId = "PKTESTKEY0001";
inline constexpr const char* kSecret = "s3cr3t-test-value";

class FakeAlpaca {
 public:
  FakeAlpaca();
  ~FakeAlpaca();

  [[nodiscard]] std::string rest_url() const { return rest_.url(""); }
  [[nodiscard]] std::string stream_url() const { return ws_.url("/stream"); }

  // Counters.
  [[nodiscard]] int orders_created() const;
  [[nodiscard]] int submit_posts() const;
  [[nodiscard]] std::vector<nt::FakeHttpRequest> requests() const { return rest_.log(); }
  [[nodiscard]] int stream_connections() const { return ws_.connections(); }
  [[nodiscard]] bool stream_listening() const;
  [[nodiscard]] std::vector<std::string> stream_received() const { return ws_.received(); }

  // Faults.
  void drop_next_submit_response() {
    std::lock_guard l(mu_);
    drop_next_submit_ = true;
  }
  void rate_limit_next(int n, std::string retry_after) {
    std::lock_guard l(mu_);
    rate_limit_next_ = n;
    retry_after_ = std::move(retry_after);
  }
  void drop_stream();  // the current stream connection goes away (client reconnects)
  void set_stream_secret(std::string s) {
    std::lock_guard l(mu_);
    stream_secret_ = std::move(s);
  }
  void set_rest_secret(std::string s) {
    std::lock_guard l(mu_);
    rest_secret_ = std::move(s);
  }
  void set_buying_power_contracts(int n) {
    std::lock_guard l(mu_);
    max_qty_ = n;
  }
  void set_stream_events(bool on) {
    std::lock_guard l(mu_);
    events_on_ = on;
  }

  // Broker-side actions; each sends the matching trade_updates event.
  void fill(const std::string& venue_id, std::int64_t qty, std::string price,
            std::vector<std::string> leg_prices = {});
  void reject(const std::string& venue_id, std::string reason);
  // An order placed elsewhere (web UI); returns its venue id. No event is sent (we were offline).
  std::string add_external_order(std::string symbol, std::string side, std::int64_t qty,
                                 std::string limit_price);
  // Sends a raw trade_updates event for an order as it is now, with `status` overridden.
  void send_event_snapshot(const std::string& event, const json::object& order_snapshot,
                           const std::string& execution_id = "", std::int64_t qty = 0,
                           const std::string& price = "");
  [[nodiscard]] json::object order(const std::string& venue_id) const;
  [[nodiscard]] std::string venue_id_of(const std::string& client_order_id) const;
  void set_position(std::string symbol, std::int64_t qty, std::string avg);

 private:
  nt::FakeHttpReply handle(const nt::FakeHttpRequest& r);
  nt::FakeHttpReply create_order(const nt::FakeHttpRequest& r);
  void session(nt::FakeWsSession& s);
  void push_event_locked(const std::string& event, const json::object& order,
                         const std::string& execution_id = "", std::int64_t qty = 0,
                         const std::string& price = "");
  std::string new_id_locked();
  std::string now_text_locked();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, json::object> orders_;  // by venue id
  std::vector<std::string> order_seq_;          // creation order
  std::map<std::string, std::string> by_client_;
  std::vector<json::object> activities_;
  std::map<std::string, std::pair<std::int64_t, std::string>> positions_;
  std::deque<std::string> outbox_;
  int next_id_ = 1;
  int seconds_ = 0;
  int orders_created_ = 0;
  int submit_posts_ = 0;
  bool drop_next_submit_ = false;
  int rate_limit_next_ = 0;
  std::string retry_after_ = "1";
  int drop_generation_ = 0;
  bool listening_ = false;
  bool events_on_ = true;
  int max_qty_ = 100;
  std::string stream_secret_ = kSecret;
  std::string rest_secret_ = kSecret;
  nt::FakeHttpServer rest_;
  nt::FakeWsServer ws_;
};

}  // namespace zerodte::adapters::alpaca::testing
