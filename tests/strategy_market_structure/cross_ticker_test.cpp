// cross_ticker scenarios: SPY/QQQ/IWM 2-minute tapes -> the exact multi-leg 0DTE order the view
// and VIX regime call for (iron condor, straddle, debit put spread), the plan's target exit, and
// the stay-out cases (window, stale VIX, extreme VIX, strike rules / spreads failing).
#include <gtest/gtest.h>

#include "harness.hpp"

namespace zerodte::strategy::ms_test {
namespace {

using model::OptionRight;
using model::Side;

struct Lcg {
  std::uint64_t s;
  double next() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (static_cast<double>(s >> 11) / 9007199254740992.0 - 0.5) * 0.002;
  }
};

// n+1 aligned closes: QQQ = 1.2 x SPY + noise, IWM = 0.9 x SPY + noise (or independent).
std::vector<std::array<double, 3>> tape(int n, bool iwm_independent = false) {
  Lcg a{7}, b{11}, c{13};
  std::array<double, 3> px{450, 380, 200};
  std::vector<std::array<double, 3>> out{px};
  for (int i = 0; i < n; ++i) {
    const double r = a.next();
    px[0] *= std::exp(r);
    px[1] *= std::exp(1.2 * r + 0.3 * b.next());
    px[2] *= std::exp(iwm_independent ? c.next() : 0.9 * r + 0.3 * c.next());
    out.push_back(px);
  }
  return out;
}

double call_delta(int o) {
  return std::clamp(0.5 - 0.11 * o, 0.01, 0.99);
}
double extrinsic(int o) {
  return std::max(0.05, 1.20 - 0.25 * std::abs(o));
}

struct CrossFixture {
  Harness h{core::Date{2025, 3, 14}, {9, 0, 0}};
  std::array<core::InstrumentId, 3> ids;
  core::InstrumentId vix;
  const char* names[3] = {"SPY", "QQQ", "IWM"};
  std::map<std::tuple<int, int, int>, core::InstrumentId> opt;  // (ticker, strike, 0 call/1 put)
  std::array<int, 3> atm{450, 380, 200};
  double half_spread = 0.05;
  bool flat_deltas = false;
  double ext_scale = 1.0;

