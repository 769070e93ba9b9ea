#pragma once
// One open trade of a market-structure strategy (a single option, a multi-leg structure or a
// share position): its legs, entry and exit orders, filled quantity and entry value from its own
// fills, and a snapshot text for restarts. Shared by the five strategies of this folder.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "zerodte/risk/exit_rules.hpp"
#include "zerodte/strategy/strategy.hpp"

namespace zerodte::strategy::market_structure {

struct TradeLeg {
  core::InstrumentId instrument;
  model::Side side = model::Side::kBuy;  // entry side
  int ratio = 1;
  std::int64_t filled = 0;  // units filled on entry (quantity x ratio when complete)
  std::int64_t closed = 0;  // units filled on exit
  double cost = 0;          // sum of entry fill price x units
};

struct OpenTrade {
  std::string symbol;  // the underlying
  std::array<TradeLeg, model::kMaxLegs> legs{};
  int leg_count = 0;
  int direction = 0;         // +1 bullish / long, -1 bearish / short, 0 neutral
  std::int64_t ordered = 0;  // structures (or shares/contracts) of the entry order(s)
  std::uint64_t signal_id = 0;
  core::Timestamp opened;
  core::ClientOrderId entry_order;
  core::ClientOrderId exit_order;
  std::vector<core::ClientOrderId> extra_entries;  // laddered entry orders (swing)
  double ref = 0;              // strategy-specific reference (gamma strike, entry ratio, ...)
  double stop = 0;             // strategy-specific stop (underlying price) / 0
  double target = 0;           // strategy-specific target / 0
  risk::ExitState exit_state;  // ladder peaks

  // Structures filled: min over legs of filled / ratio (minus those closed).
  [[nodiscard]] std::int64_t quantity() const;
  // Net entry value per structure unit: sum of (+buy/-sell) x avg leg fill x ratio.
  [[nodiscard]] double entry_value() const;
  [[nodiscard]] bool entry_pending() const {
    return !entry_order.empty() || !extra_entries.empty();
  }
  [[nodiscard]] bool exit_pending() const { return !exit_order.empty(); }
  [[nodiscard]] bool active() const { return quantity() > 0 || entry_pending(); }
  [[nodiscard]] bool owns(const core::ClientOrderId& id) const;

  // Returns true when the fill belonged to this trade.
  bool apply_fill(const model::Fill& f);
  // Clears order ids on terminal states; returns true when it belonged to this trade.
  bool apply_update(const model::OrderUpdate& u);

  [[nodiscard]] std::string to_text() const;  // one line, "key=value;..."
  static core::Result<OpenTrade> parse(std::string_view text);
};

// Current net value per structure unit from the latest option quotes (mid); nullopt when a
// leg has no two-sided quote.
std::optional<double> mark_value(const StrategyContext& ctx, const OpenTrade& t);

// Sends the closing order of every open unit: legs reversed, reduce-only, limit at the
// marketable side (sell at bid, buy at ask: for a multi-leg, the net of those), IOC. Emits the
// flat Signal first with `reason` + `evidence`; returns true when risk accepted it.
bool close_trade(StrategyContext& ctx, OpenTrade& t, const std::string& reason,
                 std::vector<Evidence> evidence);

struct Account {
  double equity = 0;
  double margin_used = 0;
};
// From the portfolio when the host has one, else `fallback_equity` and no margin in use.
Account account_of(const StrategyContext& ctx, double fallback_equity);

// Suppression helper.
void suppress(StrategyContext& ctx, std::string_view symbol, Direction d, std::string reason,
              std::string detail, std::vector<Evidence> evidence = {});

// Snapshot of several trades, one line each.
std::string trades_text(const std::vector<OpenTrade>& trades);
core::Result<std::vector<OpenTrade>> parse_trades(std::string_view text);

}  // namespace zerodte::strategy::market_structure
