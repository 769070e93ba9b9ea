#pragma once
// Implied volatility after Jäckel, "Let's Be Rational" (2015): the price is normalised, reduced
// to its out-of-the-money part, an initial guess comes from rational cubic interpolation on one
// of four branches, and two Householder (third-order) steps on a branch-specific objective reach
// full double precision. Any price strictly inside the no-arbitrage bounds has an implied vol;
// prices outside are errors that name the bound and the distance to it.
#include "zerodte/core/error.hpp"
#include "zerodte/quant/black.hpp"

namespace zerodte::quant {

// Normalised implied "total vol" s = sigma sqrt(T) for an out-of-the-money normalised call price
// beta at log-moneyness x <= 0, 0 < beta < exp(x/2). `iterations` (optional) receives the
// number of Householder steps used.
double implied_normalised_vol_otm(double beta, double x, int* iterations = nullptr);

// BSM implied vol of `price`; `in.vol` is ignored. A price equal to the discounted intrinsic
// value gives 0.
core::Result<double> implied_vol(const EuropeanInputs& in, double price);

// Black-76 implied vol on a forward.
core::Result<double> implied_vol_black76(OptionType type, double forward, double strike,
                                         double years, double rate, double price);

}  // namespace zerodte::quant
