#include "zerodte/analytics/moving_averages.hpp"

namespace zerodte::analytics {

Sma::Sma(int period) : period_(period), window_(static_cast<std::size_t>(period)) {
  ZDTE_ASSERT(period >= 1, "SMA period must be >= 1");
}

bool Sma::update(double x) {
  double out = 0;
  if (window_.push(x, &out)) {
    sum_ += x - out;
    if (++since_resync_ >= kResyncEvery) {
      since_resync_ = 0;
      double s = 0;
      for (std::size_t i = 0; i < window_.size(); ++i)
        s += window_[i];
      sum_ = s;
    }
  } else {
    sum_ += x;
  }
  return window_.full();
}

void Sma::reset() {
  window_.clear();
  sum_ = 0;
  since_resync_ = 0;
}

Ema::Ema(int period, EmaSeed seed) : Ema(period, 2.0 / (period + 1.0), seed) {}

Ema::Ema(int period, double alpha, EmaSeed seed) : period_(period), alpha_(alpha), seed_(seed) {
  ZDTE_ASSERT(period >= 1, "EMA period must be >= 1");
  ZDTE_ASSERT(alpha > 0 && alpha <= 1, "EMA alpha must be in (0, 1]");
}

bool Ema::update(double x) {
  if (ready_) {
    value_ = (x - value_) * alpha_ + value_;  // TA-Lib's form
    return true;
  }
  if (seed_ == EmaSeed::kFirstValue) {
    value_ = x;
    ready_ = true;
    return true;
  }
  seed_sum_ += x;
  if (++count_ == period_) {
    value_ = seed_sum_ / static_cast<double>(period_);
    ready_ = true;
  }
  return ready_;
}

void Ema::reset() {
  count_ = 0;
  seed_sum_ = 0;
  value_ = 0;
  ready_ = false;
}

Wma::Wma(int period)
    : period_(period),
      divisor_(period * (period + 1.0) / 2.0),
      window_(static_cast<std::size_t>(period)) {
  ZDTE_ASSERT(period >= 1, "WMA period must be >= 1");
}

void Wma::resync() {
  sum_ = 0;
  weighted_ = 0;
  for (std::size_t i = 0; i < window_.size(); ++i) {
    sum_ += window_[i];
    weighted_ += window_[i] * static_cast<double>(i + 1);
  }
}

bool Wma::update(double x) {
  double out = 0;
  if (window_.push(x, &out)) {
    // Every weight drops by one (the oldest, weight 1, leaves) and x enters with weight n.
    weighted_ += static_cast<double>(period_) * x - sum_;
    sum_ += x - out;
    if (++since_resync_ >= kResyncEvery) {
      since_resync_ = 0;
      resync();
    }
    return true;
  }
  if (window_.full()) resync();
  return window_.full();
}

void Wma::reset() {
  window_.clear();
  sum_ = 0;
  weighted_ = 0;
  since_resync_ = 0;
}

}  // namespace zerodte::analytics
