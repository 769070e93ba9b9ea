#pragma once
// Rolling minimum or maximum with a monotonic deque: O(1) amortised per update, storage fixed at
// construction. Two window kinds:
//   count_window(kind, n):            the last n samples (TA-Lib MIN/MAX(n), Stochastic HH/LL);
//   time_window(kind, span, max_n):   samples with ts > now - span, and at most the last max_n
//                                     samples (e.g. the last hour of 1-minute bars: 1h, 60).
#include <cstdint>
#include <vector>

#include "zerodte/core/time.hpp"

namespace zerodte::analytics {

class RollingExtremum {
 public:
  enum class Kind : std::uint8_t { kMin, kMax };

  static RollingExtremum count_window(Kind kind, int n);
  static RollingExtremum time_window(Kind kind, core::Duration span, int max_samples);

  // Count windows: ts is ignored. Time windows: ts must not decrease.
  bool update(double x, core::Timestamp ts = core::Timestamp{});
  // Count windows: n samples seen; time windows: at least one sample.
  [[nodiscard]] bool ready() const { return seen_ >= required_; }
  [[nodiscard]] double value() const { return at(head_).value; }
  void reset();

 private:
  struct Entry {
    std::int64_t index = 0;
    std::int64_t ts_ns = 0;
    double value = 0;
  };
  RollingExtremum(Kind kind, int max_samples, std::int64_t span_ns, std::int64_t required);

  // Monotonic deque in a power-of-two ring: entries [head_, tail_) by masked index.
  [[nodiscard]] Entry& at(std::uint64_t i) { return buf_[i & mask_]; }
  [[nodiscard]] const Entry& at(std::uint64_t i) const { return buf_[i & mask_]; }

  Kind kind_;
  std::int64_t max_samples_;
  std::int64_t span_ns_;  // 0 = count window
  std::int64_t required_;
  std::int64_t seen_ = 0;
  std::vector<Entry> buf_;
  std::uint64_t mask_ = 0;
  std::uint64_t head_ = 0;
  std::uint64_t tail_ = 0;
};

}  // namespace zerodte::analytics
