#include "zerodte/store/position_book.hpp"

#include <cstdlib>

namespace zerodte::store {

std::optional<std::int64_t> PositionBook::apply(const model::Fill& f) {
  if (!f.exec_id.empty() && !exec_ids_.insert(f.exec_id.str()).second) return std::nullopt;
  PositionState& p = positions_[f.instrument.value];
  const std::int64_t signed_qty =
      f.side == model::Side::kSell ? -f.quantity.value : f.quantity.value;
  const std::int64_t px = f.price.raw();
  std::int64_t realized = 0;
  ++p.fills;
  if (f.fee.is_defined()) p.fees_nanos += f.fee.raw();
  if (p.qty == 0 || (p.qty > 0) == (signed_qty > 0)) {
    p.qty += signed_qty;
    p.open_cost_nanos += static_cast<__int128>(signed_qty) * px;
    return realized;
  }
  // Reducing (and maybe flipping) the position.
  const std::int64_t closing = std::min(std::llabs(signed_qty), std::llabs(p.qty));
  const std::int64_t dir = p.qty > 0 ? 1 : -1;
  const std::int64_t avg = p.avg_price_nanos();
  realized = static_cast<std::int64_t>((static_cast<__int128>(px) - avg) * closing * dir);
  p.realized_nanos += realized;
  p.open_cost_nanos -= static_cast<__int128>(avg) * closing * dir;
  p.qty -= closing * dir;
  const std::int64_t rest = std::llabs(signed_qty) - closing;
  if (p.qty == 0) p.open_cost_nanos = 0;
  if (rest > 0) {  // flipped: the remainder opens a position the other way
    p.qty = -dir * rest;
    p.open_cost_nanos = static_cast<__int128>(p.qty) * px;
  }
  return realized;
}

const PositionState* PositionBook::find(std::uint32_t instrument) const {
  auto it = positions_.find(instrument);
  return it == positions_.end() ? nullptr : &it->second;
}

}  // namespace zerodte::store
