#include "zerodte/store/journal_reader.hpp"

#include <future>

namespace zerodte::store {

core::Result<ReadReport> read_journal(const std::filesystem::path& dir, const ReadOptions& opts,
                                      const RecordCallback& fn) {
  auto segs = list_segments(dir);
  if (!segs) return std::unexpected(segs.error());
  ReadReport report;
  report.segments = segs->size();
  const RecordCallback deliver = [&](const RecordView& r) -> core::Status {
    if (r.seq < opts.from_seq) return core::ok();
    if (report.first_seq == 0) report.first_seq = r.seq;
    report.last_seq = r.seq;
    ++report.records;
    return fn ? fn(r) : core::ok();
  };
  std::future<core::Result<Bytes>> prefetched;
  // 0: the first segment may start anywhere (older ones archived).
  std::uint64_t expected_first = 0;
  for (std::size_t i = 0; i < segs->size(); ++i) {
    const SegmentFile& seg = (*segs)[i];
    const bool last = i + 1 == segs->size();
    if (expected_first != 0 && seg.first_seq != expected_first)
      return core::fail(
          core::ErrorCode::kParse,
          "journal {}: segment {} starts at sequence {} but the previous segment ended at {}",
          dir.string(), seg.path.filename().string(), seg.first_seq, expected_first - 1);
    if (!last && (*segs)[i + 1].first_seq <= opts.from_seq) {
      expected_first = (*segs)[i + 1].first_seq;  // wholly before the range: not read
      continue;
    }
    // Load (read and decompress) the next segment in the background while this one is parsed.
    auto data = prefetched.valid() ? prefetched.get() : load_segment(seg);
    if (!data) return std::unexpected(data.error());
    if (!last) {
      const SegmentFile next = (*segs)[i + 1];
      prefetched = std::async(std::launch::async, [next] { return load_segment(next); });
    }
    if (!last && data->size() < kSegmentHeaderSize)
      return core::fail(core::ErrorCode::kParse, "journal segment {}: {} bytes, header missing",
                        seg.path.string(), data->size());
    if (last && !seg.compressed && data->size() < kSegmentHeaderSize) {
      report.torn_tail = TailRepair{seg.path, 0, data->size(), "segment header torn"};
      break;
    }
    auto scan = scan_segment(*data, seg.path.string(), deliver, opts.until_seq);
    if (!scan) return std::unexpected(scan.error());
    if (scan->first_seq != seg.first_seq)
      return core::fail(core::ErrorCode::kParse,
                        "journal segment {}: header says first sequence {}", seg.path.string(),
                        scan->first_seq);
    if (scan->stopped_at_until) break;
    if (scan->damage) {
      const SegmentDamage& d = *scan->damage;
      if (!last || d.valid_record_follows || seg.compressed)
        return core::fail(
            core::ErrorCode::kParse,
            "journal segment {}: corrupt record at offset {} ({}){}; recovery stops here "
            "rather than skip data",
            seg.path.string(), d.offset, d.reason,
            d.valid_record_follows ? ", intact records follow" : "");
      report.torn_tail = TailRepair{seg.path, d.offset, d.bytes_after, d.reason};
    }
    expected_first = scan->last_seq + 1;
  }
  return report;
}

}  // namespace zerodte::store
