#pragma once
// The journal's record model. A record is (sequence number, type, timestamp, payload bytes);
// on disk each is one frame:
//
//   offset  size  field
//   0       4     crc32c of bytes [4, 28 + length)   (everything after the crc, payload included)
//   4       4     length of the payload in bytes      (<= kMaxPayload)
//   8       8     sequence number (1, 2, 3, ... with no gaps across segments)
//   16      8     timestamp, UNIX ns (the event's visible time or the decision time; 0 = none)
//   24      2     record type (RecordType)
//   26      2     flags (kFlag*)
//   28      n     payload
//
// Types 1..99 are the kernel's inbound engine::Event alternatives, 100..999 are the decision and
// state records defined in decision_records.hpp, and 1000..65535 are free for other areas
// (register a name with register_record_type_name() so `zerodte journal inspect` can print it).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "zerodte/core/time.hpp"

namespace zerodte::store {

enum class RecordType : std::uint16_t {
  kInvalid = 0,
  // Inbound engine events (event_codec.hpp), one per engine::Event alternative.
  kTrade = 1,
  kQuote = 2,
  kBar = 3,
  kOptionQuote = 4,
  kBookDepth = 5,
  kImbalance = 6,
  kInstrumentStatus = 7,
  kFeedStatus = 8,
  kNewsItem = 9,
  kOrderUpdate = 10,
  kFill = 11,
  kControlCommand = 12,
  kCustomEvent = 13,
  // Decisions and state (decision_records.hpp).
  kSignal = 100,
  kRiskVerdict = 101,
  kOrderIntent = 102,     // payload: model::OrderIntent; durable before the order is sent
  kOrderSubmitted = 103,  // the order left the process (or reconciliation found it at the venue)
  kCancelIntent = 104,
  kControlAction = 105,
  kTradingState = 106,
  kRiskCounters = 107,
  kStrategyState = 108,
  kSentiment = 109,
  kFirstCustom = 1000,
};

inline constexpr std::uint16_t kFlagDurable = 1;  // the writer asked for fsync before returning

inline constexpr std::size_t kFrameHeaderSize = 28;
inline constexpr std::uint32_t kMaxPayload = 16u << 20;

// A record as read back: views into the reader's buffer, valid during the callback.
struct RecordView {
  std::uint64_t seq = 0;
  RecordType type = RecordType::kInvalid;
  std::uint16_t flags = 0;
  core::Timestamp ts;
  std::span<const std::byte> payload;
};

// Records whose loss could make the engine act twice or forget an order: under the default write
// policy they are fsynced before append() returns.
[[nodiscard]] constexpr bool is_order_affecting(RecordType t) {
  switch (t) {
    case RecordType::kOrderUpdate:
    case RecordType::kFill:
    case RecordType::kControlCommand:
    case RecordType::kOrderIntent:
    case RecordType::kOrderSubmitted:
    case RecordType::kCancelIntent:
    case RecordType::kControlAction:
    case RecordType::kTradingState:
    case RecordType::kRiskCounters:
      return true;
    default:
      return false;
  }
}

// "trade", "order_intent", ... or a registered name, or "type<N>".
[[nodiscard]] std::string record_type_name(RecordType t);
// Other areas name their custom record types (>= kFirstCustom). Returns false if taken.
bool register_record_type_name(RecordType t, std::string_view name);

}  // namespace zerodte::store
