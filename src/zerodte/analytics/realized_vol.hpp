#pragma once
// Realized volatility over a rolling window of n bars, annualised by sqrt(periods_per_year)
// (252 for daily bars, 252*390 for regular-session minute bars).
//   close-to-close: sample standard deviation (n-1) of the last n log returns ln(C_t/C_{t-1});
//   Parkinson:      sqrt( sum(ln(H/L)^2) / (4 n ln 2) ) over the last n bars.
#include "zerodte/analytics/bollinger.hpp"

namespace zerodte::analytics {

class CloseToCloseVol {
 public:
  CloseToCloseVol(int period, double periods_per_year);
  bool update(double close);
  [[nodiscard]] bool ready() const { return returns_.ready(); }
  [[nodiscard]] double value() const;  // annualised
  void reset();

 private:
  RollingMoments returns_;
  double annualize_;
  double prev_ = 0;
  bool has_prev_ = false;
};

class ParkinsonVol {
 public:
  ParkinsonVol(int period, double periods_per_year);
  bool update(double high, double low);
  [[nodiscard]] bool ready() const { return sq_.ready(); }
  [[nodiscard]] double value() const;  // annualised
  void reset() { sq_.reset(); }

 private:
  Sma sq_;  // mean of ln(H/L)^2
  double annualize_;
};

}  // namespace zerodte::analytics
