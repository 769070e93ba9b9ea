#include "zerodte/data/sim/vol_surface.hpp"

#include <algorithm>
#include <cmath>

#include "zerodte/quant/black.hpp"

namespace zerodte::data::sim {

SurfacePoint implied_vol(const SurfaceParams& p, double spot, double strike, double years, double v,
                         double level) {
  const double t = std::max(years, 1.0 / (252.0 * 390.0));
  const double fwd = spot * std::exp((p.rate - p.dividend) * t);
  const double decay = p.kappa * t < 1e-8 ? 1.0 : (1.0 - std::exp(-p.kappa * t)) / (p.kappa * t);
  const double avg_var = std::max(1e-6, p.vbar + (v - p.vbar) * decay);
  const double theta = avg_var * t * level * level;  // ATM total variance
  const double phi = p.eta / std::sqrt(theta);
  const double k = std::log(strike / fwd);
  const double x = phi * k + p.rho;
  const double w = 0.5 * theta * (1.0 + p.rho * phi * k + std::sqrt(x * x + 1.0 - p.rho * p.rho));
  return SurfacePoint{std::sqrt(std::max(w, 1e-12) / t), fwd, k};
}

namespace {
double round_down(double x, double tick) {
  return std::floor(x / tick + 1e-9) * tick;
}
double round_up(double x, double tick) {
  return std::ceil(x / tick - 1e-9) * tick;
}
core::Price px(double x) {
  auto p = core::Price::from_double(x);
  return p ? p->round_to_tick(core::Price::from_cents(1), core::RoundMode::kNearest)
           : core::Price::undefined();
}
}  // namespace

void quote_option(const SurfaceParams& sp, const QuoteParams& qp, double spot, double v,
                  double level, const ContractTerms& c, Rng& rng, model::OptionQuote& q) {
  const double t = std::max(c.years, 1.0 / (252.0 * 390.0));
  const SurfacePoint s = implied_vol(sp, spot, c.strike, t, v, level);
  quant::EuropeanInputs in{c.call ? quant::OptionType::kCall : quant::OptionType::kPut,
                           spot,
                           c.strike,
                           t,
                           sp.rate,
                           sp.dividend,
                           s.iv};
  const quant::Greeks g = quant::bsm_greeks(in);
  const double stdk = std::abs(s.k) / (s.iv * std::sqrt(t));
  double half = std::max(qp.min_half_spread, qp.rel_spread * g.price) *
                (1.0 + qp.moneyness_widen * std::min(stdk, 4.0) * 0.1) * qp.spread_multiplier *
                (1.0 + 0.25 * rng.uniform());
  half = std::min(half, 0.5 * std::max(g.price, qp.tick) + 0.25);
  double bid = round_down(g.price - half, qp.tick);
  double ask = round_up(g.price + half, qp.tick);
  if (ask - bid < qp.tick - 1e-9) ask = bid + qp.tick;
  if (bid < 0) bid = 0;
  if (ask < qp.tick) ask = qp.tick;
  const double near = std::exp(-0.5 * stdk * stdk);
  auto size = [&] {
    const double m = qp.mean_size * (0.2 + near) * std::exp(0.6 * rng.normal());
    return std::max<std::int64_t>(1, std::llround(m));
  };
  q.bid = px(bid);
  q.ask = px(ask);
  q.bid_size = bid > 0 ? size() : 0;
  q.ask_size = size();
  auto und = core::Price::from_double(spot);
  q.underlying_price = und ? *und : core::Price::undefined();
  q.has_greeks = true;
  q.greeks =
      model::VendorGreeks{s.iv, g.delta, g.gamma, g.theta / 365.0, g.vega / 100.0, g.rho / 100.0};
}

std::int64_t open_interest(double spot, const ContractTerms& c, std::uint64_t salt) {
  std::uint64_t h = salt ^ static_cast<std::uint64_t>(std::llround(c.strike * 1000)) * 0x9e37ULL ^
                    static_cast<std::uint64_t>(std::llround(c.years * 1e6)) * 0x85ebca6bULL ^
                    (c.call ? 0x1234567ULL : 0x7654321ULL);
  Rng r(h);
  const double m = std::log(c.strike / spot) / (0.02 + 0.2 * std::sqrt(c.years));
  const bool round = std::fmod(c.strike, 5.0) < 1e-9;
  const double base = 20000.0 * std::exp(-0.5 * m * m) * (round ? 2.0 : 1.0) *
                      (1.0 + 2.0 * std::min(c.years * 12.0, 3.0));
  return std::llround(base * (0.3 + r.uniform()));
}

}  // namespace zerodte::data::sim
