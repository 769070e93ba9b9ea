#include "zerodte/analytics/book_metrics.hpp"

#include <algorithm>

namespace zerodte::analytics {

std::optional<BookMetrics> book_metrics(const model::BookDepth& book, const LiquidityConfig& cfg) {
  if (book.depth == 0) return std::nullopt;
  const auto& top = book.levels[0];
  if (!top.bid_px.is_defined() || !top.ask_px.is_defined() || top.bid_size <= 0 ||
      top.ask_size <= 0 || top.bid_px > top.ask_px)
    return std::nullopt;
  BookMetrics m;
  const double bid = top.bid_px.to_double();
  const double ask = top.ask_px.to_double();
  m.mid = 0.5 * (bid + ask);
  m.spread = ask - bid;
  m.spread_bps = m.mid > 0 ? 1e4 * m.spread / m.mid : 0;
  const int n =
      std::min<int>({cfg.levels, book.depth, static_cast<int>(model::BookDepth::kMaxLevels)});
  for (int i = 0; i < n; ++i) {
    const auto& l = book.levels[static_cast<std::size_t>(i)];
    const double b = l.bid_px.is_defined() ? static_cast<double>(l.bid_size) : 0.0;
    const double a = l.ask_px.is_defined() ? static_cast<double>(l.ask_size) : 0.0;
    m.bid_sizes[static_cast<std::size_t>(i)] = b;
    m.ask_sizes[static_cast<std::size_t>(i)] = a;
    m.bid_depth += b;
    m.ask_depth += a;
  }
  m.levels_used = n;
  const double tb = static_cast<double>(top.bid_size), ta = static_cast<double>(top.ask_size);
  m.imbalance_top = (tb - ta) / (tb + ta);
  const double depth = m.bid_depth + m.ask_depth;
  m.imbalance = depth > 0 ? (m.bid_depth - m.ask_depth) / depth : 0;
  const double spread_term = 1.0 / (1.0 + m.spread_bps / cfg.ref_spread_bps);
  const double depth_term = std::min(1.0, depth / cfg.ref_depth);
  m.liquidity_score = spread_term * depth_term;
  return m;
}

}  // namespace zerodte::analytics
