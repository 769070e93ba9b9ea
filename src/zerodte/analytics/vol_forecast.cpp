#include "zerodte/analytics/vol_forecast.hpp"

#include <cmath>

namespace zerodte::analytics {

VolForecaster::VolForecaster(VolForecastConfig cfg) : cfg_(cfg) {}

double VolForecaster::realized_vol() const {
  return std::sqrt(var_ * cfg_.periods_per_year);
}

void VolForecaster::update(double r, double implied) {
  const double realized_now = std::fabs(r) * std::sqrt(cfg_.periods_per_year);
  if (have_forecast_) {
    const double e = forecast_ - realized_now;
    sum_err_ += e, sum_abs_ += std::fabs(e), sum_sq_ += e * e;
    ++error_.count;
    const double n = static_cast<double>(error_.count);
    error_.bias = sum_err_ / n;
    error_.mae = sum_abs_ / n;
    error_.rmse = std::sqrt(sum_sq_ / n);
  }
  // Realized variance: seeded with the mean of the first `warmup` squared returns.
  ++returns_;
  if (returns_ <= cfg_.warmup) {
    var_ += (r * r - var_) / static_cast<double>(returns_);
  } else {
    var_ = cfg_.lambda * var_ + (1 - cfg_.lambda) * r * r;
  }
  if (!ready()) return;
  const double rv = realized_vol();
  if (implied > 0) {
    const double s = implied - rv;
    spread_ = have_spread_ ? cfg_.spread_lambda * spread_ + (1 - cfg_.spread_lambda) * s : s;
    have_spread_ = true;
    forecast_ = implied - spread_;
  } else {
    forecast_ = rv;
  }
  have_forecast_ = true;
}

}  // namespace zerodte::analytics
