#pragma once
// Helpers shared by the journal tests.
#include <cstdint>
#include <string>
#include <vector>

#include "zerodte/store/journal.hpp"
#include "zerodte/store/journal_reader.hpp"

namespace zerodte::store::testing {

inline Bytes payload_of(std::uint64_t i, std::size_t size) {
  Bytes b(size);
  for (std::size_t k = 0; k < size; ++k)
    b[k] = static_cast<std::byte>((i * 131 + k * 7) & 0xFF);
  return b;
}

struct ReadBack {
  std::vector<std::uint64_t> seqs;
  std::vector<Bytes> payloads;
  ReadReport report;
};

inline core::Result<ReadBack> read_all(const std::filesystem::path& dir, ReadOptions opts = {}) {
  ReadBack rb;
  auto r = read_journal(dir, opts, [&](const RecordView& v) -> core::Status {
    rb.seqs.push_back(v.seq);
    rb.payloads.emplace_back(v.payload.begin(), v.payload.end());
    return core::ok();
  });
  if (!r) return std::unexpected(r.error());
  rb.report = *r;
  return rb;
}

}  // namespace zerodte::store::testing
