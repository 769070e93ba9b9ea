#pragma once
// Tiered distribution on the kernel clock (seed 003 Part 7). publish(signal) records the signal
// and enqueues one delivery per route of each tier (premium at once, basic 60 s later, free
// 5 min later: tier_delay), durably, before any is sent; kernel timers release them, so a
// backtest or replay publishes at exactly the same (simulated) times as a live session.
// Each delivery: de-duplicated by key (message id / route), rate limited per route (token
// bucket), attempted (marked "sending" first), then sent / retried (429 retry_after, 5xx,
// transport: exponential backoff) / failed (4xx, max_attempts). After a crash, recover() picks
// up every pending or interrupted delivery; sent ones are never sent again.
// Operator alerts go to the operator routes at once through the same machinery.
//
// Sends are blocking calls on the kernel thread (bounded by each channel's timeout); run the
// distributor on a kernel of its own (the server process) when that matters.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/publish/channel.hpp"
#include "zerodte/publish/delivery_store.hpp"
#include "zerodte/publish/rate_limiter.hpp"
#include "zerodte/publish/signal_alert.hpp"

namespace zerodte::engine {
class Kernel;
}

namespace zerodte::publish {

struct DistributorConfig {
  double strike_round = 5;  // basic tier: strikes rounded to this
  int max_attempts = 5;
  core::Duration backoff = std::chrono::seconds(1);  // doubled per attempt
  core::Duration backoff_cap = std::chrono::minutes(1);
};

struct DistributorStats {
  std::uint64_t enqueued = 0, duplicates = 0, attempts = 0, sent = 0, retried = 0, failed = 0,
                rate_limited = 0;
};

// A report as each tier sees it (premium full, basic redacted, free teaser).
struct TierContent {
  std::string title;
  std::string text;
  std::string html;
  std::vector<Attachment> attachments;
};

class Distributor {
 public:
  Distributor(engine::Kernel& kernel, DeliveryStore& store, DistributorConfig cfg = {});
  ~Distributor();

  // A route: a channel serving one tier ("discord:premium"). Email routes get the tier's
  // active email subscribers as recipients at enqueue time.
  void add_route(Tier tier, std::shared_ptr<Channel> channel, RateLimit limit = {});
  void add_operator_route(std::shared_ptr<Channel> channel, RateLimit limit = {});

  // Records the signal and schedules every tier's deliveries. Publishing the same signal id
  // again changes nothing.
  core::Status publish(const SignalAlert& s);
  // A report (id e.g. "RPT-2025-11-21-close") to every route of each tier that has content.
  core::Status publish_report(std::string_view id, const std::map<Tier, TierContent>& content);
  // An operator alert, sent at once to the operator routes.
  core::Status alert(std::string_view text);
  // After a restart: schedule every pending or interrupted delivery (no earlier than now).
  core::Status recover();

  [[nodiscard]] const DistributorStats& stats() const { return stats_; }
  [[nodiscard]] DeliveryStore& store() { return store_; }

 private:
  struct Route {
    std::string name;
    Tier tier = Tier::kPremium;
    bool operator_route = false;
    std::shared_ptr<Channel> channel;
    TokenBucket bucket;
  };
  core::Status enqueue(OutboundMessage m, Route& r, core::Timestamp due);
  void schedule(const std::string& key, core::Timestamp due);
  void attempt(const std::string& key);
  Route* route(std::string_view name);

  engine::Kernel& kernel_;
  DeliveryStore& store_;
  DistributorConfig cfg_;
  std::vector<std::unique_ptr<Route>> routes_;
  DistributorStats stats_;
  std::uint64_t alert_seq_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace zerodte::publish
