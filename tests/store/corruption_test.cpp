// Damage detection: flipped bytes, torn and truncated segments, gaps. Offsets are checked against
// the frame layout computed independently here (32-byte segment header, 28-byte frame header).
#include <gtest/gtest.h>

#include <fstream>

#include "journal_test_util.hpp"
#include "temp_dir.hpp"
#include "zerodte/store/journal.hpp"
#include "zerodte/store/segment.hpp"

namespace zerodte::store {
namespace {

using testing::payload_of;
using testing::read_all;
using testing::TempDir;

constexpr std::size_t kPayload = 40;
constexpr std::size_t kFrame = 28 + kPayload;

std::uint64_t offset_of(std::uint64_t seq_in_segment) {
  return 32 + (seq_in_segment - 1) * kFrame;
}

std::filesystem::path write_journal(const std::filesystem::path& dir, int n,
                                    std::uint64_t segment_bytes = 64u << 20, bool compress = true) {
  JournalConfig c;
  c.dir = dir;
  c.policy = WritePolicy::kGroupCommit;
  c.segment_bytes = segment_bytes;
  c.compress_rolled = compress;
  c.write_buffer_bytes = 512;
  auto j = Journal::open(c);
  EXPECT_TRUE(j);
  for (int i = 1; i <= n; ++i)
    EXPECT_TRUE((*j)->append(RecordType::kTrade, core::Timestamp{i}, payload_of(i, kPayload)));
  return dir / segment_file_name(1, false);
}

void flip_byte(const std::filesystem::path& p, std::uint64_t offset) {
  std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(c ^ 0x5A));
}

void append_bytes(const std::filesystem::path& p, const Bytes& b) {
  std::ofstream f(p, std::ios::binary | std::ios::app);
  f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(Corruption, TornTailIsReportedWithItsOffsetAndTruncatedOnOpen) {
  TempDir tmp("corrupt");
  const auto seg = write_journal(tmp.path(), 50);
  const auto good_size = std::filesystem::file_size(seg);
  ASSERT_EQ(good_size, offset_of(51));
  Bytes frame;
  encode_frame(frame, 51, RecordType::kTrade, 0, core::Timestamp{}, payload_of(51, kPayload));
  frame.resize(frame.size() / 2);  // the process died mid-write
  append_bytes(seg, frame);

  auto rb = read_all(tmp.path());
  ASSERT_TRUE(rb) << rb.error().to_string();
  EXPECT_EQ(rb->seqs.size(), 50u);
  ASSERT_TRUE(rb->report.torn_tail);
  EXPECT_EQ(rb->report.torn_tail->offset, good_size);
  EXPECT_EQ(rb->report.torn_tail->bytes_dropped, frame.size());

  JournalConfig c;
  c.dir = tmp.path();
  auto j = Journal::open(c);
  ASSERT_TRUE(j) << j.error().to_string();
  ASSERT_TRUE((*j)->open_report().repaired);
  EXPECT_EQ((*j)->open_report().repaired->offset, good_size);
  EXPECT_EQ((*j)->open_report().next_seq, 51u);
  EXPECT_EQ(std::filesystem::file_size(seg), good_size);
  ASSERT_TRUE((*j)->append(RecordType::kTrade, core::Timestamp{}, payload_of(51, kPayload)));
  j->reset();
  auto again = read_all(tmp.path());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->seqs.size(), 51u);
  EXPECT_FALSE(again->report.torn_tail);
}

TEST(Corruption, ZeroFilledTailIsATornTail) {
  TempDir tmp("corrupt");
  const auto seg = write_journal(tmp.path(), 10);
  append_bytes(seg, Bytes(4096, std::byte{0}));
  auto rb = read_all(tmp.path());
  ASSERT_TRUE(rb);
  ASSERT_TRUE(rb->report.torn_tail);
  EXPECT_EQ(rb->report.torn_tail->offset, offset_of(11));
  EXPECT_TRUE(contains(rb->report.torn_tail->reason, "crc mismatch"))
      << rb->report.torn_tail->reason;
}

TEST(Corruption, FlippedByteInTheLastRecordIsATornTail) {
  TempDir tmp("corrupt");
  const auto seg = write_journal(tmp.path(), 20);
  flip_byte(seg, offset_of(20) + 30);
  auto rb = read_all(tmp.path());
  ASSERT_TRUE(rb);
  EXPECT_EQ(rb->seqs.size(), 19u);
  ASSERT_TRUE(rb->report.torn_tail);
  EXPECT_EQ(rb->report.torn_tail->offset, offset_of(20));
}

TEST(Corruption, FlippedByteInTheMiddleStopsRecoveryWithTheOffset) {
  TempDir tmp("corrupt");
  const auto seg = write_journal(tmp.path(), 50);
  for (std::uint64_t at :
       {offset_of(10) + 0, offset_of(10) + 5, offset_of(10) + 9, offset_of(10) + 40}) {
    flip_byte(seg, at);  // crc, length, sequence, payload
    std::vector<std::uint64_t> delivered;
    auto rb = read_all(tmp.path());
    ASSERT_FALSE(rb) << "flip at " << at;
    const std::string msg = rb.error().message;
    EXPECT_TRUE(contains(msg, fmt::format("offset {}", offset_of(10)))) << msg;
    EXPECT_TRUE(contains(msg, "intact records follow")) << msg;
    EXPECT_TRUE(contains(msg, seg.filename().string())) << msg;
    JournalConfig c;
    c.dir = tmp.path();
    auto j = Journal::open(c);
    ASSERT_FALSE(j);
    EXPECT_TRUE(contains(j.error().message, "refusing to truncate")) << j.error().message;
    EXPECT_EQ(std::filesystem::file_size(seg), offset_of(51));  // nothing was cut
    flip_byte(seg, at);                                         // undo
  }
  auto ok = read_all(tmp.path());
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->seqs.size(), 50u);
}

