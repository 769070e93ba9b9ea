#pragma once
// Limit-price helpers (seed 004 §6.1 step 4-5): mid, mid ± k ticks, LTP ± x%, and the net mid of
// a multi-leg order, each rounded onto the instrument's tick grid. Rounding is "passive": a buy
// rounds down and a sell rounds up, so the price is never worse than the target it was computed
// from; aggressiveness is expressed explicitly with ticks (k > 0 moves toward the other side).
// Arithmetic is exact (fixed point, 128-bit intermediates); quotes that are missing, one-sided,
// locked or crossed are errors, because a mid of a broken quote is not a price.
#include <cstdint>
#include <span>

#include "zerodte/core/error.hpp"
#include "zerodte/core/price.hpp"
#include "zerodte/model/orders.hpp"
#include "zerodte/model/tick_rules.hpp"

namespace zerodte::execution {

// Round `p` onto the grid without making it worse for `side` (buy: down, sell: up).
[[nodiscard]] core::Price round_passive(const model::TickRule& rule, core::Price p,
                                        model::Side side);
// Move `k` ticks: k > 0 up, k < 0 down; each step uses the increment that applies there, so
// stepping down from 3.00 under 0.05/0.10 gives 2.95. `p` must be on the grid.
[[nodiscard]] core::Price step_ticks(const model::TickRule& rule, core::Price p, std::int32_t k);

// Quote sanity shared with the simulated venue: both sides defined and positive-sized, not crossed,
// not locked (when `allow_locked` is false).
[[nodiscard]] core::Status check_quote(core::Price bid, core::Price ask, std::int64_t bid_size,
                                       std::int64_t ask_size, std::string_view what);

// (bid + ask) / 2 rounded passively for `side`.
[[nodiscard]] core::Result<core::Price> mid_limit(const model::TickRule& rule, core::Price bid,
                                                  core::Price ask, model::Side side);
// mid_limit, then `k` ticks more aggressive (buy: up, sell: down); clamped to the touch so that
// a "mid + 5 ticks" never pays more than the ask.
[[nodiscard]] core::Result<core::Price> mid_plus_ticks(const model::TickRule& rule, core::Price bid,
                                                       core::Price ask, model::Side side,
                                                       std::int32_t k);
// LTP ± pct (in basis points; 50 = 0.5%): buy ltp * (1 + pct), sell ltp * (1 - pct), rounded
// passively (the seed's "0.5% above LTP, rounded to the tick").
[[nodiscard]] core::Result<core::Price> ltp_offset(const model::TickRule& rule, core::Price ltp,
                                                   model::Side side, std::int32_t pct_bps);

struct LegQuote {
  model::Side side = model::Side::kBuy;
  std::int32_t ratio = 1;
  core::Price bid;
  core::Price ask;
};
// Net mid of a package (positive = debit, negative = credit) per unit, rounded to the complex
// tick passively for the package buyer (debit rounds down, credit magnitude rounds up), then `k`
// complex ticks toward paying more.
[[nodiscard]] core::Result<core::Price> net_mid_limit(std::span<const LegQuote> legs,
                                                      core::Price complex_tick, std::int32_t k = 0);

}  // namespace zerodte::execution
