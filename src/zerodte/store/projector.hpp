#pragma once
// Projects journal records into the queryable tables (migrations/): orders, fills, positions,
// daily_pnl, signals (with explanations), risk_events, sentiment_items, bars. Works on any
// SqlConnection (SQLite or PostgreSQL). Idempotent by sequence number: the last applied sequence
// is stored in projection_state in the same transaction as the rows, and records at or below it
// are skipped, so a crash mid-batch and a restart never double-count. Positions and daily P&L
// follow average-cost accounting per unit (position_book.hpp).
#include <cstdint>
#include <filesystem>

#include "zerodte/core/error.hpp"
#include "zerodte/store/position_book.hpp"
#include "zerodte/store/record.hpp"
#include "zerodte/store/sql_connection.hpp"

namespace zerodte::store {

class Projector {
 public:
  explicit Projector(SqlConnection& conn) : conn_(conn) {}

  // Migrates the schema, loads the last applied sequence and rebuilds positions from fills.
  core::Status open();
  [[nodiscard]] std::uint64_t last_seq() const { return last_seq_; }

  // Transaction control around apply(); commit() stores last_seq.
  core::Status begin();
  core::Status apply(const RecordView& r);
  core::Status commit();
  core::Status rollback();

  // Applies every journal record after last_seq() (up to until_seq), committing every `batch`
  // records. Returns the number applied.
  core::Result<std::uint64_t> catch_up(const std::filesystem::path& journal_dir,
                                       std::uint64_t until_seq = UINT64_MAX,
                                       std::size_t batch = 5000);
  // Empties every projected table (the journal is untouched) so catch_up() rebuilds them.
  core::Status reset();

 private:
  core::Status apply_fill(const RecordView& r);
  core::Status risk_event(const RecordView& r, std::string_view kind, SqlValue signal_id,
                          SqlValue coid, SqlValue approved, SqlValue rule, std::string detail);

  SqlConnection& conn_;
  PositionBook positions_;
  std::uint64_t last_seq_ = 0;
  std::uint64_t pending_seq_ = 0;
  bool in_tx_ = false;
};

}  // namespace zerodte::store
