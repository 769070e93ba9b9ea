#include "zerodte/quant/implied_vol.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

#include "zerodte/quant/normal.hpp"
#include "zerodte/quant/normalised_black.hpp"
#include "zerodte/quant/rational_cubic.hpp"

namespace zerodte::quant {

namespace {

constexpr double kTwoPiOverSqrt27 = 1.2091995761561452337293825611098;  // 2 pi / sqrt(27)
constexpr double kSqrt3 = 1.7320508075688772935274463415059;
constexpr double kSqrtOneThird = 0.57735026918962576450914878050196;
constexpr double kPiOverSix = 0.52359877559829887307710723054658;
constexpr double kTwoPi = 6.2831853071795864769252867665590;
constexpr int kMaxIterations = 2;    // Householder steps that always run
constexpr int kExtraIterations = 8;  // safety net; not needed on any tested input

struct MapValue {
  double f, fp, fpp;  // value and first two derivatives with respect to beta
};

// Lower map f(s) = 2 pi |x| / sqrt 27 * Phi(-|x| / (sqrt3 s))^3, nearly linear in beta for tiny
// prices (Jäckel eq. 4.3 ff.).
MapValue f_lower_map(double x, double s) {
  const double ax = std::abs(x);
  const double z = kSqrtOneThird * ax / s;
  const double y = z * z;
  const double s2 = s * s;
  const double phi_m = norm_cdf(-z);
  const double pdf = norm_pdf(z);
  MapValue v{};
  v.fpp = kPiOverSix * y / (s2 * s) * phi_m *
          (8.0 * kSqrt3 * s * ax + (3.0 * s2 * (s2 - 8.0) - 8.0 * x * x) * phi_m / pdf) *
          std::exp(2.0 * y + 0.25 * s2);
  const double phi2 = phi_m * phi_m;
  v.fp = kTwoPi * y * phi2 * std::exp(y + 0.125 * s2);
  v.f = kTwoPiOverSqrt27 * ax * (phi2 * phi_m);
  return v;
}

double inverse_f_lower_map(double x, double f) {
  if (!(f > 0)) return 0.0;
  const double ax = std::abs(x);
  const double z = -inverse_norm_cdf(std::cbrt(f / (kTwoPiOverSqrt27 * ax)));
  return ax / (kSqrt3 * z);
}

// Upper map f(s) = Phi(-s/2).
MapValue f_upper_map(double x, double s) {
  const double h = x / s;
  const double h2 = h * h;
  MapValue v{};
  v.f = norm_cdf(-0.5 * s);
  v.fp = -0.5 * std::exp(0.5 * h2);
  v.fpp = kSqrt2Pi * h2 / (2.0 * s) * std::exp(h2 + 0.125 * s * s);
  return v;
}

double householder_factor(double newton, double halley, double hh3) {
  return (1.0 + 0.5 * halley * newton) / (1.0 + newton * (halley + hh3 * newton / 6.0));
}

enum class Branch { kLower, kMiddle, kUpper };

}  // namespace

double implied_normalised_vol_otm(double beta, double x, int* iterations) {
  const double b_max = std::exp(0.5 * x);
  const double s_c = std::sqrt(2.0 * std::abs(x));
  double v_c = 0.0;
  const double b_c = normalised_black_otm_vega(x, s_c, v_c);
  double s = 0.0;
  double s_left = DBL_MIN;
  double s_right = DBL_MAX;
  Branch branch = Branch::kMiddle;
  if (beta < b_c) {
    const double s_l = s_c - b_c / v_c;
    double v_l = 0.0;
    const double b_l = normalised_black_otm_vega(x, s_l, v_l);
    if (beta < b_l) {
      const MapValue m = f_lower_map(x, s_l);
      const double r =
          rational_cubic::convex_control_right(0.0, b_l, 0.0, m.f, 1.0, m.fp, m.fpp, true);
      double f = rational_cubic::interpolate(beta, 0.0, b_l, 0.0, m.f, 1.0, m.fp, r);
      if (!(f > 0)) {
        const double t = beta / b_l;
        f = (m.f * t + b_l * (1.0 - t)) * t;
      }
      s = inverse_f_lower_map(x, f);
      s_right = s_l;
      branch = Branch::kLower;
    } else {
      const double r = rational_cubic::convex_control_right(b_l, b_c, s_l, s_c, 1.0 / v_l,
                                                            1.0 / v_c, 0.0, false);
      s = rational_cubic::interpolate(beta, b_l, b_c, s_l, s_c, 1.0 / v_l, 1.0 / v_c, r);
      s_left = s_l;
      s_right = s_c;
    }
  } else {
    const double s_u = v_c > DBL_MIN ? s_c + (b_max - b_c) / v_c : DBL_MAX;
    double v_u = 0.0;
    const double b_u = normalised_black_otm_vega(x, s_u, v_u);
    if (beta <= b_u) {
      const double r =
          rational_cubic::convex_control_left(b_c, b_u, s_c, s_u, 1.0 / v_c, 1.0 / v_u, 0.0, false);
      s = rational_cubic::interpolate(beta, b_c, b_u, s_c, s_u, 1.0 / v_c, 1.0 / v_u, r);
      s_left = s_c;
      s_right = s_u;
    } else {
      const MapValue m = f_upper_map(x, s_u);
      double f = -1.0;
      if (m.fpp < std::numeric_limits<double>::infinity()) {
        const double r =
            rational_cubic::convex_control_left(b_u, b_max, m.f, 0.0, m.fp, -0.5, m.fpp, true);
        f = rational_cubic::interpolate(beta, b_u, b_max, m.f, 0.0, m.fp, -0.5, r);
      }
      if (!(f > 0)) {
        const double h = b_max - b_u;
        const double t = (beta - b_u) / h;
        f = (m.f * (1.0 - t) + 0.5 * h * t) * (1.0 - t);
      }
      s = -2.0 * inverse_norm_cdf(f);
      s_left = s_u;
      branch = Branch::kUpper;
    }
  }
  const double ln_beta = std::log(beta);
  const double b_max_minus_beta = b_max - beta;
  int it = 0;
  for (; it < kMaxIterations + kExtraIterations; ++it) {
    if (!(s > 0)) s = 0.5 * (s_left + std::min(s_right, 10.0 * s_left + 1.0));
    double bp = 0.0;
    const double b = normalised_black_otm_vega(x, s, bp);
    const double h = x / s;
    const double b_halley = h * h / s - 0.25 * s;
    const double b_hh3 = b_halley * b_halley - 3.0 * (h / s) * (h / s) - 0.25;
    double newton = 0.0;
    double halley = 0.0;
    double hh3 = 0.0;
    if (b > beta) {
      s_right = std::min(s_right, s);
    } else {
      s_left = std::max(s_left, s);
    }
    if (branch == Branch::kLower && b > 0 && b < 1) {
      const double ln_b = std::log(b);
      const double bpob = bp / b;
      newton = (ln_beta - ln_b) * ln_b / ln_beta / bpob;
      halley = b_halley - bpob * (1.0 + 2.0 / ln_b);
      hh3 = b_hh3 + 2.0 * bpob * bpob * (1.0 + 3.0 / ln_b * (1.0 + 1.0 / ln_b)) -
            3.0 * b_halley * bpob * (1.0 + 2.0 / ln_b);
    } else if (branch == Branch::kUpper && b < b_max) {
      const double c = b_max - b;
      const double g = std::log(b_max_minus_beta / c);
      const double gp = bp / c;
      newton = -g / gp;
      halley = b_halley + gp;
      hh3 = b_hh3 + gp * (2.0 * gp + 3.0 * b_halley);
    } else {
      newton = bp > 0 ? (beta - b) / bp : 0.0;
      halley = b_halley;
      hh3 = b_hh3;
    }
    double ds = newton * householder_factor(newton, halley, hh3);
    if (!std::isfinite(ds)) ds = newton;
    ds = std::max(-0.5 * s, ds);
    double s_new = s + ds;
    if ((s_new < s_left || s_new > s_right) && s_right < DBL_MAX && s_left > DBL_MIN) {
      s_new = 0.5 * (s_left + s_right);  // bisection safeguard (never seen on tested inputs)
    }
    // Third-order convergence: once a step is below 1e-7 relative the next one would be
    // below 1e-20, so after the two standard steps we stop there.
    const bool converged = std::abs(s_new - s) <= 1e-7 * s;
    s = s_new;
    if (it + 1 >= kMaxIterations && converged) {
      ++it;
      break;
    }
  }
  if (iterations != nullptr) *iterations = it;
  return s;
}

core::Result<double> implied_vol(const EuropeanInputs& in, double price) {
  if (!(in.spot > 0) || !(in.strike > 0)) {
    return core::fail(core::ErrorCode::kInvalid, "spot and strike must be > 0 (spot {}, strike {})",
                      in.spot, in.strike);
  }
  if (!(in.years > 0)) {
    return core::fail(core::ErrorCode::kInvalid, "years must be > 0 for an implied vol (got {})",
                      in.years);
  }
  if (!std::isfinite(price)) {
    return core::fail(core::ErrorCode::kInvalid, "price is not a finite number");
  }
  const double T = in.years;
  const double df = std::exp(-in.rate * T);
  const double dq = std::exp(-in.dividend * T);
  const double x = std::log(in.spot / in.strike) + (in.rate - in.dividend) * T;
  const double w = sign(in.type);
  const double spot_pv = in.spot * dq;
  const double strike_pv = in.strike * df;
  const double lower = std::max(w * (spot_pv - strike_pv), 0.0);
  const double upper = w > 0 ? spot_pv : strike_pv;
  // Within a few ulps of the lower bound the price carries no time value in double precision
  // (deep in the money, minutes to expiry): that is the bound itself, vol 0.
  const double ulps = 8.0 * DBL_EPSILON * std::max(spot_pv, strike_pv);
  if (price < lower - ulps) {
    return core::fail(core::ErrorCode::kOutOfRange,
                      "price {:.10g} is below the lower no-arbitrage bound {:.10g} (discounted "
                      "intrinsic value) by {:.6g}",
                      price, lower, lower - price);
  }
  if (price >= upper) {
    return core::fail(core::ErrorCode::kOutOfRange,
                      "price {:.10g} is {} the upper no-arbitrage bound {:.10g} ({}) by {:.6g}",
                      price, price == upper ? "at" : "above", upper,
                      w > 0 ? "spot * exp(-dividend * years)" : "strike * exp(-rate * years)",
                      price - upper);
  }
  if (price <= lower) return 0.0;
  // Out-of-the-money part: an in-the-money option is its intrinsic value plus the
  // out-of-the-money option of the other type (put-call parity).
  const bool itm = w * x > 0;
  const double otm_price = itm ? price - lower : price;
  const double beta = otm_price / std::sqrt(spot_pv * strike_pv);
  const double x_otm = -std::abs(x);
  if (!(beta > 0)) return 0.0;
  const double b_max = std::exp(0.5 * x_otm);
  if (!(beta < b_max)) {
    return core::fail(core::ErrorCode::kOutOfRange,
                      "price {:.10g} is at the upper no-arbitrage bound {:.10g} in double "
                      "precision",
                      price, upper);
  }
  return implied_normalised_vol_otm(beta, x_otm) / std::sqrt(T);
}

core::Result<double> implied_vol_black76(OptionType type, double forward, double strike,
                                         double years, double rate, double price) {
  return implied_vol({type, forward, strike, years, rate, rate, 0.0}, price);
}

}  // namespace zerodte::quant
