#pragma once
// Journal segment files. A journal directory holds segments named by their first sequence number:
//   seg-00000000000000000001.zj        the active (or not yet compressed) segment, raw frames
//   seg-00000000000000000001.zj.zst    a rolled segment, the same bytes zstd-compressed
// Each segment starts with a 32-byte header:
//   "ZDTJRNL1" | u32 version | u32 layout fingerprint | u64 first_seq | u32 reserved | u32 crc32c
// followed by frames (record.hpp). The layout fingerprint is a hash of the sizes and alignments of
// the trivially-copyable structs the journal stores by value, so a build whose structs changed
// refuses to read an old journal instead of misreading it.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/store/byte_codec.hpp"
#include "zerodte/store/record.hpp"

namespace zerodte::store {

inline constexpr std::size_t kSegmentHeaderSize = 32;
inline constexpr std::uint32_t kSegmentVersion = 1;

[[nodiscard]] std::uint32_t layout_fingerprint();

struct SegmentFile {
  std::filesystem::path path;
  std::uint64_t first_seq = 0;
  bool compressed = false;
};

[[nodiscard]] std::string segment_file_name(std::uint64_t first_seq, bool compressed);
// Segments in `dir` sorted by first_seq. Where both the raw and compressed file of one segment
// exist (a crash during compression), only the raw one is listed.
[[nodiscard]] core::Result<std::vector<SegmentFile>> list_segments(
    const std::filesystem::path& dir);

void encode_segment_header(std::uint64_t first_seq, std::span<std::byte, kSegmentHeaderSize> out);
// Validates magic, version, layout and crc; returns first_seq. `name` is used in errors.
[[nodiscard]] core::Result<std::uint64_t> decode_segment_header(std::span<const std::byte> data,
                                                                const std::string& name);

// Appends one frame to `out`.
void encode_frame(Bytes& out, std::uint64_t seq, RecordType type, std::uint16_t flags,
                  core::Timestamp ts, std::span<const std::byte> payload);

// Where a segment's frames stopped being valid.
struct SegmentDamage {
  std::uint64_t offset = 0;       // file offset of the first bad byte
  std::uint64_t bytes_after = 0;  // bytes from there to the end of the segment
  std::string reason;             // "crc mismatch", "length 4294967295 > max", "torn frame", ...
  bool valid_record_follows = false;  // a later frame is intact: corruption, not a torn tail
};

struct SegmentScan {
  std::uint64_t records = 0;
  std::uint64_t first_seq = 0;
  std::uint64_t last_seq = 0;     // first_seq - 1 when empty
  std::uint64_t good_bytes = 0;   // header + intact frames
  bool stopped_at_until = false;  // the callback range ended inside this segment
  std::optional<SegmentDamage> damage;
};

using RecordCallback = std::function<core::Status(const RecordView&)>;

// Parses the frames of one segment image (header included). Calls `fn` (may be empty) for each
// record with seq <= until_seq; an error from `fn` is returned as is. Damage is reported in the
// result, not as an error: the caller decides whether it is a torn tail or a fatal corruption.
[[nodiscard]] core::Result<SegmentScan> scan_segment(std::span<const std::byte> data,
                                                     const std::string& name,
                                                     const RecordCallback& fn,
                                                     std::uint64_t until_seq = UINT64_MAX);

// Reads a segment file into memory (decompressing a .zst segment).
[[nodiscard]] core::Result<Bytes> load_segment(const SegmentFile& seg);

}  // namespace zerodte::store
