#pragma once
// Commissions and regulatory fees charged by the simulated venue, per fill. Defaults (US,
// customer account; docs/concepts/order-lifecycle.md lists the sources and dates):
//   options:  commission $0.65/contract; ORF $0.02815/contract, both sides (sum of the exchanges'
//             ORF, effective 2025-03-03); OCC clearing $0.02/contract, at most $55 per fill;
//             FINRA TAF $0.00244/contract sold; SEC Section 31 $27.80 per $1M of premium sold.
//   shares:   commission $0/share; FINRA TAF $0.000166/share sold (at most $8.30); SEC fee on
//             sale proceeds.
// Each component is rounded to the cent (half up), with a one-cent minimum for the sell-side
// fees when they apply. Rates change (ORF every February/August, SEC fee each fiscal year): set
// them from configuration.
#include <cstdint>

#include "zerodte/core/price.hpp"
#include "zerodte/model/market_events.hpp"

namespace zerodte::execution::sim {

struct FeeSchedule {
  core::Price option_commission_per_contract = core::Price::from_raw(650'000'000);  // 0.65
  core::Price orf_per_contract = core::Price::from_raw(28'150'000);                 // 0.02815
  core::Price occ_per_contract = core::Price::from_raw(20'000'000);                 // 0.02
  core::Price occ_max_per_fill = core::Price::from_units(55);
  core::Price finra_taf_per_contract_sold = core::Price::from_raw(2'440'000);  // 0.00244
  core::Price share_commission_per_share = core::Price::zero();
  core::Price finra_taf_per_share_sold = core::Price::from_raw(166'000);    // 0.000166
  core::Price finra_taf_max_shares = core::Price::from_raw(8'300'000'000);  // 8.30
  // SEC Section 31, dollars per million dollars of sale proceeds.
  core::Price sec_fee_per_million = core::Price::from_raw(27'800'000'000);  // 27.80

  static FeeSchedule zero();  // frictionless (research only)
};

struct FeeBreakdown {
  core::Price commission;
  core::Price orf;
  core::Price occ;
  core::Price finra_taf;
  core::Price sec;
  [[nodiscard]] core::Price total() const { return commission + orf + occ + finra_taf + sec; }
};

// Fees of one option fill: `contracts` at `price` (premium per share; notional uses `multiplier`).
[[nodiscard]] FeeBreakdown option_fees(const FeeSchedule& f, model::Side side,
                                       std::int64_t contracts, core::Price price,
                                       std::int64_t multiplier);
[[nodiscard]] FeeBreakdown share_fees(const FeeSchedule& f, model::Side side, std::int64_t shares,
                                      core::Price price);

// Half-up rounding to the cent.
[[nodiscard]] core::Price round_cents(core::Price p);

}  // namespace zerodte::execution::sim
