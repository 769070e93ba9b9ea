#pragma once
// Reads a journal directory in sequence order, verifying every frame's crc, the sequence
// continuity within and across segments, and each segment header. Never modifies the journal.
// A damaged tail of the last segment (torn write) is reported in the result; damage anywhere
// else, or damage followed by intact records, is an error naming the segment and offset.
#include <cstdint>
#include <filesystem>
#include <optional>

#include "zerodte/core/error.hpp"
#include "zerodte/store/journal.hpp"
#include "zerodte/store/segment.hpp"

namespace zerodte::store {

struct ReadOptions {
  std::uint64_t from_seq = 1;            // records before this are verified but not delivered
  std::uint64_t until_seq = UINT64_MAX;  // inclusive
};

struct ReadReport {
  std::uint64_t records = 0;    // delivered to the callback
  std::uint64_t first_seq = 0;  // first delivered (0 = none)
  std::uint64_t last_seq = 0;   // last delivered (0 = none)
  std::size_t segments = 0;
  std::optional<TailRepair> torn_tail;  // what Journal::open() would truncate
};

[[nodiscard]] core::Result<ReadReport> read_journal(const std::filesystem::path& dir,
                                                    const ReadOptions& opts,
                                                    const RecordCallback& fn);

}  // namespace zerodte::store
