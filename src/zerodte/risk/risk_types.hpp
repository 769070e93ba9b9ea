#pragma once
// Values the risk engine hands around: reject reasons (one per pre-trade rule), trading states,
// the verdict for one OrderIntent (the explanation record of seed 003: rejected_because + the
// rule's input, its threshold and a sentence a person can read) and the risk event log entries.
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "zerodte/core/fixed_string.hpp"
#include "zerodte/core/ids.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::risk {

// Pre-trade rules in the order they run (issue 8 / seed 004 Check 1..9 first).
enum class RejectReason : std::uint8_t {
  kNone = 0,
  kStateHalted,       // trading state HALTED: no new orders at all
  kStateReducing,     // trading state REDUCING: only exposure-reducing orders
  kMalformed,         // no legs, zero quantity, unknown instrument, missing limit price
  kMaxPositions,      // Check 1: open positions / per underlying
  kQtyLimit,          // Check 2: freeze quantity, max contracts per order and per ticker
  kPriceBand,         // Check 3: limit within +-band of mid/last
  kLotSize,           // Check 4
  kTick,              // Check 5
  kBuyingPower,       // Check 6: margin available, utilisation ceiling
  kDailyLoss,         // Check 7
  kVixLimit,          // Check 8
  kTradingWindow,     // Check 9: session and per-strategy entry window
  kGreekLimit,        // portfolio Greeks after the order
  kConcentration,     // same direction on correlated underlyings
  kCallPutConflict,   // call and put on one underlying when forbidden
  kStaleData,         // quote older than 3 s / analytics heartbeat older than 10 s
  kDuplicateIntent,   // (strategy, signal, seq) seen before
  kRateLimited,       // submits per second per strategy / account
  kFatFinger,         // limit through the NBBO by more than the allowed fraction
  kMaxNotional,       // notional per order
  kExecutionRefused,  // passed every rule, but the order manager refused it (details say why)
};
inline constexpr std::size_t kRejectReasonCount = 22;
std::string_view to_string(RejectReason r);  // "MAX_POSITIONS", "QTY_LIMIT", ...

enum class TradingState : std::uint8_t { kActive = 0, kReducing = 1, kHalted = 2 };
std::string_view to_string(TradingState s);  // "ACTIVE", "REDUCING", "HALTED"

enum class VerdictStatus : std::uint8_t {
  kApproved,  // forwarded to execution
  kRejected,
  kQueued,  // approved, but execution mode is manual: waits for a person (MANUAL_MODE)
};
std::string_view to_string(VerdictStatus s);

// The explanation record for one intent, published on the bus and kept for queries.
struct RiskVerdict {
  VerdictStatus status = VerdictStatus::kApproved;
  RejectReason reason = RejectReason::kNone;  // rejected_because
  core::StrategyId strategy;
  std::uint64_t signal_id = 0;
  std::uint32_t intent_seq = 0;
  core::ClientOrderId client_order_id;  // set once execution accepted it
  bool reducing = false;                // the order only reduces exposure
  double value = 0;                     // the rule's input (e.g. 7 contracts, 0.31 = 31%)
  double threshold = 0;                 // the limit it was compared with
  core::Timestamp ts;
  core::FixedString<160> details;  // "quantity 7 > max_contracts_per_order 6"

  [[nodiscard]] bool approved() const { return status != VerdictStatus::kRejected; }
};

// What happened inside the risk engine: state changes, breakers, kill switch steps.
enum class RiskEventKind : std::uint8_t {
  kStateChanged,
  kBreakerTripped,
  kBreakerCleared,
  kKillSwitchPulled,
  kCancelRequested,
  kFlattenSubmitted,
  kFlattenFailed,
  kKillSwitchDone,
  kExitSubmitted,
  kManualQueued,
};
std::string_view to_string(RiskEventKind k);

struct RiskEvent {
  RiskEventKind kind = RiskEventKind::kStateChanged;
  TradingState state = TradingState::kActive;  // the state after the event
  core::Timestamp ts;
  core::FixedString<32> who;  // "breaker:vix", "cli", "api:alice", "signal-file"
  core::FixedString<160> text;
};

static_assert(std::is_trivially_copyable_v<RiskVerdict>);
static_assert(std::is_trivially_copyable_v<RiskEvent>);

}  // namespace zerodte::risk
