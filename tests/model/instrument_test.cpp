#include "zerodte/model/instrument.hpp"

#include <gtest/gtest.h>

#include <type_traits>

#include "zerodte/model/nse_contracts.hpp"

namespace zerodte::model {
namespace {

using core::Date;
using core::Market;
using core::Price;

Price px(std::string_view s) {
  return Price::parse(s).value();
}

static_assert(std::is_trivially_copyable_v<Instrument>);
static_assert(std::is_trivially_copyable_v<OptionSpec>);

TEST(Instrument, SpxIsAmSettledAndSpxwPmSettled) {
  const Date d{2024, 6, 21};  // third Friday: both roots list this date
  auto spx = make_us_option("SPX", d, OptionRight::kCall, px("5400")).value();
  auto spxw = make_us_option("SPXW", d, OptionRight::kCall, px("5400")).value();
  for (const auto* i : {&spx, &spxw}) {
    EXPECT_EQ(i->asset_class, AssetClass::kOption);
    EXPECT_EQ(i->option->exercise, ExerciseStyle::kEuropean);
    EXPECT_EQ(i->option->settlement, SettlementType::kCash);
    EXPECT_EQ(i->option->underlying.view(), "SPX");
    EXPECT_EQ(i->multiplier, 100);
    EXPECT_EQ(i->currency, Currency::kUsd);
    EXPECT_EQ(i->tick_rule, TickRule::us_option_standard());
  }
  EXPECT_EQ(spx.option->settlement_time, SettlementTime::kAm);
  EXPECT_EQ(spxw.option->settlement_time, SettlementTime::kPm);
  EXPECT_EQ(spx.symbol.view(), "SPX   240621C05400000");
  EXPECT_EQ(spxw.symbol.view(), "SPXW  240621C05400000");
  EXPECT_FALSE(spx.same_terms(spxw));
}

TEST(Instrument, IndexAndEquityRootClassification) {
  struct Case {
    const char* root;
    const char* underlying;
    ExerciseStyle ex;
    SettlementType st;
    SettlementTime tm;
  };
  using enum ExerciseStyle;
  const Case cases[] = {
      {"NDX", "NDX", kEuropean, SettlementType::kCash, SettlementTime::kAm},
      {"NDXP", "NDX", kEuropean, SettlementType::kCash, SettlementTime::kPm},
      {"XND", "XND", kEuropean, SettlementType::kCash, SettlementTime::kPm},
      {"XSP", "XSP", kEuropean, SettlementType::kCash, SettlementTime::kPm},
      {"VIX", "VIX", kEuropean, SettlementType::kCash, SettlementTime::kAm},
      {"RUT", "RUT", kEuropean, SettlementType::kCash, SettlementTime::kAm},
      {"RUTW", "RUT", kEuropean, SettlementType::kCash, SettlementTime::kPm},
      {"SPY", "SPY", kAmerican, SettlementType::kPhysical, SettlementTime::kPm},
      {"AAPL", "AAPL", kAmerican, SettlementType::kPhysical, SettlementTime::kPm},
      {"BRKB", "BRK.B", kAmerican, SettlementType::kPhysical, SettlementTime::kPm},
  };
  for (const auto& c : cases) {
    auto i = make_us_option(c.root, Date{2025, 1, 17}, OptionRight::kPut, px("100"));
    ASSERT_TRUE(i) << c.root;
    EXPECT_EQ(i->option->underlying.view(), c.underlying) << c.root;
    EXPECT_EQ(i->option->exercise, c.ex) << c.root;
    EXPECT_EQ(i->option->settlement, c.st) << c.root;
    EXPECT_EQ(i->option->settlement_time, c.tm) << c.root;
    EXPECT_FALSE(i->option->adjusted) << c.root;
  }
  EXPECT_EQ(classify_us_option_root("SPX").underlying_class, AssetClass::kIndex);
  EXPECT_EQ(classify_us_option_root("SPY").underlying_class, AssetClass::kEtf);
  EXPECT_EQ(classify_us_option_root("AAPL").underlying_class, AssetClass::kEquity);
}

TEST(Instrument, AdjustedRootKeepsUnderlyingAndTickClass) {
  auto i = make_us_option("SPY1", Date{2025, 1, 17}, OptionRight::kCall, px("450")).value();
  EXPECT_TRUE(i.option->adjusted);
  EXPECT_EQ(i.option->underlying.view(), "SPY");
  EXPECT_EQ(i.tick_rule, TickRule::us_option_all_penny());
  EXPECT_EQ(i.symbol.view(), "SPY1  250117C00450000");
}

TEST(Instrument, EquityEtfIndexFactories) {
  auto spy = make_equity("SPY").value();
  EXPECT_EQ(spy.asset_class, AssetClass::kEtf);
  auto aapl = make_equity("AAPL").value();
  EXPECT_EQ(aapl.asset_class, AssetClass::kEquity);
  EXPECT_EQ(aapl.tick_rule, TickRule::us_equity());
  EXPECT_EQ(aapl.multiplier, 1);
  auto brk = make_equity("BRK.B");
  EXPECT_TRUE(brk);
  auto reliance = make_equity("RELIANCE", Market::kNse).value();
  EXPECT_EQ(reliance.currency, Currency::kInr);
  EXPECT_TRUE(make_equity("M&M", Market::kNse));
  EXPECT_TRUE(make_equity("BAJAJ-AUTO", Market::kNse));
  auto spx = make_index("SPX").value();
  EXPECT_EQ(spx.asset_class, AssetClass::kIndex);
  EXPECT_FALSE(make_equity("aapl"));
  EXPECT_FALSE(make_equity(""));
  EXPECT_FALSE(make_equity("AA PL"));
  auto e = make_equity("aapl");
  EXPECT_NE(e.error().message.find("lowercase"), std::string::npos) << e.error().message;
}

TEST(Instrument, UsOptionQuantityAndNotional) {
  auto i = make_us_option("SPXW", Date{2024, 6, 14}, OptionRight::kCall, px("5400")).value();
  EXPECT_TRUE(i.check_quantity(1));
  EXPECT_TRUE(i.check_quantity(-7));
  EXPECT_FALSE(i.check_quantity(0));
  EXPECT_EQ(i.notional(px("3.10"), 2).value(), px("620"));  // 3.10 x 2 x 100
  EXPECT_TRUE(i.check_price(px("3.10")));
  EXPECT_FALSE(i.check_price(px("3.05")));
  EXPECT_FALSE(i.notional(px("1000000"), INT64_MAX / 10));
}

TEST(NseContracts, DatedLotSizes) {
  const NseContractTable t;
  EXPECT_EQ(t.lot_size("NIFTY", Date{2024, 4, 25}).value(), 50);
  EXPECT_EQ(t.lot_size("NIFTY", Date{2024, 5, 2}).value(), 25);
  EXPECT_EQ(t.lot_size("NIFTY", Date{2025, 1, 30}).value(), 75);
  EXPECT_EQ(t.lot_size("NIFTY", Date{2025, 12, 30}).value(), 75);
  EXPECT_EQ(t.lot_size("NIFTY", Date{2026, 1, 6}).value(), 65);
  EXPECT_EQ(t.lot_size("BANKNIFTY", Date{2024, 6, 26}).value(), 15);
  EXPECT_EQ(t.lot_size("BANKNIFTY", Date{2025, 3, 27}).value(), 30);
  EXPECT_EQ(t.lot_size("BANKNIFTY", Date{2025, 6, 26}).value(), 30);
  EXPECT_EQ(t.lot_size("BANKNIFTY", Date{2025, 7, 31}).value(), 35);
  EXPECT_EQ(t.lot_size("BANKNIFTY", Date{2026, 1, 27}).value(), 30);
  EXPECT_EQ(t.lot_size("FINNIFTY", Date{2024, 7, 30}).value(), 25);
  EXPECT_EQ(t.lot_size("MIDCPNIFTY", Date{2025, 7, 28}).value(), 140);
  EXPECT_EQ(t.lot_size("NIFTYNXT50", Date{2026, 1, 30}).value(), 25);
  EXPECT_EQ(t.freeze_quantity("NIFTY"), 1800);
  EXPECT_EQ(t.freeze_quantity("BANKNIFTY"), 900);
  EXPECT_EQ(t.freeze_quantity("UNKNOWN"), 0);
  auto early = t.lot_size("NIFTY", Date{2020, 1, 30});
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message.find("2020-01-30"), std::string::npos);
  auto unknown = t.lot_size("SENSEX", Date{2025, 1, 30});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("SENSEX"), std::string::npos);
}

