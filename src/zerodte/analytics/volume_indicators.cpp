#include "zerodte/analytics/volume_indicators.hpp"

namespace zerodte::analytics {

bool Vwap::update(double high, double low, double close, double volume) {
  pv_ += (high + low + close) / 3.0 * volume;
  volume_ += volume;
  return ready();
}

bool Obv::update(double close, double volume) {
  if (!has_prev_) {
    has_prev_ = true;
    obv_ = volume;
  } else if (close > prev_) {
    obv_ += volume;
  } else if (close < prev_) {
    obv_ -= volume;
  }
  prev_ = close;
  return true;
}

bool VolumeRatio::update(double volume) {
  if (avg_.ready()) {
    const double mean = avg_.value();
    ratio_ = mean > 0 ? volume / mean : 0.0;
    ready_ = mean > 0;
  }
  avg_.update(volume);
  return ready_;
}

void VolumeRatio::reset() {
  avg_.reset();
  ratio_ = 0;
  ready_ = false;
}

}  // namespace zerodte::analytics
