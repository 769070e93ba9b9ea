#include "zerodte/model/instrument_registry.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace zerodte::model {
namespace {

using core::Date;
using core::InstrumentId;
using core::Market;
using core::Price;

Price px(std::string_view s) {
  return Price::parse(s).value();
}

TEST(InstrumentRegistry, DenseIdsFromOneAndIdempotentInterning) {
  InstrumentRegistry reg;
  EXPECT_EQ(reg.size(), 0u);
  const InstrumentId spy = reg.intern_equity("SPY").value();
  const InstrumentId spx = reg.intern_index("SPX").value();
  EXPECT_EQ(spy.value, 1u);
  EXPECT_EQ(spx.value, 2u);
  EXPECT_EQ(reg.intern_equity("SPY").value(), spy);
  EXPECT_EQ(reg.intern_index("SPX").value(), spx);
  EXPECT_EQ(reg.size(), 2u);
  EXPECT_EQ(reg.get(spy).symbol.view(), "SPY");
  EXPECT_EQ(reg.get(spy).id, spy);
  EXPECT_EQ(reg.get(spy).asset_class, AssetClass::kEtf);
  EXPECT_EQ(reg.try_get(InstrumentId{}), nullptr);
  EXPECT_EQ(reg.try_get(InstrumentId{3}), nullptr);
  EXPECT_FALSE(reg.find("QQQ"));
  EXPECT_FALSE(reg.intern_equity("spy"));
}

TEST(InstrumentRegistry, MarketsAreSeparateNamespaces) {
  InstrumentRegistry reg;
  const auto us = reg.intern_equity("INFY").value();
  const auto in = reg.intern_equity("INFY", Market::kNse).value();
  EXPECT_NE(us, in);
  EXPECT_EQ(reg.get(in).currency, Currency::kInr);
  EXPECT_EQ(reg.find("INFY", Market::kNse), in);
  EXPECT_EQ(reg.find("INFY"), us);
}

TEST(InstrumentRegistry, OptionsFoundByAnyOccForm) {
  InstrumentRegistry reg;
  const auto id = reg.intern_option("SPXW240614C05400000").value();
  EXPECT_EQ(reg.find("SPXW  240614C05400000"), id);
  EXPECT_EQ(reg.find("SPXW240614C05400000"), id);
  EXPECT_EQ(reg.find("O:SPXW240614C05400000"), id);
  EXPECT_EQ(reg.intern_option("O:SPXW240614C05400000").value(), id);
  EXPECT_EQ(reg.intern_option("SPXW  240614C05400000").value(), id);
  const Instrument& opt = reg.get(id);
  EXPECT_EQ(opt.symbol.view(), "SPXW  240614C05400000");
  // The underlying index was interned too and linked.
  ASSERT_TRUE(opt.underlying_id.valid());
  EXPECT_EQ(reg.get(opt.underlying_id).symbol.view(), "SPX");
  EXPECT_EQ(reg.get(opt.underlying_id).asset_class, AssetClass::kIndex);
  EXPECT_EQ(reg.find("SPX"), opt.underlying_id);
  auto bad = reg.intern_option("SPXW241345C05400000");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("SPXW241345C05400000"), std::string::npos);
}

TEST(InstrumentRegistry, ConflictingDefinitionsAreRejected) {
  InstrumentRegistry reg;
  auto a = make_equity("XYZ").value();
  const auto id = reg.add(a).value();
  EXPECT_EQ(reg.add(a).value(), id);  // same terms: same id
  auto b = a;
  b.lot_size = 10;
  auto r = reg.add(b);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("XYZ"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("different terms"), std::string::npos) << r.error().message;
  auto c = a;
  c.symbol = "BAD";
  c.multiplier = 0;
  EXPECT_FALSE(reg.add(c));
  auto d = a;
  d.symbol = "ORPHAN";
  d.underlying_id = InstrumentId{99};
  auto orphan = reg.add(d);
  ASSERT_FALSE(orphan);
  EXPECT_NE(orphan.error().message.find("underlying id 99"), std::string::npos);
}

TEST(InstrumentRegistry, ChainByUnderlyingAndExpiry) {
  InstrumentRegistry reg;
  const Date d0{2024, 6, 14};
  const Date d1{2024, 6, 21};
  // Out of order on purpose; SPX (AM) and SPXW (PM) both belong to SPX's chain.
  for (const char* s : {"SPXW240614P05400000", "SPXW240614C05450000", "SPXW240614C05400000",
                        "SPX   240621C05400000", "SPXW240621C05400000", "SPY   240614C00540000",
                        "SPXW240614P05350000"}) {
    ASSERT_TRUE(reg.intern_option(s)) << s;
  }
  auto ids = reg.options("SPX", d0);
  ASSERT_EQ(ids.size(), 4u);
  std::vector<std::string> got;
  for (auto id : ids)
    got.push_back(reg.get(id).symbol.str());
  EXPECT_EQ(got, (std::vector<std::string>{"SPXW  240614P05350000", "SPXW  240614C05400000",
                                           "SPXW  240614P05400000", "SPXW  240614C05450000"}));
  auto friday = reg.options("SPX", d1);
  ASSERT_EQ(friday.size(), 2u);
  EXPECT_EQ(reg.get(friday[0]).symbol.view(), "SPX   240621C05400000");  // root SPX < SPXW
  EXPECT_EQ(reg.expiries("SPX"), (std::vector<Date>{d0, d1}));
  EXPECT_EQ(reg.options("SPY", d0).size(), 1u);
  EXPECT_TRUE(reg.options("QQQ", d0).empty());
  EXPECT_TRUE(reg.options("SPX", Date{2024, 6, 17}).empty());
}

