#pragma once
// American options (SPY, QQQ, IWM, single stocks): Bjerksund-Stensland 1993 (flat exercise
// boundary, QuantLib's BjerksundStenslandApproximationEngine) and 2002 (two-step boundary, the
// default), a Leisen-Reimer binomial tree as the reference, Greeks by bump-and-reprice, and the
// implied vol by inverting the pricer. Puts use the put-call transformation
// P(S, K, T, r, b, v) = C(K, S, T, r - b, -b, v), b = r - q.
#include "zerodte/core/error.hpp"
#include "zerodte/quant/black.hpp"

namespace zerodte::quant {

enum class AmericanModel : std::uint8_t {
  kBjerksundStensland2002,
  kBjerksundStensland1993,
  kLeisenReimer
};

double bjerksund_stensland_1993(const EuropeanInputs& in);
double bjerksund_stensland_2002(const EuropeanInputs& in);
// Leisen-Reimer tree with `steps` time steps (made odd), Peizer-Pratt inversion method 2.
double leisen_reimer(const EuropeanInputs& in, int steps = 801);

double american_price(const EuropeanInputs& in,
                      AmericanModel model = AmericanModel::kBjerksundStensland2002);
// Greeks by central differences of the chosen pricer (vanna/charm/vomma too).
Greeks american_greeks(const EuropeanInputs& in,
                       AmericanModel model = AmericanModel::kBjerksundStensland2002);
// Implied vol by safeguarded Newton/bisection on the pricer; outside-bounds prices are errors
// naming the bound.
core::Result<double> american_implied_vol(
    const EuropeanInputs& in, double price,
    AmericanModel model = AmericanModel::kBjerksundStensland2002);

}  // namespace zerodte::quant
