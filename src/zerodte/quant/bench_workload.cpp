#include "zerodte/quant/bench_workload.hpp"

#include <cmath>
#include <random>

#include "zerodte/quant/chain_analytics.hpp"

namespace zerodte::quant {

std::vector<EuropeanInputs> make_bench_inputs(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<EuropeanInputs> v(n);
  const double minute = 1.0 / (365.0 * 1440.0);
  for (auto& in : v) {
    in.type = u(rng) < 0.5 ? OptionType::kCall : OptionType::kPut;
    in.spot = 100.0;
    in.strike = 100.0 * std::exp((2 * u(rng) - 1) * std::log(2.0));
    in.years = std::exp(std::log(minute) + u(rng) * std::log(1.0 / minute));
    in.vol = 0.05 + 1.45 * u(rng);
    in.rate = 0.05;
    in.dividend = 0.01;
  }
  return v;
}

OptionChain make_bench_chain(std::size_t contracts, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  OptionChain c;
  c.spot = 4300.0;
  c.rate = 0.05;
  c.dividend = 0.015;
  const double day = 1.0 / 365.0;
  const double years[] = {2.0 / (24 * 365), 1 * day, 7 * day, 14 * day, 30 * day};
  for (double T : years) {
    ChainExpiry e;
    e.years = T;
    c.expiries.push_back(e);
  }
  const std::size_t pairs = contracts / 2;
  const std::size_t per_expiry = (pairs + 4) / 5;
  c.reserve(2 * pairs);
  std::size_t added = 0;
  for (std::uint32_t e = 0; e < 5 && added < pairs; ++e) {
    const double T = years[e];
    const double fwd = c.spot * std::exp((c.rate - c.dividend) * T);
    const double df = std::exp(-c.rate * T);
    for (std::size_t j = 0; j < per_expiry && added < pairs; ++j, ++added) {
      const double k = 4300.0 + 5.0 * (static_cast<double>(j) - per_expiry / 2.0);
      const double m = std::log(k / fwd);
      const double vol = 0.16 - 0.3 * m + 2.0 * m * m;  // skewed smile
      OptionChain::Quote q[2];
      for (int side = 0; side < 2; ++side) {
        const OptionType type = side == 0 ? OptionType::kCall : OptionType::kPut;
        const double p = black76_price(type, fwd, k, T, c.rate, vol);
        (void)df;
        const double half_spread = std::max(0.025, 0.01 * p);
        q[side].bid = std::max(p - half_spread, 0.0);
        q[side].ask = p + half_spread;
        if (q[side].bid <= 0) q[side].bid = p * 0.5;  // keep a two-sided market
        q[side].open_interest = std::floor(100 + 5000 * u(rng));
        q[side].volume = std::floor(1000 * u(rng));
      }
      c.add_strike(e, k, q[0], q[1]);
    }
  }
  return c;
}

double refresh_chain_gex(OptionChain& chain) {
  compute_chain(chain, {.imply_forward = true, .fill_missing_iv = false});
  AnalyticsOptions o;
  o.find_zero_gamma = false;
  return analyse_chain(chain, o).total_gex;
}

}  // namespace zerodte::quant
