#include "zerodte/analytics/bollinger.hpp"

#include <cmath>

namespace zerodte::analytics {

RollingMoments::RollingMoments(int period) : window_(static_cast<std::size_t>(period)) {
  ZDTE_ASSERT(period >= 1, "window must be >= 1");
}

void RollingMoments::resync() {
  const auto n = static_cast<double>(window_.size());
  double s = 0;
  for (std::size_t i = 0; i < window_.size(); ++i)
    s += window_[i];
  mean_ = s / n;
  double m2 = 0;
  for (std::size_t i = 0; i < window_.size(); ++i) {
    const double d = window_[i] - mean_;
    m2 += d * d;
  }
  m2_ = m2;
}

bool RollingMoments::update(double x) {
  double out = 0;
  if (window_.push(x, &out)) {
    const double n = static_cast<double>(window_.size());
    const double old_mean = mean_;
    mean_ += (x - out) / n;
    m2_ += (x - out) * (x - mean_ + out - old_mean);
    if (m2_ < 0) m2_ = 0;
    if (++since_resync_ >= kResyncEvery) {
      since_resync_ = 0;
      resync();
    }
  } else {
    const double n = static_cast<double>(window_.size());
    const double d = x - mean_;
    mean_ += d / n;
    m2_ += d * (x - mean_);
  }
  return window_.full();
}

double RollingMoments::population_variance() const {
  return window_.empty() ? 0.0 : m2_ / static_cast<double>(window_.size());
}

double RollingMoments::sample_variance() const {
  return window_.size() < 2 ? 0.0 : m2_ / static_cast<double>(window_.size() - 1);
}

void RollingMoments::reset() {
  window_.clear();
  mean_ = m2_ = 0;
  since_resync_ = 0;
}

Bollinger::Bollinger(BollingerConfig cfg) : cfg_(cfg), moments_(cfg.period), ema_(cfg.period) {}

bool Bollinger::update(double close) {
  if (cfg_.basis == BandBasis::kEma) ema_.update(close);
  return moments_.update(close);
}

double Bollinger::middle() const {
  return cfg_.basis == BandBasis::kEma ? ema_.value() : moments_.mean();
}

double Bollinger::stddev() const {
  return std::sqrt(moments_.population_variance());
}

void Bollinger::reset() {
  moments_.reset();
  ema_.reset();
}

}  // namespace zerodte::analytics
