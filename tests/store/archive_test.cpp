#include "zerodte/store/archive.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "journal_test_util.hpp"
#include "temp_dir.hpp"
#include "zerodte/store/file_util.hpp"
#include "zerodte/store/journal.hpp"
#include "zerodte/store/projector.hpp"
#include "zerodte/store/segment.hpp"
#include "zerodte/store/sha256.hpp"
#include "zerodte/store/sql_connection.hpp"
#include "zerodte/store/zstd_codec.hpp"

namespace zerodte::store {
namespace {

using testing::payload_of;
using testing::TempDir;

constexpr core::Date kMar10{2025, 3, 10};
constexpr core::Date kMar13{2025, 3, 13};
constexpr core::Date kMar14{2025, 3, 14};

void write_text(const std::filesystem::path& p, const std::string& s) {
  std::ofstream(p, std::ios::binary) << s;
}

bool has_problem(const VerifyReport& r, const std::string& part) {
  for (const auto& p : r.problems)
    if (p.find(part) != std::string::npos) return true;
  return false;
}

TEST(Sha256, KnownValues) {  // FIPS 180-2 examples
  const std::string abc = "abc";
  EXPECT_EQ(sha256_hex(std::as_bytes(std::span(abc.data(), abc.size()))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex({}), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Archive, AddVerifyTamperAndIndex) {
  TempDir tmp("archive");
  Archive ar(tmp / "archive");
  write_text(tmp / "ticks.csv", std::string(10000, 'x') + "\n");
  auto e = ar.add_file(kMar14, "ticks", tmp / "ticks.csv", /*remove_source=*/true);
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->name, "ticks.csv.zst");
  EXPECT_EQ(e->raw_bytes, 10001u);
  EXPECT_LT(e->stored_bytes, 200u);
  EXPECT_FALSE(std::filesystem::exists(tmp / "ticks.csv"));
  auto idx = ar.index(kMar14);
  ASSERT_TRUE(idx);
  ASSERT_EQ(idx->size(), 1u);
  const std::string original = std::string(10000, 'x') + "\n";
  EXPECT_EQ((*idx)[0].raw_sha256,
            sha256_hex(std::as_bytes(std::span(original.data(), original.size()))));
  auto v = ar.verify();
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->ok()) << v->problems.front();
  EXPECT_EQ(v->files, 2u);  // the data file and the index

  const auto stored = ar.day_dir(kMar14) / "ticks" / "ticks.csv.zst";
  auto bytes = read_file(stored);
  ASSERT_TRUE(bytes);
  (*bytes)[bytes->size() / 2] ^= std::byte{1};
  ASSERT_TRUE(write_file_atomic(stored, *bytes));
  write_text(ar.day_dir(kMar14) / "ticks" / "stray.bin", "?");
  v = ar.verify(kMar14);
  ASSERT_TRUE(v);
  EXPECT_TRUE(has_problem(*v, "2025-03-14/ticks/ticks.csv.zst: sha256 mismatch"))
      << v->problems.front();
  EXPECT_TRUE(has_problem(*v, "2025-03-14/ticks/stray.bin: not in the manifest"));
  std::filesystem::remove(stored);
  v = ar.verify(kMar14);
  EXPECT_TRUE(has_problem(*v, "ticks/ticks.csv.zst: missing"));
}

TEST(Archive, RotatesWholeDaysOfJournalSegmentsAndKeepsThemReadable) {
  TempDir tmp("archive");
  JournalConfig c;
  c.dir = tmp / "journal";
  c.segment_bytes = 4096;
  c.write_buffer_bytes = 512;
  const std::int64_t day13 =
      kMar13.days_since_epoch() * core::kNanosPerDay + 14 * 3600 * core::kNanosPerSecond;
  const std::int64_t day14 =
      kMar14.days_since_epoch() * core::kNanosPerDay + 14 * 3600 * core::kNanosPerSecond;
  {
    auto j = Journal::open(c);
    ASSERT_TRUE(j);
    for (int i = 0; i < 300; ++i)
      ASSERT_TRUE((*j)->append(RecordType::kTrade, core::Timestamp{day13 + i}, payload_of(i, 50)));
    ASSERT_TRUE((*j)->roll());
    for (int i = 0; i < 300; ++i)
      ASSERT_TRUE((*j)->append(RecordType::kTrade, core::Timestamp{day14 + i}, payload_of(i, 50)));
    ASSERT_TRUE((*j)->roll());
    (*j)->wait_for_compression();
  }
  Archive ar(tmp / "archive");
  auto rot = ar.rotate_journal(c.dir, kMar13);
  ASSERT_TRUE(rot) << rot.error().to_string();
  ASSERT_GT(rot->archived.size(), 2u);
  EXPECT_EQ(rot->archived.front().first_seq, 1u);
  EXPECT_EQ(rot->archived.back().last_seq, 300u);  // the roll put day 13 in its own segments
  auto idx = ar.index(kMar13);
  ASSERT_TRUE(idx);
  EXPECT_EQ(idx->size(), rot->archived.size());
  EXPECT_TRUE(ar.index(kMar14)->empty());
  auto segs = list_segments(c.dir);
  ASSERT_TRUE(segs);
  EXPECT_EQ(segs->front().first_seq, 301u);
  auto rest = read_journal(c.dir, {}, {});
  ASSERT_TRUE(rest) << rest.error().to_string();
  EXPECT_EQ(rest->first_seq, 301u);
  EXPECT_EQ(rest->last_seq, 600u);
  // An archived segment is still a journal segment.
  const auto& first = rot->archived.front();
  auto raw =
      load_segment(SegmentFile{ar.day_dir(kMar13) / "journal" / first.name, first.first_seq, true});
  ASSERT_TRUE(raw);
  auto scan = scan_segment(*raw, first.name, {});
  ASSERT_TRUE(scan);
  EXPECT_EQ(scan->last_seq, first.last_seq);
  auto v = ar.verify();
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->ok());
  // A projection that had not reached the archived records refuses to skip them.
  auto db = open_sqlite(tmp / "p.db");
  ASSERT_TRUE(db);
  Projector proj(**db);
  ASSERT_TRUE(proj.open());
  auto n = proj.catch_up(c.dir);
  ASSERT_FALSE(n);
  EXPECT_NE(n.error().message.find("starts at sequence 301"), std::string::npos)
      << n.error().message;
}

TEST(Archive, RetentionRemovesExpiredClassesOnly) {
  TempDir tmp("archive");
  Archive ar(tmp / "archive");
  write_text(tmp / "a.csv", "ticks");
  write_text(tmp / "b.log", "orders");
  write_text(tmp / "c.csv", "ticks today");
  ASSERT_TRUE(ar.add_file(kMar10, "ticks", tmp / "a.csv"));
  ASSERT_TRUE(ar.add_file(kMar10, "orders", tmp / "b.log"));
  ASSERT_TRUE(ar.add_file(kMar14, "ticks", tmp / "c.csv"));
  auto policy = RetentionPolicy::parse("ticks=2,orders=2557");
  ASSERT_TRUE(policy);
  auto rep = ar.apply_retention(kMar14, *policy);
  ASSERT_TRUE(rep) << rep.error().to_string();
  ASSERT_EQ(rep->removed, std::vector<std::string>{"2025-03-10/ticks"});
  EXPECT_EQ(ar.index(kMar10)->size(), 1u);
  EXPECT_EQ(ar.index(kMar14)->size(), 1u);
  EXPECT_TRUE(ar.verify()->ok());
  ASSERT_TRUE(ar.apply_retention(kMar14, *RetentionPolicy::parse("orders=1")));
  EXPECT_EQ(ar.days(), std::vector<core::Date>{kMar14});

  EXPECT_FALSE(RetentionPolicy::parse("ticks"));
  EXPECT_FALSE(RetentionPolicy::parse("ticks=two"));
  EXPECT_FALSE(RetentionPolicy::parse("ticks=-1"));
  EXPECT_EQ(RetentionPolicy::defaults().keep_days.at("journal"), 2557);
}

}  // namespace
}  // namespace zerodte::store
