#include "zerodte/quant/american.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "zerodte/quant/implied_vol.hpp"
#include "zerodte/quant/normal.hpp"

namespace zerodte::quant {

namespace {

// exp(log_factor) * p, zero when p is zero (so a huge factor never meets a zero probability).
double scaled(double log_factor, double p) {
  return p > 0.0 ? std::exp(log_factor + std::log(p)) : 0.0;
}

// Haug's phi(S, T, gamma, H, I) for cost of carry b, times exp(log_scale). Computed in log space:
// for tiny vols S^gamma and (I/S)^kappa overflow while the probabilities underflow.
double bs_phi(double S, double T, double gamma, double H, double I, double r, double b, double v,
              double log_scale = 0.0) {
  const double v2 = v * v;
  const double sq = v * std::sqrt(T);
  const double lambda = (-r + gamma * b + 0.5 * gamma * (gamma - 1.0) * v2) * T;
  const double d = (std::log(S / H) + (b + (gamma - 0.5) * v2) * T) / sq;
  const double kappa = 2.0 * b / v2 + (2.0 * gamma - 1.0);
  const double pre = lambda + gamma * std::log(S) + log_scale;
  const double log_is = std::log(I / S);
  return scaled(pre, norm_cdf(-d)) - scaled(pre + kappa * log_is, norm_cdf(-d - 2.0 * log_is / sq));
}

// Haug's psi(S, T, gamma, H, I2, I1, t1) of the 2002 two-step boundary, times exp(log_scale).
double bs_psi(double S, double T, double gamma, double H, double I2, double I1, double t1, double r,
              double b, double v, double log_scale = 0.0) {
  const double v2 = v * v;
  const double sq1 = v * std::sqrt(t1);
  const double sq = v * std::sqrt(T);
  const double drift = b + (gamma - 0.5) * v2;
  const double e1 = (std::log(S / I1) + drift * t1) / sq1;
  const double e2 = (std::log(I2 * I2 / (S * I1)) + drift * t1) / sq1;
  const double e3 = (std::log(S / I1) - drift * t1) / sq1;
  const double e4 = (std::log(I2 * I2 / (S * I1)) - drift * t1) / sq1;
  const double f1 = (std::log(S / H) + drift * T) / sq;
  const double f2 = (std::log(I2 * I2 / (S * H)) + drift * T) / sq;
  const double f3 = (std::log(I1 * I1 / (S * H)) + drift * T) / sq;
  const double f4 = (std::log(S * I1 * I1 / (H * I2 * I2)) + drift * T) / sq;
  const double rho = std::sqrt(t1 / T);
  const double lambda = -r + gamma * b + 0.5 * gamma * (gamma - 1.0) * v2;
  const double kappa = 2.0 * b / v2 + (2.0 * gamma - 1.0);
  const double pre = lambda * T + gamma * std::log(S) + log_scale;
  return scaled(pre, bivariate_norm_cdf(-e1, -f1, rho)) -
         scaled(pre + kappa * std::log(I2 / S), bivariate_norm_cdf(-e2, -f2, rho)) -
         scaled(pre + kappa * std::log(I1 / S), bivariate_norm_cdf(-e3, -f3, -rho)) +
         scaled(pre + kappa * std::log(I1 / I2), bivariate_norm_cdf(-e4, -f4, -rho));
}

struct CallInputs {
  double S, K, T, r, b, v;
};

// Maps a put to the equivalent call (or keeps a call) under the put-call transformation.
CallInputs to_call(const EuropeanInputs& in) {
  const double b = in.rate - in.dividend;
  if (in.type == OptionType::kCall) return {in.spot, in.strike, in.years, in.rate, b, in.vol};
  return {in.strike, in.spot, in.years, in.rate - b, -b, in.vol};
}

double european_call(const CallInputs& c) {
  return bsm_price({OptionType::kCall, c.S, c.K, c.T, c.r, c.r - c.b, c.v});
}

double beta_of(const CallInputs& c) {
  const double v2 = c.v * c.v;
  return (0.5 - c.b / v2) + std::sqrt((c.b / v2 - 0.5) * (c.b / v2 - 0.5) + 2.0 * c.r / v2);
}

double call_1993(const CallInputs& c) {
  if (c.b >= c.r) return european_call(c);  // early exercise never optimal
  const double beta = beta_of(c);
  const double b_inf = beta / (beta - 1.0) * c.K;
  const double b0 = std::max(c.K, c.r / (c.r - c.b) * c.K);
  const double ht = -(c.b * c.T + 2.0 * c.v * std::sqrt(c.T)) * b0 / (b_inf - b0);
  const double I = b0 + (b_inf - b0) * (1.0 - std::exp(ht));
  if (c.S >= I) return c.S - c.K;
  // alpha = (I - K) I^-beta is applied in log space (I^-beta underflows for tiny vols).
  const double a = I - c.K;
  const double log_alpha = -beta * std::log(I);
  const double T = c.T;
  const double value = a * std::exp(beta * std::log(c.S / I)) -
                       a * bs_phi(c.S, T, beta, I, I, c.r, c.b, c.v, log_alpha) +
                       bs_phi(c.S, T, 1.0, I, I, c.r, c.b, c.v) -
                       bs_phi(c.S, T, 1.0, c.K, I, c.r, c.b, c.v) -
                       c.K * bs_phi(c.S, T, 0.0, I, I, c.r, c.b, c.v) +
                       c.K * bs_phi(c.S, T, 0.0, c.K, I, c.r, c.b, c.v);
  return std::max(value, european_call(c));
}

double call_2002(const CallInputs& c) {
  if (c.b >= c.r) return european_call(c);
  const double beta = beta_of(c);
  const double K = c.K;
  const double S = c.S;
  const double T = c.T;
  const double t1 = 0.5 * (std::sqrt(5.0) - 1.0) * T;
  const double b_inf = beta / (beta - 1.0) * K;
  const double b0 = std::max(K, c.r / (c.r - c.b) * K);
  const double scale = K * K / ((b_inf - b0) * b0);
  const double h1 = -(c.b * t1 + 2.0 * c.v * std::sqrt(t1)) * scale;
  const double h2 = -(c.b * T + 2.0 * c.v * std::sqrt(T)) * scale;
  const double I1 = b0 + (b_inf - b0) * (1.0 - std::exp(h1));
  const double I2 = b0 + (b_inf - b0) * (1.0 - std::exp(h2));
  if (S >= I2) return S - K;
  // alpha_i = (I_i - K) I_i^-beta, applied in log space.
  const double a1 = I1 - K;
  const double a2 = I2 - K;
  const double la1 = -beta * std::log(I1);
  const double la2 = -beta * std::log(I2);
  const double r = c.r, b = c.b, v = c.v;
  auto phi = [&](double g, double H, double I, double ls = 0.0) {
    return bs_phi(S, t1, g, H, I, r, b, v, ls);
  };
  auto psi = [&](double g, double H, double J2, double J1, double ls = 0.0) {
    return bs_psi(S, T, g, H, J2, J1, t1, r, b, v, ls);
  };
  const double value = a2 * std::exp(beta * std::log(S / I2)) - a2 * phi(beta, I2, I2, la2) +
                       phi(1.0, I2, I2) - phi(1.0, I1, I2) - K * phi(0.0, I2, I2) +
                       K * phi(0.0, I1, I2) + a1 * phi(beta, I1, I2, la1) -
                       a1 * psi(beta, I1, I2, I1, la1) + psi(1.0, I1, I2, I1) -
                       psi(1.0, K, I2, I1) - K * psi(0.0, I1, I2, I1) + K * psi(0.0, K, I2, I1);
  // The formula is the exact value of one exercise strategy, a lower bound of the American
  // value; for long-dated high-vol options its heuristic boundary can be worse than never
  // exercising, so the European value is the better lower bound there.
  return std::max({value, S - K, european_call(c)});
}

bool degenerate(const EuropeanInputs& in) {
  return !(in.years > 0.0) || !(in.vol > 0.0);
}

double exercise_value(const EuropeanInputs& in) {
  return std::max(sign(in.type) * (in.spot - in.strike), 0.0);
}

}  // namespace

double bjerksund_stensland_1993(const EuropeanInputs& in) {
  if (degenerate(in)) return std::max(exercise_value(in), bsm_price(in));
  return std::max(call_1993(to_call(in)), exercise_value(in));
}

double bjerksund_stensland_2002(const EuropeanInputs& in) {
  if (degenerate(in)) return std::max(exercise_value(in), bsm_price(in));
  return std::max(call_2002(to_call(in)), exercise_value(in));
}

double leisen_reimer(const EuropeanInputs& in, int steps) {
  if (degenerate(in)) return std::max(exercise_value(in), bsm_price(in));
  const int n = steps % 2 == 0 ? steps + 1 : steps;
  const double T = in.years;
  const double b = in.rate - in.dividend;
  const double dt = T / n;
  const double sq = in.vol * std::sqrt(T);
  const double d1 = (std::log(in.spot / in.strike) + (b + 0.5 * in.vol * in.vol) * T) / sq;
  const double d2 = d1 - sq;
  auto peizer_pratt = [n](double z) {
    const double a = z / (n + 1.0 / 3.0 + 0.1 / (n + 1.0));
    const double root = std::sqrt(0.25 - 0.25 * std::exp(-a * a * (n + 1.0 / 6.0)));
    return z >= 0 ? 0.5 + root : 0.5 - root;
  };
  const double p = peizer_pratt(d2);
  const double growth = std::exp(b * dt);
  const double up = growth * peizer_pratt(d1) / p;
  const double down = (growth - p * up) / (1.0 - p);
  const double disc = std::exp(-in.rate * dt);
  const double w = sign(in.type);
  std::vector<double> values(static_cast<std::size_t>(n) + 1);
  const double ratio = up / down;
  double s = in.spot * std::pow(down, n);
  for (int j = 0; j <= n; ++j, s *= ratio)
    values[j] = std::max(w * (s - in.strike), 0.0);
  for (int i = n - 1; i >= 0; --i) {
    s = in.spot * std::pow(down, i);
    for (int j = 0; j <= i; ++j, s *= ratio) {
      const double cont = disc * (p * values[j + 1] + (1.0 - p) * values[j]);
      values[j] = std::max(cont, w * (s - in.strike));
    }
  }
  return values[0];
}

double american_price(const EuropeanInputs& in, AmericanModel model) {
  switch (model) {
    case AmericanModel::kBjerksundStensland1993:
      return bjerksund_stensland_1993(in);
    case AmericanModel::kLeisenReimer:
      return leisen_reimer(in);
    case AmericanModel::kBjerksundStensland2002:
      break;
  }
  return bjerksund_stensland_2002(in);
}

Greeks american_greeks(const EuropeanInputs& in, AmericanModel model) {
  auto price = [&](double ds, double dv, double dt, double dr, double dq) {
    EuropeanInputs b = in;
    b.spot += ds;
    b.vol += dv;
    b.years += dt;
    b.rate += dr;
    b.dividend += dq;
    return american_price(b, model);
  };
  Greeks g;
  g.price = american_price(in, model);
  const double hs = 1e-3 * in.spot;
  const double hv = 1e-4;
  const double ht = std::min(1e-5, 0.5 * in.years);
  const double hr = 1e-5;
  const double up = price(hs, 0, 0, 0, 0);
  const double dn = price(-hs, 0, 0, 0, 0);
  g.delta = (up - dn) / (2 * hs);
  g.gamma = (up - 2 * g.price + dn) / (hs * hs);
  g.vega = (price(0, hv, 0, 0, 0) - price(0, -hv, 0, 0, 0)) / (2 * hv);
  if (in.years > 0) {
    g.theta = -(price(0, 0, ht, 0, 0) - price(0, 0, -ht, 0, 0)) / (2 * ht);
    g.charm = -((price(hs, 0, ht, 0, 0) - price(-hs, 0, ht, 0, 0)) -
                (price(hs, 0, -ht, 0, 0) - price(-hs, 0, -ht, 0, 0))) /
              (4 * hs * ht);
  }
  g.rho = (price(0, 0, 0, hr, 0) - price(0, 0, 0, -hr, 0)) / (2 * hr);
  g.dividend_rho = (price(0, 0, 0, 0, hr) - price(0, 0, 0, 0, -hr)) / (2 * hr);
  g.vanna = ((price(hs, hv, 0, 0, 0) - price(-hs, hv, 0, 0, 0)) -
             (price(hs, -hv, 0, 0, 0) - price(-hs, -hv, 0, 0, 0))) /
            (4 * hs * hv);
  g.vomma = (price(0, hv, 0, 0, 0) - 2 * g.price + price(0, -hv, 0, 0, 0)) / (hv * hv);
  return g;
}

core::Result<double> american_implied_vol(const EuropeanInputs& in, double price,
                                          AmericanModel model) {
  if (!(in.spot > 0) || !(in.strike > 0) || !(in.years > 0)) {
    return core::fail(core::ErrorCode::kInvalid,
                      "spot, strike and years must be > 0 (spot {}, strike {}, years {})", in.spot,
                      in.strike, in.years);
  }
  auto value_at = [&](double vol) {
    EuropeanInputs b = in;
    b.vol = vol;
    return american_price(b, model);
  };
  constexpr double kMinVol = 1e-6;
  constexpr double kMaxVol = 20.0;
  const double lower = value_at(kMinVol);
  const double upper = in.type == OptionType::kCall ? in.spot : in.strike;
  if (price < lower) {
    return core::fail(core::ErrorCode::kOutOfRange,
                      "price {:.10g} is below the lower no-arbitrage bound {:.10g} (American value "
                      "at zero vol: max of exercise and discounted intrinsic) by {:.6g}",
                      price, lower, lower - price);
  }
  if (price >= upper) {
    return core::fail(core::ErrorCode::kOutOfRange,
                      "price {:.10g} is {} the upper no-arbitrage bound {:.10g} ({}) by {:.6g}",
                      price, price == upper ? "at" : "above", upper,
                      in.type == OptionType::kCall ? "spot" : "strike", price - upper);
  }
  if (price == lower) return 0.0;
  double lo = kMinVol;
  double hi = kMaxVol;
  if (value_at(hi) < price) {
    return core::fail(core::ErrorCode::kOutOfRange,
                      "price {:.10g} needs a volatility above {:.0f} (value there {:.10g})", price,
                      kMaxVol, value_at(hi));
  }
  // Start from the European implied vol (a good guess: early-exercise premium is small).
  auto euro = implied_vol(in, price);
  double vol = euro && *euro > lo && *euro < hi ? *euro : 0.3;
  for (int it = 0; it < 100; ++it) {
    const double f = value_at(vol) - price;
    if (std::abs(f) <= 1e-13 * price) return vol;
    if (f > 0) {
      hi = vol;
    } else {
      lo = vol;
    }
    const double h = 1e-6 * std::max(vol, 1e-3);
    const double slope = (value_at(vol + h) - value_at(vol - h)) / (2 * h);
    double next = slope > 0 ? vol - f / slope : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (std::abs(next - vol) <= 1e-15 * vol) return next;
    vol = next;
  }
  return vol;
}

}  // namespace zerodte::quant
