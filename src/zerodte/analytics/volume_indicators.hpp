#pragma once
// Volume-based streaming indicators.
//   Vwap:        session-anchored VWAP of the typical price (H+L+C)/3, reset at each session start
//                by the caller (IndicatorSet resets on a new exchange-local session date). Not
//                ready until some volume traded in the session.
//   Obv:         On-Balance Volume as TA-Lib: starts at the first bar's volume, then adds the
//                volume on an up close, subtracts it on a down close.
//   VolumeRatio: volume / mean volume of the previous n bars (the current bar excluded).
#include "zerodte/analytics/moving_averages.hpp"

namespace zerodte::analytics {

class Vwap {
 public:
  bool update(double high, double low, double close, double volume);
  [[nodiscard]] bool ready() const { return volume_ > 0; }
  [[nodiscard]] double value() const { return pv_ / volume_; }
  void reset() { pv_ = volume_ = 0; }

 private:
  double pv_ = 0;
  double volume_ = 0;
};

class Obv {
 public:
  bool update(double close, double volume);
  [[nodiscard]] bool ready() const { return has_prev_; }
  [[nodiscard]] double value() const { return obv_; }
  void reset() { has_prev_ = false, obv_ = prev_ = 0; }

 private:
  bool has_prev_ = false;
  double prev_ = 0;
  double obv_ = 0;
};

class VolumeRatio {
 public:
  explicit VolumeRatio(int period) : avg_(period) {}
  bool update(double volume);
  [[nodiscard]] bool ready() const { return ready_; }
  [[nodiscard]] double value() const { return ratio_; }
  void reset();

 private:
  Sma avg_;
  double ratio_ = 0;
  bool ready_ = false;
};

}  // namespace zerodte::analytics
