#include "zerodte/strategy/market_structure/chain_gex.hpp"

#include <cmath>
#include <limits>

namespace zerodte::strategy::market_structure {

quant::OptionChain to_quant_chain(const OptionChainView& v) {
  quant::OptionChain c;
  c.spot = std::isfinite(v.spot) ? v.spot : 0.0;
  c.as_of = v.as_of;
  quant::ChainExpiry e;
  e.date = v.expiry;
  e.root = v.underlying_symbol;
  c.expiries.push_back(e);
  const auto strikes = v.strikes();
  c.reserve(strikes.size() * 2);
  auto quote_of = [](const OptionContract* k) {
    quant::OptionChain::Quote q;
    if (k == nullptr) return q;
    if (k->has_two_sided_quote()) {
      q.bid = k->bid.to_double();
      q.ask = k->ask.to_double();
    }
    q.open_interest = static_cast<double>(k->open_interest);
    q.volume = static_cast<double>(k->volume);
    if (k->has_greeks) {
      q.vendor_iv = k->iv;
      q.vendor_delta = k->delta;
      q.vendor_gamma = k->gamma;
    }
    return q;
  };
  for (double k : strikes) {
    const auto* call = v.find(k, OptionRight::kCall);
    const auto* put = v.find(k, OptionRight::kPut);
    c.add_strike(0, k, quote_of(call), quote_of(put));
    for (const auto* x : {call, put}) {
      const bool g = x != nullptr && x->has_greeks;
      const double nan = std::numeric_limits<double>::quiet_NaN();
      c.iv.push_back(g && x->iv > 0 ? x->iv : nan);
      c.delta.push_back(g ? x->delta : nan);
      c.gamma.push_back(g ? x->gamma : nan);
      c.theta.push_back(g ? x->theta_per_day * 365.0 : nan);
      c.vega.push_back(g ? x->vega_per_point * 100.0 : nan);
      c.price.push_back(x != nullptr ? x->mid() : nan);
      c.vanna.push_back(nan);
      c.charm.push_back(nan);
      c.iv_filled.push_back(0);
    }
  }
  return c;
}

quant::ChainAnalytics chain_gex(const OptionChainView& view, quant::DealerConvention convention) {
  const auto c = to_quant_chain(view);
  quant::AnalyticsOptions o;
  o.convention = convention;
  o.find_zero_gamma = false;
  return quant::analyse_chain(c, o);
}

core::Timestamp newest_quote(const OptionChainView& view) {
  core::Timestamp t;
  for (const auto& c : view.contracts)
    if (c.quote_ts > t) t = c.quote_ts;
  return t;
}

}  // namespace zerodte::strategy::market_structure
