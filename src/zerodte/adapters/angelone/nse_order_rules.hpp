#pragma once
// NSE order rules checked before an order goes to AngelOne (seed 004, pre-order checks 2-5):
// quantity a multiple of the lot (the scrip master's lot when known, else the instrument's),
// at most the freeze quantity, prices on the Rs 0.05 grid, limit/trigger within +/-20% of the
// last traded price. Plus the mapping of AngelOne order states onto ours.
#include <optional>
#include <string_view>

#include "zerodte/adapters/angelone/scrip_master.hpp"
#include "zerodte/adapters/angelone/smartapi_types.hpp"
#include "zerodte/model/instrument.hpp"
#include "zerodte/model/orders.hpp"

namespace zerodte::adapters::angelone {

struct NseRuleConfig {
  double price_band = 0.20;  // +/- fraction of LTP
};

// kRejected naming the rule, the value and the limit.
core::Status check_nse_order(const model::OrderIntent& order, const model::Instrument& inst,
                             const Scrip* scrip, std::optional<core::Price> ltp,
                             const NseRuleConfig& cfg = {});

// The placeOrder body for a single-leg NSE option order (ordertag = client_order_id).
core::Result<AngelOrderRequest> to_angel_request(const model::OrderIntent& order,
                                                 const model::Instrument& inst, const Scrip& scrip,
                                                 std::string_view product_type);

// AngelOne "status"/"orderstatus" -> ours (filled > 0 turns working states into partially
// filled). kParse for a status this adapter does not know.
core::Result<model::OrderStatus> status_from_angel(std::string_view status, std::int64_t filled);

}  // namespace zerodte::adapters::angelone
