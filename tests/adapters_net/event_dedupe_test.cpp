#include "zerodte/adapters/net/event_dedupe.hpp"

#include <gtest/gtest.h>

namespace net = zerodte::adapters::net;
namespace core = zerodte::core;
namespace model = zerodte::model;

namespace {
model::Bar bar(std::uint32_t inst, std::int64_t minute, std::int64_t close_cents,
               std::int64_t recv = 0) {
  model::Bar b;
  b.hdr.instrument = core::InstrumentId{inst};
  b.hdr.ts_event = core::Timestamp{minute * core::kNanosPerMinute};
  b.hdr.ts_recv = core::Timestamp{recv};
  b.open = b.high = b.low = b.close = core::Price::from_cents(close_cents);
  b.volume = 10;
  return b;
}
}  // namespace

TEST(EventDedupe, DropsRepeatsIgnoringReceiveTime) {
  net::EventDedupe d(16);
  EXPECT_TRUE(d.accept(bar(1, 10, 100, 1)));
  EXPECT_TRUE(d.accept(bar(1, 11, 101, 2)));
  EXPECT_FALSE(d.accept(bar(1, 10, 100, 99)));  // same bar via REST, later receive time
  EXPECT_FALSE(d.accept(bar(1, 11, 101, 99)));
  EXPECT_TRUE(d.accept(bar(2, 10, 100)));  // other instrument
  EXPECT_TRUE(d.accept(bar(1, 10, 105)));  // a corrected bar for 10 is new content
  EXPECT_TRUE(d.accept(bar(1, 9, 99)));    // an older bar never seen (backfill)
  EXPECT_FALSE(d.accept(bar(1, 9, 99)));
}

TEST(EventDedupe, NonMarketEventsPass) {
  net::EventDedupe d;
  model::FeedStatus s;
  EXPECT_TRUE(d.accept(s));
  EXPECT_TRUE(d.accept(s));
}

TEST(EventDedupe, WindowIsBounded) {
  net::EventDedupe d(4);
  for (int m = 0; m < 10; ++m)
    EXPECT_TRUE(d.accept(bar(1, m, 100 + m)));
  EXPECT_FALSE(d.accept(bar(1, 9, 109)));  // recent: remembered
  EXPECT_TRUE(d.accept(bar(1, 2, 102)));   // fell out of the 4-event window
}
