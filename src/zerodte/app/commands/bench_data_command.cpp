// `zerodte bench data [--json]`: DBN decode throughput (records/s, GB/s) on 256 MB of repeated
// real Databento records in memory, with memcpy and a bare header walk as peers.
#include <fmt/core.h>

#include "zerodte/adapters/databento/dbn_bench_workload.hpp"
#include "zerodte/app/bench_registry.hpp"

#ifndef ZERODTE_SHARED_DATA_DIR
#define ZERODTE_SHARED_DATA_DIR "../shared/data"
#endif

namespace {

int run_data_bench(bool json) {
  auto r = zerodte::adapters::databento::run_dbn_bench(ZERODTE_SHARED_DATA_DIR);
  if (!r) {
    fmt::print(stderr, "error: {}\n", r.error().message);
    return 2;
  }
  if (json) {
    fmt::print(
        "{{\"area\":\"data\",\"time\":\"process_cpu\",\"dbn_decode_gb_s\":{:.3f},\"dbn_decode_"
        "records_s\":{:.0f},"
        "\"peer_memcpy_gb_s\":{:.3f},\"peer_header_scan_gb_s\":{:.3f},\"bytes\":{},\"records\":{}}}"
        "\n",
        r->decode_gb_s, r->decode_records_s, r->memcpy_gb_s, r->scan_gb_s, r->bytes, r->records);
  } else {
    fmt::print("DBN decode: {:.2f} GB/s, {:.1f} M records/s ({} MB, {} records)\n", r->decode_gb_s,
               r->decode_records_s / 1e6, r->bytes >> 20, r->records);
    fmt::print("peer memcpy: {:.2f} GB/s; peer header walk: {:.2f} GB/s\n", r->memcpy_gb_s,
               r->scan_gb_s);
  }
  return 0;
}

const zerodte::app::BenchRegistrar kBench{"data", &run_data_bench};

}  // namespace
