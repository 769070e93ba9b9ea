#include "zerodte/data/recorder.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <filesystem>

#include "zerodte/data/event_format.hpp"

namespace zerodte::data {
namespace {

// A toy wire protocol: "T,<instrument>,<price>,<size>" -> Trade, "Q,<inst>,<bid>,<ask>" -> Quote.
core::Status fake_decode(std::uint16_t channel, core::Timestamp ts_recv,
                         std::span<const std::byte> bytes, std::vector<engine::Event>& out) {
  std::string_view s(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  std::vector<std::string_view> parts;
  for (std::size_t p = 0;;) {
    const auto c = s.find(',', p);
    parts.push_back(s.substr(p, c == std::string_view::npos ? c : c - p));
    if (c == std::string_view::npos) break;
    p = c + 1;
  }
  if (parts.size() != 4) return core::fail(core::ErrorCode::kParse, "bad message '{}'", s);
  std::uint32_t inst = 0;
  std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), inst);
  const model::EventHeader h{core::InstrumentId{inst + channel * 1000u}, ts_recv, ts_recv};
  auto a = core::Price::parse(parts[2]);
  auto b = core::Price::parse(parts[3]);
  if (!a || !b) return core::fail(core::ErrorCode::kParse, "bad number in '{}'", s);
  if (parts[0] == "T") {
    model::Trade t{};
    t.hdr = h;
    t.price = *a;
    t.size = b->raw() / core::Price::kScale;
    out.emplace_back(t);
  } else {
    model::Quote q{};
    q.hdr = h;
    q.bid = *a;
    q.ask = *b;
    out.emplace_back(q);
  }
  return core::ok();
}

TEST(Recorder, RecordingReplaysToTheSameEventSequence) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "zdte_recorder_test.zrec").string();
  const std::vector<std::pair<std::uint16_t, std::string>> wire = {
      {1, "T,5,450.25,100"}, {2, "Q,7,1.10,1.20"}, {1, "Q,5,450.20,450.30"}, {1, "T,6,12.5,3"}};
  std::vector<engine::Event> live;
  {
    auto rec = Recorder::create(path);
    ASSERT_TRUE(rec.has_value()) << rec.error().to_string();
    std::int64_t t = 1'700'000'000'000'000'000;
    for (const auto& [ch, msg] : wire) {
      t += 1'234'567;
      const auto bytes = std::as_bytes(std::span(msg));
      ASSERT_TRUE(fake_decode(ch, core::Timestamp{t}, bytes, live));  // what the adapter saw
      ASSERT_TRUE((*rec)->write(ch, core::Timestamp{t}, bytes));
      ASSERT_TRUE((*rec)->flush());
    }
    ASSERT_TRUE((*rec)->close());
  }
  auto reader = RecordingReader::open(path);
  ASSERT_TRUE(reader.has_value()) << reader.error().to_string();
  RecordingReplaySource replay(std::move(*reader), fake_decode);
  std::vector<std::string> got;
  while (auto e = replay.next())
    got.push_back(format_event(*e, nullptr));
  EXPECT_FALSE(replay.error().has_value());
  std::vector<std::string> want;
  for (const auto& e : live)
    want.push_back(format_event(e, nullptr));
  EXPECT_EQ(got, want);
  ASSERT_EQ(got.size(), 4u);
  std::filesystem::remove(path);
}

TEST(Recorder, CorruptRecordingsAreErrors) {
  std::string buf;
  {
    Recorder rec(std::make_unique<StringWriter>(buf, 0));
    ASSERT_TRUE(rec.write(3, core::Timestamp{42}, std::string_view("hello")));
    ASSERT_TRUE(rec.close());
  }
  EXPECT_EQ(buf.size(), 8u + 16u + 5u);
  auto read_all = [](std::string bytes) -> core::Status {
    auto r = RecordingReader::from_reader(
        std::make_unique<MemoryReader>(std::as_bytes(std::span(bytes)), "mem.zrec"));
    if (!r) return std::unexpected(r.error());
    for (;;) {
      auto m = (*r)->next();
      if (!m) return std::unexpected(m.error());
      if (!*m) return core::ok();
    }
  };
  EXPECT_TRUE(read_all(buf));
  auto e = read_all(buf.substr(0, buf.size() - 2));
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("mem.zrec: byte 27: truncated recording (3 of 5 bytes)"),
            std::string::npos)
      << e.error().message;
  std::string bad = buf;
  bad[0] = 'X';
  EXPECT_FALSE(read_all(bad));
  bad = buf;
  bad[8 + 3] = '\x7f';  // absurd length
  e = read_all(bad);
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("byte 8: corrupt entry header"), std::string::npos);
}

}  // namespace
}  // namespace zerodte::data
