#pragma once
// Net Greeks of a set of positions, in share-equivalent and dollar terms.
//
// Per-unit Greeks are the model's raw derivatives per one unit of the underlying (delta per 1.00
// move, gamma per 1.00 move, theta per calendar day, vega per 1 vol point = 0.01). Exposure sums
// quantity x multiplier x greek. Dollar figures use the underlying price S:
//   dollar_delta_1pct = delta_shares x S x 0.01     (P&L of a +1% move, first order)
//   dollar_gamma_1pct = gamma_shares x S^2 x 0.01   (change of delta_shares x S for a +1% move;
//                                                    the GEX convention of the quant module)
#include <cstdint>

namespace zerodte::portfolio {

struct UnitGreeks {
  double delta = 0;
  double gamma = 0;
  double theta_per_day = 0;
  double vega_per_point = 0;
};

struct GreeksExposure {
  double delta_shares = 0;    // share-equivalent delta
  double gamma_shares = 0;    // change of delta_shares per 1.00 move of the underlying
  double theta_per_day = 0;   // money per calendar day
  double vega_per_point = 0;  // money per vol point
  double dollar_delta_1pct = 0;
  double dollar_gamma_1pct = 0;

  void add(const UnitGreeks& g, std::int64_t quantity, std::int64_t multiplier, double spot) {
    const double units = static_cast<double>(quantity) * static_cast<double>(multiplier);
    delta_shares += units * g.delta;
    gamma_shares += units * g.gamma;
    theta_per_day += units * g.theta_per_day;
    vega_per_point += units * g.vega_per_point;
    dollar_delta_1pct += units * g.delta * spot * 0.01;
    dollar_gamma_1pct += units * g.gamma * spot * spot * 0.01;
  }
  GreeksExposure& operator+=(const GreeksExposure& o) {
    delta_shares += o.delta_shares;
    gamma_shares += o.gamma_shares;
    theta_per_day += o.theta_per_day;
    vega_per_point += o.vega_per_point;
    dollar_delta_1pct += o.dollar_delta_1pct;
    dollar_gamma_1pct += o.dollar_gamma_1pct;
    return *this;
  }
};

}  // namespace zerodte::portfolio
