#pragma once
// One position: a signed quantity of one instrument held by one strategy, with its cost basis and
// realized P&L. Average-cost accounting: adding to a position adds to the basis; reducing realises
// (fill price - average cost) x closed quantity x multiplier; crossing through zero closes the old
// side fully and opens the new side at the fill price.
#include <cstdint>

#include "zerodte/core/ids.hpp"
#include "zerodte/core/time.hpp"
#include "zerodte/portfolio/money.hpp"

namespace zerodte::portfolio {

struct Position {
  core::InstrumentId instrument;
  core::StrategyId strategy;
  std::int64_t quantity = 0;    // signed units (+ long, - short)
  std::int64_t multiplier = 1;  // from the instrument
  Money cost_basis;             // signed: sum of price x qty x multiplier of the open quantity
  Money realized_pnl;           // before fees
  Money fees;                   // commissions and fees paid on this position
  core::Price mark = core::Price::undefined();  // last mark price (per unit)
  core::Timestamp opened;
  core::Timestamp last_fill;
  std::uint64_t group_id = 0;  // multi-leg group this position belongs to (0 = none)

  [[nodiscard]] bool is_flat() const { return quantity == 0; }
  // Average entry price per unit (0 when flat), for display; P&L uses the exact basis.
  [[nodiscard]] double average_price() const;
  [[nodiscard]] Money market_value() const;    // qty x mark x multiplier (0 when no mark)
  [[nodiscard]] Money unrealized_pnl() const;  // market value - basis (0 when no mark)

  // Applies a fill of `qty` (signed: + buy, - sell) at `price`; returns the P&L it realised.
  Money apply(std::int64_t qty, core::Price price, Money fee, core::Timestamp ts);
};

}  // namespace zerodte::portfolio
