#pragma once
// A loopback Tradier API for the adapter tests: form-encoded orders (option, multileg), the
// order list with its XML-to-JSON quirks (one order is a bare object, none is "null"), modify in
// place, cancel, positions, balances, the account-events session and WebSocket. Counts the
// orders it created; faults: drop the answer to the next order after creating it, 429 with
// Retry-After, X-Ratelimit-Available: 0, refused sessions (401), stream drops.
#include <boost/json.hpp>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "zerodte/adapters/net/testing/fake_http_server.hpp"
#include "zerodte/adapters/net/testing/fake_ws_server.hpp"

namespace zerodte::adapters::tradier::testing {

namespace json = boost::json;
namespace nt = zerodte::adapters::net::testing;

inline constexpr const char* kToken = "tradier-test-token-0001";
inline constexpr const char* kAccount = "VA000001";

std::map<std::string, std::string> parse_form(std::string_view body);

class FakeTradier {
 public:
  FakeTradier();
  ~FakeTradier();

  [[nodiscard]] std::string rest_url() const { return rest_.url("/v1"); }
  [[nodiscard]] int orders_created() const;
  [[nodiscard]] int order_posts() const;
  [[nodiscard]] std::vector<nt::FakeHttpRequest> requests() const { return rest_.log(); }
  [[nodiscard]] int stream_connections() const { return ws_.connections(); }
  [[nodiscard]] bool stream_listening() const;
  [[nodiscard]] std::map<std::string, std::string> last_form(std::string_view method) const;

  void drop_next_order_response();
  void rate_limit_next(int n, std::string retry_after);
  void exhaust_quota_until_ms(std::int64_t expiry_ms);  // next answer says Available: 0
  void drop_stream();
  void set_token(std::string t);
  void set_max_quantity(int n);
  void set_events(bool on);
  void set_streaming_available(bool on);  // false: the session call fails as in the sandbox

  void fill(int id, std::int64_t qty, double price, std::vector<double> leg_prices = {});
  void reject(int id);
  int add_external_order(std::string option_symbol, std::string side, std::int64_t qty,
                         double price);  // untagged, no event
  void send_event(const json::object& order_snapshot);
  [[nodiscard]] json::object order(int id) const;
  [[nodiscard]] int id_of_tag(const std::string& tag) const;
  void set_position(std::string symbol, std::int64_t qty, double cost_basis);

 private:
  nt::FakeHttpReply handle(const nt::FakeHttpRequest& r);
  nt::FakeHttpReply create_order(const nt::FakeHttpRequest& r);
  void session(nt::FakeWsSession& s);
  void push_event_locked(const json::object& order);
  std::string now_locked();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<int, json::object> orders_;
  std::map<std::string, std::pair<std::int64_t, double>> positions_;
  std::deque<std::string> outbox_;
  std::vector<std::string> sessions_;
  int next_id_ = 1000;
  int seconds_ = 0;
  int orders_created_ = 0;
  int order_posts_ = 0;
  bool drop_next_ = false;
  int rate_limit_next_ = 0;
  std::string retry_after_ = "1";
  std::int64_t quota_expiry_ms_ = 0;
  int drop_generation_ = 0;
  bool listening_ = false;
  bool events_on_ = true;
  bool streaming_ = true;
  int max_qty_ = 100;
  std::string token_ = kToken;
  nt::FakeHttpServer rest_;
  nt::FakeWsServer ws_;
};

}  // namespace zerodte::adapters::tradier::testing
