#include "zerodte/analytics/vpin.hpp"

#include <cmath>

namespace zerodte::analytics {

Vpin::Vpin(VpinConfig cfg)
    : cfg_(cfg),
      imbalances_(static_cast<std::size_t>(cfg.window)),
      bar_changes_(cfg.bvc_sigma_window) {
  ZDTE_ASSERT(cfg.bucket_volume > 0, "VPIN bucket volume must be positive");
}

void Vpin::add(double buy, double sell) {
  ZDTE_ASSERT(buy >= 0 && sell >= 0, "VPIN volumes must not be negative");
  while (buy + sell > 0) {
    const double room = cfg_.bucket_volume - bucket_buy_ - bucket_sell_;
    const double total = buy + sell;
    const double take = std::min(room, total);
    // Split proportionally when the volume crosses a bucket boundary.
    const double b = buy * (take / total);
    const double s = take - b;
    bucket_buy_ += b, bucket_sell_ += s;
    buy -= b, sell -= s;
    if (take == total) buy = sell = 0;  // no residue from rounding
    if (bucket_buy_ + bucket_sell_ >= cfg_.bucket_volume * (1 - 1e-12)) {
      const double imbalance = std::fabs(bucket_buy_ - bucket_sell_) / cfg_.bucket_volume;
      double out = 0;
      if (imbalances_.push(imbalance, &out)) imbalance_sum_ -= out;
      imbalance_sum_ += imbalance;
      ++completed_;
      bucket_buy_ = bucket_sell_ = 0;
      if (completed_ % 4096 == 0) {  // exact re-sum against drift
        imbalance_sum_ = 0;
        for (std::size_t i = 0; i < imbalances_.size(); ++i)
          imbalance_sum_ += imbalances_[i];
      }
    }
  }
}

void Vpin::on_trade(double price, double size) {
  if (have_price_) {
    if (price > last_price_) last_sign_ = 1;
    if (price < last_price_) last_sign_ = -1;
  }
  have_price_ = true;
  last_price_ = price;
  // The very first trade has no reference: split evenly.
  if (last_sign_ == 0) {
    add(size / 2, size / 2);
  } else {
    add(last_sign_ > 0 ? size : 0, last_sign_ < 0 ? size : 0);
  }
}

void Vpin::on_bar(double open, double close, double volume) {
  const double dp = close - open;
  const double sd = std::sqrt(bar_changes_.sample_variance());
  bar_changes_.update(dp);
  // Phi(z) = 0.5 * erfc(-z / sqrt 2); without a sigma yet, split by the sign.
  const double buy_share = sd > 0 ? 0.5 * std::erfc(-dp / (sd * std::sqrt(2.0)))
                                  : (dp > 0   ? 1.0
                                     : dp < 0 ? 0.0
                                              : 0.5);
  add(volume * buy_share, volume * (1 - buy_share));
}

double Vpin::value() const {
  return imbalances_.empty() ? 0.0 : imbalance_sum_ / static_cast<double>(imbalances_.size());
}

}  // namespace zerodte::analytics
