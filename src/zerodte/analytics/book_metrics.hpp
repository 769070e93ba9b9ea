#pragma once
// Order-book measures from a BookDepth snapshot:
//   imbalance(levels) = (bid size - ask size) / (bid size + ask size) over the top `levels`
//                       levels, in [-1, 1] (+1 = only bids);
//   spread, mid, spread in basis points of the mid, depth per level and in total;
//   liquidity score in [0, 1] = spread term * depth term, where
//       spread term = 1 / (1 + spread_bps / ref_spread_bps)   (1 when locked, 0.5 at the reference)
//       depth term  = min(1, total depth / ref_depth)         (shares or contracts, both sides)
//   with the references configurable per instrument.
#include <array>
#include <optional>

#include "zerodte/model/market_events.hpp"

namespace zerodte::analytics {

struct LiquidityConfig {
  int levels = 5;
  double ref_spread_bps = 5.0;
  double ref_depth = 10'000;
};

struct BookMetrics {
  double mid = 0;
  double spread = 0;
  double spread_bps = 0;
  double imbalance_top = 0;  // level 1 only
  double imbalance = 0;      // top `levels`
  double bid_depth = 0;      // sum over the top `levels`
  double ask_depth = 0;
  std::array<double, model::BookDepth::kMaxLevels> bid_sizes{};
  std::array<double, model::BookDepth::kMaxLevels> ask_sizes{};
  int levels_used = 0;
  double liquidity_score = 0;
};

// nullopt when the book has no two-sided top level (or it is crossed).
std::optional<BookMetrics> book_metrics(const model::BookDepth& book,
                                        const LiquidityConfig& cfg = {});

}  // namespace zerodte::analytics
