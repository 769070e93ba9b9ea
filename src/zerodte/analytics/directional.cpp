#include "zerodte/analytics/directional.hpp"

#include <algorithm>
#include <cmath>

#include "zerodte/core/assert.hpp"

namespace zerodte::analytics {

namespace {
double true_range(const TrueRange& p, double high, double low) {
  return std::max({high - low, std::fabs(high - p.prev_close), std::fabs(low - p.prev_close)});
}
}  // namespace

Atr::Atr(int period, bool first_bar_range) : period_(period), first_bar_range_(first_bar_range) {
  ZDTE_ASSERT(period >= 1, "ATR period must be >= 1");
}

bool Atr::update(double high, double low, double close) {
  double tr = 0;
  bool have_tr = true;
  if (prev_.has_prev) {
    tr = true_range(prev_, high, low);
  } else if (first_bar_range_) {
    tr = high - low;
  } else {
    have_tr = false;
  }
  prev_ = TrueRange{true, high, low, close};
  if (!have_tr) return false;
  const double n = static_cast<double>(period_);
  if (count_ < period_) {
    atr_ += tr;
    if (++count_ == period_) atr_ /= n;
  } else {
    atr_ = (atr_ * (n - 1.0) + tr) / n;
  }
  return ready();
}

void Atr::reset() {
  prev_ = TrueRange{};
  count_ = 0;
  atr_ = 0;
}

bool WilderSum::update(double x) {
  if (ready_) {
    sum_ = sum_ - sum_ / static_cast<double>(period_) + x;
    return true;
  }
  ++count_;
  if (seed_ == WilderSeed::kWilderSum) {
    sum_ += x;
    ready_ = count_ == period_;
  } else if (count_ < period_) {
    sum_ += x;
    ready_ = seed_ == WilderSeed::kTulip && count_ == period_ - 1;
  } else {  // kTaLib: the n-th value is the first smoothing step
    sum_ = sum_ - sum_ / static_cast<double>(period_) + x;
    ready_ = true;
  }
  return ready_;
}

void WilderSum::reset() {
  count_ = 0;
  sum_ = 0;
  ready_ = false;
}

Adx::Adx(int period, WilderSeed seed)
    : period_(period), tr_(period, seed), plus_dm_(period, seed), minus_dm_(period, seed) {
  ZDTE_ASSERT(period >= 2, "ADX period must be >= 2");
}

bool Adx::update(double high, double low, double close) {
  if (!prev_.has_prev) {
    prev_ = TrueRange{true, high, low, close};
    return false;
  }
  const double up = high - prev_.prev_high;
  const double down = prev_.prev_low - low;
  const double pdm = (up > down && up > 0) ? up : 0.0;
  const double mdm = (down > up && down > 0) ? down : 0.0;
  const double tr = true_range(prev_, high, low);
  prev_ = TrueRange{true, high, low, close};
  plus_dm_.update(pdm);
  minus_dm_.update(mdm);
  if (!tr_.update(tr)) return false;
  const double str = tr_.value();
  plus_di_ = str != 0.0 ? 100.0 * plus_dm_.value() / str : 0.0;
  minus_di_ = str != 0.0 ? 100.0 * minus_dm_.value() / str : 0.0;
  const double di_sum = plus_di_ + minus_di_;
  dx_ = di_sum != 0.0 ? 100.0 * std::fabs(plus_di_ - minus_di_) / di_sum : 0.0;
  const double n = static_cast<double>(period_);
  if (adx_count_ < period_) {
    adx_ += dx_;
    if (++adx_count_ == period_) adx_ /= n;
  } else {
    adx_ = (adx_ * (n - 1.0) + dx_) / n;
  }
  return ready();
}

void Adx::reset() {
  prev_ = TrueRange{};
  tr_.reset();
  plus_dm_.reset();
  minus_dm_.reset();
  plus_di_ = minus_di_ = dx_ = adx_ = 0;
  adx_count_ = 0;
}

}  // namespace zerodte::analytics
