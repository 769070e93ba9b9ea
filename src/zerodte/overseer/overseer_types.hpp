#pragma once
// Values the overseer hands around (seed 003 Part 5): anomaly levels and monitors, the anomalies
// it finds, the automatic actions it takes (each reversible by an admin), and the bus messages
// other areas publish so it can watch what is not a plain market or order event (realised vs
// expected P&L of a closed trade, regime uncertainty, computed Greeks, feed decode errors).
#include <cstdint>
#include <string>
#include <string_view>

#include "zerodte/core/fixed_string.hpp"
#include "zerodte/core/ids.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::overseer {

// Trigger levels of seed 003: review flag < warning + log < immediate halt.
enum class Level : std::uint8_t { kInfo = 0, kReview = 1, kWarn = 2, kHalt = 3 };
std::string_view to_string(Level l);  // "info", "review", "warn", "halt"

enum class MonitorKind : std::uint8_t { kData, kAnalytics, kExecution, kFeed, kStrategy, kRegime };
std::string_view to_string(MonitorKind m);  // "data", "analytics", ...

enum class ActionKind : std::uint8_t { kHaltTrading, kTaperSizes, kFlipToPaper, kDisableStrategy };
std::string_view to_string(ActionKind a);  // "halt_trading", "taper_sizes", ...

struct Anomaly {
  std::uint64_t id = 0;
  core::Timestamp ts;
  MonitorKind monitor = MonitorKind::kData;
  Level level = Level::kInfo;
  std::string code;     // "stale_feed", "impossible_greeks", "high_slippage", "reject_storm", ...
  std::string subject;  // the feed, instrument, strategy or "account"
  double value = 0;     // the measured input
  double threshold = 0;
  std::string explanation;  // one sentence a person can read
};

struct AutoAction {
  std::uint64_t id = 0;
  ActionKind kind = ActionKind::kHaltTrading;
  std::uint64_t anomaly_id = 0;  // what caused it
  core::Timestamp ts;
  std::string subject;  // strategy name for kDisableStrategy, "account" otherwise
  core::StrategyId strategy;
  double factor = 1;  // kTaperSizes: size multiplier (0.5 = half)
  std::string reason;
  bool active = true;
  bool applied = true;      // the action port accepted it
  std::string port_error;   // why the port refused (applied == false)
  std::string reversed_by;  // admin who reversed it
  core::Timestamp reversed_at;
};

// --- inputs published by other areas on the bus --------------------------------------------

// A closed round trip: what the strategy expected when it entered and what it realised.
struct TradeOutcome {
  core::StrategyId strategy;
  std::uint64_t signal_id = 0;
  double expected_pnl = 0;
  double realized_pnl = 0;
  core::Timestamp ts;
};

// The regime classifier's uncertainty (0 = certain, 1 = no idea), e.g. 1 - top class probability.
struct RegimeReading {
  core::InstrumentId instrument;
  double uncertainty = 0;
  core::Timestamp ts;
};

// Greeks computed by analytics/quant for one option (ok = false: the calculation failed).
struct GreeksReading {
  core::InstrumentId instrument;
  bool ok = true;
  double iv = 0;
  double delta = 0;
  double gamma = 0;
  core::Timestamp ts;
};

// An adapter could not decode a message (a schema change on the vendor's side).
struct FeedDecodeError {
  core::FixedString<24> feed;
  core::Timestamp ts;
  core::FixedString<96> detail;
};

}  // namespace zerodte::overseer
