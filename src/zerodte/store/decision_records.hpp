#pragma once
// Decision and state records: what the engine decided, journaled so a restart rebuilds the same
// state and never acts twice. Every record type T here has `T::kType`, `encode(ByteWriter&)` and
// `static Result<T> decode(ByteReader&)`; append_record()/decode_record() work for any such type,
// including ones other areas define with their own RecordType >= RecordType::kFirstCustom (the
// generic decision-record API: a type id plus payload bytes).
//
// Order intents are stored as model::OrderIntent by value (OrderIntentRecord wraps it).
#include <concepts>
#include <cstdint>
#include <string>

#include "zerodte/core/error.hpp"
#include "zerodte/core/price.hpp"
#include "zerodte/model/orders.hpp"
#include "zerodte/store/byte_codec.hpp"
#include "zerodte/store/journal.hpp"
#include "zerodte/store/record.hpp"

namespace zerodte::store {

template <typename T>
concept JournalRecord = requires(const T& t, ByteWriter& w, ByteReader& r) {
  { T::kType } -> std::convertible_to<RecordType>;
  t.encode(w);
  { T::decode(r) } -> std::same_as<core::Result<T>>;
};

// A strategy's signal with its explanation (the "why" shown on the dashboard).
struct SignalRecord {
  static constexpr RecordType kType = RecordType::kSignal;
  std::uint64_t signal_id = 0;
  std::uint16_t strategy_id = 0;
  std::string strategy;
  std::uint32_t instrument = 0;
  std::string symbol;
  std::int8_t direction = 0;  // +1 long/bullish, -1 short/bearish, 0 flat/exit
  double strength = 0;        // 0..1
  std::string explanation;    // text or JSON
  core::Timestamp ts;
  void encode(ByteWriter& w) const;
  static core::Result<SignalRecord> decode(ByteReader& r);
  bool operator==(const SignalRecord&) const = default;
};

struct RiskVerdictRecord {
  static constexpr RecordType kType = RecordType::kRiskVerdict;
  std::uint64_t signal_id = 0;
  std::string client_order_id;
  bool approved = false;
  std::string rule;    // the check that decided ("max_daily_loss", ...)
  std::string reason;  // human text
  core::Timestamp ts;
  void encode(ByteWriter& w) const;
  static core::Result<RiskVerdictRecord> decode(ByteReader& r);
  bool operator==(const RiskVerdictRecord&) const = default;
};

struct OrderIntentRecord {
  static constexpr RecordType kType = RecordType::kOrderIntent;
  model::OrderIntent intent;
  void encode(ByteWriter& w) const { w.pod(intent); }
  static core::Result<OrderIntentRecord> decode(ByteReader& r);
};

// The order left the process (reconciled = found at the venue after a restart).
struct OrderSubmittedRecord {
  static constexpr RecordType kType = RecordType::kOrderSubmitted;
  std::string client_order_id;
  bool reconciled = false;
  core::Timestamp ts;
  void encode(ByteWriter& w) const;
  static core::Result<OrderSubmittedRecord> decode(ByteReader& r);
  bool operator==(const OrderSubmittedRecord&) const = default;
};

struct CancelIntentRecord {
  static constexpr RecordType kType = RecordType::kCancelIntent;
  std::string client_order_id;
  std::string reason;
  core::Timestamp ts;
  void encode(ByteWriter& w) const;
  static core::Result<CancelIntentRecord> decode(ByteReader& r);
  bool operator==(const CancelIntentRecord&) const = default;
};

// What a control command did (kill switch, pause, strategy.enable, ...), with its outcome.
struct ControlActionRecord {
  static constexpr RecordType kType = RecordType::kControlAction;
  std::string user;
  std::string action;
  std::string args;
  std::string result;
  core::Timestamp ts;
  void encode(ByteWriter& w) const;
  static core::Result<ControlActionRecord> decode(ByteReader& r);
  bool operator==(const ControlActionRecord&) const = default;
};

// The engine's trading state; survives restarts.
enum class TradingState : std::uint8_t { kActive, kReducing, kHalted };
[[nodiscard]] std::string_view to_string(TradingState s);

struct TradingStateRecord {
  static constexpr RecordType kType = RecordType::kTradingState;
  TradingState state = TradingState::kActive;
  std::string reason;
  std::string by;  // "overseer", "risk", "api:alice", ...
  core::Timestamp ts;
  void encode(ByteWriter& w) const;
  static core::Result<TradingStateRecord> decode(ByteReader& r);
  bool operator==(const TradingStateRecord&) const = default;
};

// Risk counters that must survive a restart within the day.
struct RiskCountersRecord {
  static constexpr RecordType kType = RecordType::kRiskCounters;
  core::Date day;
  core::Price realized_pnl;
  std::int32_t consecutive_losses = 0;
  std::int32_t orders_today = 0;
  std::int32_t trades_today = 0;
  core::Timestamp ts;
  void encode(ByteWriter& w) const;
  static core::Result<RiskCountersRecord> decode(ByteReader& r);
  bool operator==(const RiskCountersRecord&) const = default;
};

// A strategy's own state snapshot (opaque bytes the strategy encodes).
struct StrategyStateRecord {
  static constexpr RecordType kType = RecordType::kStrategyState;
  std::uint16_t strategy_id = 0;
  std::string strategy;
  std::string state;
  core::Timestamp ts;
  void encode(ByteWriter& w) const;
  static core::Result<StrategyStateRecord> decode(ByteReader& r);
  bool operator==(const StrategyStateRecord&) const = default;
};

// A scored news/social item.
struct SentimentRecord {
  static constexpr RecordType kType = RecordType::kSentiment;
  std::string item_id;
  std::string source;
  std::string symbol;
  double score = 0;       // -1..1
  double confidence = 0;  // 0..1
  std::string model;
  core::Timestamp ts;
  void encode(ByteWriter& w) const;
  static core::Result<SentimentRecord> decode(ByteReader& r);
  bool operator==(const SentimentRecord&) const = default;
};

// Encodes into a per-thread scratch buffer and appends (append_durable when `durable`).
template <JournalRecord T>
core::Result<std::uint64_t> append_record(Journal& j, const T& rec, core::Timestamp ts,
                                          bool durable = false) {
  thread_local Bytes scratch;
  scratch.clear();
  ByteWriter w(scratch);
  rec.encode(w);
  return durable ? j.append_durable(T::kType, ts, scratch) : j.append(T::kType, ts, scratch);
}

template <JournalRecord T>
core::Result<T> decode_record(const RecordView& r) {
  if (r.type != T::kType)
    return core::fail(core::ErrorCode::kInvalid, "record {}: type {} is not {}", r.seq,
                      record_type_name(r.type), record_type_name(T::kType));
  ByteReader br(r.payload);
  auto v = T::decode(br);
  if (!v)
    return std::unexpected(
        v.error().with_context(fmt::format("record {} ({})", r.seq, record_type_name(r.type))));
  if (auto st = br.expect_end(record_type_name(r.type)); !st) return std::unexpected(st.error());
  return v;
}

}  // namespace zerodte::store
