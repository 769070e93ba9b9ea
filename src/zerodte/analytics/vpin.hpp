#pragma once
// VPIN (volume-synchronised probability of informed trading, seed 003): trade volume is poured
// into equal buckets of `bucket_volume` shares (default 1,000; a trade that crosses a boundary is
// split), each bucket's order imbalance |buy - sell| / bucket_volume is recorded, and VPIN is the
// mean over the last `window` buckets (default 50). Classification:
//   tick rule:  a trade above the previous trade price is a buy, below is a sell, equal repeats
//               the previous direction;
//   bulk volume classification (BVC): a bar's volume is split buy = V * Phi(dP / sigma_dP), with
//               sigma_dP the standard deviation of recent bar price changes.
// The value is flagged confident once more than `min_buckets` (default 30) buckets completed.
#include <cstdint>

#include "zerodte/analytics/bollinger.hpp"
#include "zerodte/analytics/ring_buffer.hpp"

namespace zerodte::analytics {

struct VpinConfig {
  double bucket_volume = 1000;
  int window = 50;
  int min_buckets = 30;
  int bvc_sigma_window = 50;  // bars used for sigma of price changes (BVC)
};

class Vpin {
 public:
  explicit Vpin(VpinConfig cfg = {});
  // Tick-rule classification of one trade.
  void on_trade(double price, double size);
  // Bulk volume classification of one bar (or time slice).
  void on_bar(double open, double close, double volume);
  // Pre-classified volume (e.g. venue aggressor flags).
  void add(double buy_volume, double sell_volume);

  [[nodiscard]] bool ready() const { return imbalances_.size() > 0; }
  [[nodiscard]] double value() const;  // mean imbalance over the last `window` buckets
  [[nodiscard]] bool confident() const {
    return completed_ > static_cast<std::uint64_t>(cfg_.min_buckets);
  }
  [[nodiscard]] std::uint64_t buckets() const { return completed_; }

 private:
  VpinConfig cfg_;
  double bucket_buy_ = 0;
  double bucket_sell_ = 0;
  RingBuffer<double> imbalances_;
  double imbalance_sum_ = 0;
  std::uint64_t completed_ = 0;
  double last_price_ = 0;
  int last_sign_ = 0;  // +1 buy, -1 sell, 0 unknown
  bool have_price_ = false;
  RollingMoments bar_changes_;
};

}  // namespace zerodte::analytics
