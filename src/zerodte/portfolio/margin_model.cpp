#include "zerodte/portfolio/margin_model.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace zerodte::portfolio {
namespace {

double expiry_value(std::span<const MarginLeg> legs, double s) {
  double v = 0;
  for (const auto& l : legs) {
    const auto& o = *l.instrument->option;
    const double k = o.strike.to_double();
    const double intrinsic =
        o.right == model::OptionRight::kCall ? std::max(s - k, 0.0) : std::max(k - s, 0.0);
    v += intrinsic * static_cast<double>(l.quantity * l.instrument->multiplier);
  }
  return v;
}

double naked_requirement(const MarginLeg& l, double spot) {
  const auto& o = *l.instrument->option;
  const double units = static_cast<double>(std::llabs(l.quantity) * l.instrument->multiplier);
  const double k = o.strike.to_double();
  const bool call = o.right == model::OptionRight::kCall;
  const double otm = call ? std::max(k - spot, 0.0) : std::max(spot - k, 0.0);
  const double floor = call ? 0.10 * spot : 0.10 * k;
  // The premium received is already in equity (cash up, market value down by the same amount).
  return std::max(0.20 * spot - otm, floor) * units;
}

}  // namespace

double option_group_requirement(std::span<const MarginLeg> legs, double spot) {
  if (legs.empty()) return 0.0;
  double market_value = 0;
  std::int64_t net_calls = 0;
  std::vector<double> points{0.0};
  for (const auto& l : legs) {
    market_value += l.mark * static_cast<double>(l.quantity * l.instrument->multiplier);
    if (l.instrument->option->right == model::OptionRight::kCall) net_calls += l.quantity;
    points.push_back(l.instrument->option->strike.to_double());
  }
  if (net_calls >= 0) {
    // Piecewise linear with kinks at the strikes and non-decreasing beyond the highest strike:
    // the minimum is at 0 or at a strike.
    double min_value = INFINITY;
    for (double s : points)
      min_value = std::min(min_value, expiry_value(legs, s));
    return std::max(0.0, market_value - min_value);
  }
  double req = 0;
  for (const auto& l : legs) {
    const double value = l.mark * static_cast<double>(l.quantity * l.instrument->multiplier);
    req += l.quantity < 0 ? naked_requirement(l, spot) : value;
  }
  return req;
}

double equity_requirement(double market_value) {
  return 0.5 * std::fabs(market_value);
}

}  // namespace zerodte::portfolio
