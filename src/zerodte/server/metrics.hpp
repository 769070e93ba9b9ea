#pragma once
// A small metrics registry any area can use: counters, gauges and latency histograms whose
// updates are lock-free (relaxed atomics); registration takes a lock once. render_prometheus()
// writes the Prometheus text exposition format (version 0.0.4).
//
//   auto& fills = metrics.counter("zerodte_fills_total", "Fills received");
//   fills.inc();
//   auto& lat = metrics.histogram("zerodte_stage_latency_seconds", "Stage latency", {"stage",
//   "risk"}); lat.observe_ns(1234);
#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zerodte::server {

class Counter {
 public:
  void inc(std::uint64_t n = 1) { v_.fetch_add(n, std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t value() const { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> v_{0};
};

class Gauge {
 public:
  void set(double v) { v_.store(v, std::memory_order_relaxed); }
  void add(double d);
  [[nodiscard]] double value() const { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> v_{0.0};
};

// Fixed exponential buckets for latencies: 1us .. ~16.8s (powers of 2 of 1us, 25 buckets).
class Histogram {
 public:
  static constexpr std::size_t kBuckets = 25;
  void observe_ns(std::int64_t ns);
  [[nodiscard]] static double bucket_upper_seconds(std::size_t i);
  [[nodiscard]] std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t bucket(std::size_t i) const {
    return buckets_[i].load(std::memory_order_relaxed);
  }
  [[nodiscard]] double sum_seconds() const {
    return static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) * 1e-9;
  }

 private:
  std::array<std::atomic<std::uint64_t>, kBuckets> buckets_{};  // non-cumulative
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::int64_t> sum_ns_{0};
};

// One label pair per series at most (enough for "stage", "strategy", "venue").
struct Label {
  std::string name;
  std::string value;
};

class Metrics {
 public:
  // Returns the same series for the same (name, label); the help text of the first call wins.
  // Names must match [a-zA-Z_:][a-zA-Z0-9_:]*; label names [a-zA-Z_][a-zA-Z0-9_]* (asserted).
  Counter& counter(std::string_view name, std::string_view help, Label label = {});
  Gauge& gauge(std::string_view name, std::string_view help, Label label = {});
  Histogram& histogram(std::string_view name, std::string_view help, Label label = {});

  [[nodiscard]] std::string render_prometheus() const;

 private:
  enum class Kind : std::uint8_t { kCounter, kGauge, kHistogram };
  struct Series {
    std::string name;
    std::string help;
    Kind kind;
    Label label;
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
  };
  Series& find_or_add(std::string_view name, std::string_view help, Kind kind, Label label);

  mutable std::mutex mutex_;
  std::deque<Series> series_;
};

}  // namespace zerodte::server
