#include "zerodte/strategy/market_structure/closing_imbalance.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace zerodte::strategy::market_structure {

ClosingImbalancePredictor::ClosingImbalancePredictor(ImbalanceConfig cfg)
    : cfg_(cfg),
      points_(static_cast<std::size_t>(std::max(1, cfg.trend_events))),
      book_imb_(static_cast<std::size_t>(std::max(1, cfg.depth_snapshots))),
      book_liq_(static_cast<std::size_t>(std::max(1, cfg.depth_snapshots))) {}

void ClosingImbalancePredictor::on_imbalance(const model::Imbalance& imb) {
  if (imb.auction_type != 'C') return;
  const double sign = imb.side == model::Side::kBuy    ? 1.0
                      : imb.side == model::Side::kSell ? -1.0
                                                       : 0;
  points_.push(Point{static_cast<double>(imb.hdr.ts_event.ns) / 1e9,
                     sign * static_cast<double>(imb.total_imbalance_qty),
                     static_cast<double>(imb.paired_qty)});
}

void ClosingImbalancePredictor::on_depth(const model::BookDepth& book) {
  const auto m = analytics::book_metrics(book, cfg_.liquidity);
  if (!m) return;  // one-sided or crossed: not a usable snapshot
  book_imb_.push(m->imbalance);
  book_liq_.push(m->liquidity_score);
}

void ClosingImbalancePredictor::reset() {
  points_.clear();
  book_imb_.clear();
  book_liq_.clear();
}

ImbalancePrediction ClosingImbalancePredictor::predict(core::Timestamp now,
                                                       core::Timestamp close) const {
  ImbalancePrediction p;
  if (points_.empty()) {
    p.reason = "no closing imbalance published yet";
    return p;
  }
  if (!book_imb_.full()) {
    p.reason = fmt::format("depth: {} of {} snapshots", book_imb_.size(), book_imb_.capacity());
    return p;
  }
  p.ready = true;
  const Point& last = points_.back();
  const double paired = std::max(last.paired, 1.0);
  double slope = 0;  // shares per second
  if (points_.size() >= 2) {
    double mt = 0, mq = 0;
    const auto n = static_cast<double>(points_.size());
    for (std::size_t i = 0; i < points_.size(); ++i) {
      mt += points_[i].t_s;
      mq += points_[i].signed_qty;
    }
    mt /= n;
    mq /= n;
    double stt = 0, stq = 0;
    for (std::size_t i = 0; i < points_.size(); ++i) {
      const double dt = points_[i].t_s - mt;
      stt += dt * dt;
      stq += dt * (points_[i].signed_qty - mq);
    }
    if (stt > 0) slope = stq / stt;
  }
  const double to_close_s = std::max(0.0, static_cast<double>((close - now).count()) / 1e9);
  const double cap = std::abs(last.signed_qty);
  const double projected = last.signed_qty + std::clamp(slope * to_close_s, -cap, cap);
  p.current_ratio = last.signed_qty / paired;
  p.predicted_ratio = projected / paired;
  p.side = p.predicted_ratio > 0 ? 1 : p.predicted_ratio < 0 ? -1 : 0;
  for (std::size_t i = 0; i < book_imb_.size(); ++i) {
    p.book_imbalance += book_imb_[i];
    p.liquidity += book_liq_[i];
  }
  p.book_imbalance /= static_cast<double>(book_imb_.size());
  p.liquidity /= static_cast<double>(book_liq_.size());
  const char* side_name = p.side > 0 ? "buy" : p.side < 0 ? "sell" : "no";
  if (std::abs(p.predicted_ratio) < cfg_.threshold) {
    p.reason =
        fmt::format("predicted closing imbalance {:+.3f} of paired (now {:+.3f}) below {:.3f}",
                    p.predicted_ratio, p.current_ratio, cfg_.threshold);
    return p;
  }
  if (p.side * p.book_imbalance < cfg_.min_book_confirm) {
    p.reason = fmt::format("book imbalance {:+.3f} leans against the {}-side auction imbalance",
                           p.book_imbalance, side_name);
    return p;
  }
  if (p.liquidity < cfg_.min_liquidity) {
    p.reason = fmt::format("liquidity score {:.2f} < {:.2f}", p.liquidity, cfg_.min_liquidity);
    return p;
  }
  p.trigger = true;
  p.reason = fmt::format(
      "predicted {}-side closing imbalance {:+.3f} of paired (now {:+.3f}, threshold {:.3f}), "
      "book imbalance {:+.3f}, liquidity {:.2f}",
      side_name, p.predicted_ratio, p.current_ratio, cfg_.threshold, p.book_imbalance, p.liquidity);
  return p;
}

}  // namespace zerodte::strategy::market_structure
