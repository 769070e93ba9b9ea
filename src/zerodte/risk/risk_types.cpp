#include "zerodte/risk/risk_types.hpp"

namespace zerodte::risk {

std::string_view to_string(RejectReason r) {
  switch (r) {
    case RejectReason::kNone:
      return "NONE";
    case RejectReason::kStateHalted:
      return "STATE_HALTED";
    case RejectReason::kStateReducing:
      return "STATE_REDUCING";
    case RejectReason::kMalformed:
      return "MALFORMED";
    case RejectReason::kMaxPositions:
      return "MAX_POSITIONS";
    case RejectReason::kQtyLimit:
      return "QTY_LIMIT";
    case RejectReason::kPriceBand:
      return "PRICE_BAND";
    case RejectReason::kLotSize:
      return "LOT_SIZE";
    case RejectReason::kTick:
      return "TICK";
    case RejectReason::kBuyingPower:
      return "BUYING_POWER";
    case RejectReason::kDailyLoss:
      return "DAILY_LOSS";
    case RejectReason::kVixLimit:
      return "VIX_LIMIT";
    case RejectReason::kTradingWindow:
      return "TRADING_WINDOW";
    case RejectReason::kGreekLimit:
      return "GREEK_LIMIT";
    case RejectReason::kConcentration:
      return "CONCENTRATION";
    case RejectReason::kCallPutConflict:
      return "CALL_PUT_CONFLICT";
    case RejectReason::kStaleData:
      return "STALE_DATA";
    case RejectReason::kDuplicateIntent:
      return "DUPLICATE_INTENT";
    case RejectReason::kRateLimited:
      return "RATE_LIMITED";
    case RejectReason::kFatFinger:
      return "FAT_FINGER";
    case RejectReason::kMaxNotional:
      return "MAX_NOTIONAL";
    case RejectReason::kExecutionRefused:
      return "EXECUTION_REFUSED";
  }
  return "UNKNOWN";
}

std::string_view to_string(TradingState s) {
  switch (s) {
    case TradingState::kActive:
      return "ACTIVE";
    case TradingState::kReducing:
      return "REDUCING";
    case TradingState::kHalted:
      return "HALTED";
  }
  return "UNKNOWN";
}

std::string_view to_string(VerdictStatus s) {
  switch (s) {
    case VerdictStatus::kApproved:
      return "APPROVED";
    case VerdictStatus::kRejected:
      return "REJECTED";
    case VerdictStatus::kQueued:
      return "MANUAL_MODE";
  }
  return "UNKNOWN";
}

std::string_view to_string(RiskEventKind k) {
  switch (k) {
    case RiskEventKind::kStateChanged:
      return "state_changed";
    case RiskEventKind::kBreakerTripped:
      return "breaker_tripped";
    case RiskEventKind::kBreakerCleared:
      return "breaker_cleared";
    case RiskEventKind::kKillSwitchPulled:
      return "kill_switch_pulled";
    case RiskEventKind::kCancelRequested:
      return "cancel_requested";
    case RiskEventKind::kFlattenSubmitted:
      return "flatten_submitted";
    case RiskEventKind::kFlattenFailed:
      return "flatten_failed";
    case RiskEventKind::kKillSwitchDone:
      return "kill_switch_done";
    case RiskEventKind::kExitSubmitted:
      return "exit_submitted";
    case RiskEventKind::kManualQueued:
      return "manual_queued";
  }
  return "unknown";
}

}  // namespace zerodte::risk
