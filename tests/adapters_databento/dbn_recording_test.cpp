// A live DBN session recorded message by message with data::Recorder replays, through the same
// converter, to exactly the events decoded when it was recorded.
#include <gtest/gtest.h>

#include <filesystem>

#include "dbn_test_util.hpp"
#include "zerodte/adapters/databento/dbn_events.hpp"
#include "zerodte/data/event_format.hpp"
#include "zerodte/data/recorder.hpp"

namespace zerodte::adapters::databento {
namespace {

TEST(DbnRecording, LiveSessionRecordingReplaysBitForBit) {
  const std::string src = testing::dbn_dir() + "/python-tests/LIVE/test_data.live.dbn.zst";
  const std::string path =
      (std::filesystem::temp_directory_path() / "zdte_dbn_live_test.zrec").string();
  model::InstrumentRegistry live_registry;
  std::vector<std::string> live_events;
  Metadata meta;
  {
    auto dec = DbnDecoder::open(src);
    ASSERT_TRUE(dec.has_value());
    meta = *(*dec)->metadata();
    DbnEventConverter conv(&live_registry);
    conv.set_metadata(meta);
    auto rec = data::Recorder::create(path);
    ASSERT_TRUE(rec.has_value());
    std::vector<engine::Event> ev;
    while (true) {
      auto r = (*dec)->next();
      ASSERT_TRUE(r.has_value()) << r.error().to_string();
      if (!*r) break;
      const core::Timestamp recv{static_cast<std::int64_t>((*r)->header().ts_event)};
      ASSERT_TRUE((*rec)->write(0, recv, (*r)->bytes()));
      ev.clear();
      ASSERT_TRUE(conv.convert(**r, ev));
      for (const auto& e : ev)
        live_events.push_back(data::format_event(e, &live_registry));
    }
    ASSERT_TRUE((*rec)->close());
    EXPECT_EQ((*rec)->messages(), 46u);
  }
  model::InstrumentRegistry replay_registry;
  auto conv = std::make_shared<DbnEventConverter>(&replay_registry);
  conv->set_metadata(meta);
  auto reader = data::RecordingReader::open(path);
  ASSERT_TRUE(reader.has_value());
  data::RecordingReplaySource replay(std::move(*reader), dbn_wire_decoder(conv));
  std::vector<std::string> replayed;
  while (auto e = replay.next())
    replayed.push_back(data::format_event(*e, &replay_registry));
  EXPECT_FALSE(replay.error().has_value());
  EXPECT_GT(live_events.size(), 10u);
  EXPECT_EQ(replayed, live_events);
  std::filesystem::remove(path);
}

TEST(DbnRecording, MalformedMessageIsAnError) {
  auto conv = std::make_shared<DbnEventConverter>();
  auto decode = dbn_wire_decoder(conv);
  std::vector<engine::Event> out;
  std::vector<std::byte> junk(24, std::byte{5});
  auto s = decode(0, core::Timestamp{1}, junk, out);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("24 bytes but header says 20"), std::string::npos)
      << s.error().message;
}

}  // namespace
}  // namespace zerodte::adapters::databento