  explicit CrossFixture(core::config::ConfigTable overrides = {}) {
    for (int k = 0; k < 3; ++k) {
      ids[k] = *h.reg.intern_etf(names[k]);
      for (int s = atm[k] - 12; s <= atm[k] + 12; ++s) {
        opt[{k, s, 0}] = h.option(names[k], h.day, OptionRight::kCall, s);
        opt[{k, s, 1}] = h.option(names[k], h.day, OptionRight::kPut, s);
      }
    }
    vix = *h.reg.intern_index("VIX");
    h.start("cross_ticker", overrides);
  }
  core::InstrumentId o(int k, int strike, OptionRight r) {
    return opt.at({k, strike, r == OptionRight::kCall ? 0 : 1});
  }
  // Deltas and extrinsic values by the offset from the strike nearest to spot.
  double mid(int k, int strike, OptionRight r, double spot) const {
    (void)k;
    const int off = strike - static_cast<int>(std::lround(spot));
    const double intrinsic =
        r == OptionRight::kCall ? std::max(spot - strike, 0.0) : std::max(strike - spot, 0.0);
    return std::round((intrinsic + ext_scale * extrinsic(off)) * 100) / 100;
  }
  void chain(int k, double spot) {
    for (int s = atm[k] - 12; s <= atm[k] + 12; ++s) {
      const int off = s - static_cast<int>(std::lround(spot));
      const double cd = flat_deltas ? 0.5 : call_delta(off);
      for (auto r : {OptionRight::kCall, OptionRight::kPut}) {
        const double m = mid(k, s, r, spot);
        h.option_quote(o(k, s, r), {.bid = std::max(0.0, m - half_spread),
                                    .ask = m + half_spread,
                                    .delta = r == OptionRight::kCall ? cd : cd - 1,
                                    .gamma = 0.05,
                                    .theta = -0.10});
      }
    }
  }
  // Feeds the tape as 2-minute bars from 09:30 with VIX at `vix_level` (VIX bars stop after
  // `vix_bars` bars), quoting ticker `chain_for`'s chain before each bar closes.
  void run(const std::vector<std::array<double, 3>>& closes, double vix_level, int chain_for = 0,
           std::size_t vix_bars = 1000) {
    for (std::size_t i = 0; i < closes.size(); ++i) {
      const auto t = h.at(9, 30) + std::chrono::minutes(2 * i);
      h.advance(t + std::chrono::seconds(110));
      chain(chain_for, closes[i][static_cast<std::size_t>(chain_for)]);
      if (i < vix_bars) h.bar(vix, t, vix_level, vix_level, vix_level, vix_level, 0, 120);
      for (int k = 0; k < 3; ++k) {
        const double c = closes[i][static_cast<std::size_t>(k)];
        h.bar(ids[k], t, c, c, c, c, 10'000, 120);
      }
    }
  }
  // entry_start = the close of bar `i` (so earlier bars are outside the window).
  static core::config::ConfigTable window_at(std::size_t i) {
    core::config::ConfigTable t;
    const int m = 30 + 2 * static_cast<int>(i) + 2;
    t.set("entry_start", core::TimeOfDay{9 + m / 60, m % 60, 0});
    return t;
  }
};

TEST(CrossTicker, RangeBoundNormalVixSellsTheIronCondor) {
  auto closes = tape(40);
  closes.push_back(closes.back());  // nothing moves: every pair sits on its fit
  CrossFixture f(CrossFixture::window_at(closes.size() - 1));
  f.run(closes, 17.0);
  ASSERT_EQ(f.h.gw.intents.size(), 1u) << f.h.last_suppression();
  const auto& in = f.h.gw.intents[0];
  const double spot = closes.back()[0];
  const int atm = static_cast<int>(std::lround(spot));
  ASSERT_EQ(in.leg_count, 4);
  EXPECT_EQ(in.order_class, model::OrderClass::kMultiLeg);
  // Shorts at the first |delta| <= 0.20 (ATM +-3: 0.17), wings 2 strikes further.
  EXPECT_EQ(in.legs[0].instrument, f.o(0, atm - 5, OptionRight::kPut));
  EXPECT_EQ(in.legs[0].side, Side::kBuy);
  EXPECT_EQ(in.legs[1].instrument, f.o(0, atm - 3, OptionRight::kPut));
  EXPECT_EQ(in.legs[1].side, Side::kSell);
  EXPECT_EQ(in.legs[2].instrument, f.o(0, atm + 3, OptionRight::kCall));
  EXPECT_EQ(in.legs[2].side, Side::kSell);
  EXPECT_EQ(in.legs[3].instrument, f.o(0, atm + 5, OptionRight::kCall));
  EXPECT_EQ(in.legs[3].side, Side::kBuy);
  // Credit 0.45 + 0.45 - 0.05 - 0.05 = 0.80; max loss (2 - 0.80) x 100 = 120; 2% of 100,000 x
  // 1.00 (normal VIX) = 2,000 -> 16, capped at 6.
  EXPECT_EQ(in.limit_price, px(-0.80));
  EXPECT_EQ(in.quantity.value, 6);
  const auto& s = f.h.sink.signals.at(0);
  EXPECT_EQ(s.direction, Direction::kFlat);
  EXPECT_NE(s.triggered_by.at(0).detail.find("range_bound"), std::string::npos);
  EXPECT_NE(s.risk_factors.at(0).find("theta"), std::string::npos);

  // Filled at the mids; the shorts decay to 0.38: buy-back cost 0.66 <= target 0.80 - 10% x 1.20
  // = 0.68 -> close, paying the asks of the shorts and selling the wings at their bids.
  f.h.fill(0, {0.05, 0.45, 0.45, 0.05});
  f.h.advance(f.h.clock.now() + std::chrono::seconds(30));
  f.h.option_quote(f.o(0, atm - 3, OptionRight::kPut), {.bid = 0.33, .ask = 0.43, .delta = -0.17});
  EXPECT_EQ(f.h.gw.intents.size(), 1u);  // cost 0.73 > 0.68
  f.h.option_quote(f.o(0, atm + 3, OptionRight::kCall), {.bid = 0.33, .ask = 0.43, .delta = 0.17});
  ASSERT_EQ(f.h.gw.intents.size(), 2u);
  const auto& out = f.h.gw.intents[1];
  EXPECT_TRUE(out.reduce_only);
  EXPECT_EQ(out.quantity.value, 6);
  EXPECT_EQ(out.legs[0].side, Side::kSell);
  EXPECT_EQ(out.legs[1].side, Side::kBuy);
  EXPECT_EQ(out.legs[2].side, Side::kBuy);
  EXPECT_EQ(out.legs[3].side, Side::kSell);
  EXPECT_EQ(out.legs[1].intent, model::PositionIntent::kBuyToClose);
  EXPECT_EQ(out.limit_price, px(0.86));  // 0.43 + 0.43 - 0.00 - 0.00
  EXPECT_NE(f.h.sink.signals.back().action.find("target"), std::string::npos);
}

TEST(CrossTicker, DecoupledLowVixBuysTheAtmStraddle) {
  const auto closes = tape(40, /*iwm_independent=*/true);
  CrossFixture f(CrossFixture::window_at(closes.size() - 1));
  f.run(closes, 13.0);
  ASSERT_EQ(f.h.gw.intents.size(), 1u) << f.h.last_suppression();
  const auto& in = f.h.gw.intents[0];
  const double spot = closes.back()[0];
  const int atm = static_cast<int>(std::lround(spot));
  ASSERT_EQ(in.leg_count, 2);
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(in.legs[i].side, Side::kBuy);
  EXPECT_EQ(in.legs[0].instrument, f.o(0, atm, OptionRight::kPut));
  EXPECT_EQ(in.legs[1].instrument, f.o(0, atm, OptionRight::kCall));
  const double debit =
      f.mid(0, atm, OptionRight::kCall, spot) + f.mid(0, atm, OptionRight::kPut, spot);
  EXPECT_EQ(in.limit_price, px(std::round(debit * 100) / 100));
  // 2% x 1.25 (low VIX) of 100,000 = 2,500 over ~245 per straddle = 10 -> capped at 6.
  EXPECT_EQ(in.quantity.value, 6);
}

TEST(CrossTicker, IwmRunsAheadBearishIwmPutDebitSpread) {
  auto closes = tape(40);
  auto last = closes.back();
  last[2] *= 1.0006;  // IWM +0.06% while SPY and QQQ stand still
  closes.push_back(last);
  CrossFixture f(CrossFixture::window_at(closes.size() - 1));
  f.run(closes, 16.0, /*chain_for=*/2);
  ASSERT_EQ(f.h.gw.intents.size(), 1u) << f.h.last_suppression();
  const auto& in = f.h.gw.intents[0];
  const double spot = closes.back()[2];
  const int atm = static_cast<int>(std::lround(spot));
  ASSERT_EQ(in.leg_count, 2);
  // Buy the ATM put, sell the first put below with |delta| <= 0.30 (ATM-2: 0.28).
  EXPECT_EQ(in.legs[0].instrument, f.o(2, atm, OptionRight::kPut));
  EXPECT_EQ(in.legs[0].side, Side::kBuy);
  EXPECT_EQ(in.legs[1].instrument, f.o(2, atm - 2, OptionRight::kPut));
  EXPECT_EQ(in.legs[1].side, Side::kSell);
  const double debit =
      f.mid(2, atm, OptionRight::kPut, spot) - f.mid(2, atm - 2, OptionRight::kPut, spot);
  EXPECT_EQ(in.limit_price, px(std::round(debit * 100) / 100));
  EXPECT_EQ(f.h.sink.signals.at(0).direction, Direction::kShort);
  EXPECT_EQ(f.h.sink.signals.at(0).symbol, "IWM");
}

TEST(CrossTicker, OutsideTheWindowStaysOut) {
  core::config::ConfigTable late;
  late.set("entry_start", core::TimeOfDay{13, 0, 0});
  auto closes = tape(40);
  closes.push_back(closes.back());
  CrossFixture f(late);
  f.run(closes, 17.0);
  EXPECT_TRUE(f.h.gw.intents.empty());
  EXPECT_EQ(f.h.suppressions("outside_window"), 1u) << f.h.last_suppression();
}

TEST(CrossTicker, StaleVixStaysOut) {
  auto closes = tape(40);
  closes.push_back(closes.back());
  CrossFixture f(CrossFixture::window_at(closes.size() - 1));
  f.run(closes, 17.0, 0, /*vix_bars=*/5);  // VIX last seen at 09:42
  EXPECT_TRUE(f.h.gw.intents.empty());
  ASSERT_EQ(f.h.suppressions("stale_analytics"), 1u) << f.h.last_suppression();
  EXPECT_NE(f.h.last_suppression().find("VIX last updated"), std::string::npos);
}

TEST(CrossTicker, ExtremeVixIsAnEmergency) {
  auto closes = tape(40);
  closes.push_back(closes.back());
  CrossFixture f(CrossFixture::window_at(closes.size() - 1));
  f.run(closes, 40.0);
  EXPECT_TRUE(f.h.gw.intents.empty());
  EXPECT_EQ(f.h.suppressions("vix_extreme"), 1u) << f.h.last_suppression();
}

TEST(CrossTicker, StrikeRulesOrSpreadsFailingStayOut) {
  auto closes = tape(40);
  closes.push_back(closes.back());
  CrossFixture flat(CrossFixture::window_at(closes.size() - 1));
  flat.flat_deltas = true;  // every |delta| 0.5: no condor short strike within ATM +- 10
  flat.run(closes, 17.0);
  EXPECT_TRUE(flat.h.gw.intents.empty());
  ASSERT_EQ(flat.h.suppressions("filters_failed"), 1u) << flat.h.last_suppression();
  EXPECT_NE(flat.h.last_suppression().find("ATM+-10"), std::string::npos)
      << flat.h.last_suppression();

  CrossFixture wide(CrossFixture::window_at(closes.size() - 1));
  wide.half_spread = 0.30;  // 0.60 wide
  wide.run(closes, 17.0);
  EXPECT_TRUE(wide.h.gw.intents.empty());
  ASSERT_EQ(wide.h.suppressions("filters_failed"), 1u) << wide.h.last_suppression();
  EXPECT_NE(wide.h.last_suppression().find("max_spread"), std::string::npos);
}

}  // namespace
}  // namespace zerodte::strategy::ms_test