TEST(NseContracts, UserOverrides) {
  NseContractTable t;
  ASSERT_TRUE(t.set_lot("NIFTY", Date{2027, 1, 1}, 50));
  ASSERT_TRUE(t.set_lot("SENSEX", Date{2024, 11, 20}, 20));
  ASSERT_TRUE(t.set_freeze_quantity("NIFTY", 1755));
  EXPECT_EQ(t.lot_size("NIFTY", Date{2026, 12, 29}).value(), 65);
  EXPECT_EQ(t.lot_size("NIFTY", Date{2027, 1, 5}).value(), 50);
  EXPECT_EQ(t.lot_size("SENSEX", Date{2025, 1, 3}).value(), 20);
  EXPECT_EQ(t.freeze_quantity("NIFTY"), 1755);
  EXPECT_FALSE(t.set_lot("NIFTY", Date{2027, 1, 1}, 0));
  EXPECT_FALSE(t.set_lot("NIFTY", Date{2027, 2, 30}, 25));
  EXPECT_FALSE(t.set_freeze_quantity("NIFTY", -1));
  EXPECT_TRUE(NseContractTable::empty().revisions("NIFTY").empty());
}

TEST(Instrument, NseIndexOptionLotMultiplesAndFreeze) {
  auto n = make_nse_index_option("NIFTY", Date{2025, 11, 25}, OptionRight::kCall, px("25900"));
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_EQ(n->symbol.view(), "NIFTY25NOV2525900CE");
  EXPECT_EQ(n->market, Market::kNse);
  EXPECT_EQ(n->currency, Currency::kInr);
  EXPECT_EQ(n->lot_size, 75);
  EXPECT_EQ(n->multiplier, 1);
  EXPECT_EQ(n->freeze_quantity, 1800);
  EXPECT_EQ(n->tick_rule, TickRule::nse());
  EXPECT_EQ(n->option->exercise, ExerciseStyle::kEuropean);
  EXPECT_EQ(n->option->settlement, SettlementType::kCash);
  EXPECT_TRUE(n->check_quantity(75));
  EXPECT_TRUE(n->check_quantity(150));
  EXPECT_TRUE(n->check_quantity(-1800));  // 24 lots = the freeze limit
  auto bad = n->check_quantity(100);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("75"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("150"), std::string::npos) << bad.error().message;
  auto frozen = n->check_quantity(1875);
  ASSERT_FALSE(frozen);
  EXPECT_NE(frozen.error().message.find("freeze"), std::string::npos) << frozen.error().message;
  EXPECT_EQ(n->notional(px("120.05"), 75).value(), px("9003.75"));  // premium in rupees

  auto bn = make_nse_index_option("BANKNIFTY", Date{2026, 1, 27}, OptionRight::kPut, px("51000"));
  ASSERT_TRUE(bn);
  EXPECT_EQ(bn->symbol.view(), "BANKNIFTY27JAN2651000PE");
  EXPECT_EQ(bn->lot_size, 30);
  EXPECT_FALSE(bn->check_quantity(35));

  auto custom = make_nse_index_option("NIFTY", Date{2025, 11, 25}, OptionRight::kPut, px("25900.5"),
                                      std::int64_t{65});
  ASSERT_TRUE(custom);
  EXPECT_EQ(custom->lot_size, 65);
  EXPECT_EQ(custom->symbol.view(), "NIFTY25NOV2525900.5PE");
  EXPECT_FALSE(make_nse_index_option("SENSEX", Date{2025, 1, 3}, OptionRight::kCall, px("80000")));
  EXPECT_TRUE(make_nse_index_option("SENSEX", Date{2025, 1, 3}, OptionRight::kCall, px("80000"),
                                    std::int64_t{20}));
  EXPECT_FALSE(make_nse_index_option("NIFTY", Date{2025, 11, 25}, OptionRight::kCall, px("0")));
}

