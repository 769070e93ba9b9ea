#include "zerodte/adapters/net/staleness.hpp"

#include <gtest/gtest.h>

namespace net = zerodte::adapters::net;
namespace core = zerodte::core;
using namespace std::chrono_literals;

TEST(StalenessClock, AgesOnTheInjectedClock) {
  core::SimClock clock(core::Timestamp::from_seconds(1000));
  net::StalenessClock board(clock);
  auto* stocks = board.register_feed("alpaca.stocks", 3s);
  auto* options = board.register_feed("alpaca.options", 5s);
  EXPECT_EQ(board.register_feed("alpaca.stocks", 3s), stocks);
  // Nothing received yet: stale (a feed that never spoke is not healthy).
  EXPECT_TRUE(board.is_stale("alpaca.stocks"));
  stocks->touch(clock.now());
  options->touch(clock.now());
  EXPECT_FALSE(board.is_stale("alpaca.stocks"));
  clock.advance_to(clock.now() + 3s);
  EXPECT_FALSE(board.is_stale("alpaca.stocks"));  // exactly 3 s: not older than 3 s
  clock.advance_to(clock.now() + 1ms);
  EXPECT_TRUE(board.is_stale("alpaca.stocks"));
  EXPECT_FALSE(board.is_stale("alpaca.options"));
  EXPECT_EQ(board.age("alpaca.options").value(), 3s + 1ms);
  EXPECT_EQ(board.stale_feeds(), std::vector<std::string>{"alpaca.stocks"});
  EXPECT_TRUE(board.is_stale("polygon.options"));  // unknown
  EXPECT_FALSE(board.age("polygon.options").has_value());
  board.touch("alpaca.stocks");
  EXPECT_TRUE(board.stale_feeds().empty());
  const auto snap = board.snapshot();
  ASSERT_EQ(snap.size(), 2u);
  EXPECT_EQ(snap[0].feed, "alpaca.stocks");
  EXPECT_EQ(snap[0].age, 0s);
}

TEST(Watchdog, DetectsSilenceAndFeedsTheBoard) {
  core::SimClock clock(core::Timestamp::from_seconds(50));
  net::StalenessClock board(clock);
  auto* feed = board.register_feed("polygon.stocks", 2s);
  net::Watchdog dog(clock, 10s, feed);
  dog.arm();
  EXPECT_TRUE(feed->connected());
  clock.advance_to(clock.now() + 9s);
  EXPECT_FALSE(dog.silent());  // connected 9 s ago, no message yet
  dog.on_message();
  EXPECT_EQ(feed->last(), clock.now());
  clock.advance_to(clock.now() + 10s);
  EXPECT_FALSE(dog.silent());
  clock.advance_to(clock.now() + 1ms);
  EXPECT_TRUE(dog.silent());
  EXPECT_EQ(dog.silent_for(), 10s + 1ms);
  dog.set_connected(false);
  EXPECT_FALSE(feed->connected());
}
