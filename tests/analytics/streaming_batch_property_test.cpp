// Property: every streaming indicator equals its batch reference (written independently from the
// definition) on random series, bar by bar, including where the warm-up ends.
#include <gtest/gtest.h>

#include <cmath>

#include "analytics/random_bars.hpp"
#include "zerodte/analytics/batch.hpp"

namespace zerodte::analytics {
namespace {

using testing::random_bars;

void expect_same(double stream, double batch, const char* what, std::size_t i) {
  if (std::isnan(batch) || std::isnan(stream)) {
    EXPECT_EQ(std::isnan(stream), std::isnan(batch)) << what << " warm-up differs at bar " << i;
    return;
  }
  EXPECT_NEAR(stream, batch, 1e-9 * std::max(1.0, std::fabs(batch))) << what << " at bar " << i;
}

struct Columns {
  std::vector<double> o, h, l, c, v;
};
Columns columns(const std::vector<BarInput>& bars) {
  Columns k;
  for (const auto& b : bars) {
    k.o.push_back(b.open), k.h.push_back(b.high), k.l.push_back(b.low), k.c.push_back(b.close);
    k.v.push_back(b.volume);
  }
  return k;
}

class StreamingEqualsBatch : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(StreamingEqualsBatch, FullIndicatorSet) {
  const auto bars = random_bars(5000, GetParam(), 120);
  IndicatorSetConfig cfg;
  cfg.extremum_max_samples = 45;  // exercise the sample bound as well as the time span
  cfg.extremum_span = std::chrono::minutes(60);
  const auto ref = batch::indicator_set(bars, cfg);
  IndicatorSet set(cfg);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const IndicatorValues& s = set.update(bars[i]);
    const IndicatorValues& r = ref[i];
#define ZDTE_SAME(field) expect_same(s.field, r.field, #field, i)
    ZDTE_SAME(sma_20), ZDTE_SAME(ema_9), ZDTE_SAME(ema_20), ZDTE_SAME(rsi_14);
    ZDTE_SAME(macd), ZDTE_SAME(macd_signal), ZDTE_SAME(macd_hist);
    ZDTE_SAME(bb_upper), ZDTE_SAME(bb_middle), ZDTE_SAME(bb_lower);
    ZDTE_SAME(atr_14), ZDTE_SAME(adx_14), ZDTE_SAME(plus_di_14), ZDTE_SAME(minus_di_14);
    ZDTE_SAME(vwap), ZDTE_SAME(stoch_k), ZDTE_SAME(stoch_d), ZDTE_SAME(obv);
    ZDTE_SAME(volume_ratio_20), ZDTE_SAME(rv_close_20), ZDTE_SAME(rv_parkinson_20);
    ZDTE_SAME(hour_high), ZDTE_SAME(hour_low);
#undef ZDTE_SAME
    if (::testing::Test::HasFailure()) return;  // one bar's report is enough
  }
}

TEST_P(StreamingEqualsBatch, SingleIndicatorsOtherParameters) {
  const auto bars = random_bars(3000, GetParam() + 100);
  const Columns k = columns(bars);
  for (const int n : {1, 2, 5, 14, 50}) {
    Sma sma(n);
    Wma wma(n);
    Ema ema(n), ema_first(n, EmaSeed::kFirstValue);
    const auto rs = batch::sma(k.c, n), rw = batch::wma(k.c, n), re = batch::ema(k.c, n),
               rf = batch::ema(k.c, n, true), rmax = batch::rolling_max(k.h, n),
               rmin = batch::rolling_min(k.l, n);
    auto mx = RollingExtremum::count_window(RollingExtremum::Kind::kMax, n);
    auto mn = RollingExtremum::count_window(RollingExtremum::Kind::kMin, n);
    for (std::size_t i = 0; i < bars.size(); ++i) {
      expect_same(sma.update(k.c[i]) ? sma.value() : kNaN, rs[i], "sma", i);
      expect_same(wma.update(k.c[i]) ? wma.value() : kNaN, rw[i], "wma", i);
      expect_same(ema.update(k.c[i]) ? ema.value() : kNaN, re[i], "ema", i);
      expect_same(ema_first.update(k.c[i]) ? ema_first.value() : kNaN, rf[i], "ema_first", i);
      expect_same(mx.update(k.h[i]) ? mx.value() : kNaN, rmax[i], "max", i);
      expect_same(mn.update(k.l[i]) ? mn.value() : kNaN, rmin[i], "min", i);
    }
  }
  for (const int n : {2, 7, 21}) {
    Rsi rsi(n);
    Atr atr(n);
    const auto rr = batch::rsi(k.c, n), ra = batch::atr(k.h, k.l, k.c, n);
    for (std::size_t i = 0; i < bars.size(); ++i) {
      expect_same(rsi.update(k.c[i]) ? rsi.value() : kNaN, rr[i], "rsi", i);
      expect_same(atr.update(k.h[i], k.l[i], k.c[i]) ? atr.value() : kNaN, ra[i], "atr", i);
    }
    for (const auto seed : {WilderSeed::kWilderSum, WilderSeed::kTaLib, WilderSeed::kTulip}) {
      Adx adx(n, seed);
      const auto rd = batch::adx(k.h, k.l, k.c, n, seed);
      for (std::size_t i = 0; i < bars.size(); ++i) {
        adx.update(k.h[i], k.l[i], k.c[i]);
        expect_same(adx.di_ready() ? adx.plus_di() : kNaN, rd.plus_di[i], "+di", i);
        expect_same(adx.di_ready() ? adx.minus_di() : kNaN, rd.minus_di[i], "-di", i);
        expect_same(adx.di_ready() ? adx.dx() : kNaN, rd.dx[i], "dx", i);
        expect_same(adx.ready() ? adx.adx() : kNaN, rd.adx[i], "adx", i);
      }
    }
  }
  Macd macd(MacdConfig{5, 13, 4});
  const auto rm = batch::macd(k.c, 5, 13, 4);
  Stochastic st(StochasticConfig{5, 3, 4});
  const auto rst = batch::stochastic(k.h, k.l, k.c, 5, 3, 4);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const bool m = macd.update(k.c[i]);
    expect_same(m ? macd.macd() : kNaN, rm.macd[i], "macd", i);
    expect_same(m ? macd.signal() : kNaN, rm.signal[i], "signal", i);
    const bool s = st.update(k.h[i], k.l[i], k.c[i]);
    expect_same(s ? st.k() : kNaN, rst.k[i], "%K", i);
    expect_same(s ? st.d() : kNaN, rst.d[i], "%D", i);
  }
}

TEST(StreamingEqualsBatchLong, NoDriftOverHalfAMillionUpdates) {
  // Running sums are re-synchronised; after 5e5 updates the rolling mean/stddev still match a
  // fresh two-pass computation of the final window.
  const auto bars = random_bars(500'000, 7);
  Bollinger bb;
  Wma wma(20);
  for (const auto& b : bars)
    bb.update(b.close), wma.update(b.close);
  std::vector<double> tail;
  for (std::size_t i = bars.size() - 20; i < bars.size(); ++i)
    tail.push_back(bars[i].close);
  const auto rb = batch::bollinger(tail, 20, 2.0);
  const auto rw = batch::wma(tail, 20);
  EXPECT_NEAR(bb.middle(), rb.middle[19], 1e-12 * rb.middle[19]);
  EXPECT_NEAR(bb.upper(), rb.upper[19], 1e-10 * rb.upper[19]);
  EXPECT_NEAR(wma.value(), rw[19], 1e-12 * rw[19]);
}

INSTANTIATE_TEST_SUITE_P(Seeds, StreamingEqualsBatch, ::testing::Values(1u, 2u, 3u));

}  // namespace
}  // namespace zerodte::analytics
