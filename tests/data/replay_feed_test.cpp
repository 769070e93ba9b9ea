#include "zerodte/data/replay_feed.hpp"

#include <gtest/gtest.h>

#include <atomic>

namespace zerodte::data {
namespace {

using core::InstrumentId;
using core::Timestamp;

engine::Event trade(std::uint32_t inst, std::int64_t ts_event, std::int64_t ts_recv,
                    std::int64_t size = 1) {
  model::Trade t{};
  t.hdr = model::EventHeader{InstrumentId{inst}, Timestamp{ts_event}, Timestamp{ts_recv}};
  t.price = core::Price::from_units(100);
  t.size = size;
  return t;
}

std::unique_ptr<engine::EventSource> source(std::vector<engine::Event> v) {
  return std::make_unique<engine::VectorEventSource>(std::move(v));
}

std::vector<engine::Event> drain(engine::EventSource& s) {
  std::vector<engine::Event> out;
  while (auto e = s.next())
    out.push_back(*e);
  return out;
}

std::int64_t size_of(const engine::Event& e) {
  return std::get<model::Trade>(e).size;
}

TEST(ReplayFeed, MergesByTsEventWithStableTieBreak) {
  std::vector<std::unique_ptr<engine::EventSource>> s;
  s.push_back(source({trade(1, 10, 10, 1), trade(1, 20, 25, 2), trade(1, 20, 26, 3)}));
  s.push_back(source({trade(2, 5, 30, 4), trade(2, 20, 21, 5), trade(2, 40, 41, 6)}));
  s.push_back(source({}));
  ReplayFeed feed(std::move(s), {});
  const auto out = drain(feed);
  std::vector<std::int64_t> order;
  for (const auto& e : out)
    order.push_back(size_of(e));
  // ts_event 5, 10, then the three at 20: source 0's two (in their order) before source 1's.
  EXPECT_EQ(order, (std::vector<std::int64_t>{4, 1, 2, 3, 5, 6}));
}

TEST(ReplayFeed, VisibleTimeKeyOrdersByReceiveTime) {
  std::vector<std::unique_ptr<engine::EventSource>> s;
  s.push_back(source({trade(1, 10, 10, 1), trade(1, 20, 25, 2)}));
  s.push_back(source({trade(2, 5, 30, 4)}));
  ReplayOptions o;
  o.key = MergeKey::kVisibleTime;
  ReplayFeed feed(std::move(s), o);
  std::vector<std::int64_t> order;
  for (const auto& e : drain(feed))
    order.push_back(size_of(e));
  EXPECT_EQ(order, (std::vector<std::int64_t>{1, 2, 4}));
}

TEST(ReplayFeed, TimeAndInstrumentFiltersAndLimit) {
  std::vector<engine::Event> a;
  for (int i = 0; i < 10; ++i)
    a.push_back(trade(1 + i % 2, i * 10, i * 10, i));
  auto news = std::make_shared<model::NewsItem>();
  news->ts_event = Timestamp{35};
  news->ts_recv = Timestamp{35};
  std::vector<engine::Event> b{std::shared_ptr<const model::NewsItem>(news)};
  std::vector<std::unique_ptr<engine::EventSource>> s;
  s.push_back(source(a));
  s.push_back(source(b));
  ReplayOptions o;
  o.from = Timestamp{20};
  o.to = Timestamp{70};
  o.instruments = {InstrumentId{1}};
  ReplayFeed feed(std::move(s), o);
  const auto out = drain(feed);
  ASSERT_EQ(out.size(), 4u);  // trades 2, 4, 6 (instrument 1 at 20, 40, 60) and the news
  EXPECT_EQ(size_of(out[0]), 2);
  EXPECT_TRUE(std::holds_alternative<std::shared_ptr<const model::NewsItem>>(out[1]));
  EXPECT_EQ(size_of(out[3]), 6);
  EXPECT_EQ(feed.filtered(), 7u);

  std::vector<std::unique_ptr<engine::EventSource>> s2;
  s2.push_back(source(a));
  ReplayOptions lim;
  lim.limit = 3;
  ReplayFeed limited(std::move(s2), lim);
  EXPECT_EQ(drain(limited).size(), 3u);
}

class FakeClock final : public core::Clock {
 public:
  [[nodiscard]] Timestamp now() const override { return Timestamp{now_.load()}; }
  [[nodiscard]] bool is_simulated() const override { return false; }
  void advance(core::Duration d) { now_ += d.count(); }

 private:
  std::atomic<std::int64_t> now_{1'000'000'000};
};

TEST(ReplayFeed, PacesAgainstTheGivenClock) {
  for (double speed : {1.0, 4.0}) {
    std::vector<std::unique_ptr<engine::EventSource>> s;
    s.push_back(source({trade(1, 0, 0), trade(1, 2'000'000'000, 0), trade(1, 6'000'000'000, 0)}));
    FakeClock clock;
    std::vector<std::int64_t> emitted_at;
    ReplayOptions o;
    o.speed = speed;
    ReplayFeed feed(std::move(s), o, &clock, [&](core::Duration d) { clock.advance(d); });
    const auto start = clock.now();
    while (feed.next())
      emitted_at.push_back((clock.now() - start).count());
    ASSERT_EQ(emitted_at.size(), 3u);
    EXPECT_EQ(emitted_at[0], 0);
    EXPECT_EQ(emitted_at[1], static_cast<std::int64_t>(2e9 / speed));
    EXPECT_EQ(emitted_at[2], static_cast<std::int64_t>(6e9 / speed));
  }
}

TEST(ReplayFeed, ParseSpeed) {
  EXPECT_EQ(*parse_speed("max"), 0.0);
  EXPECT_EQ(*parse_speed("realtime"), 1.0);
  EXPECT_EQ(*parse_speed("x10"), 10.0);
  EXPECT_EQ(*parse_speed("2.5"), 2.5);
  EXPECT_FALSE(parse_speed("x0").has_value());
  EXPECT_FALSE(parse_speed("fast").has_value());
}

}  // namespace
}  // namespace zerodte::data