TEST(Corruption, DamageInAnEarlierSegmentIsFatalEvenAtItsEnd) {
  TempDir tmp("corrupt");
  write_journal(tmp.path(), 300, 4096, /*compress=*/false);
  auto segs = list_segments(tmp.path());
  ASSERT_TRUE(segs);
  ASSERT_GE(segs->size(), 3u);
  const auto first = (*segs)[0].path;
  const auto size = std::filesystem::file_size(first);
  const std::uint64_t records = (size - 32) / kFrame;
  std::filesystem::resize_file(first, size - 10);  // truncated segment
  auto rb = read_all(tmp.path());
  ASSERT_FALSE(rb);
  EXPECT_TRUE(contains(rb.error().message, first.filename().string())) << rb.error().message;
  EXPECT_TRUE(contains(rb.error().message, fmt::format("offset {}", offset_of(records))))
      << rb.error().message;
  EXPECT_TRUE(contains(rb.error().message, "torn frame")) << rb.error().message;
}

TEST(Corruption, CorruptCompressedSegmentAndGapsAreErrors) {
  TempDir tmp("corrupt");
  JournalConfig c;
  c.dir = tmp.path();
  c.segment_bytes = 4096;
  c.write_buffer_bytes = 512;
  {
    auto j = Journal::open(c);
    ASSERT_TRUE(j);
    for (int i = 1; i <= 300; ++i)
      ASSERT_TRUE((*j)->append(RecordType::kTrade, core::Timestamp{}, payload_of(i, kPayload)));
    (*j)->wait_for_compression();
  }
  auto segs = list_segments(tmp.path());
  ASSERT_TRUE(segs);
  ASSERT_GE(segs->size(), 3u);
  ASSERT_TRUE((*segs)[1].compressed);
  const auto victim = (*segs)[1].path;
  const auto backup = read_file(victim);
  ASSERT_TRUE(backup);
  flip_byte(victim, std::filesystem::file_size(victim) / 2);
  auto rb = read_all(tmp.path());
  ASSERT_FALSE(rb);
  EXPECT_TRUE(contains(rb.error().message, victim.filename().string())) << rb.error().message;

  std::filesystem::remove(victim);  // a missing segment is a gap
  auto gap = read_all(tmp.path());
  ASSERT_FALSE(gap);
  EXPECT_TRUE(contains(gap.error().message, "previous segment ended at")) << gap.error().message;
}

TEST(Corruption, HeaderOfAnotherLayoutIsRefused) {
  TempDir tmp("corrupt");
  const auto seg = write_journal(tmp.path(), 3);
  flip_byte(seg, 12);  // layout fingerprint
  auto rb = read_all(tmp.path());
  ASSERT_FALSE(rb);
  EXPECT_TRUE(contains(rb.error().message, "header crc")) << rb.error().message;
}

}  // namespace
}  // namespace zerodte::store
