#include "zerodte/execution/sim/fee_schedule.hpp"

#include <algorithm>

namespace zerodte::execution::sim {
namespace {

constexpr std::int64_t kCent = core::Price::kScale / 100;

core::Price times(core::Price rate, std::int64_t n) {
  return core::Price::from_raw(static_cast<std::int64_t>(static_cast<__int128>(rate.raw()) * n));
}

// Sell-side fee: rounded to the cent, at least one cent when anything is due.
core::Price sell_fee(core::Price raw_amount) {
  if (raw_amount <= core::Price::zero()) return core::Price::zero();
  return std::max(round_cents(raw_amount), core::Price::from_raw(kCent));
}

core::Price sec_fee(const FeeSchedule& f, core::Price proceeds) {
  const __int128 raw = static_cast<__int128>(proceeds.raw()) * f.sec_fee_per_million.raw() /
                       (static_cast<__int128>(1'000'000) * core::Price::kScale);
  return sell_fee(core::Price::from_raw(static_cast<std::int64_t>(raw)));
}

}  // namespace

FeeSchedule FeeSchedule::zero() {
  FeeSchedule f;
  f.option_commission_per_contract = core::Price::zero();
  f.orf_per_contract = core::Price::zero();
  f.occ_per_contract = core::Price::zero();
  f.finra_taf_per_contract_sold = core::Price::zero();
  f.share_commission_per_share = core::Price::zero();
  f.finra_taf_per_share_sold = core::Price::zero();
  f.sec_fee_per_million = core::Price::zero();
  return f;
}

core::Price round_cents(core::Price p) {
  const std::int64_t r = p.raw();
  const std::int64_t q = (r >= 0 ? r + kCent / 2 : r - kCent / 2) / kCent;
  return core::Price::from_raw(q * kCent);
}

FeeBreakdown option_fees(const FeeSchedule& f, model::Side side, std::int64_t contracts,
                         core::Price price, std::int64_t multiplier) {
  FeeBreakdown b;
  b.commission = round_cents(times(f.option_commission_per_contract, contracts));
  b.orf = round_cents(times(f.orf_per_contract, contracts));
  b.occ = std::min(round_cents(times(f.occ_per_contract, contracts)), f.occ_max_per_fill);
  if (side == model::Side::kSell) {
    b.finra_taf = sell_fee(times(f.finra_taf_per_contract_sold, contracts));
    b.sec = sec_fee(f, times(price, contracts * multiplier));
  }
  return b;
}

FeeBreakdown share_fees(const FeeSchedule& f, model::Side side, std::int64_t shares,
                        core::Price price) {
  FeeBreakdown b;
  b.commission = round_cents(times(f.share_commission_per_share, shares));
  if (side == model::Side::kSell) {
    b.finra_taf =
        sell_fee(std::min(times(f.finra_taf_per_share_sold, shares), f.finra_taf_max_shares));
    b.sec = sec_fee(f, times(price, shares));
  }
  return b;
}

}  // namespace zerodte::execution::sim
