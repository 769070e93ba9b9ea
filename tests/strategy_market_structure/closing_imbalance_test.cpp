#include "zerodte/strategy/market_structure/closing_imbalance.hpp"

#include <gtest/gtest.h>

#include "zerodte/core/calendar.hpp"

namespace ms = zerodte::strategy::market_structure;
using namespace zerodte;

namespace {
const core::TradingCalendar& nyse() {
  return core::TradingCalendar::nyse();
}
core::Timestamp at(int h, int m, int s = 0) {
  return nyse().to_utc(core::Date{2025, 3, 14}, core::TimeOfDay{h, m, s});
}
model::Imbalance imb(core::Timestamp t, std::int64_t qty, model::Side side, std::int64_t paired,
                     char type = 'C') {
  model::Imbalance i;
  i.hdr.ts_event = t;
  i.total_imbalance_qty = qty;
  i.side = side;
  i.paired_qty = paired;
  i.auction_type = type;
  return i;
}
// Bid-heavy (or ask-heavy) 5-level book around 450.00/450.01.
model::BookDepth book(std::int64_t bid, std::int64_t ask) {
  model::BookDepth d;
  d.depth = 5;
  for (int i = 0; i < 5; ++i) {
    d.levels[i].bid_px = core::Price::from_cents(45000 - i);
    d.levels[i].ask_px = core::Price::from_cents(45001 + i);
    d.levels[i].bid_size = bid;
    d.levels[i].ask_size = ask;
  }
  return d;
}
}  // namespace

TEST(ClosingImbalance, RisingBuyImbalanceProjectsToTheClose) {
  ms::ClosingImbalancePredictor p;
  for (int k = 0; k < 5; ++k)
    p.on_imbalance(imb(at(15, 30 + k), 100'000 + 10'000 * k, model::Side::kBuy, 1'000'000));
  EXPECT_FALSE(p.predict(at(15, 34), at(16, 0)).ready);  // no depth yet
  for (int k = 0; k < 5; ++k)
    p.on_depth(book(3000, 1000));
  const auto r = p.predict(at(15, 34), at(16, 0));
  ASSERT_TRUE(r.ready);
  // slope 10,000 per 60 s x 1,560 s to the close = 260,000, capped at the current 140,000.
  EXPECT_NEAR(r.current_ratio, 0.14, 1e-12);
  EXPECT_NEAR(r.predicted_ratio, 0.28, 1e-9);
  EXPECT_EQ(r.side, 1);
  EXPECT_NEAR(r.book_imbalance, 0.5, 1e-12);  // (3000-1000)/(3000+1000)
  EXPECT_TRUE(r.trigger) << r.reason;
}

TEST(ClosingImbalance, ExtrapolationWithoutCapAndDecay) {
  ms::ClosingImbalancePredictor p;
  // Sell side, shrinking by 2,000 per minute: 50k, 48k, 46k at 15:50..15:52; at 15:52 the
  // projection over 8 more minutes is 46k - 16k = 30k -> -0.03 of 1M paired: below 0.10.
  for (int k = 0; k < 3; ++k)
    p.on_imbalance(imb(at(15, 50 + k), 50'000 - 2'000 * k, model::Side::kSell, 1'000'000));
  for (int k = 0; k < 5; ++k)
    p.on_depth(book(1000, 3000));
  const auto r = p.predict(at(15, 52), at(16, 0));
  EXPECT_NEAR(r.predicted_ratio, -0.030, 1e-9);
  EXPECT_FALSE(r.trigger);
  EXPECT_NE(r.reason.find("below"), std::string::npos) << r.reason;
}

TEST(ClosingImbalance, BookAgainstOrThinLiquidityStaysOut) {
  ms::ClosingImbalancePredictor p;
  p.on_imbalance(imb(at(15, 40), 200'000, model::Side::kBuy, 1'000'000));
  p.on_imbalance(imb(at(15, 40), 999'999, model::Side::kBuy, 1'000, 'O'));  // opening: ignored
  EXPECT_EQ(p.imbalances(), 1u);
  for (int k = 0; k < 5; ++k)
    p.on_depth(book(1000, 3000));  // sellers lean on the book
  auto r = p.predict(at(15, 40), at(16, 0));
  EXPECT_NEAR(r.predicted_ratio, 0.20, 1e-12);  // one point: no trend
  EXPECT_FALSE(r.trigger);
  EXPECT_NE(r.reason.find("against"), std::string::npos) << r.reason;
  for (int k = 0; k < 5; ++k)
    p.on_depth(book(30, 10));  // thin: 200 shares on 5 levels
  r = p.predict(at(15, 40), at(16, 0));
  EXPECT_FALSE(r.trigger);
  EXPECT_NE(r.reason.find("liquidity"), std::string::npos) << r.reason;
}
