#pragma once
// Strong ids: distinct types so an OrderId can never be passed where an InstrumentId is expected.
#include <compare>
#include <cstdint>
#include <functional>

#include "zerodte/core/fixed_string.hpp"

namespace zerodte::core {

template <typename Tag, typename Rep>
struct StrongId {
  using rep_type = Rep;
  Rep value{};

  constexpr StrongId() = default;
  constexpr explicit StrongId(Rep v) : value(v) {}
  [[nodiscard]] constexpr bool valid() const { return value != Rep{}; }
  constexpr auto operator<=>(const StrongId&) const = default;
};

struct InstrumentIdTag {};
struct OrderIdTag {};
struct StrategyIdTag {};
struct VenueOrderIdTag {};

// 0 is "none" for every id.
using InstrumentId = StrongId<InstrumentIdTag, std::uint32_t>;
using OrderId = StrongId<OrderIdTag, std::uint64_t>;
using StrategyId = StrongId<StrategyIdTag, std::uint16_t>;

// Client order ids are strings sent to venues (deterministic, see execution/), at most 32 chars:
// FIX ClOrdID, Alpaca client_order_id (<= 128), Tradier tag (<= 255), AngelOne ordertag (<= 20
// is enforced by that adapter).
using ClientOrderId = FixedString<32>;
// Venue-assigned ids (Alpaca UUID = 36 chars, IBKR ints, FIX OrderID).
using VenueOrderId = FixedString<48>;

}  // namespace zerodte::core

template <typename Tag, typename Rep>
struct std::hash<zerodte::core::StrongId<Tag, Rep>> {
  std::size_t operator()(const zerodte::core::StrongId<Tag, Rep>& id) const noexcept {
    return std::hash<Rep>{}(id.value);
  }
};
