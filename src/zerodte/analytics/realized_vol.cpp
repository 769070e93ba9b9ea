#include "zerodte/analytics/realized_vol.hpp"

#include <cmath>

namespace zerodte::analytics {

CloseToCloseVol::CloseToCloseVol(int period, double periods_per_year)
    : returns_(period), annualize_(std::sqrt(periods_per_year)) {
  ZDTE_ASSERT(period >= 2, "close-to-close volatility needs a window of at least 2 returns");
}

bool CloseToCloseVol::update(double close) {
  if (!has_prev_) {
    has_prev_ = true;
    prev_ = close;
    return false;
  }
  const double r = std::log(close / prev_);
  prev_ = close;
  return returns_.update(r);
}

double CloseToCloseVol::value() const {
  return std::sqrt(returns_.sample_variance()) * annualize_;
}

void CloseToCloseVol::reset() {
  returns_.reset();
  has_prev_ = false;
  prev_ = 0;
}

ParkinsonVol::ParkinsonVol(int period, double periods_per_year)
    : sq_(period), annualize_(std::sqrt(periods_per_year)) {}

bool ParkinsonVol::update(double high, double low) {
  const double r = std::log(high / low);
  return sq_.update(r * r);
}

double ParkinsonVol::value() const {
  static const double kFourLn2 = 4.0 * std::log(2.0);
  return std::sqrt(sq_.value() / kFourLn2) * annualize_;
}

}  // namespace zerodte::analytics
