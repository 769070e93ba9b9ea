#pragma once
// DBN decode throughput workload, shared by bench/data and `zerodte bench data`: an in-memory
// DBN v3 stream of real records (the Databento test files' mbp-1, trades and mbp-10 records,
// repeated), decoded record by record; peers: memcpy of the same bytes and a bare header walk.
#include <cstdint>
#include <string>

#include "zerodte/core/error.hpp"

namespace zerodte::adapters::databento {

struct DbnBenchBuffer {
  std::string bytes;  // DBN stream (prelude + metadata + records)
  std::uint64_t records = 0;
};

// Builds a buffer of about `target_bytes` from the records of the given DBN files.
core::Result<DbnBenchBuffer> make_dbn_bench_buffer(const std::string& shared_data_dir,
                                                   std::size_t target_bytes);

// Decodes the buffer; returns a checksum (sum of prices/sizes seen) so nothing is optimised out.
core::Result<std::uint64_t> decode_dbn_buffer(const DbnBenchBuffer& buf);
// Peer: walks record headers only.
std::uint64_t scan_dbn_buffer(const DbnBenchBuffer& buf);

// Figures are in process CPU time (best of `repeats`).
struct DbnBenchResult {
  double decode_gb_s = 0, decode_records_s = 0, memcpy_gb_s = 0, scan_gb_s = 0;
  std::uint64_t bytes = 0, records = 0;
};
core::Result<DbnBenchResult> run_dbn_bench(const std::string& shared_data_dir, int repeats = 5);

}  // namespace zerodte::adapters::databento
