#pragma once
// The state a journal implies, rebuilt record by record: trading state, orders (intent ->
// submitted -> venue updates -> fills), positions and realized P&L, the latest risk counters and
// strategy snapshots, and counts per record type. `zerodte journal inspect --summary [--until]`
// prints it; crash tests compare it between interrupted and uninterrupted runs; and it tells a
// restarting engine which durable intents have no submission record (to reconcile with the venue
// before anything is sent again). Components with richer state register their own appliers.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/model/orders.hpp"
#include "zerodte/store/decision_records.hpp"
#include "zerodte/store/position_book.hpp"
#include "zerodte/store/record.hpp"
#include "zerodte/store/recovery.hpp"

namespace zerodte::store {

struct OrderState {
  model::OrderIntent intent;
  bool has_intent = false;
  bool submitted = false;
  bool reconciled = false;
  bool cancel_requested = false;
  model::OrderStatus status = model::OrderStatus::kPendingNew;
  std::int64_t filled_qty = 0;
  std::string venue_order_id;
  std::uint64_t intent_seq = 0;
};

class JournalState {
 public:
  void register_with(RecoveryRegistry& reg);
  core::Status apply(const RecordView& r);

  // Durable intents never recorded as submitted, in intent order.
  [[nodiscard]] std::vector<std::string> unsubmitted_orders() const;
  [[nodiscard]] std::vector<std::string> working_orders() const;  // submitted, not terminal
  // Canonical text of the whole state (stable ordering), for printing and comparison.
  [[nodiscard]] std::string describe(bool with_counts = true) const;

  TradingState trading_state = TradingState::kActive;
  std::string trading_reason;
  std::map<std::string, OrderState> orders;
  PositionBook positions;
  std::optional<RiskCountersRecord> risk_counters;
  std::map<std::uint16_t, StrategyStateRecord> strategy_states;
  std::map<std::uint16_t, std::uint64_t> counts;  // by record type
  std::uint64_t last_seq = 0;
  core::Timestamp last_ts;
  std::uint64_t signals = 0;
  std::uint64_t approvals = 0;
  std::uint64_t rejections = 0;

 private:
  // Points into `counts` for the last record type seen; copies start without it.
  struct CountCache {
    RecordType type = RecordType::kInvalid;
    std::uint64_t* count = nullptr;
    CountCache() = default;
    CountCache(const CountCache& /*other*/) {}
    CountCache& operator=(const CountCache& /*other*/) {
      count = nullptr;
      return *this;
    }
  };
  CountCache cache_;
};

}  // namespace zerodte::store
