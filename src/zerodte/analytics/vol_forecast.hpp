#pragma once
// EWMA volatility forecast blending implied and realized volatility (seed 003), with its error
// tracked against what was realized.
//   realized: RiskMetrics EWMA of squared returns, var = lambda*var + (1-lambda)*r^2 (annualised);
//   spread:   EWMA (decay `spread_lambda`) of implied - realized, i.e. the usual premium of
//             implied over realized volatility;
//   forecast of next-period realized vol = implied - spread (when an implied vol is supplied),
//             else the EWMA realized vol.
// Each update first scores the previous forecast against the realized |r|*sqrt(periods_per_year)
// (error = forecast - realized): count, bias (mean error), MAE and RMSE, so the decay factors
// can be recalibrated from the stored error.
#include <cstdint>

namespace zerodte::analytics {

struct VolForecastConfig {
  double lambda = 0.94;         // realized-variance decay (RiskMetrics daily)
  double spread_lambda = 0.97;  // implied-realized spread decay
  double periods_per_year = 252;
  int warmup = 20;  // returns before the realized EWMA is trusted
};

struct ForecastError {
  std::uint64_t count = 0;
  double bias = 0;
  double mae = 0;
  double rmse = 0;
};

class VolForecaster {
 public:
  explicit VolForecaster(VolForecastConfig cfg = {});
  // One period's log return and, when known, the implied vol (annualised) at its end (<= 0 = none).
  void update(double log_return, double implied_vol = 0);
  [[nodiscard]] bool ready() const { return returns_ >= cfg_.warmup; }
  [[nodiscard]] double realized_vol() const;  // EWMA, annualised
  [[nodiscard]] double spread() const { return spread_; }
  [[nodiscard]] double forecast() const { return forecast_; }
  [[nodiscard]] const ForecastError& error() const { return error_; }

 private:
  VolForecastConfig cfg_;
  std::int64_t returns_ = 0;
  double var_ = 0;  // per-period variance
  double spread_ = 0;
  bool have_spread_ = false;
  double forecast_ = 0;
  bool have_forecast_ = false;
  double sum_err_ = 0, sum_abs_ = 0, sum_sq_ = 0;
  ForecastError error_;
};

}  // namespace zerodte::analytics
