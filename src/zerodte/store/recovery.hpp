#pragma once
// Crash recovery = start-up: replay the journal through the appliers that components registered
// per record type, rebuilding their state; then (execution/) reconcile with the venue; only then
// trade. The usual sequence:
//
//   auto journal = Journal::open(cfg);            // truncates a torn tail, reports it
//   RecoveryRegistry reg;  portfolio.register_recovery(reg);  risk.register_recovery(reg); ...
//   auto report = recover(cfg.dir, reg);          // replays every record, in sequence order
//   ... reconcile, then kernel.add_observer(&journal_observer) and run.
//
// `until_seq` rebuilds state as it was at any point (`zerodte journal inspect --until SEQ`).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/store/journal_reader.hpp"
#include "zerodte/store/record.hpp"

namespace zerodte::store {

class RecoveryRegistry {
 public:
  using Applier = std::function<core::Status(const RecordView&)>;
  // Appliers for one type run in registration order; an error stops recovery.
  void on(RecordType type, Applier applier);
  void on_any(Applier applier);  // sees every record after the per-type appliers
  [[nodiscard]] core::Status apply(const RecordView& r) const;

 private:
  std::vector<std::vector<Applier>> by_type_;  // indexed by type
  std::vector<Applier> any_;
};

struct RecoveryReport {
  ReadReport read;
  std::uint64_t applied = 0;
};

[[nodiscard]] core::Result<RecoveryReport> recover(const std::filesystem::path& dir,
                                                   const RecoveryRegistry& reg,
                                                   const ReadOptions& opts = {});

}  // namespace zerodte::store
