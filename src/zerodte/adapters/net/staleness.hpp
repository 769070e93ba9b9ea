#pragma once
// Feed freshness, on an injected core::Clock (SimClock in tests and backtests, LiveClock live).
//
// StalenessClock: one shared board of "when did feed X last deliver a message". Adapters register
// their feeds and touch() them on every message (lock-free); risk ("stale-data lockout": the
// pricing feed older than 3 s halts new orders, seed 003) and the overseer read age()/is_stale()
// or snapshot() from any thread.
//   net::StalenessClock board(clock);
//   auto* f = board.register_feed("alpaca.stocks", 3s);     // stable pointer, lives with board
//   f->touch(clock.now());                                   // I/O thread, per message
//   if (board.is_stale("alpaca.stocks")) block_new_orders(); // risk
//
// Watchdog: one connection's "open but silent" detector. arm() on connect, on_message() per
// frame (heartbeats count), silent() once nothing arrived for `silent_after`. The adapter then
// drops and reconnects. It also touches its StalenessClock feed when given one.
#include <atomic>
#include <cstdint>
#include <deque>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/clock.hpp"

namespace zerodte::adapters::net {

struct FeedAge {
  std::string feed;
  core::Timestamp last_message;  // unset (0) when nothing arrived yet
  core::Duration age{0};         // now - last_message (or since registration if none)
  core::Duration stale_after{0};
  bool stale = false;
  bool connected = false;
};

class StalenessClock {
 public:
  class Feed {
   public:
    void touch(core::Timestamp now) { last_ns_.store(now.ns, std::memory_order_release); }
    void set_connected(bool c) { connected_.store(c, std::memory_order_release); }
    [[nodiscard]] core::Timestamp last() const {
      return core::Timestamp{last_ns_.load(std::memory_order_acquire)};
    }
    [[nodiscard]] bool connected() const { return connected_.load(std::memory_order_acquire); }
    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] core::Duration stale_after() const { return stale_after_; }

   private:
    friend class StalenessClock;
    std::string name_;
    core::Duration stale_after_{0};
    core::Timestamp registered_;
    std::atomic<std::int64_t> last_ns_{0};
    std::atomic<bool> connected_{false};
  };

  explicit StalenessClock(const core::Clock& clock) : clock_(clock) {}
  StalenessClock(const StalenessClock&) = delete;
  StalenessClock& operator=(const StalenessClock&) = delete;

  // Idempotent per name (a second call updates stale_after and returns the same feed).
  Feed* register_feed(std::string_view name, core::Duration stale_after);
  [[nodiscard]] Feed* find(std::string_view name) const;

  void touch(std::string_view name);  // unknown names are ignored
  // nullopt for an unknown feed. A feed that never delivered ages from its registration.
  [[nodiscard]] std::optional<core::Duration> age(std::string_view name) const;
  // Unknown feeds count as stale (a missing feed must not look healthy).
  [[nodiscard]] bool is_stale(std::string_view name) const;
  [[nodiscard]] std::vector<FeedAge> snapshot() const;
  [[nodiscard]] std::vector<std::string> stale_feeds() const;
  [[nodiscard]] const core::Clock& clock() const { return clock_; }

 private:
  [[nodiscard]] FeedAge describe(const Feed& f, core::Timestamp now) const;
  const core::Clock& clock_;
  mutable std::shared_mutex mutex_;
  std::deque<Feed> feeds_;  // deque: stable addresses
};

class Watchdog {
 public:
  Watchdog(const core::Clock& clock, core::Duration silent_after,
           StalenessClock::Feed* feed = nullptr)
      : clock_(clock), silent_after_(silent_after), feed_(feed) {}
  void arm();         // a new connection: the silence window starts now
  void on_message();  // any frame (data or heartbeat)
  [[nodiscard]] bool silent() const { return silent_for() > silent_after_; }
  [[nodiscard]] core::Duration silent_for() const;
  [[nodiscard]] core::Timestamp last_message() const { return last_; }
  [[nodiscard]] core::Duration silent_after() const { return silent_after_; }
  void set_feed(StalenessClock::Feed* feed) { feed_ = feed; }
  void set_connected(bool c) {
    if (feed_) feed_->set_connected(c);
  }

 private:
  const core::Clock& clock_;
  core::Duration silent_after_;
  StalenessClock::Feed* feed_;
  core::Timestamp armed_;
  core::Timestamp last_;
};

}  // namespace zerodte::adapters::net
