// Pacing (token bucket), the L2 depth book, contract mapping and the config section.
#include <gtest/gtest.h>

#include <deque>

#include "zerodte/adapters/ibkr/depth_book.hpp"
#include "zerodte/adapters/ibkr/ibkr_config.hpp"
#include "zerodte/adapters/ibkr/token_bucket.hpp"
#include "zerodte/adapters/ibkr/tws_contract.hpp"

namespace zerodte::adapters::ibkr {
namespace {

constexpr std::int64_t kSec = 1'000'000'000;

TEST(Pacing, GreedySenderNeverExceedsFiftyInAnySecond) {
  // A sender that always has something to send, at 45/s with a burst of 5: no one-second window
  // may hold more than rate + burst = 50 messages (TWS's limit), and the long-run rate is 45/s.
  TokenBucket b(45, 5);
  std::vector<std::int64_t> sent;
  std::int64_t t = 0;
  while (t < 20 * kSec) {
    const std::int64_t wait = b.try_take(t);
    if (wait == 0) {
      sent.push_back(t);
    } else {
      t += wait;
    }
  }
  std::deque<std::int64_t> window;
  std::size_t worst = 0;
  for (std::int64_t s : sent) {
    window.push_back(s);
    while (s - window.front() >= kSec)
      window.pop_front();
    worst = std::max(worst, window.size());
  }
  EXPECT_LE(worst, 50u);
  EXPECT_GE(worst, 49u);
  EXPECT_NEAR(static_cast<double>(sent.size()) / 20.0, 45.0, 0.5);
  // The first five go at once, the sixth waits 1/45 s.
  TokenBucket fresh(45, 5);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(fresh.try_take(0), 0);
  EXPECT_NEAR(static_cast<double>(fresh.try_take(0)), kSec / 45.0, 1000.0);
}

TEST(Pacing, HalvedRateAfterViolation) {
  TokenBucket b(40, 1);
  EXPECT_EQ(b.try_take(0), 0);
  b.set_rate(20);
  EXPECT_NEAR(static_cast<double>(b.try_take(0)), kSec / 20.0, 1000.0);
}

DepthMsg d(int pos, int op, int side, const char* px, std::int64_t size) {
  return DepthMsg{5, pos, op, side, px[0] ? *core::Price::parse(px) : core::Price{}, size};
}

TEST(DepthBook, InsertUpdateDeleteShiftRows) {
  DepthBook book(10);
  ASSERT_TRUE(book.apply(d(0, 0, 1, "1.00", 10)));  // bid
  ASSERT_TRUE(book.apply(d(0, 0, 1, "1.01", 5)));   // better bid inserted on top
  ASSERT_TRUE(book.apply(d(0, 0, 0, "1.03", 7)));   // ask
  ASSERT_TRUE(book.apply(d(1, 0, 0, "1.04", 9)));
  ASSERT_TRUE(book.apply(d(1, 1, 1, "1.00", 12)));  // size change
  auto s = book.snapshot(core::InstrumentId{3}, core::Timestamp{1}, core::Timestamp{2});
  ASSERT_EQ(s.depth, 2);
  EXPECT_EQ(s.levels[0].bid_px, *core::Price::parse("1.01"));
  EXPECT_EQ(s.levels[1].bid_px, *core::Price::parse("1.00"));
  EXPECT_EQ(s.levels[1].bid_size, 12);
  EXPECT_EQ(s.levels[0].ask_px, *core::Price::parse("1.03"));
  EXPECT_EQ(s.levels[1].ask_size, 9);
  ASSERT_TRUE(book.apply(d(0, 2, 1, "", 0)));  // best bid gone: the next moves up
  s = book.snapshot(core::InstrumentId{3}, {}, {});
  EXPECT_EQ(s.levels[0].bid_px, *core::Price::parse("1.00"));
  EXPECT_EQ(book.bid_rows(), 1);
  auto gap = book.apply(d(3, 0, 1, "0.90", 1));
  ASSERT_FALSE(gap);
  EXPECT_NE(gap.error().message.find("gap"), std::string::npos);
  EXPECT_FALSE(book.apply(d(4, 2, 0, "", 0)));
}

TEST(DepthBook, KeepsTenLevelsAndDropsTheOverflow) {
  DepthBook book(10);
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(book.apply(d(i, 0, 1, fmt::format("1.{:02}", 50 - i).c_str(), 1 + i)));
  }
  ASSERT_TRUE(book.apply(d(0, 0, 1, "1.51", 99)));  // a new best bid pushes the 10th out
  auto s = book.snapshot(core::InstrumentId{1}, {}, {});
  ASSERT_EQ(s.depth, 10);
  EXPECT_EQ(s.levels[0].bid_px, *core::Price::parse("1.51"));
  EXPECT_EQ(s.levels[9].bid_px, *core::Price::parse("1.42"));
  EXPECT_FALSE(book.apply(d(10, 0, 1, "1.00", 1)));  // beyond the subscription
}

TEST(ContractMapping, SpxwWeeklyAndBack) {
  model::InstrumentRegistry reg;
  auto id = reg.intern_option("SPXW  251121P06600000");
  ASSERT_TRUE(id);
  auto c = contract_for(reg.get(*id));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->sec_type, "OPT");
  EXPECT_EQ(c->symbol, "SPX");
  EXPECT_EQ(c->trading_class, "SPXW");
  EXPECT_EQ(c->last_trade_date, "20251121");
  EXPECT_EQ(c->strike, core::Price::from_units(6600));
  EXPECT_EQ(c->right, "P");
  EXPECT_EQ(c->multiplier, "100");
  EXPECT_EQ(c->exchange, "SMART");
  auto back = instrument_for(*c, reg);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, *id);
  Contract by_local = *c;
  by_local.trading_class = "";
  by_local.local_symbol = "SPXW  251121P06600000";  // TWS's localSymbol for US options
  EXPECT_EQ(*instrument_for(by_local, reg), *id);
  Contract bad = *c;
  bad.last_trade_date = "2025112";
  auto e = instrument_for(bad, reg);
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("YYYYMMDD"), std::string::npos);
  Contract stk;
  stk.sec_type = "STK";
  stk.symbol = "SPY";
  EXPECT_EQ(reg.get(*instrument_for(stk, reg)).symbol_view(), "SPY");
}

TEST(IbkrConfig, SectionDeclaresTheConnectionKeys) {
  core::config::ConfigSchema schema;
  register_ibkr_sections(schema);
  const auto* t = schema.find("broker.ibkr");
  ASSERT_NE(t, nullptr);
  for (const char* k : {"host", "port", "client_id", "account", "heartbeat_interval",
                        "heartbeat_misses_to_trip", "pacing_per_second", "depth_rows"}) {
    EXPECT_NE(t->find_key(k), nullptr) << k;
  }
  EXPECT_EQ(std::get<std::int64_t>(*t->find_key("port")->default_value), 7497);
  for (const auto& key : t->keys)
    EXPECT_FALSE(key.secret) << key.name;  // no secrets
}

}  // namespace
}  // namespace zerodte::adapters::ibkr
