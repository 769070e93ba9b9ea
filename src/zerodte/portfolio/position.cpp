#include "zerodte/portfolio/position.hpp"

#include <cstdlib>

namespace zerodte::portfolio {

double Position::average_price() const {
  if (quantity == 0) return 0.0;
  return cost_basis.to_double() / static_cast<double>(quantity * multiplier);
}

Money Position::market_value() const {
  if (!mark.is_defined() || quantity == 0) return Money::zero();
  return notional(mark, quantity, multiplier);
}

Money Position::unrealized_pnl() const {
  if (!mark.is_defined() || quantity == 0) return Money::zero();
  return market_value() - cost_basis;
}

Money Position::apply(std::int64_t qty, core::Price price, Money fee, core::Timestamp ts) {
  ZDTE_ASSERT(qty != 0, "a fill has a non-zero quantity");
  ZDTE_ASSERT(price.is_defined(), "a fill has a defined price");
  fees += fee;
  last_fill = ts;
  Money realized = Money::zero();
  const bool opening = quantity == 0 || (quantity > 0) == (qty > 0);
  if (opening) {
    if (quantity == 0) opened = ts;
    cost_basis += notional(price, qty, multiplier);
    quantity += qty;
    return realized;
  }
  // Reducing (and possibly reversing).
  const std::int64_t closing = std::min(std::llabs(qty), std::llabs(quantity));
  const std::int64_t closing_signed = quantity > 0 ? closing : -closing;  // part of the old side
  const Money basis_closed = pro_rata(cost_basis, closing_signed, quantity);
  // Proceeds of closing `closing_signed` units at `price`.
  realized = notional(price, closing_signed, multiplier) - basis_closed;
  cost_basis -= basis_closed;
  quantity -= closing_signed;
  const std::int64_t rest = qty + closing_signed;  // remainder opens the other side
  if (quantity == 0) cost_basis = Money::zero();
  if (rest != 0) {
    opened = ts;
    cost_basis = notional(price, rest, multiplier);
    quantity = rest;
  }
  realized_pnl += realized;
  return realized;
}

}  // namespace zerodte::portfolio
