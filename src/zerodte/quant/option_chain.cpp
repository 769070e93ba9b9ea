#include "zerodte/quant/option_chain.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "zerodte/quant/implied_vol.hpp"
#include "zerodte/quant/normal.hpp"
#include "zerodte/quant/svi.hpp"

namespace zerodte::quant {

void OptionChain::reserve(std::size_t n) {
  for (auto* v : {&strike, &sign, &bid, &ask, &mid, &open_interest, &volume, &vendor_iv,
                  &vendor_delta, &vendor_gamma}) {
    v->reserve(n);
  }
  expiry.reserve(n);
  source_line.reserve(n);
}

void OptionChain::add_strike(std::uint32_t expiry_index, double strike_value, const Quote& call,
                             const Quote& put, std::uint32_t line) {
  for (const Quote* q : {&call, &put}) {
    expiry.push_back(expiry_index);
    strike.push_back(strike_value);
    sign.push_back(q == &call ? 1.0 : -1.0);
    bid.push_back(q->bid);
    ask.push_back(q->ask);
    const bool two_sided = q->bid > 0 && q->ask >= q->bid;
    mid.push_back(two_sided ? 0.5 * (q->bid + q->ask) : 0.0);
    open_interest.push_back(q->open_interest);
    volume.push_back(q->volume);
    vendor_iv.push_back(q->vendor_iv);
    vendor_delta.push_back(q->vendor_delta);
    vendor_gamma.push_back(q->vendor_gamma);
    source_line.push_back(line);
  }
}

namespace {

// Cboe VIX-style forward: at the strike where |call - put| is smallest,
// F = K + (C - P) / discount.
void imply_forwards(OptionChain& c) {
  std::vector<double> best(c.expiries.size(), std::numeric_limits<double>::infinity());
  std::vector<double> fwd(c.expiries.size(), 0.0);
  for (std::size_t j = 0; j + 1 < c.size(); j += 2) {
    const double cm = c.mid[j];
    const double pm = c.mid[j + 1];
    if (!(cm > 0 && pm > 0)) continue;
    const auto e = c.expiry[j];
    const double diff = std::abs(cm - pm);
    if (diff < best[e]) {
      best[e] = diff;
      fwd[e] = c.strike[j] + (cm - pm) / c.expiries[e].discount;
    }
  }
  for (std::size_t e = 0; e < c.expiries.size(); ++e) {
    if (fwd[e] > 0) c.expiries[e].forward = fwd[e];
  }
}

// Black-76 implied vol of `price` on the expiry's forward and discount factor: the bounds and
// the out-of-the-money reduction of implied_vol() (implied_vol.cpp) without its per-contract
// exp/log for the rate and carry (the chain already holds F and the discount factor). Returns 0
// where implied_vol() returns 0 or an error (no time value, outside the bounds).
double chain_implied_vol(double w, double forward, double strike, double df, double sqrt_t,
                         double price) {
  if (!(forward > 0) || !(strike > 0) || !std::isfinite(price)) return 0.0;
  const double spot_pv = forward * df;
  const double strike_pv = strike * df;
  const double lower = std::max(w * (spot_pv - strike_pv), 0.0);
  const double upper = w > 0 ? spot_pv : strike_pv;
  if (!(price > lower) || !(price < upper)) return 0.0;
  const double x = std::log(forward / strike);
  const double otm_price = w * x > 0 ? price - lower : price;
  const double beta = otm_price / std::sqrt(spot_pv * strike_pv);
  const double x_otm = -std::abs(x);
  if (!(beta > 0) || !(beta < std::exp(0.5 * x_otm))) return 0.0;
  return implied_normalised_vol_otm(beta, x_otm) / sqrt_t;
}

}  // namespace

void compute_chain_greeks(OptionChain& c) {
  const std::size_t n = c.size();
  for (auto* v : {&c.price, &c.delta, &c.gamma, &c.vega, &c.theta, &c.vanna, &c.charm}) {
    v->resize(n);
  }
  const double spot = c.spot;
  const double r = c.rate;
  const ChainExpiry* ex = c.expiries.data();
  const std::uint32_t* ei = c.expiry.data();
  const double* K = c.strike.data();
  const double* w = c.sign.data();
  const double* vol = c.iv.data();
  double* price = c.price.data();
  double* delta = c.delta.data();
  double* gamma = c.gamma.data();
  double* vega = c.vega.data();
  double* theta = c.theta.data();
  double* vanna = c.vanna.data();
  double* charm = c.charm.data();
  // Per-expiry constants, computed once per expiry instead of once per contract.
  struct ExpiryConst {
    double years, forward, discount, sqrt_t, carry;
  };
  std::vector<ExpiryConst> ec(c.expiries.size());
  for (std::size_t e = 0; e < ec.size(); ++e) {
    const double T = ex[e].years;
    // carry q implied by the forward: F = spot e^{(r - q) T}
    ec[e] = {T, ex[e].forward, ex[e].discount, std::sqrt(T),
             r - std::log(ex[e].forward / spot) / T};
  }
  for (std::size_t i = 0; i < n; ++i) {
    const ExpiryConst& e = ec[ei[i]];
    const double T = e.years;
    const double F = e.forward;
    const double df = e.discount;
    const double sq = e.sqrt_t;
    const double s = vol[i] * sq;
    const double d1 = std::log(F / K[i]) / s + 0.5 * s;
    const double d2 = d1 - s;
    const double nd1 = norm_cdf(w[i] * d1);
    const double nd2 = norm_cdf(w[i] * d2);
    const double pdf1 = norm_pdf(d1);
    const double fdf = F * df;  // = spot * e^{-qT}
    const double dq = fdf / spot;
    const double q = e.carry;
    price[i] = w[i] * (fdf * nd1 - K[i] * df * nd2);
    delta[i] = w[i] * dq * nd1;
    gamma[i] = dq * pdf1 / (spot * s);
    vega[i] = fdf * pdf1 * sq;
    theta[i] =
        -fdf * pdf1 * vol[i] / (2.0 * sq) - w[i] * r * K[i] * df * nd2 + w[i] * q * fdf * nd1;
    vanna[i] = -dq * pdf1 * d2 / vol[i];
    charm[i] = w[i] * q * dq * nd1 - dq * pdf1 * (2.0 * (r - q) * T - d2 * s) / (2.0 * T * s);
  }
}

ChainComputeStats compute_chain(OptionChain& c, const ChainComputeOptions& options) {
  ChainComputeStats stats;
  for (auto& e : c.expiries) {
    e.discount = std::exp(-c.rate * e.years);
    e.forward = c.spot * std::exp((c.rate - c.dividend) * e.years);
  }
  if (options.imply_forward) imply_forwards(c);
  const std::size_t n = c.size();
  c.iv.assign(n, std::numeric_limits<double>::quiet_NaN());
  c.iv_filled.assign(n, 0);
  std::vector<double> sqrt_t(c.expiries.size());
  for (std::size_t e = 0; e < sqrt_t.size(); ++e)
    sqrt_t[e] = std::sqrt(c.expiries[e].years);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t ei = c.expiry[i];
    const ChainExpiry& e = c.expiries[ei];
    if (!(c.mid[i] > 0) || !(e.years > 0)) {
      ++stats.no_quote;
      continue;
    }
    const double iv =
        chain_implied_vol(c.sign[i], e.forward, c.strike[i], e.discount, sqrt_t[ei], c.mid[i]);
    if (iv > 0) {
      c.iv[i] = iv;
      ++stats.priced;
    } else {
      ++stats.out_of_bounds;
    }
  }
  if (options.fill_missing_iv) stats.filled = fill_missing_ivs(c);
  compute_chain_greeks(c);
  return stats;
}

}  // namespace zerodte::quant
