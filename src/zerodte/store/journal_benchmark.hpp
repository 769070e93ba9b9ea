#pragma once
// Journal benchmarks shared by bench/store (Google Benchmark) and `zerodte bench store`:
// append throughput with group commit and with fsync per order-affecting record, and recovery
// time (read, verify every crc, dispatch to a recovery registry) per million records.
// Goals (issue 12): >= 2M records/s appended with group commit; 10M records recovered in <= 5 s.
#include <cstdint>
#include <filesystem>

#include "zerodte/core/error.hpp"
#include "zerodte/store/journal.hpp"

namespace zerodte::store {

struct AppendBenchResult {
  std::uint64_t records = 0;
  double seconds = 0;  // until the last record is durable
  std::uint64_t syncs = 0;
  [[nodiscard]] double records_per_s() const {
    return seconds > 0 ? static_cast<double>(records) / seconds : 0;
  }
};

struct RecoveryBenchResult {
  std::uint64_t records = 0;
  std::uint64_t bytes = 0;  // frame bytes
  double write_seconds = 0;
  double recover_seconds = 0;
  std::size_t segments = 0;
  [[nodiscard]] double seconds_per_million() const {
    return records > 0 ? recover_seconds * 1e6 / static_cast<double>(records) : 0;
  }
};

// Appends `records` market-data records (payload: a model::Trade) under `policy`; one in
// `order_every` is an order intent (0 = none). Uses a fresh journal under `dir`.
core::Result<AppendBenchResult> bench_append(const std::filesystem::path& dir, WritePolicy policy,
                                             std::uint64_t records, std::uint64_t order_every);
// Writes `records` trade records (group commit, compressed rolled segments), then times recover().
core::Result<RecoveryBenchResult> bench_recovery(const std::filesystem::path& dir,
                                                 std::uint64_t records);

}  // namespace zerodte::store
