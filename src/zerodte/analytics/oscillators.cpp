#include "zerodte/analytics/oscillators.hpp"

#include <utility>

namespace zerodte::analytics {

Rsi::Rsi(int period) : period_(period) {
  ZDTE_ASSERT(period >= 1, "RSI period must be >= 1");
}

bool Rsi::update(double close) {
  if (!has_prev_) {
    has_prev_ = true;
    prev_ = close;
    return false;
  }
  const double change = close - prev_;
  prev_ = close;
  const double g = change > 0 ? change : 0.0;
  const double l = change < 0 ? -change : 0.0;
  const double n = static_cast<double>(period_);
  if (changes_ < period_) {
    gain_ += g;
    loss_ += l;
    if (++changes_ == period_) {
      gain_ /= n;
      loss_ /= n;
    }
  } else {
    gain_ = (gain_ * (n - 1.0) + g) / n;
    loss_ = (loss_ * (n - 1.0) + l) / n;
  }
  return ready();
}

double Rsi::value() const {
  const double total = gain_ + loss_;
  return total != 0.0 ? 100.0 * (gain_ / total) : 0.0;
}

void Rsi::reset() {
  changes_ = 0;
  has_prev_ = false;
  prev_ = gain_ = loss_ = 0;
}

namespace {
MacdConfig normalized(MacdConfig c) {
  if (c.slow < c.fast) std::swap(c.slow, c.fast);  // TA-Lib swaps too
  if (c.fast_alpha <= 0) c.fast_alpha = 2.0 / (c.fast + 1.0);
  if (c.slow_alpha <= 0) c.slow_alpha = 2.0 / (c.slow + 1.0);
  return c;
}
EmaSeed seed_of(MacdSeed s) {
  return s == MacdSeed::kTaLib ? EmaSeed::kSma : EmaSeed::kFirstValue;
}
}  // namespace

Macd::Macd(MacdConfig cfg)
    : cfg_(normalized(cfg)),
      fast_(cfg_.fast, cfg_.fast_alpha, seed_of(cfg_.seed)),
      slow_(cfg_.slow, cfg_.slow_alpha, seed_of(cfg_.seed)),
      signal_(cfg_.signal, seed_of(cfg_.seed)) {}

bool Macd::update(double close) {
  const int index = count_++;
  const bool tulip = cfg_.seed == MacdSeed::kFirstValue;
  // TA-Lib starts the fast EMA late so that its SMA seed ends on the slow EMA's seed bar.
  if (tulip || index >= cfg_.slow - cfg_.fast) fast_.update(close);
  slow_.update(close);
  if (index < cfg_.slow - 1) return false;
  macd_ = fast_.value() - slow_.value();
  return signal_.update(macd_);
}

void Macd::reset() {
  fast_.reset();
  slow_.reset();
  signal_.reset();
  count_ = 0;
  macd_ = 0;
}

Stochastic::Stochastic(StochasticConfig cfg)
    : highest_(RollingExtremum::count_window(RollingExtremum::Kind::kMax, cfg.k_period)),
      lowest_(RollingExtremum::count_window(RollingExtremum::Kind::kMin, cfg.k_period)),
      k_(cfg.k_slowing),
      d_(cfg.d_period) {}

bool Stochastic::update(double high, double low, double close) {
  highest_.update(high);
  lowest_.update(low);
  if (!highest_.ready()) return false;
  const double hh = highest_.value();
  const double ll = lowest_.value();
  const double diff = (hh - ll) / 100.0;
  const double fast_k = diff != 0.0 ? (close - ll) / diff : 0.0;
  if (!k_.update(fast_k)) return false;
  return d_.update(k_.value());
}

void Stochastic::reset() {
  highest_.reset();
  lowest_.reset();
  k_.reset();
  d_.reset();
}

}  // namespace zerodte::analytics
