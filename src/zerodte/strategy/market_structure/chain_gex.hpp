#pragma once
// Bridges a strategy's OptionChainView (latest quotes with vendor Greeks) to quant's chain
// analytics, so GEX per strike, walls and put/call ratios come from quant::analyse_chain rather
// than a second implementation. The view's per-contract gamma/delta/iv are used as the chain's
// computed Greeks (no re-pricing); the zero-gamma flip scan, which re-prices, is skipped.
#include "zerodte/quant/chain_analytics.hpp"
#include "zerodte/strategy/option_contract.hpp"

namespace zerodte::strategy::market_structure {

quant::OptionChain to_quant_chain(const OptionChainView& view);
quant::ChainAnalytics chain_gex(
    const OptionChainView& view,
    quant::DealerConvention convention = quant::DealerConvention::kLongCallsShortPuts);

// Newest quote time among the view's contracts (zero when none was quoted).
core::Timestamp newest_quote(const OptionChainView& view);

}  // namespace zerodte::strategy::market_structure
