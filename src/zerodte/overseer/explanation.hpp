#pragma once
// Explainability (seed 003 Part 5): one record for every trade, reject, suppression, anomaly and
// automatic action, with what triggered it, the confidence, the risk factors, why it was rejected,
// free details and the analytics values that cascaded into it, plus an optional narrative.
// Records are journaled (RecordType 1400) before they are indexed, so the in-memory index (by id,
// by time, by strategy) is rebuilt from the journal after a restart.
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"
#include "zerodte/store/byte_codec.hpp"
#include "zerodte/store/record.hpp"

namespace zerodte::store {
class Journal;
}

namespace zerodte::overseer {

enum class ExplanationKind : std::uint8_t {
  kTrade,        // a signal that became an order
  kReject,       // risk (or the venue) refused it
  kSuppression,  // the strategy or a filter held a signal back
  kAnomaly,      // the overseer found something wrong
  kAutoAction,   // the overseer acted (halt, taper, paper, disable)
  kReversal,     // an admin reversed an automatic action
};
std::string_view to_string(ExplanationKind k);  // "trade", "reject", ...
core::Result<ExplanationKind> parse_explanation_kind(std::string_view s);

struct ExplanationRecord {
  static constexpr store::RecordType kType = static_cast<store::RecordType>(1400);
  std::string id;  // "SIG-000042", "REJ-42-0", "ANO-3", "ACT-2", "REV-2"
  ExplanationKind kind = ExplanationKind::kTrade;
  core::Timestamp ts;
  std::uint16_t strategy_id = 0;
  std::string strategy;  // name ("" = not a strategy's)
  std::uint64_t signal_id = 0;
  std::string symbol;
  std::vector<std::string> triggered_by;                  // ["gex_spike", "regime_bullish"]
  double confidence = 0;                                  // 0..1
  std::vector<std::string> risk_factors;                  // ["elevated_vpin"]
  std::string rejected_because;                           // "insufficient_liquidity", "QTY_LIMIT"
  std::string details;                                    // "spread > max_allowed"
  std::vector<std::pair<std::string, double>> analytics;  // cascading inputs: {"gex", -1.2e9}
  std::string narrative;                                  // LLM or template text

  void encode(store::ByteWriter& w) const;
  static core::Result<ExplanationRecord> decode(store::ByteReader& r);
  [[nodiscard]] std::string to_json() const;  // the API/dashboard shape (seed 003's keys)
  bool operator==(const ExplanationRecord&) const = default;
};

struct ExplanationQuery {
  core::Timestamp from = core::Timestamp::min();
  core::Timestamp to = core::Timestamp::max();  // exclusive
  std::optional<std::string> strategy;
  std::optional<ExplanationKind> kind;
  std::size_t limit = 1000;
};

class ExplanationStore {
 public:
  // journal == nullptr: memory only (tests, reports built from a journal already read).
  explicit ExplanationStore(store::Journal* journal = nullptr) : journal_(journal) {}

  // Journals (when a journal is attached) and indexes the record. Ids are unique: a second
  // record with a known id is an error (kInvalid) and changes nothing.
  core::Status add(ExplanationRecord r);
  // Rebuilds the index from a journal directory (every ExplanationRecord in it).
  core::Status load_journal(const std::filesystem::path& dir);

  [[nodiscard]] const ExplanationRecord* by_id(std::string_view id) const;
  [[nodiscard]] std::vector<const ExplanationRecord*> query(const ExplanationQuery& q) const;
  [[nodiscard]] std::size_t size() const { return records_.size(); }
  [[nodiscard]] const std::deque<ExplanationRecord>& records() const { return records_; }
  // JSON array of the query's records.
  [[nodiscard]] std::string query_json(const ExplanationQuery& q) const;

 private:
  void index(ExplanationRecord r);
  store::Journal* journal_;
  std::deque<ExplanationRecord> records_;  // in insertion order (kernel time order)
  std::unordered_map<std::string, std::size_t> by_id_;
  std::multimap<std::int64_t, std::size_t> by_time_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_strategy_;
};

}  // namespace zerodte::overseer
