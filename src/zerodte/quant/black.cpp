#include "zerodte/quant/black.hpp"

#include <cmath>

#include "zerodte/quant/normal.hpp"
#include "zerodte/quant/normalised_black.hpp"

namespace zerodte::quant {

namespace {

// Undiscounted-forward price df * w * (F Phi(w d1) - K Phi(w d2)), computed directly when the two
// terms are far apart and through the normalised Black function when they would cancel.
double black_value(double w, double fwd, double strike, double df, double x, double s, double nd1,
                   double nd2) {
  const double a = fwd * nd1;
  const double b = strike * nd2;
  const double plus = w > 0 ? a : b;
  const double minus = w > 0 ? b : a;
  if (minus < 0.75 * plus) return df * (plus - minus);
  const double b_norm = normalised_black_call(w * x, s);
  return df * std::sqrt(fwd * strike) * b_norm;
}

}  // namespace

Greeks bsm_greeks(const EuropeanInputs& in) {
  const double w = sign(in.type);
  const double T = in.years;
  const double df = std::exp(-in.rate * std::max(T, 0.0));
  const double dq = std::exp(-in.dividend * std::max(T, 0.0));
  const double x = std::log(in.spot / in.strike) + (in.rate - in.dividend) * std::max(T, 0.0);
  const double fwd = in.spot * dq / df;
  Greeks g;
  const double sq = std::sqrt(std::max(T, 0.0));
  const double s = in.vol * sq;
  if (!(T > 0.0) || !(s > 0.0)) {
    const double intrinsic = std::max(w * (fwd - in.strike), 0.0);
    g.price = df * intrinsic;
    g.delta = intrinsic > 0.0 ? w * dq : 0.0;
    return g;
  }
  const double d1 = x / s + 0.5 * s;
  const double d2 = d1 - s;
  const double nd1 = norm_cdf(w * d1);
  const double nd2 = norm_cdf(w * d2);
  const double pdf1 = norm_pdf(d1);
  g.price = black_value(w, fwd, in.strike, df, x, s, nd1, nd2);
  const double s_dq = in.spot * dq;
  g.delta = w * dq * nd1;
  g.gamma = dq * pdf1 / (in.spot * s);
  g.vega = s_dq * pdf1 * sq;
  g.theta = -s_dq * pdf1 * in.vol / (2.0 * sq) - w * in.rate * in.strike * df * nd2 +
            w * in.dividend * s_dq * nd1;
  g.rho = w * in.strike * T * df * nd2;
  g.dividend_rho = -w * T * s_dq * nd1;
  g.vanna = -dq * pdf1 * d2 / in.vol;
  g.charm = w * in.dividend * dq * nd1 -
            dq * pdf1 * (2.0 * (in.rate - in.dividend) * T - d2 * s) / (2.0 * T * s);
  g.vomma = g.vega * d1 * d2 / in.vol;
  return g;
}

double bsm_price(const EuropeanInputs& in) {
  const double w = sign(in.type);
  const double T = std::max(in.years, 0.0);
  const double df = std::exp(-in.rate * T);
  const double dq = std::exp(-in.dividend * T);
  const double fwd = in.spot * dq / df;
  const double s = in.vol * std::sqrt(T);
  if (!(s > 0.0)) return df * std::max(w * (fwd - in.strike), 0.0);
  const double x = std::log(in.spot / in.strike) + (in.rate - in.dividend) * T;
  const double d1 = x / s + 0.5 * s;
  return black_value(w, fwd, in.strike, df, x, s, norm_cdf(w * d1), norm_cdf(w * (d1 - s)));
}

double black76_price(OptionType type, double forward, double strike, double years, double rate,
                     double vol) {
  return bsm_price({type, forward, strike, years, rate, rate, vol});
}

Greeks black76_greeks(OptionType type, double forward, double strike, double years, double rate,
                      double vol) {
  Greeks g = bsm_greeks({type, forward, strike, years, rate, rate, vol});
  g.rho = -std::max(years, 0.0) * g.price;  // only the discount factor depends on r
  g.dividend_rho = 0.0;
  return g;
}

}  // namespace zerodte::quant
