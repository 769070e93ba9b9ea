// Option selector: ATM by nearest strike, delta and offset rules, every filter, the ATM +- 1
// fallback, and expiry choice (0DTE / 1DTE / N DTE / nearest weekly).
#include <gtest/gtest.h>

#include "chain_fixture.hpp"
#include "zerodte/strategy/option_selector.hpp"

namespace zerodte::strategy {
namespace {

using namespace testing;
constexpr auto kCall = OptionRight::kCall;
constexpr auto kPut = OptionRight::kPut;

OptionChainView calls(double spot) {
  std::vector<OptionContract> cs;
  for (int k = 448; k <= 452; ++k)
    cs.push_back(contract(kCall, k, 2.0 + (450 - k) * 0.5));
  return chain_of(cs, spot);
}

TEST(OptionSelector, AtmIsTheNearestStrikeTiesGoUp) {
  const std::vector<double> k{448, 449, 450, 451, 452};
  EXPECT_EQ(*atm_strike(k, 450.30), 450);
  EXPECT_EQ(*atm_strike(k, 449.70), 450);
  EXPECT_EQ(*atm_strike(k, 450.50), 451);  // round(450.5) = 451
  EXPECT_EQ(*atm_strike(k, 400.0), 448);
  EXPECT_FALSE(atm_strike({}, 450).has_value());
  // NIFTY, 50-point strikes: round(23_524 / 50) x 50 = 23_500; 23_525 -> 23_550.
  const std::vector<double> n{23450, 23500, 23550, 23600};
  EXPECT_EQ(*atm_strike(n, 23524), 23500);
  EXPECT_EQ(*atm_strike(n, 23525), 23550);
}

TEST(OptionSelector, PicksAtmWhenItPasses) {
  auto sel = select_option(calls(450.30), kCall, SelectorRules{}, {});
  ASSERT_TRUE(sel.has_value()) << sel.error().message;
  EXPECT_EQ(sel->contract.strike, 450);
  EXPECT_EQ(sel->atm_strike, 450);
  EXPECT_EQ(sel->offset_from_first, 0);
  EXPECT_TRUE(sel->rejected.empty());
}

TEST(OptionSelector, FallsBackToTheNearerNeighbourWhenAtmFails) {
  auto chain = calls(450.30);
  chain.contracts[2].ask = px(2.60);  // 450: bid 1.95, ask 2.60 -> spread 0.65
  auto sel = select_option(chain, kCall, SelectorRules{}, {});
  ASSERT_TRUE(sel.has_value()) << sel.error().message;
  EXPECT_EQ(sel->contract.strike, 451);  // 451 is 0.70 from spot, 449 is 1.30
  EXPECT_EQ(sel->offset_from_first, 1);
  ASSERT_EQ(sel->rejected.size(), 1u);
  EXPECT_EQ(sel->rejected[0].reason, "spread 0.65 > max_spread 0.40");
  // Spot below 450: 449 is tried first.
  chain.spot = 449.8;
  sel = select_option(chain, kCall, SelectorRules{}, {});
  ASSERT_TRUE(sel.has_value());
  EXPECT_EQ(sel->contract.strike, 449);
}

TEST(OptionSelector, FailsNamingEveryContractTried) {
  auto chain = calls(450.30);
  for (auto& c : chain.contracts)
    c.open_interest = 10;
  SelectorRules r;
  r.filters.min_open_interest = 1000;
  auto sel = select_option(chain, kCall, r, {});
  ASSERT_FALSE(sel.has_value());
  const std::string& m = sel.error().message;
  EXPECT_NE(m.find("SPY 2025-03-14 calls"), std::string::npos) << m;
  EXPECT_NE(m.find("450: open interest 10 < min_open_interest 1000"), std::string::npos) << m;
  EXPECT_NE(m.find("451: "), std::string::npos) << m;
  EXPECT_NE(m.find("449: "), std::string::npos) << m;
  EXPECT_EQ(m.find("452: "), std::string::npos) << m;  // only ATM +- 1
}

TEST(OptionSelector, EachFilterAtItsEdge) {
  auto c = contract(kCall, 450, 2.0, 0.20);  // spread 0.40 exactly
  ContractFilters f;
  EXPECT_EQ(check_filters(c, f, {}), "");
  c.ask = px(2.21);
  EXPECT_EQ(check_filters(c, f, {}), "spread 0.41 > max_spread 0.40");
  c = contract(kCall, 450, 2.0, 0.10);  // spread 0.20 = 10% of mid
  f.max_spread_pct = 0.10;
  EXPECT_EQ(check_filters(c, f, {}), "");
  f.max_spread_pct = 0.09;
  EXPECT_EQ(check_filters(c, f, {}), "spread 10.0% of mid > max_spread_pct 9.0%");
  f = {};
  f.max_theta_per_day = -0.15;  // seed 000: theta < -0.15
  c.theta_per_day = -0.15;
  EXPECT_EQ(check_filters(c, f, {}), "");
  c.theta_per_day = -0.10;
  EXPECT_EQ(check_filters(c, f, {}), "theta -0.100/day > max_theta_per_day -0.150");
  f = {};
  f.min_volume = 1;
  c.volume = 0;
  EXPECT_EQ(check_filters(c, f, {}), "volume 0 < min_volume 1");
  f = {};
  f.require_last = true;
  c.last = core::Price::zero();
  EXPECT_EQ(check_filters(c, f, {}), "last price is not > 0");
  f = {};
  f.max_quote_age = std::chrono::seconds(10);
  c.quote_ts = core::Timestamp{1'000'000'000'000};
  EXPECT_EQ(check_filters(c, f, core::Timestamp{1'010'000'000'000}), "");
  EXPECT_EQ(check_filters(c, f, core::Timestamp{1'011'000'000'000}),
            "quote age 11s > max_quote_age 10s");
  c.bid = core::Price::undefined();
  EXPECT_EQ(check_filters(c, ContractFilters{}, {}), "no two-sided quote");
}

TEST(OptionSelector, DeltaAndOffsetRules) {
  auto chain = calls(450.30);
  const double deltas[] = {0.70, 0.60, 0.50, 0.38, 0.27};
  for (std::size_t i = 0; i < 5; ++i)
    chain.contracts[i].delta = deltas[i];
  SelectorRules r;
  r.strike_rule = StrikeRule::kDelta;
  r.target_delta = 0.30;
  auto sel = select_option(chain, kCall, r, {});
  ASSERT_TRUE(sel.has_value());
  EXPECT_EQ(sel->contract.strike, 452);
  r.strike_rule = StrikeRule::kAtmOffset;
  r.atm_offset = -2;
  sel = select_option(chain, kCall, r, {});
  ASSERT_TRUE(sel.has_value());
  EXPECT_EQ(sel->contract.strike, 448);
  r.atm_offset = 3;
  EXPECT_FALSE(select_option(chain, kCall, r, {}).has_value());
  EXPECT_FALSE(select_option(chain, kPut, SelectorRules{}, {}).has_value());  // no puts listed
}

TEST(OptionSelector, ExpiryRules) {
  const auto& cal = core::TradingCalendar::nyse();
  const std::vector<core::Date> ex{{2025, 3, 21}, {2025, 3, 14}, {2025, 3, 17}};
  const core::Date fri{2025, 3, 14};
  EXPECT_EQ(*choose_expiry(ex, fri, {}, cal), (core::Date{2025, 3, 14}));
  EXPECT_EQ(*choose_expiry(ex, fri, {.dte = 1}, cal), (core::Date{2025, 3, 17}));  // Monday
  auto two = choose_expiry(ex, fri, {.dte = 2}, cal);
  ASSERT_FALSE(two.has_value());
  EXPECT_NE(two.error().message.find("no 2DTE expiry (2025-03-18)"), std::string::npos);
  EXPECT_EQ(*choose_expiry(ex, fri, {.dte = 2, .allow_later = true}, cal),
            (core::Date{2025, 3, 21}));
  EXPECT_EQ(*choose_expiry(ex, fri, {.min_calendar_days = 4}, cal), (core::Date{2025, 3, 21}));
  EXPECT_EQ(*choose_expiry(ex, fri, {.min_calendar_days = 3}, cal), (core::Date{2025, 3, 17}));
  // Saturday: 0DTE means the next trading day.
  EXPECT_EQ(*choose_expiry(ex, {2025, 3, 15}, {}, cal), (core::Date{2025, 3, 17}));
}

}  // namespace
}  // namespace zerodte::strategy
