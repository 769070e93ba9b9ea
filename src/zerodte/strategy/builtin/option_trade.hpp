#pragma once
// Shared by the built-in single-option strategies: one open option trade (entry order, fill,
// exit order) with its bookkeeping, its snapshot text for restarts, and the order helpers.
#include <optional>
#include <string>

#include "zerodte/strategy/strategy.hpp"

namespace zerodte::strategy::builtin {

struct OptionTrade {
  core::InstrumentId contract;
  std::string contract_symbol;
  std::string underlying;
  Direction direction = Direction::kFlat;  // kLong = bought a call, kShort = bought a put
  std::int64_t quantity = 0;               // open units (filled)
  std::int64_t ordered = 0;                // units of the entry order
  double entry_price = 0;                  // average fill price per unit
  double underlying_at_entry = 0;
  double best_underlying = 0;  // most favourable underlying price since entry
  core::Timestamp entry_ts;
  std::uint64_t signal_id = 0;
  core::ClientOrderId entry_order;
  core::ClientOrderId exit_order;
  bool partial_done = false;
  std::string exit_reason;

  [[nodiscard]] bool entry_pending() const { return !entry_order.empty(); }
  [[nodiscard]] bool exit_pending() const { return !exit_order.empty(); }
  [[nodiscard]] bool active() const { return quantity != 0 || entry_pending(); }

  // "contract=12;symbol=..;qty=..;..." (empty when flat and idle); parse() is its inverse.
  [[nodiscard]] std::string to_text() const;
  static core::Result<OptionTrade> parse(std::string_view text);
};

// Local exchange time of `t` is inside [start, end).
[[nodiscard]] bool in_window(core::TimeOfDay t, core::TimeOfDay start, core::TimeOfDay end);

// Bookkeeping of fills and order updates for `trade`; returns true when the trade changed.
// Entry fills add quantity at their price; exit fills reduce it; a terminal entry/exit order
// clears the pending id. When quantity returns to 0 after an exit the trade resets.
bool apply_fill(OptionTrade& trade, const model::Fill& f);
bool apply_order_update(OptionTrade& trade, const model::OrderUpdate& u);

// Sends a reduce-only sell of `quantity` units of the trade's contract at the contract's bid
// (marketable limit; one tick when the bid is 0), after emitting a flat Signal with `reason`
// and `evidence`. Returns true when risk accepted it.
bool exit_trade(StrategyContext& ctx, OptionTrade& trade, std::int64_t quantity,
                const std::string& reason, std::vector<Evidence> evidence, double conviction = 1);

}  // namespace zerodte::strategy::builtin
