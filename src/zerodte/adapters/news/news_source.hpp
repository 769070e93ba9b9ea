#pragma once
// Common parts of the news/social data clients: the sink that posts NewsItems into the kernel
// inbox, backoff, per-source statistics, and the polling loop shared by the REST sources.
// Clients run on their own (I/O) threads; run() loops until `stop` is set. Credentials come from
// environment variables named in each config; they never appear in errors or logs.
#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_set>

#include "zerodte/core/clock.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/model/news.hpp"

namespace zerodte::engine {
class Kernel;
}

namespace zerodte::adapters::news {

using NewsSink = std::function<void(model::NewsItem)>;

// Posts each item into the kernel's inbox (ts_recv stamped from the kernel clock when unset).
// A full inbox drops the item and counts it in the inbox statistics.
NewsSink inbox_sink(engine::Kernel& kernel);

struct Backoff {
  core::Duration initial = std::chrono::seconds(1);
  core::Duration max = std::chrono::minutes(5);
  double factor = 2.0;
  core::Duration current{0};
  core::Duration next();  // initial, then x factor, capped at max
  void reset() { current = core::Duration{0}; }
};

struct SourceStats {
  std::uint64_t polls = 0, items = 0, duplicates = 0, skipped = 0, filtered = 0;
  std::uint64_t errors = 0, auth_failures = 0, rate_limited = 0, disconnects = 0, malformed = 0;
};

class PollingSource {
 public:
  virtual ~PollingSource() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  // One polling round: emits new items (never an item twice). Errors: kAuth, kRateLimited,
  // kTransport (incl. timeouts), kParse (malformed payload).
  virtual core::Status poll_once(const NewsSink& sink) = 0;
  // Delay before the next round after `last`: the poll interval, Retry-After / rate-limit reset
  // when throttled, exponential backoff on errors.
  [[nodiscard]] core::Duration next_delay(const core::Status& last);
  // Polls until `stop` (sleeping in small steps so stop is prompt).
  void run(const NewsSink& sink, const std::atomic<bool>& stop);
  [[nodiscard]] const SourceStats& stats() const { return stats_; }

 protected:
  void count_error(const core::Error& e);
  core::Duration interval_ = std::chrono::seconds(10);
  core::Duration throttle_until_{0};  // set from Retry-After / rate-limit headers
  Backoff backoff_;
  SourceStats stats_;
};

// Keeps the ids of emitted items (bounded, oldest forgotten first).
class SeenIds {
 public:
  explicit SeenIds(std::size_t capacity = 50'000) : capacity_(capacity) {}
  bool insert(const std::string& id);  // true when new
 private:
  std::size_t capacity_;
  std::unordered_set<std::string> set_;
  std::deque<std::string> order_;
};

std::string env_or_empty(const std::string& name);
std::string base64(std::string_view s);

}  // namespace zerodte::adapters::news
