#include "zerodte/store/journal.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "journal_test_util.hpp"
#include "temp_dir.hpp"
#include "zerodte/store/segment.hpp"

namespace zerodte::store {
namespace {

using testing::payload_of;
using testing::read_all;
using testing::TempDir;

JournalConfig cfg_for(const std::filesystem::path& dir,
                      WritePolicy policy = WritePolicy::kFsyncPerOrder) {
  JournalConfig c;
  c.dir = dir;
  c.policy = policy;
  c.group_commit_interval = std::chrono::milliseconds(2);
  return c;
}

TEST(Journal, AppendsAndReadsBackInOrder) {
  TempDir tmp("journal");
  {
    auto j = Journal::open(cfg_for(tmp.path()));
    ASSERT_TRUE(j) << j.error().to_string();
    for (std::uint64_t i = 1; i <= 100; ++i) {
      auto seq = (*j)->append(RecordType::kTrade, core::Timestamp{static_cast<std::int64_t>(i)},
                              payload_of(i, i % 50));
      ASSERT_TRUE(seq);
      EXPECT_EQ(*seq, i);
    }
    EXPECT_EQ((*j)->last_seq(), 100u);
  }
  auto rb = read_all(tmp.path());
  ASSERT_TRUE(rb) << rb.error().to_string();
  ASSERT_EQ(rb->seqs.size(), 100u);
  for (std::uint64_t i = 1; i <= 100; ++i) {
    EXPECT_EQ(rb->seqs[i - 1], i);
    EXPECT_EQ(rb->payloads[i - 1], payload_of(i, i % 50));
  }
  EXPECT_FALSE(rb->report.torn_tail);
}

TEST(Journal, ReopenContinuesTheSequence) {
  TempDir tmp("journal");
  for (int round = 0; round < 3; ++round) {
    auto j = Journal::open(cfg_for(tmp.path()));
    ASSERT_TRUE(j) << j.error().to_string();
    EXPECT_EQ((*j)->open_report().next_seq, static_cast<std::uint64_t>(round * 10 + 1));
    for (int i = 0; i < 10; ++i)
      ASSERT_TRUE((*j)->append(RecordType::kQuote, core::Timestamp{}, payload_of(i, 8)));
  }
  auto rb = read_all(tmp.path());
  ASSERT_TRUE(rb);
  EXPECT_EQ(rb->seqs.size(), 30u);
  EXPECT_EQ(rb->report.last_seq, 30u);
}

TEST(Journal, SecondWriterIsRefused) {
  TempDir tmp("journal");
  auto a = Journal::open(cfg_for(tmp.path()));
  ASSERT_TRUE(a);
  auto b = Journal::open(cfg_for(tmp.path()));
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message.find("another process"), std::string::npos);
}

TEST(Journal, OrderAffectingRecordsAreDurableOnReturn) {
  TempDir tmp("journal");
  auto j = Journal::open(cfg_for(tmp.path()));
  ASSERT_TRUE(j);
  auto s1 = (*j)->append(RecordType::kTrade, core::Timestamp{}, payload_of(1, 16));
  auto s2 = (*j)->append(RecordType::kOrderIntent, core::Timestamp{}, payload_of(2, 16));
  ASSERT_TRUE(s1 && s2);
  EXPECT_GE((*j)->durable_seq(), *s2);  // the intent and everything before it
  auto s3 = (*j)->append_durable(RecordType::kSignal, core::Timestamp{}, payload_of(3, 16));
  ASSERT_TRUE(s3);
  EXPECT_GE((*j)->durable_seq(), *s3);
}

TEST(Journal, GroupCommitSyncsInTheBackground) {
  TempDir tmp("journal");
  auto j = Journal::open(cfg_for(tmp.path(), WritePolicy::kGroupCommit));
  ASSERT_TRUE(j);
  std::uint64_t last = 0;
  for (int i = 0; i < 1000; ++i)
    last = *(*j)->append(RecordType::kOrderIntent, core::Timestamp{}, payload_of(i, 40));
  for (int k = 0; k < 500 && (*j)->durable_seq() < last; ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_EQ((*j)->durable_seq(), last);
  EXPECT_LT((*j)->stats().syncs, 1000u);  // grouped, not one per record
}

TEST(Journal, RollsAndCompressesSegmentsAndReadsAcrossThem) {
  TempDir tmp("journal");
  auto c = cfg_for(tmp.path(), WritePolicy::kGroupCommit);
  c.segment_bytes = 8192;
  c.write_buffer_bytes = 1024;
  const int n = 2000;
  {
    auto j = Journal::open(c);
    ASSERT_TRUE(j);
    for (int i = 1; i <= n; ++i)
      ASSERT_TRUE((*j)->append(RecordType::kBar, core::Timestamp{i}, payload_of(i, 60)));
    ASSERT_TRUE((*j)->roll());
    (*j)->wait_for_compression();
    EXPECT_GT((*j)->stats().segments_rolled, 5u);
    EXPECT_EQ((*j)->stats().segments_rolled, (*j)->stats().segments_compressed);
  }
  auto segs = list_segments(tmp.path());
  ASSERT_TRUE(segs);
  ASSERT_GT(segs->size(), 5u);
  for (std::size_t i = 0; i + 1 < segs->size(); ++i)
    EXPECT_TRUE((*segs)[i].compressed) << (*segs)[i].path;
  EXPECT_FALSE(segs->back().compressed);
  auto rb = read_all(tmp.path());
  ASSERT_TRUE(rb) << rb.error().to_string();
  ASSERT_EQ(rb->seqs.size(), static_cast<std::size_t>(n));
  for (int i = 1; i <= n; ++i)
    ASSERT_EQ(rb->payloads[i - 1], payload_of(i, 60)) << i;
  // from/until select a window, skipping whole segments before it.
  auto win = read_all(tmp.path(), ReadOptions{1500, 1600});
  ASSERT_TRUE(win);
  ASSERT_EQ(win->seqs.size(), 101u);
  EXPECT_EQ(win->seqs.front(), 1500u);
  EXPECT_EQ(win->seqs.back(), 1600u);
  // Reopening appends to the open raw segment.
  auto j = Journal::open(c);
  ASSERT_TRUE(j);
  EXPECT_EQ((*j)->open_report().next_seq, static_cast<std::uint64_t>(n + 1));
}

TEST(Journal, OversizedPayloadIsRejected) {
  TempDir tmp("journal");
  auto j = Journal::open(cfg_for(tmp.path()));
  ASSERT_TRUE(j);
  Bytes big(kMaxPayload + 1);
  auto r = (*j)->append(RecordType::kNewsItem, core::Timestamp{}, big);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("news_item"), std::string::npos);
}

}  // namespace
}  // namespace zerodte::store