TEST(InstrumentRegistry, NseOptions) {
  InstrumentRegistry reg;
  const Date exp{2025, 11, 25};
  auto c = reg.intern_nse_index_option("NIFTY", exp, OptionRight::kCall, px("25900")).value();
  auto p = reg.intern_nse_index_option("NIFTY", exp, OptionRight::kPut, px("25900")).value();
  EXPECT_EQ(reg.intern_nse_index_option("NIFTY", exp, OptionRight::kCall, px("25900")).value(), c);
  EXPECT_EQ(reg.get(c).lot_size, 75);
  EXPECT_EQ(reg.find("NIFTY25NOV2525900CE", Market::kNse), c);
  EXPECT_EQ(reg.get(reg.get(c).underlying_id).symbol.view(), "NIFTY");
  EXPECT_EQ(reg.get(reg.get(c).underlying_id).market, Market::kNse);
  EXPECT_EQ(reg.options("NIFTY", exp, Market::kNse), (std::vector<InstrumentId>{c, p}));
  // A user-supplied table changes the default lot.
  NseContractTable table;
  ASSERT_TRUE(table.set_lot("NIFTY", Date{2025, 11, 1}, 65));
  InstrumentRegistry custom(OptionTickTable{}, table);
  auto id = custom.intern_nse_index_option("NIFTY", exp, OptionRight::kCall, px("25900")).value();
  EXPECT_EQ(custom.get(id).lot_size, 65);
}

// Several threads intern the same symbols in different orders: every thread sees the same id
// for a symbol, ids are dense, and references taken early stay valid while the registry grows
// across many storage chunks.
TEST(InstrumentRegistry, ConcurrentInterningAgrees) {
  InstrumentRegistry reg;
  constexpr int kThreads = 4;
  constexpr int kStrikes = 700;  // x2 rights = 1400 options + underlying: spans 2 chunks
  const Instrument& spy_early = reg.get(reg.intern_equity("SPY").value());
  std::vector<std::vector<InstrumentId>> seen(kThreads);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load())
        std::this_thread::yield();
      auto& out = seen[t];
      out.resize(2 * kStrikes);
      for (int k = 0; k < 2 * kStrikes; ++k) {
        // Threads walk the list from different offsets.
        const int i = (k + t * 337) % (2 * kStrikes);
        const auto occ = OccSymbol::make("SPY", Date{2024, 1, 19},
                                         i % 2 == 0 ? OptionRight::kCall : OptionRight::kPut,
                                         Price::from_units(100 + i / 2))
                             .value();
        auto id = reg.intern_option(t % 2 == 0 ? occ.compact() : occ.polygon());
        ASSERT_TRUE(id);
        const Instrument& inst = reg.get(*id);  // lock-free read while others insert
        ASSERT_EQ(inst.symbol.view(), occ.padded());
        out[i] = *id;
      }
    });
  }
  go.store(true);
  for (auto& th : threads)
    th.join();
  EXPECT_EQ(reg.size(), 1u + 2 * kStrikes);
  for (int t = 1; t < kThreads; ++t)
    EXPECT_EQ(seen[t], seen[0]) << "thread " << t;
  std::vector<bool> used(reg.size() + 1, false);
  for (auto id : seen[0]) {
    ASSERT_TRUE(id.value >= 1 && id.value <= reg.size());
    EXPECT_FALSE(used[id.value]) << "duplicate id " << id.value;
    used[id.value] = true;
  }
  EXPECT_EQ(spy_early.symbol.view(), "SPY");  // reference taken before growth
  EXPECT_EQ(&spy_early, &reg.get(InstrumentId{1}));
  EXPECT_EQ(reg.options("SPY", Date{2024, 1, 19}).size(), 2u * kStrikes);
}

TEST(InstrumentRegistry, InternUsSymbolDispatches) {
  InstrumentRegistry reg;
  const auto opt = reg.intern_us_symbol("O:SPY240119C00450000").value();
  EXPECT_EQ(reg.get(opt).asset_class, AssetClass::kOption);
  EXPECT_EQ(reg.intern_us_symbol("SPY   240119C00450000").value(), opt);
  EXPECT_EQ(reg.get(reg.intern_us_symbol("I:SPX").value()).asset_class, AssetClass::kIndex);
  EXPECT_EQ(reg.intern_us_symbol("SPX").value(), reg.find("SPX").value());
  EXPECT_EQ(reg.get(reg.intern_us_symbol("VIX").value()).asset_class, AssetClass::kIndex);
  EXPECT_EQ(reg.get(reg.intern_us_symbol("QQQ").value()).asset_class, AssetClass::kEtf);
  EXPECT_EQ(reg.get(reg.intern_us_symbol("NVDA").value()).asset_class, AssetClass::kEquity);
  EXPECT_EQ(reg.get(reg.intern_us_symbol("SPY").value()).asset_class, AssetClass::kEtf);
  // Looks like an OCC symbol but is not one: an error, not a new "ticker".
  const std::size_t before = reg.size();
  auto bad = reg.intern_us_symbol("SPY241345C00450000");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("not a calendar date"), std::string::npos);
  EXPECT_EQ(reg.size(), before);
  // The OCC symbol of a registered option, back in the vendor forms.
  auto occ = occ_symbol_of(reg.get(opt));
  ASSERT_TRUE(occ);
  EXPECT_EQ(occ->compact(), "SPY240119C00450000");
  EXPECT_FALSE(occ_symbol_of(reg.get(reg.find("NVDA").value())));
}

}  // namespace
}  // namespace zerodte::model
