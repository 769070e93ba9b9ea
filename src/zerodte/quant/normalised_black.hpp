#pragma once
// Jäckel's normalised Black function b(x, s) = e^{x/2} Phi(x/s + s/2) - e^{-x/2} Phi(x/s - s/2)
// with x = ln(F/K) and s = sigma sqrt(T); a call is worth df * sqrt(F K) * b(x, s) and a put
// df * sqrt(F K) * b(-x, s). Evaluated to near full relative precision everywhere: the
// out-of-the-money part never subtracts two nearly equal numbers (Taylor series in s/2 over the
// derivatives of the Mills ratio where they would cancel).
namespace zerodte::quant {

// Normalised intrinsic value of a call: max(e^{x/2} - e^{-x/2}, 0).
double normalised_intrinsic_call(double x);

// Out-of-the-money call part, x <= 0 (s >= 0).
double normalised_black_otm(double x, double s);

// Both normalised_black_otm(x, s) and, in `vega`, normalised_vega(x, s) (one exp fewer).
double normalised_black_otm_vega(double x, double s, double& vega);

// Call, any x: intrinsic + out-of-the-money part.
double normalised_black_call(double x, double s);

// Normalised vega db/ds = exp(-(x^2/s^2 + s^2/4)/2) / sqrt(2 pi).
double normalised_vega(double x, double s);

}  // namespace zerodte::quant
