#pragma once
// The pre-trade checks: small named rules run in a fixed order (rule_order()); the first that
// fails decides the verdict, whose details name the rule's input and threshold. The checks read
// the portfolio, the market cache and the calendar; they never change anything. record_submit()
// updates the duplicate-intent and order-rate state once an approved intent is sent.
//
// Rules marked "opening" apply only to orders that add exposure; an order whose every leg
// reduces an existing position (against the portfolio plus working reducing orders) skips them.
//   state (HALTED: nothing; REDUCING: reducing only), malformed,
//   MAX_POSITIONS (opening), QTY_LIMIT, PRICE_BAND, LOT_SIZE, TICK, BUYING_POWER (opening),
//   DAILY_LOSS (opening), VIX_LIMIT (opening), TRADING_WINDOW (session for all, entry window
//   opening), GREEK_LIMIT (opening), CONCENTRATION (opening), CALL_PUT_CONFLICT (opening),
//   STALE_DATA (opening), DUPLICATE_INTENT, RATE_LIMITED, FAT_FINGER, MAX_NOTIONAL.
// Manual mode is a routing decision taken after every rule passed (risk_engine.hpp).
#include <array>
#include <deque>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "zerodte/core/calendar.hpp"
#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/model/orders.hpp"
#include "zerodte/portfolio/portfolio.hpp"
#include "zerodte/risk/market_cache.hpp"
#include "zerodte/risk/risk_limits.hpp"
#include "zerodte/risk/risk_types.hpp"

namespace zerodte::risk {

// Signed quantities of working orders that reduce positions, per instrument (risk_engine keeps it).
class PendingReductions {
 public:
  void add(core::InstrumentId id, std::int64_t signed_qty);
  [[nodiscard]] std::int64_t get(core::InstrumentId id) const {
    return id.value < qty_.size() ? qty_[id.value] : 0;
  }

 private:
  std::vector<std::int64_t> qty_;
};

class PreTradeChecker {
 public:
  PreTradeChecker(const model::InstrumentRegistry& registry, const portfolio::Portfolio& portfolio,
                  const MarketCache& market, const core::TradingCalendar& calendar,
                  PreTradeLimits limits);

  // The rules in the order they run (for docs and tests).
  static std::span<const RejectReason> rule_order();

  [[nodiscard]] RiskVerdict check(const model::OrderIntent& intent, core::Timestamp now,
                                  TradingState state);
  // True when every leg reduces an open position (portfolio net + working reductions).
  [[nodiscard]] bool is_reducing(const model::OrderIntent& intent) const;
  void record_submit(const model::OrderIntent& intent, core::Timestamp now);
  // Order-rate check for a modify (cancel/replace); records it when allowed.
  [[nodiscard]] bool allow_modify(core::StrategyId strategy, core::Timestamp now);

  void set_strategy_window(core::StrategyId s, core::TimeOfDay from, core::TimeOfDay to);
  void set_pending(const PendingReductions* p) { pending_ = p; }
  // No new entries on `underlying` until `until` (the per-ticker daily-loss breaker); cleared by
  // clear_underlying_blocks() at the day roll.
  void block_underlying(core::InstrumentId underlying, core::Timestamp until, std::string reason);
  void clear_underlying_blocks() { blocked_.clear(); }
  [[nodiscard]] const PreTradeLimits& limits() const { return limits_; }
  void set_limits(PreTradeLimits l);

 private:
  struct Group {  // one open position: a multi-leg group or a single instrument
    std::uint64_t key = 0;
    core::InstrumentId underlying;
    double delta = 0;
    bool has_call = false;
    bool has_put = false;
    bool multi_leg = false;
  };
  struct DupKey {
    std::uint64_t signal;
    std::uint32_t seq;
    std::uint16_t strategy;
    bool operator==(const DupKey&) const = default;
  };
  struct DupHash {
    std::size_t operator()(const DupKey& k) const noexcept {
      return std::hash<std::uint64_t>{}(k.signal * 0x9e3779b97f4a7c15ULL ^
                                        (std::uint64_t{k.seq} << 16) ^ k.strategy);
    }
  };
  struct Window {
    core::Timestamp day_from, day_to;  // UTC bounds of the cached local date
    core::Timestamp entry_from, entry_to;
    core::Timestamp session_open, session_close;
    core::Date date;
    bool open_day = false;
  };

  RiskVerdict run(const model::OrderIntent& in, core::Timestamp now, TradingState state);
  void build_groups();
  [[nodiscard]] core::InstrumentId underlying_of(core::InstrumentId id) const;
  [[nodiscard]] int correlation_group(core::InstrumentId underlying);
  const Window& window_for(core::Timestamp now);
  [[nodiscard]] std::int64_t signed_units(const model::OrderIntent& in, std::size_t leg) const;

  const model::InstrumentRegistry& registry_;
  const portfolio::Portfolio& portfolio_;
  const MarketCache& market_;
  const core::TradingCalendar& calendar_;
  PreTradeLimits limits_;
  const PendingReductions* pending_ = nullptr;
  struct Block {
    core::Timestamp until;
    std::string reason;
  };
  std::unordered_map<std::uint32_t, Block> blocked_;  // underlying -> entry block

  std::vector<Group> groups_;
  std::unordered_set<DupKey, DupHash> seen_;
  std::unordered_map<std::uint16_t, std::deque<core::Timestamp>> submits_;
  std::deque<core::Timestamp> account_submits_;
  std::unordered_map<std::uint16_t, std::deque<core::Timestamp>> modifies_;
  std::unordered_map<std::uint16_t, std::pair<core::TimeOfDay, core::TimeOfDay>> windows_;
  std::unordered_map<std::string, int> symbol_group_;
  std::vector<std::int8_t> underlying_group_;  // by underlying id: -2 unknown, -1 none, >= 0
  Window window_;
};

}  // namespace zerodte::risk
