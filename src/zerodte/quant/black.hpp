#pragma once
// European options: Black-Scholes-Merton with a continuous dividend yield, and Black-76 on a
// forward. Conventions (also those of `zerodte quant greeks`): vega per 1.00 of vol, theta per
// year of calendar time passing (dV/dt = -dV/dT), rho per 1.00 of rate, charm = d(delta)/dt per
// year, vanna = d2V/dS dvol, vomma = d2V/dvol2. Stable for T down to a second, vol 1%..500% and
// deep in/out of the money: out-of-the-money values keep full relative precision.
#include <cstdint>
#include <string_view>

namespace zerodte::quant {

enum class OptionType : std::uint8_t { kCall, kPut };

inline constexpr double sign(OptionType t) {
  return t == OptionType::kCall ? 1.0 : -1.0;
}
inline constexpr std::string_view to_string(OptionType t) {
  return t == OptionType::kCall ? "C" : "P";
}

struct EuropeanInputs {
  OptionType type = OptionType::kCall;
  double spot = 0.0;
  double strike = 0.0;
  double years = 0.0;     // time to expiry, year fraction
  double rate = 0.0;      // continuously compounded risk-free rate
  double dividend = 0.0;  // continuous dividend yield (cost of carry b = rate - dividend)
  double vol = 0.0;       // annual volatility, decimal
};

struct Greeks {
  double price = 0.0;
  double delta = 0.0;
  double gamma = 0.0;
  double vega = 0.0;
  double theta = 0.0;
  double rho = 0.0;
  double vanna = 0.0;
  double charm = 0.0;
  double vomma = 0.0;
  double dividend_rho = 0.0;  // dV/dq (BSM only)
};

// Price only (cheaper than the Greeks).
double bsm_price(const EuropeanInputs& in);
// Price and all Greeks. years <= 0 or vol <= 0 give the (discounted) intrinsic value, delta as a
// step and zero higher Greeks.
Greeks bsm_greeks(const EuropeanInputs& in);

// Black-76 on a forward F (Greeks with respect to F; rho = -T * price, forward held fixed).
double black76_price(OptionType type, double forward, double strike, double years, double rate,
                     double vol);
Greeks black76_greeks(OptionType type, double forward, double strike, double years, double rate,
                      double vol);

}  // namespace zerodte::quant
