#pragma once
// TWS API socket protocol constants (Interactive Brokers, "TWS API" v9.81+; the message ids and
// field orders of the reference EClient/EDecoder).
//
// Wire format after the handshake: every message is a 4-byte big-endian length followed by that
// many bytes of NUL-terminated text fields; the first field is the message id.
// Handshake: the client sends "API\0" then one length-prefixed text "v<min>..<max>" (the range of
// server versions it speaks); the server answers with one message of two fields, the negotiated
// server version and its connection time ("20251121 10:00:00 EST"). The client then sends
// startApi(clientId); the server sends nextValidId and managedAccounts.
//
// zerodte speaks exactly one protocol level, kServerVersion = 151 (MIN_SERVER_VER_PRICE_MGMT_ALGO,
// TWS/IB Gateway 974+): every field layout below is the one at that version. A TWS that only
// offers less is refused with a clear error; a newer one negotiates down to 151 (TWS answers
// min(its max, our max)).
#include <cstdint>

namespace zerodte::adapters::ibkr {

inline constexpr int kMinClientVersion = 100;  // 100 = length-prefixed messages
inline constexpr int kServerVersion = 151;     // the one layout zerodte encodes and decodes
inline constexpr std::uint32_t kMaxMessageBytes = 0xFFFFFF;  // EClient MAX_MSG_LEN

// Outgoing (client -> TWS) message ids.
enum class Out : int {
  kReqMktData = 1,
  kCancelMktData = 2,
  kPlaceOrder = 3,
  kCancelOrder = 4,
  kReqOpenOrders = 5,
  kReqAcctData = 6,
  kReqExecutions = 7,
  kReqIds = 8,
  kReqContractData = 9,
  kReqMktDepth = 10,
  kCancelMktDepth = 11,
  kReqAllOpenOrders = 16,
  kReqCurrentTime = 49,
  kReqPositions = 61,
  kReqAccountSummary = 62,
  kCancelAccountSummary = 63,
  kCancelPositions = 64,
  kStartApi = 71,
  kReqCompletedOrders = 99,  // server version 150+
};

// Incoming (TWS -> client) message ids.
enum class In : int {
  kTickPrice = 1,
  kTickSize = 2,
  kOrderStatus = 3,
  kErrMsg = 4,
  kOpenOrder = 5,
  kAcctValue = 6,
  kPortfolioValue = 7,
  kAcctUpdateTime = 8,
  kNextValidId = 9,
  kContractData = 10,
  kExecutionData = 11,
  kMarketDepth = 12,
  kMarketDepthL2 = 13,
  kManagedAccts = 15,
  kTickOptionComputation = 21,
  kCurrentTime = 49,
  kContractDataEnd = 52,
  kOpenOrderEnd = 53,
  kAcctDownloadEnd = 54,
  kExecutionDataEnd = 55,
  kCommissionReport = 59,
  kPositionData = 61,
  kPositionEnd = 62,
  kAccountSummary = 63,
  kAccountSummaryEnd = 64,
  kCompletedOrder = 101,
  kCompletedOrdersEnd = 102,
};

// Tick types (TickTypeEnum) zerodte reads.
namespace tick {
inline constexpr int kBidSize = 0;
inline constexpr int kBid = 1;
inline constexpr int kAsk = 2;
inline constexpr int kAskSize = 3;
inline constexpr int kLast = 4;
inline constexpr int kLastSize = 5;
inline constexpr int kVolume = 8;
inline constexpr int kBidOptionComputation = 10;
inline constexpr int kAskOptionComputation = 11;
inline constexpr int kLastOptionComputation = 12;
inline constexpr int kModelOptionComputation = 13;
inline constexpr int kOptionCallOpenInterest = 27;
inline constexpr int kOptionPutOpenInterest = 28;
}  // namespace tick

// Error codes with a meaning for zerodte (TWS "Message Codes").
namespace code {
inline constexpr int kPacingViolation = 100;  // max rate of messages per second exceeded
inline constexpr int kDuplicateOrderId = 103;
inline constexpr int kCannotModifyFilled = 104;
inline constexpr int kNotCancellable = 161;  // cancel attempted in a non-cancellable state
inline constexpr int kOrderRejected = 201;   // "Order rejected - reason: ..."
inline constexpr int kOrderCancelled = 202;  // "Order Canceled - reason: ..."
inline constexpr int kNoSecurityDefinition = 200;
inline constexpr int kClientIdInUse = 326;
inline constexpr int kNotConnected = 504;
inline constexpr int kConnectivityLost = 1100;  // TWS <-> IB servers
inline constexpr int kRestoredDataLost = 1101;
inline constexpr int kRestoredDataKept = 1102;
inline constexpr int kCancelIdNotFound =
    10147;  // "OrderId ... that needs to be cancelled is not found"
inline constexpr int kEtradeOnlyUnsupported = 10268;
}  // namespace code

// Sentinels of the reference client: UNSET_INTEGER = 2^31 - 1, UNSET_DOUBLE = DBL_MAX.
inline constexpr std::int64_t kUnsetInteger = 2147483647;
inline constexpr const char* kUnsetDoubleText = "1.7976931348623157e+308";

}  // namespace zerodte::adapters::ibkr
