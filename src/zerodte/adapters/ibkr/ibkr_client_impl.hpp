#pragma once
// Internal state of IbkrClient (Boost.Asio); included only by the adapter's .cpp files.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "zerodte/adapters/ibkr/depth_book.hpp"
#include "zerodte/adapters/ibkr/ibkr_client.hpp"
#include "zerodte/adapters/ibkr/token_bucket.hpp"
#include "zerodte/adapters/ibkr/tws_messages.hpp"
#include "zerodte/adapters/net/backoff.hpp"
#include "zerodte/engine/event.hpp"

namespace zerodte::adapters::ibkr {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

enum class Phase : std::uint8_t { kStopped, kConnecting, kHandshake, kSyncing, kReady, kDown };

// Waiter keys for requests without a reqId.
inline constexpr std::int64_t kKeyOpenOrders = -1;
inline constexpr std::int64_t kKeyPositions = -2;
inline constexpr std::int64_t kKeyCompleted = -3;

struct OrderEntry {
  std::int64_t key = 0;  // orderId, or -permId for orders without an API id (placed in TWS)
  std::int64_t order_id = 0;
  std::int64_t perm_id = 0;
  core::ClientOrderId cid;
  Contract contract;
  Order order;
  model::OrderIntent intent;
  execution::VenueOrderState state;
  std::int64_t fill_offset = 0;     // TWS cumulative fills that belong to a replaced original
  std::int64_t tws_filled = 0;      // cumulative fills of the TWS order (status or executions)
  core::ClientOrderId pending_cid;  // replacement sent, not yet confirmed
  std::int64_t pending_offset = 0;
  std::uint64_t seen_round = 0;
  bool complete = true;  // false while combo-leg conIds are unresolved
};

struct ExecRecord {
  model::Fill fill;
  bool fee_known = false;
  bool posted = false;
};

struct Waiter {
  bool done = false;
  bool internal = false;  // part of the resync (I/O thread), nobody waits on it
  std::optional<core::Error> error;
  std::vector<ContractDataMsg> contracts;  // contract details answers
};

struct TickerState {
  core::InstrumentId instrument;
  bool option = false;
  bool depth = false;
  model::OptionQuote q;
  DepthBook book;
};

struct IbkrClient::Impl {
  Impl(IbkrConfig c, model::InstrumentRegistry& r, engine::Inbox& in);

  // ---- I/O thread (ibkr_connection.cpp) ----
  void connect();
  void on_connected(std::uint64_t gen);
  void read_loop(std::uint64_t gen);
  void on_payload(std::string_view payload);
  void send(std::string payload);    // paced
  void send_raw(std::string bytes);  // handshake bytes, unpaced
  void pump_writes();
  void drop(std::string_view why, bool trip_breaker);
  void schedule_reconnect();
  void start_heartbeat(std::uint64_t gen);
  void start_resync();
  void finish_resync_if_done();
  void flush_events();  // posts collected events into the inbox (never under the lock)

  // ---- message handlers (ibkr_dispatch.cpp), called on the I/O thread ----
  void dispatch(int msg_id, FieldReader& r);
  void on_order_status(const OrderStatusMsg& m);
  void on_open_order(OpenOrderMsg m);
  void on_execution(const ExecutionMsg& m);
  void on_commission(const CommissionMsg& m);
  void on_error(const ErrorMsg& m);
  void on_position(const PositionMsg& m);
  void on_completed_order(const CompletedOrderMsg& m);
  void on_end(std::int64_t key);
  // Market data (ibkr_market_data.cpp).
  void on_tick_price(const TickPriceMsg& m);
  void on_tick_size(const TickSizeMsg& m);
  void on_tick_option(const TickOptionMsg& m);
  void on_depth(const DepthMsg& m);
  void resubscribe_market_data();

  // ---- helpers (lock held) ----
  void post_update(const OrderEntry& e, model::OrderStatus s, std::string_view reason = {});
  void post_fill(ExecRecord& x);
  void post_feed(model::FeedState s, std::string_view detail);
  [[nodiscard]] bool live() const { return phase == Phase::kReady; }
  OrderEntry* find_key(std::int64_t key);
  OrderEntry* find_cid(const core::ClientOrderId& cid);
  core::Result<core::InstrumentId> learn_contract(const Contract& c);
  core::Timestamp parse_exec_time(std::string_view text, core::Timestamp fallback) const;
  void fail_waiters(std::string_view why);

  // ---- kernel-thread helpers (ibkr_client.cpp) ----
  // Sends `payload` on the I/O thread and waits for the End message of `key`.
  core::Result<Waiter> request(std::int64_t key, std::string payload, bool need_ready = true);
  core::Result<std::int64_t> con_id_for(core::InstrumentId id);
  core::Result<Contract> contract_for_intent(const model::OrderIntent& o);
  core::Status refresh_orders();
  std::string account() const {  // cfg.account is filled from managedAccounts on the I/O thread
    std::lock_guard lk(mu);
    return cfg.account;
  }

  IbkrConfig cfg;
  model::InstrumentRegistry& reg;
  engine::Inbox& inbox;
  execution::BrokerCapabilities caps;

  asio::io_context ioc;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::thread thread;
  tcp::socket socket{ioc};
  asio::steady_timer reconnect_timer{ioc};
  asio::steady_timer heartbeat_timer{ioc};
  asio::steady_timer pacing_timer{ioc};
  asio::steady_timer cooldown_timer{ioc};
  asio::steady_timer handshake_timer{ioc};
  std::array<char, 65536> rbuf{};
  FrameBuffer frames;
  std::deque<std::string> outq;  // framed messages waiting for a token
  bool writing = false;
  bool pacing_wait = false;
  TokenBucket bucket;
  net::Backoff backoff;
  std::uint64_t gen = 0;  // connection generation; stale handlers compare it
  bool handshake_done = false;
  bool stopping = false;
  int hb_missed = 0;
  bool hb_outstanding = false;
  bool was_down = false;
  std::set<std::int64_t> resync_keys;

  // ---- shared (mu) ----
  mutable std::mutex mu;
  std::condition_variable cv;
  Phase phase = Phase::kStopped;
  IbkrHealth h;
  std::map<std::int64_t, OrderEntry> orders;
  std::unordered_map<core::ClientOrderId, std::int64_t> by_cid;
  std::unordered_map<core::ClientOrderId, execution::VenueOrderState> retired;
  std::map<std::int64_t, OrderStatusMsg> early_status;
  std::map<std::string, ExecRecord> execs;
  std::map<std::string, core::Price> early_commission;
  std::map<core::InstrumentId, execution::PositionSnapshot> pos;
  std::map<std::string, std::string> acct;
  std::map<core::InstrumentId, std::int64_t> con_ids;
  std::map<std::int64_t, core::InstrumentId> by_con_id;
  std::map<std::int64_t, Waiter> waiters;
  std::int64_t next_req_id = 1000;
  std::uint64_t open_round = 0;
  std::map<std::int64_t, TickerState> tickers;  // by ticker id
  std::int64_t next_ticker_id = 1;
  std::vector<engine::Event> events;         // collected under mu, posted by flush_events
  std::vector<engine::Event> market_events;  // kDrop
};

model::OrderStatus map_tws_status(std::string_view status, std::int64_t filled,
                                  std::int64_t remaining);

}  // namespace zerodte::adapters::ibkr
