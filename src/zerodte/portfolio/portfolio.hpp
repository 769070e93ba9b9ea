#pragma once
// The account's positions (per strategy and instrument), cash, P&L, net Greeks and margin.
// Owned by the kernel thread. Fills are applied once: a repeated exec_id is ignored (venues resend
// executions after reconnects), so duplicate fills never change a position.
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/model/orders.hpp"
#include "zerodte/portfolio/greeks_exposure.hpp"
#include "zerodte/portfolio/position.hpp"

namespace zerodte::portfolio {

enum class MarkMode : std::uint8_t {
  kMid,
  kConservative
};  // conservative: long at bid, short at ask

struct PnlSummary {
  Money realized;
  Money unrealized;
  Money fees;
  Money total() const { return realized + unrealized - fees; }
};

struct AccountSnapshot {
  Money cash;
  Money market_value;  // sum of position market values (signed)
  Money equity;        // cash + market value
  Money margin_used;   // Reg-T style requirement of open positions (or broker-reported)
  Money buying_power;  // equity - margin_used (or broker-reported)
  PnlSummary pnl;
  Money day_pnl;
  Money week_pnl;
  Money month_pnl;
};

class Portfolio {
 public:
  Portfolio(const model::InstrumentRegistry& registry, Money starting_cash,
            MarkMode mark_mode = MarkMode::kMid);

  // Returns false (and changes nothing) for a fill whose exec_id was already applied.
  bool apply_fill(const model::Fill& fill, core::StrategyId strategy, std::uint64_t group_id = 0);
  // Updates marks from the NBBO of an instrument (ignores one-sided/crossed quotes).
  void on_quote(core::InstrumentId instrument, core::Price bid, core::Price ask);
  void set_mark(core::InstrumentId instrument, core::Price mark);
  void set_unit_greeks(core::InstrumentId option, const UnitGreeks& greeks);
  void set_underlying_price(core::InstrumentId underlying, double price);

  // Expiry of an option at `underlying_settlement`: cash-settled options close at intrinsic
  // value; physically settled ones ITM by >= $0.01 are exercised/assigned into the underlying at
  // the strike, OTM ones expire worthless. Returns the P&L realised.
  Money settle_expiry(core::InstrumentId option, core::Price underlying_settlement,
                      core::Timestamp ts);

  // Period boundaries (local trading dates); the current equity becomes the period's base.
  void start_day(core::Date date);
  // Broker-reported figures override the simulated margin model when set.
  void set_broker_account(Money cash, Money buying_power, Money margin_used);

  [[nodiscard]] const Position* position(core::StrategyId strategy,
                                         core::InstrumentId instrument) const;
  [[nodiscard]] std::vector<const Position*> open_positions() const;
  [[nodiscard]] std::int64_t net_quantity(core::InstrumentId instrument) const;  // all strategies
  [[nodiscard]] std::size_t open_position_count() const;
  [[nodiscard]] GreeksExposure greeks_for_underlying(core::InstrumentId underlying) const;
  [[nodiscard]] GreeksExposure account_greeks() const;
  [[nodiscard]] AccountSnapshot snapshot() const;
  [[nodiscard]] PnlSummary strategy_pnl(core::StrategyId strategy) const;
  // Today's P&L (realized + unrealized - fees, since start_day) of every position on one
  // underlying (options on it and the underlying itself), and of every underlying traded, in
  // ascending underlying id order. Seed 002 "level 2": daily loss limits per ticker.
  [[nodiscard]] Money underlying_day_pnl(core::InstrumentId underlying) const;
  [[nodiscard]] std::vector<std::pair<core::InstrumentId, Money>> day_pnl_by_underlying() const;
  // Reg-T style requirement for the open positions (see margin_model.hpp).
  [[nodiscard]] Money margin_requirement() const;
  [[nodiscard]] Money cash() const { return cash_; }

 private:
  struct Key {
    std::uint16_t strategy;
    std::uint32_t instrument;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept {
      return (static_cast<std::size_t>(k.strategy) << 32) ^ k.instrument;
    }
  };
  Position& position_for(core::StrategyId strategy, core::InstrumentId instrument);
  [[nodiscard]] core::InstrumentId underlying_of(const model::Instrument& inst) const;
  [[nodiscard]] double spot_of(core::InstrumentId underlying) const;
  Money equity() const;
  [[nodiscard]] std::map<std::uint32_t, Money> total_pnl_by_underlying() const;

  const model::InstrumentRegistry& registry_;
  MarkMode mark_mode_;
  Money cash_;
  Money fees_;
  Money realized_;
  std::unordered_map<Key, Position, KeyHash> positions_;
  std::vector<Key> order_;  // insertion order, for deterministic iteration
  std::unordered_set<std::string> exec_ids_;
  std::unordered_map<std::uint32_t, UnitGreeks> greeks_;
  std::unordered_map<std::uint32_t, double> spots_;
  std::unordered_map<std::uint32_t, std::pair<core::Price, core::Price>> quotes_;
  std::optional<AccountSnapshot> broker_;
  Money day_base_;
  std::map<std::uint32_t, Money> underlying_day_base_;  // total P&L per underlying at start_day
  Money week_base_;
  Money month_base_;
  std::optional<core::Date> day_;
};

}  // namespace zerodte::portfolio
