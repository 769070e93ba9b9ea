#include "zerodte/portfolio/portfolio.hpp"

#include <gtest/gtest.h>

namespace zerodte::portfolio {
namespace {

using core::Price;
using model::Side;

Price px(const char* s) {
  return Price::parse(s).value();
}

class PortfolioTest : public ::testing::Test {
 protected:
  model::InstrumentRegistry reg;
  core::StrategyId strat{1};
  std::uint64_t exec_seq = 0;

  core::InstrumentId opt(const char* occ) { return reg.intern_option(occ).value(); }
  model::Fill fill(core::InstrumentId id, Side side, std::int64_t qty, const char* price,
                   const char* fee = "0") {
    model::Fill f;
    f.instrument = id;
    f.side = side;
    f.quantity = core::Quantity{qty};
    f.price = px(price);
    f.fee = px(fee);
    f.exec_id = fmt::format("E{}", ++exec_seq);
    return f;
  }
};

TEST_F(PortfolioTest, AverageCostPartialFillsAndFees) {
  Portfolio pf(reg, px("10000"));
  const auto call = opt("SPY   250314C00560000");
  ASSERT_TRUE(pf.apply_fill(fill(call, Side::kBuy, 3, "2.00", "1.95"), strat));
  ASSERT_TRUE(pf.apply_fill(fill(call, Side::kBuy, 2, "2.50", "1.30"), strat));
  const Position* p = pf.position(strat, call);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->quantity, 5);
  EXPECT_EQ(p->cost_basis, px("1100"));  // 3*200 + 2*250
  EXPECT_DOUBLE_EQ(p->average_price(), 2.2);
  // Sell 4 at 3.00: realised (3.00 - 2.20) * 4 * 100 = 320
  ASSERT_TRUE(pf.apply_fill(fill(call, Side::kSell, 4, "3.00", "2.60"), strat));
  EXPECT_EQ(p->realized_pnl, px("320"));
  EXPECT_EQ(p->quantity, 1);
  EXPECT_EQ(p->cost_basis, px("220"));
  EXPECT_EQ(p->fees, px("5.85"));
  // Cash: 10000 - 600 - 500 + 1200 - fees 5.85
  EXPECT_EQ(pf.cash(), px("10094.15"));
  pf.on_quote(call, px("2.90"), px("3.10"));
  const auto snap = pf.snapshot();
  EXPECT_EQ(snap.market_value, px("300"));
  EXPECT_EQ(snap.pnl.unrealized, px("80"));
  EXPECT_EQ(snap.equity, px("10394.15"));
  EXPECT_EQ(snap.pnl.total(), px("394.15"));  // 320 + 80 - 5.85
  EXPECT_EQ(snap.equity - px("10000"), snap.pnl.total());
}

TEST_F(PortfolioTest, DuplicateFillsNeverChangeAPosition) {
  Portfolio pf(reg, px("10000"));
  const auto call = opt("SPY   250314C00560000");
  auto f = fill(call, Side::kBuy, 1, "1.00");
  EXPECT_TRUE(pf.apply_fill(f, strat));
  EXPECT_FALSE(pf.apply_fill(f, strat));
  EXPECT_EQ(pf.net_quantity(call), 1);
  EXPECT_EQ(pf.cash(), px("9900"));
}

TEST_F(PortfolioTest, ShortAndReversal) {
  Portfolio pf(reg, px("0"));
  const auto put = opt("SPY   250314P00550000");
  pf.apply_fill(fill(put, Side::kSell, 2, "1.50"), strat);
  const Position* p = pf.position(strat, put);
  EXPECT_EQ(p->cost_basis, px("-300"));
  pf.apply_fill(fill(put, Side::kBuy, 5, "1.00"), strat);  // close 2 (+100), open 3 long
  EXPECT_EQ(p->realized_pnl, px("100"));
  EXPECT_EQ(p->quantity, 3);
  EXPECT_EQ(p->cost_basis, px("300"));
}

TEST_F(PortfolioTest, IronCondorPnlGreeksAndMargin) {
  Portfolio pf(reg, px("100000"));
  // SPY 2025-03-14 iron condor: +540P -545P -575C +580C, credit 1.10 per unit.
  const auto p540 = opt("SPY   250314P00540000");
  const auto p545 = opt("SPY   250314P00545000");
  const auto c575 = opt("SPY   250314C00575000");
  const auto c580 = opt("SPY   250314C00580000");
  pf.apply_fill(fill(p540, Side::kBuy, 10, "0.40", "6.5"), strat, 77);
  pf.apply_fill(fill(p545, Side::kSell, 10, "0.95", "6.5"), strat, 77);
  pf.apply_fill(fill(c575, Side::kSell, 10, "0.85", "6.5"), strat, 77);
  pf.apply_fill(fill(c580, Side::kBuy, 10, "0.30", "6.5"), strat, 77);
  EXPECT_EQ(pf.cash(), px("101074"));  // +1100 credit - 26 fees
  pf.set_underlying_price(reg.find("SPY").value(), 560.0);
  // Margin: max loss = width 5 * 100 * 10 = 5000 minus the credit 1100 = 3900 (marks at fills).
  EXPECT_NEAR(pf.margin_requirement().to_double(), 3900.0, 1e-6);
  // Greeks: per-unit deltas.
  pf.set_unit_greeks(p540, {-0.05, 0.01, -0.10, 0.02});
  pf.set_unit_greeks(p545, {-0.10, 0.02, -0.20, 0.03});
  pf.set_unit_greeks(c575, {0.12, 0.02, -0.20, 0.03});
  pf.set_unit_greeks(c580, {0.06, 0.01, -0.10, 0.02});
  const auto g = pf.greeks_for_underlying(reg.find("SPY").value());
  // delta = 1000*(-0.05) - 1000*(-0.10) - 1000*0.12 + 1000*0.06 = -10
  EXPECT_NEAR(g.delta_shares, -10.0, 1e-9);
  EXPECT_NEAR(g.gamma_shares, 1000 * (0.01 - 0.02 - 0.02 + 0.01), 1e-9);
  EXPECT_NEAR(g.theta_per_day, 1000 * (-0.10 + 0.20 + 0.20 - 0.10), 1e-9);
  EXPECT_NEAR(g.dollar_delta_1pct, -10.0 * 560 * 0.01, 1e-9);
  EXPECT_NEAR(g.dollar_gamma_1pct, -20.0 * 560 * 560 * 0.01, 1e-6);
  // Expiry with SPY at 570: everything OTM -> keep the credit.
  const core::Timestamp ts{1};
  for (auto id : {p540, p545, c575, c580})
    pf.settle_expiry(id, px("570"), ts);
  EXPECT_EQ(pf.open_position_count(), 0u);
  const auto snap = pf.snapshot();
  EXPECT_EQ(snap.pnl.realized, px("1100"));
  EXPECT_EQ(snap.equity, px("101074"));
}

TEST_F(PortfolioTest, SpyCallExercisedIntoSharesAndSpxCashSettled) {
  Portfolio pf(reg, px("100000"));
  const auto spy_call = opt("SPY   250314C00560000");
  pf.apply_fill(fill(spy_call, Side::kBuy, 2, "1.00"), strat);
  pf.settle_expiry(spy_call, px("563.50"), core::Timestamp{1});
  const auto spy = reg.find("SPY").value();
  const Position* shares = pf.position(strat, spy);
  ASSERT_NE(shares, nullptr);
  EXPECT_EQ(shares->quantity, 200);
  EXPECT_EQ(shares->cost_basis, px("112000"));
  // Option loss realised: premium 200; shares marked at 563.50 -> unrealised +700.
  EXPECT_EQ(pf.snapshot().pnl.realized, px("-200"));
  EXPECT_EQ(pf.snapshot().equity, px("100500"));

  const auto spx_put = opt("SPXW  250314P05600000");
  pf.apply_fill(fill(spx_put, Side::kSell, 1, "4.00"), strat);
  pf.settle_expiry(spx_put, px("5590.25"), core::Timestamp{2});  // ITM by 9.75 -> pay 975
  EXPECT_EQ(pf.position(strat, spx_put)->quantity, 0);
  EXPECT_EQ(pf.position(strat, spx_put)->realized_pnl, px("-575"));
  EXPECT_EQ(pf.position(strat, reg.find("SPX").value()), nullptr);  // cash-settled: no shares
}

TEST_F(PortfolioTest, ShortPutAssignmentAndOtmExpiry) {
  Portfolio pf(reg, px("100000"));
  const auto put = opt("SPY   250314P00560000");
  pf.apply_fill(fill(put, Side::kSell, 1, "2.00"), strat);
  pf.settle_expiry(put, px("559.995"), core::Timestamp{1});  // ITM by < $0.01: not exercised
  EXPECT_EQ(pf.position(strat, reg.find("SPY").value()), nullptr);
  EXPECT_EQ(pf.position(strat, put)->realized_pnl, px("199.5"));  // closed at intrinsic 0.005
}

TEST_F(PortfolioTest, NakedShortCallUsesRegTFormula) {
  Portfolio pf(reg, px("100000"));
  const auto call = opt("SPY   250314C00570000");
  pf.apply_fill(fill(call, Side::kSell, 1, "1.00"), strat);
  pf.set_underlying_price(reg.find("SPY").value(), 560.0);
  // max(20% * 560 - 10 OTM, 10% * 560) * 100 = 102 * 100
  EXPECT_NEAR(pf.margin_requirement().to_double(), 10200.0, 1e-6);
}

TEST_F(PortfolioTest, PeriodPnl) {
  Portfolio pf(reg, px("1000"));
  const auto call = opt("SPY   250314C00560000");
  pf.start_day(core::Date{2025, 3, 10});
  pf.apply_fill(fill(call, Side::kBuy, 1, "1.00"), strat);
  pf.on_quote(call, px("1.40"), px("1.60"));
  pf.start_day(core::Date{2025, 3, 11});
  pf.on_quote(call, px("1.90"), px("2.10"));
  const auto s = pf.snapshot();
  EXPECT_EQ(s.day_pnl, px("50"));
  EXPECT_EQ(s.week_pnl, px("100"));
  EXPECT_EQ(s.month_pnl, px("100"));
}

}  // namespace
}  // namespace zerodte::portfolio
