#pragma once
// The simulator's implied-volatility surface and option quoter.
//  * Term structure from the variance state v (Heston expectation): the ATM total variance to
//    T is theta_T = (vbar T + (v - vbar)(1 - e^{-kappa T}) / kappa) * level^2.
//  * Smile: SSVI (Gatheral & Jacquier 2014), w(k) = theta_T/2 (1 + rho phi k +
//    sqrt((phi k + rho)^2 + 1 - rho^2)), phi = eta / sqrt(theta_T), k = ln(K/F). With
//    eta (1 + |rho|) <= 2 the surface is free of static arbitrage.
//  * Prices from quant::bsm_greeks; bid/ask around the model price with a spread that grows
//    with price, moneyness and time to expiry (wider at the open), rounded to the tick.
#include <cstdint>

#include "zerodte/data/sim/sim_random.hpp"
#include "zerodte/model/market_events.hpp"

namespace zerodte::data::sim {

struct SurfaceParams {
  double kappa = 4.0;    // variance mean reversion per year
  double vbar = 0.0225;  // long-run variance (15% vol)
  double rho = -0.7;     // SSVI skew (equity: downside richer)
  double eta = 1.1;      // SSVI curvature; eta (1 + |rho|) <= 2
  double rate = 0.043;
  double dividend = 0.013;
};

struct SurfacePoint {
  double iv = 0;
  double forward = 0;
  double k = 0;  // ln(K/F)
};

// Implied vol for strike K and year fraction T given spot S, the variance state v and a level
// multiplier (underlying's vol relative to the market factor).
SurfacePoint implied_vol(const SurfaceParams& p, double spot, double strike, double years, double v,
                         double level);

struct QuoteParams {
  double tick = 0.01;
  double min_half_spread = 0.005;
  double rel_spread = 0.012;     // half-spread per unit of price
  double moneyness_widen = 2.0;  // extra relative widening per unit |k| / sqrt(T)
  double spread_multiplier = 1;  // > 1 at the open, in stress
  double mean_size = 60;         // contracts at the touch near the money
};

struct ContractTerms {
  bool call = true;
  double strike = 0;
  double years = 0;
};

// Fills bid/ask/sizes/greeks/underlying of `q` (header left to the caller).
void quote_option(const SurfaceParams& sp, const QuoteParams& qp, double spot, double v,
                  double level, const ContractTerms& c, Rng& rng, model::OptionQuote& q);

// A deterministic open interest for a contract (peaks near the money, at round strikes and in
// the nearest expiries), from a hash of its terms.
std::int64_t open_interest(double spot, const ContractTerms& c, std::uint64_t salt);

}  // namespace zerodte::data::sim
