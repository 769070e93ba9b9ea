#pragma once
// Test helper for streaming feeds: collects a StreamFeed's sink events and runs the feed on a
// thread until the test is done.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "zerodte/adapters/net/stream_feed.hpp"

namespace zerodte::adapters::net::testing {

struct FeedCollector {
  std::mutex m;
  std::condition_variable cv;
  std::vector<engine::Event> events;
  EventSink sink() {
    return [this](engine::Event e) {
      std::lock_guard lock(m);
      events.push_back(std::move(e));
      cv.notify_all();
    };
  }
  template <class P>
  bool wait(P pred, std::chrono::milliseconds d = std::chrono::milliseconds(3000)) {
    std::unique_lock lock(m);
    return cv.wait_for(lock, d, [&] { return pred(events); });
  }
  template <class T>
  std::vector<T> all() {
    std::lock_guard lock(m);
    std::vector<T> out;
    for (const auto& e : events)
      if (const auto* x = std::get_if<T>(&e)) out.push_back(*x);
    return out;
  }
  template <class T>
  static std::size_t count(const std::vector<engine::Event>& ev) {
    return static_cast<std::size_t>(std::count_if(
        ev.begin(), ev.end(), [](const auto& e) { return std::holds_alternative<T>(e); }));
  }
  std::vector<std::string> statuses() {
    std::vector<std::string> out;
    for (const auto& s : all<model::FeedStatus>())
      out.push_back(fmt::format("{}:{}", static_cast<int>(s.state), s.detail.view()));
    return out;
  }
};

// Runs StreamFeed::run on a thread; finish() stops and joins.
struct FeedRunner {
  StreamFeed& feed;
  std::atomic<bool> stop{false};
  std::thread th;
  core::Status result = core::ok();
  explicit FeedRunner(StreamFeed& f) : feed(f) {
    th = std::thread([this] { result = feed.run(stop); });
  }
  void finish() {
    stop = true;
    if (th.joinable()) th.join();
  }
  ~FeedRunner() { finish(); }
};

inline StreamFeedConfig fast_feed_config() {
  StreamFeedConfig fc;
  fc.connect_timeout = std::chrono::seconds(1);
  fc.handshake_timeout = std::chrono::seconds(1);
  fc.silent_after = std::chrono::milliseconds(200);
  fc.read_slice = std::chrono::milliseconds(20);
  fc.backoff = {
      .base = std::chrono::milliseconds(5), .cap = std::chrono::milliseconds(20), .seed = 9};
  fc.max_auth_failures = 2;
  return fc;
}

}  // namespace zerodte::adapters::net::testing
