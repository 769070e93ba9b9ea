#pragma once
// StateHub: the only meeting point of the kernel and the API server. The kernel side (one
// publisher, at a bounded rate) publishes immutable snapshots and events; the I/O side reads the
// latest snapshot (an atomically swapped shared_ptr<const Snapshot>) and receives events through
// per-client bounded queues. A client whose queue is full is dropped from updates (counted), so a
// slow browser can never make the kernel wait or memory grow without limit. Events carry a
// sequence number; a bounded replay buffer lets a reconnecting client resume after the last
// sequence it saw.
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace zerodte::server {

// Pre-rendered JSON documents (the kernel-side publisher renders once; every request reuses them).
struct Snapshot {
  std::int64_t ts_ns = 0;                      // kernel time of the snapshot
  std::string status = "{}";                   // GET /api/status
  std::string positions = "[]";                // GET /api/positions
  std::string orders = "[]";                   // GET /api/orders
  std::string signals = "[]";                  // GET /api/signals
  std::string metrics = "{}";                  // GET /api/metrics
  std::map<std::string, std::string> chains;   // GET /api/chain/{underlying}
  std::map<std::string, std::string> explain;  // GET /api/explain/{id}
};

// One streamed event: {"seq":N,"type":"...","data":...} already rendered in `json`.
struct StreamEvent {
  std::uint64_t seq = 0;
  std::string type;    // sentiment_update, signal_generated, trade_executed, position_update,
                       // system_status, latency_metrics, bar, quote
  std::string symbol;  // for bar/quote: delivered only to clients subscribed to the symbol
  std::string json;
};

class Subscriber {
 public:
  explicit Subscriber(std::size_t capacity) : capacity_(capacity) {}
  // I/O side: take everything queued (empty when nothing is pending).
  std::vector<std::shared_ptr<const StreamEvent>> drain();
  // I/O side: called (from the publisher's thread) when new events are queued; set before
  // subscribing. Must be cheap and non-blocking (e.g. asio::post).
  void set_notify(std::function<void()> fn) { notify_ = std::move(fn); }
  void set_symbols(std::vector<std::string> symbols);
  [[nodiscard]] bool dropped() const { return dropped_.load(std::memory_order_acquire); }

 private:
  friend class StateHub;
  bool offer(const std::shared_ptr<const StreamEvent>& e);  // false: over capacity -> dropped
  bool wants(const StreamEvent& e) const;

  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<std::shared_ptr<const StreamEvent>> queue_;
  std::vector<std::string> symbols_;
  std::function<void()> notify_;
  std::atomic<bool> dropped_{false};
};

struct HubStats {
  std::uint64_t events_published = 0;
  std::uint64_t snapshots_published = 0;
  std::uint64_t subscribers = 0;
  std::uint64_t slow_clients_dropped = 0;
  std::uint64_t last_seq = 0;
};

class StateHub {
 public:
  explicit StateHub(std::size_t replay_capacity = 4096, std::size_t client_queue_capacity = 1024);

  // Kernel/publisher side.
  void publish_snapshot(Snapshot snapshot);
  // `data_json` must be a JSON value; returns the event's sequence number.
  std::uint64_t publish_event(std::string type, std::string data_json, std::string symbol = {});

  // I/O side.
  [[nodiscard]] std::shared_ptr<const Snapshot> snapshot() const;
  struct Subscription {
    std::shared_ptr<Subscriber> subscriber;
    bool gap = false;  // `since` is older than the replay buffer: the client must resync
  };
  // Replays buffered events with seq > since (since = 0: none), then streams new ones.
  Subscription subscribe(std::uint64_t since, std::vector<std::string> symbols = {});
  void unsubscribe(const std::shared_ptr<Subscriber>& s);
  [[nodiscard]] HubStats stats() const;
  [[nodiscard]] std::size_t client_queue_capacity() const { return client_capacity_; }

 private:
  std::size_t replay_capacity_;
  std::size_t client_capacity_;
  std::shared_ptr<const Snapshot> snapshot_;  // accessed with std::atomic_load/store
  mutable std::mutex mutex_;                  // replay buffer + subscriber list
  std::deque<std::shared_ptr<const StreamEvent>> replay_;
  std::vector<std::shared_ptr<Subscriber>> subscribers_;
  std::uint64_t next_seq_ = 1;
  std::atomic<std::uint64_t> events_{0};
  std::atomic<std::uint64_t> snapshots_{0};
  std::atomic<std::uint64_t> dropped_{0};
};

}  // namespace zerodte::server
