#pragma once
// What the order manager knows about one order: the intent as sent, the status, and the fills
// (per leg, so a package's progress is the least-filled leg over its ratio).
#include <array>
#include <cstdint>

#include "zerodte/core/fixed_string.hpp"
#include "zerodte/engine/timer_queue.hpp"
#include "zerodte/model/orders.hpp"

namespace zerodte::execution {

// Revisions of the client_order_id of an emulated bracket's exits (order_manager_brackets.cpp).
inline constexpr std::uint32_t kTakeProfitRevision = 0x7000;
inline constexpr std::uint32_t kStopLossRevision = 0x7001;

struct OrderRecord {
  model::OrderIntent intent;
  core::VenueOrderId venue_order_id;
  model::OrderStatus status = model::OrderStatus::kPendingNew;
  // Status before a pending_cancel / pending_replace request (restored when it is rejected).
  model::OrderStatus status_before_request = model::OrderStatus::kAccepted;
  std::array<std::int64_t, model::kMaxLegs> leg_filled{};  // contracts/shares per leg
  __int128 net_notional_raw = 0;  // sum of signed price.raw * qty over fills (+ buy, - sell)
  core::Timestamp ts_submitted;
  core::Timestamp ts_last_update;
  std::uint32_t submit_attempts = 0;
  std::uint32_t cancel_attempts = 0;
  std::uint32_t revision = 0;  // replacements so far (the id of the next one uses revision + 1)
  engine::TimerId fill_timer = 0;
  engine::TimerId retry_timer = 0;
  bool adopted = false;             // placed outside zerodte, found by reconciliation
  bool needs_reconcile = false;     // venue state unknown (retries exhausted, restart)
  core::ClientOrderId replaced_by;  // set on a pending/replaced order
  bool emulated_bracket = false;    // entry of a bracket the order manager emulates
  bool exits_sent = false;          // its take-profit/stop-loss exits were sent
  core::ClientOrderId oco_sibling;  // the other exit of an emulated bracket
  core::FixedString<96> reason;

  // Whole packages (or shares/contracts for one leg) filled.
  [[nodiscard]] core::Quantity filled() const {
    std::int64_t units = INT64_MAX;
    for (std::size_t i = 0; i < intent.leg_count; ++i) {
      const std::int64_t r = intent.legs[i].ratio > 0 ? intent.legs[i].ratio : 1;
      units = std::min(units, leg_filled[i] / r);
    }
    return core::Quantity{intent.leg_count == 0 ? 0 : units};
  }
  [[nodiscard]] core::Quantity leaves() const {
    const auto f = filled();
    return core::Quantity{f.value >= intent.quantity.value ? 0 : intent.quantity.value - f.value};
  }
  // Average price per unit: for one leg the (positive) price, for a package the net price
  // (+ debit, - credit); undefined before any fill.
  [[nodiscard]] core::Price avg_fill_price() const {
    const std::int64_t units = filled().value;
    if (units <= 0) return core::Price::undefined();
    __int128 avg = net_notional_raw / units;
    if (intent.leg_count == 1 && avg < 0) avg = -avg;
    return core::Price::from_raw(static_cast<std::int64_t>(avg));
  }
  [[nodiscard]] const core::ClientOrderId& id() const { return intent.client_order_id; }
};

}  // namespace zerodte::execution
