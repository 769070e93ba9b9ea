#pragma once
// Seed 003 "MOC Imbalance Predictor": forecasts the closing-auction imbalance from the exchange's
// Imbalance events and confirms it with the order book.
//   signed imbalance  = total_imbalance_qty, + on the buy side, - on the sell side ('C' only);
//   projection        = least-squares slope of the signed imbalance over the last `trend_events`
//                       publications, extrapolated to the close and limited to +-100% of the
//                       current value (an imbalance rarely more than doubles or flips by trend);
//   predicted ratio   = projected imbalance / paired quantity;
//   book confirmation = mean level-1..5 book imbalance and liquidity score of the last
//                       `depth_snapshots` (5) BookDepth snapshots (analytics::book_metrics).
// A trade needs |predicted ratio| >= threshold, a book that does not lean against it
// (side * book imbalance >= min_book_confirm) and liquidity >= min_liquidity.
#include <cstdint>
#include <string>

#include "zerodte/analytics/book_metrics.hpp"
#include "zerodte/analytics/ring_buffer.hpp"
#include "zerodte/model/market_events.hpp"

namespace zerodte::strategy::market_structure {

struct ImbalanceConfig {
  double threshold = 0.10;  // |projected imbalance| / paired quantity
  int trend_events = 5;
  int depth_snapshots = 5;
  double min_book_confirm = 0.0;
  double min_liquidity = 0.30;
  analytics::LiquidityConfig liquidity;
};

struct ImbalancePrediction {
  bool ready = false;          // an imbalance and enough depth were seen
  bool trigger = false;        // all conditions hold
  int side = 0;                // +1 buy-side imbalance (price pushed up), -1 sell-side
  double current_ratio = 0;    // signed current imbalance / paired
  double predicted_ratio = 0;  // signed projection / paired
  double book_imbalance = 0;   // mean of the last snapshots
  double liquidity = 0;
  std::string reason;
};

class ClosingImbalancePredictor {
 public:
  explicit ClosingImbalancePredictor(ImbalanceConfig cfg = {});
  void on_imbalance(const model::Imbalance& imb);  // ignores non-closing auctions
  void on_depth(const model::BookDepth& book);
  [[nodiscard]] ImbalancePrediction predict(core::Timestamp now, core::Timestamp close) const;
  [[nodiscard]] std::size_t imbalances() const { return points_.size(); }
  void reset();

 private:
  struct Point {
    double t_s = 0;  // seconds since epoch
    double signed_qty = 0;
    double paired = 0;
  };
  ImbalanceConfig cfg_;
  analytics::RingBuffer<Point> points_;
  analytics::RingBuffer<double> book_imb_;
  analytics::RingBuffer<double> book_liq_;
};

}  // namespace zerodte::strategy::market_structure
