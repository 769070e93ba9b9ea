#pragma once
// Builds the order that closes (all or part of) one position group as a marketable limit:
// every leg reversed, buy legs priced at the ask and sell legs at the bid, then pushed
// `slippage_ticks` further through and rounded to the tick in the paying direction. A group of
// up to 4 legs closes as one multi-leg package (ratios = leg sizes / their gcd); a leg without a
// two-sided quote falls back to its last price +-10%.
#include <optional>
#include <span>

#include "zerodte/core/error.hpp"
#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/model/orders.hpp"
#include "zerodte/risk/market_cache.hpp"

namespace zerodte::risk {

struct CloseLeg {
  core::InstrumentId instrument;
  std::int64_t quantity = 0;  // signed open quantity to close
};

core::Result<model::OrderIntent> make_close_intent(std::span<const CloseLeg> legs, double fraction,
                                                   const model::InstrumentRegistry& registry,
                                                   const MarketCache& market, int slippage_ticks);

}  // namespace zerodte::risk
