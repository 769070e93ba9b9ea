#pragma once
// Positions rebuilt from fills with average-cost accounting, used by state rebuilding and by the
// database projections. Amounts are per unit of quantity (no contract multiplier: the journal
// does not know instrument specs), in raw Price nanos. Duplicate exec ids are ignored.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "zerodte/model/orders.hpp"

namespace zerodte::store {

struct PositionState {
  std::int64_t qty = 0;             // signed, + long
  __int128 open_cost_nanos = 0;     // signed sum of qty * price of the open quantity
  std::int64_t realized_nanos = 0;  // realized P&L
  std::int64_t fees_nanos = 0;
  std::uint64_t fills = 0;
  [[nodiscard]] std::int64_t avg_price_nanos() const {
    return qty == 0 ? 0 : static_cast<std::int64_t>(open_cost_nanos / qty);
  }
  bool operator==(const PositionState&) const = default;
};

class PositionBook {
 public:
  // Applies a fill; returns the realized P&L it produced (0 when it only opened), or nothing when
  // the fill's exec id was already applied.
  std::optional<std::int64_t> apply(const model::Fill& f);
  [[nodiscard]] const std::map<std::uint32_t, PositionState>& positions() const {
    return positions_;
  }
  [[nodiscard]] const PositionState* find(std::uint32_t instrument) const;
  bool operator==(const PositionBook&) const = default;

 private:
  std::map<std::uint32_t, PositionState> positions_;
  std::set<std::string> exec_ids_;
};

}  // namespace zerodte::store
