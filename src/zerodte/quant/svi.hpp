#pragma once
// SVI "raw" smile per expiry (Gatheral): total implied variance
//   w(k) = a + b (rho (k - m) + sqrt((k - m)^2 + sigma^2)),  k = ln(K / F),
// fitted by the quasi-explicit method (Zeliade 2009: linear least squares in (a, b rho sigma,
// b sigma) for fixed (m, sigma), Nelder-Mead over (m, sigma)), then checked for static
// arbitrage: butterfly (Gatheral's density condition g(k) >= 0), Roger Lee's wing bound
// b (1 + |rho|) <= 4, and optionally calendar (w non-decreasing in T at every k).
#include <cstddef>
#include <span>

#include "zerodte/core/error.hpp"

namespace zerodte::quant {

struct OptionChain;

struct SviParams {
  double a = 0, b = 0, rho = 0, m = 0, sigma = 0.1;
};

double svi_total_variance(const SviParams& p, double k);
// Gatheral's g(k) = (1 - k w'/(2w))^2 - w'^2/4 (1/w + 1/4) + w''/2; >= 0 means no butterfly
// arbitrage at k.
double svi_butterfly_density(const SviParams& p, double k);

struct SviFit {
  SviParams params;
  double rmse_total_variance = 0.0;
  double min_density = 0.0;  // min of g(k) over the checked k range
  bool butterfly_free = false;
  bool lee_bound_ok = false;
  std::size_t points = 0;
};

// Fits k -> total variance with weights (all spans the same length, >= 5 points). The
// arbitrage checks run on [min k - 0.5, max k + 0.5].
core::Result<SviFit> fit_svi(std::span<const double> k, std::span<const double> total_variance,
                             std::span<const double> weights);

// True when w2 (longer expiry) >= w1 at every k in [k_lo, k_hi] (201-point grid).
bool calendar_arbitrage_free(const SviParams& shorter, const SviParams& longer, double k_lo,
                             double k_hi);

// Per expiry of a computed chain: fit the out-of-the-money IVs, and where the fit is
// butterfly-free fill contracts without an IV (strikes within the fitted range widened by a
// quarter on each side). Returns the number of contracts filled.
std::size_t fill_missing_ivs(OptionChain& chain);

}  // namespace zerodte::quant