TEST(Instrument, NseOptionSymbolRoundTrip) {
  struct Case {
    const char* text;
    const char* root;
    Date expiry;
    OptionRight right;
    const char* strike;
  };
  const Case cases[] = {
      {"NIFTY28NOV2423500CE", "NIFTY", {2024, 11, 28}, OptionRight::kCall, "23500"},
      {"BANKNIFTY27JAN2651000PE", "BANKNIFTY", {2026, 1, 27}, OptionRight::kPut, "51000"},
      {"NIFTYNXT5026DEC2467000PE", "NIFTYNXT50", {2024, 12, 26}, OptionRight::kPut, "67000"},
      {"MIDCPNIFTY29JUL2412125CE", "MIDCPNIFTY", {2024, 7, 29}, OptionRight::kCall, "12125"},
      {"NIFTY25NOV2525900.5PE", "NIFTY", {2025, 11, 25}, OptionRight::kPut, "25900.5"},
  };
  for (const auto& c : cases) {
    auto p = parse_nse_option_symbol(c.text);
    ASSERT_TRUE(p) << c.text << ": " << p.error().to_string();
    EXPECT_EQ(p->root, c.root);
    EXPECT_EQ(p->expiry, c.expiry) << c.text;
    EXPECT_EQ(p->right, c.right) << c.text;
    EXPECT_EQ(p->strike, px(c.strike)) << c.text;
    EXPECT_EQ(nse_option_symbol(p->root, p->expiry, p->right, p->strike), c.text);
  }
  for (const char* bad :
       {"NIFTY28NOV2423500XE", "NIFTY28XYZ2423500CE", "NIFTY30FEB2523500CE", "28NOV2423500CE",
        "NIFTY28NOV24CE", "NIFTY28NOV2400000CE", "CE", "nifty28NOV2423500CE"}) {
    auto p = parse_nse_option_symbol(bad);
    ASSERT_FALSE(p) << bad;
    EXPECT_NE(p.error().message.find(bad), std::string::npos) << p.error().message;
  }
}

}  // namespace
}  // namespace zerodte::model
