// Market-structure detectors: correlation/divergence, VPIN, book imbalance and liquidity,
// volatility and market regimes, EWMA vol forecast, validation with outliers.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "zerodte/analytics/bar_csv.hpp"
#include "zerodte/analytics/book_metrics.hpp"
#include "zerodte/analytics/correlation.hpp"
#include "zerodte/analytics/regime.hpp"
#include "zerodte/analytics/validator.hpp"
#include "zerodte/analytics/vol_forecast.hpp"
#include "zerodte/analytics/vpin.hpp"

namespace zerodte::analytics {
namespace {

double pearson(const std::vector<double>& x, const std::vector<double>& y, std::size_t end,
               std::size_t n) {
  double mx = 0, my = 0;
  for (std::size_t i = end - n; i < end; ++i)
    mx += x[i], my += y[i];
  mx /= n, my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = end - n; i < end; ++i)
    sxy += (x[i] - mx) * (y[i] - my), sxx += (x[i] - mx) * (x[i] - mx),
        syy += (y[i] - my) * (y[i] - my);
  return sxy / std::sqrt(sxx * syy);
}

TEST(Correlation, MatchesTwoPassPearsonAndBeta) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> z(0, 0.001);
  std::vector<double> x, y;
  for (int i = 0; i < 3000; ++i) {
    x.push_back(z(rng));
    y.push_back(1.3 * x.back() + 0.5 * z(rng));
  }
  RollingCorrelation rc(60);
  for (std::size_t i = 0; i < x.size(); ++i) {
    rc.update(x[i], y[i]);
    if (i + 1 >= 60) {
      ASSERT_NEAR(rc.correlation(), pearson(x, y, i + 1, 60), 1e-9) << i;
    }
  }
  EXPECT_NEAR(rc.beta(), 1.3, 0.25);
  // A shock that breaks the relationship shows up as a large divergence z-score.
  rc.update(0.0, 0.01);
  EXPECT_GT(rc.divergence_z(), 8.0);
}

TEST(Correlation, SpyQqqMinuteReturnsFromRealBars) {
  const std::string dir = std::string(ZERODTE_SHARED_DATA) + "/bars/intraday-1m/";
  const auto spy = read_bar_csv(dir + "eqker_SPY_1min_2019-02.csv");
  const auto qqq = read_bar_csv(dir + "eqker_QQQ_1min_2019-02.csv");
  ASSERT_TRUE(spy && qqq);
  std::map<std::int64_t, double> q;
  for (const auto& b : qqq->bars)
    q[b.hdr.ts_event.ns] = b.close.to_double();
  RollingCorrelation rc(120);
  double prev_s = 0, prev_q = 0;
  std::int64_t prev_ts = 0;
  for (const auto& b : spy->bars) {
    const auto it = q.find(b.hdr.ts_event.ns);
    if (it == q.end()) continue;  // align on common minutes
    const double s = b.close.to_double();
    if (prev_ts != 0 && b.hdr.ts_event.ns - prev_ts == 60'000'000'000)
      rc.update(std::log(s / prev_s), std::log(it->second / prev_q));
    prev_s = s, prev_q = it->second, prev_ts = b.hdr.ts_event.ns;
  }
  ASSERT_TRUE(rc.ready());
  EXPECT_GT(rc.correlation(), 0.6);  // index ETFs move together minute by minute
  EXPECT_GT(rc.beta(), 0.5);
}

TEST(Correlation, SpyQqqIwmDailyMatrix) {
  // Same 2024-2026 dates in all three files: daily log returns, 60-day window.
  const std::string dir = std::string(ZERODTE_SHARED_DATA) + "/bars/daily/stockdatasave_";
  std::vector<std::map<std::int64_t, double>> closes(3);
  const char* names[] = {"SPY", "QQQ", "IWM"};
  for (int k = 0; k < 3; ++k) {
    const auto s = read_bar_csv(dir + names[k] + "_1d_2024-2026.csv");
    ASSERT_TRUE(s.has_value());
    for (const auto& b : s->bars)
      closes[k][b.hdr.ts_event.ns] = b.close.to_double();
  }
  CorrelationMatrix m(3, 60);
  std::vector<double> prev(3, 0.0);
  std::size_t used = 0;
  for (const auto& [ts, spy] : closes[0]) {
    if (!closes[1].count(ts) || !closes[2].count(ts)) continue;
    const double now[3] = {spy, closes[1].at(ts), closes[2].at(ts)};
    if (prev[0] > 0) {
      const double r[3] = {std::log(now[0] / prev[0]), std::log(now[1] / prev[1]),
                           std::log(now[2] / prev[2])};
      m.update(r);
      ++used;
    }
    std::copy(now, now + 3, prev.begin());
  }
  EXPECT_GT(used, 450u);
  ASSERT_TRUE(m.ready());
  EXPECT_GT(m.correlation(0, 1), 0.8);  // SPY-QQQ
  EXPECT_GT(m.correlation(0, 2), 0.5);  // SPY-IWM
  EXPECT_DOUBLE_EQ(m.correlation(2, 0), m.correlation(0, 2));
  EXPECT_EQ(m.correlation(1, 1), 1.0);
  EXPECT_GT(m.pair(0, 1).beta(), 0.8) << "QQQ moves at least as much as SPY";
}

TEST(Vpin, BucketsSplitTradesAndClassifyByTickRule) {
  Vpin v(VpinConfig{1000, 50, 30, 50});
  v.on_trade(100.00, 400);  // first trade: no reference, split 200/200
  v.on_trade(100.01, 400);  // uptick: buy
  v.on_trade(100.00, 400);  // downtick: sell; crosses the boundary (200 in bucket 1, 200 carried)
  ASSERT_EQ(v.buckets(), 1u);
  // bucket 1: buys 200 + 400 = 600, sells 200 + 200 = 400 -> |600 - 400| / 1000 = 0.2
  EXPECT_NEAR(v.value(), 0.2, 1e-12);
  EXPECT_FALSE(v.confident());
  Vpin all_buys;
  double px = 100;
  for (int i = 0; i < 40'000; ++i)
    all_buys.on_trade(px += 0.01, 100);
  EXPECT_EQ(all_buys.buckets(), 4000u);
  EXPECT_NEAR(all_buys.value(), 1.0, 1e-9);
  EXPECT_TRUE(all_buys.confident());
  Vpin balanced;
  for (int i = 0; i < 31 * 10; ++i)
    balanced.add(50, 50);
  EXPECT_EQ(balanced.buckets(), 31u);
  EXPECT_TRUE(balanced.confident()) << "confident once more than 30 buckets";
  EXPECT_NEAR(balanced.value(), 0.0, 1e-12);
}

TEST(Vpin, BulkVolumeClassification) {
  Vpin v(VpinConfig{1000, 50, 30, 20});
  std::mt19937_64 rng(3);
  std::normal_distribution<double> z(0, 0.05);
  for (int i = 0; i < 500; ++i)
    v.on_bar(100, 100 + z(rng), 1000);
  EXPECT_GT(v.value(), 0.2);  // |2 Phi(Z) - 1| averages about 0.6 for random bars...
  EXPECT_LT(v.value(), 0.9);  // ...but never the one-sided 1.0
  Vpin up(VpinConfig{1000, 50, 30, 20});
  for (int i = 0; i < 500; ++i)
    up.on_bar(100, 100 + 0.05 + 0.01 * (i % 3), 1000);
  EXPECT_GT(up.value(), 0.0);
}

model::BookDepth book(std::initializer_list<std::tuple<double, long, double, long>> levels) {
  model::BookDepth b;
  for (const auto& [bp, bs, ap, as] : levels) {
    auto& l = b.levels[b.depth++];
    l.bid_px = *core::Price::from_double(bp), l.bid_size = bs;
    l.ask_px = *core::Price::from_double(ap), l.ask_size = as;
  }
  return b;
}

TEST(BookMetrics, ImbalanceSpreadAndLiquidity) {
  const auto b = book({{99.99, 3000, 100.01, 1000}, {99.98, 2000, 100.02, 2000}});
  const auto m = book_metrics(b, LiquidityConfig{5, 5.0, 8000});
  ASSERT_TRUE(m.has_value());
  EXPECT_NEAR(m->mid, 100.0, 1e-12);
  EXPECT_NEAR(m->spread_bps, 2.0, 1e-9);
  EXPECT_NEAR(m->imbalance_top, 0.5, 1e-12);
  EXPECT_NEAR(m->imbalance, (5000.0 - 3000.0) / 8000.0, 1e-12);
  EXPECT_NEAR(m->liquidity_score, 1.0 / (1.0 + 2.0 / 5.0) * 1.0, 1e-12);
  EXPECT_FALSE(book_metrics(book({{100.02, 10, 100.01, 10}})).has_value()) << "crossed";
  EXPECT_FALSE(book_metrics(model::BookDepth{}).has_value());
}

TEST(Regime, VixThresholdsAndRealHistory) {
  EXPECT_EQ(classify_vix(12, 0), VolRegime::kLow);
  EXPECT_EQ(classify_vix(15, 0), VolRegime::kNormal);
  EXPECT_EQ(classify_vix(24.99, 0), VolRegime::kElevated);
  EXPECT_EQ(classify_vix(29, 0), VolRegime::kHigh);
  EXPECT_EQ(classify_vix(30, 0), VolRegime::kExtreme);
  EXPECT_EQ(classify_vix(16, 0.25), VolRegime::kElevated) << "a +25% VIX jump bumps one level";
  EXPECT_EQ(position_size_multiplier(VolRegime::kHigh), 0.5);
  const auto vix = read_bar_csv(std::string(ZERODTE_SHARED_DATA) + "/bars/daily/VIX_History.csv");
  ASSERT_TRUE(vix.has_value());
  std::map<std::string, VolRegime> by_date;
  double prev = 0;
  for (const auto& b : vix->bars) {
    const double c = b.close.to_double();
    by_date[core::TradingCalendar::nyse().local_date(b.hdr.ts_event).to_string()] =
        classify_vix(c, prev > 0 ? c / prev - 1 : 0);
    prev = c;
  }
  EXPECT_EQ(by_date.at("2008-11-20"), VolRegime::kExtreme);  // VIX closed above 80
  EXPECT_EQ(by_date.at("2017-11-03"), VolRegime::kLow);      // VIX near 9
  EXPECT_EQ(by_date.at("2020-03-16"), VolRegime::kExtreme);
}

TEST(Regime, TrendVersusMeanReversionAndWeakestConfidence) {
  MarketRegimeConfig cfg;
  cfg.vol_lookback = 50;
  MarketRegimeClassifier trend(cfg), chop(cfg);
  for (int i = 0; i < 400; ++i) {
    const double p = 100 + 0.05 * i + 0.02 * std::sin(i);
    trend.update(p + 0.03, p - 0.03, p, 0.9);
    const double q = 100 + 0.5 * std::sin(i * 0.7);
    chop.update(q + 0.03, q - 0.03, q, 0.4);
  }
  EXPECT_EQ(trend.regime().state, MarketState::kTrending);
  EXPECT_EQ(chop.regime().state, MarketState::kMeanReverting);
  for (const auto* c : {&trend, &chop}) {
    const auto& r = c->regime();
    EXPECT_DOUBLE_EQ(r.confidence,
                     std::min({r.vol_confidence, r.trend_confidence, r.liquidity_confidence}));
  }
  EXPECT_LE(chop.regime().confidence, 0.4) << "liquidity 0.4 caps the confidence";
}

TEST(VolForecast, EwmaBlendAndErrorTracking) {
  VolForecaster f(VolForecastConfig{0.94, 0.97, 252, 5});
  // Constant |return| 1%: realized EWMA vol = 0.01 * sqrt(252) whatever the signs.
  for (int i = 0; i < 50; ++i)
    f.update(i % 2 ? 0.01 : -0.01);
  ASSERT_TRUE(f.ready());
  EXPECT_NEAR(f.realized_vol(), 0.01 * std::sqrt(252.0), 1e-12);
  EXPECT_NEAR(f.forecast(), f.realized_vol(), 1e-12);
  EXPECT_NEAR(f.error().rmse, 0.0, 1e-12) << "a perfect forecast has no error";
  // With an implied vol 5 points above realized, the forecast stays at realized (spread learned).
  for (int i = 0; i < 200; ++i)
    f.update(i % 2 ? 0.01 : -0.01, 0.01 * std::sqrt(252.0) + 0.05);
  EXPECT_NEAR(f.spread(), 0.05, 1e-9);
  EXPECT_NEAR(f.forecast(), f.realized_vol(), 1e-9);
  // A regime change produces tracked error.
  for (int i = 0; i < 5; ++i)
    f.update(0.03, 0.0);
  EXPECT_GT(f.error().mae, 0.0);
  EXPECT_LT(f.error().bias, 0.0) << "forecasts were below the realized jump";
}

TEST(Validator, RejectsWithReasonsAndCounts) {
  Validator v(ValidatorConfig{6.0, 100, 30, false});
  auto bar = [](std::int64_t minute, double c) {
    model::Bar b;
    b.hdr.ts_event = core::Timestamp{minute * core::kNanosPerMinute};
    const auto p = *core::Price::from_double(c);
    b.open = b.high = b.low = b.close = p;
    b.volume = 10;
    return b;
  };
  std::mt19937_64 rng(1);
  std::normal_distribution<double> z(0, 0.0005);
  double px = 100;
  std::int64_t t = 1;
  for (; t < 200; ++t)
    ASSERT_FALSE(v.check(bar(t, px *= std::exp(z(rng)))).has_value());
  EXPECT_EQ(v.check(bar(t++, px * 1.05)), RejectReason::kOutlier) << "a 5% print in a calm tape";
  EXPECT_FALSE(v.check(bar(t++, px)).has_value()) << "back to normal: the spike was a bad print";
  EXPECT_EQ(v.check(bar(t - 1, px)), RejectReason::kNotMonotonic);
  EXPECT_EQ(v.check(bar(t++, px * 0.9)), RejectReason::kOutlier);
  EXPECT_FALSE(v.check(bar(t++, px * 0.9)).has_value()) << "confirmed level shift is accepted";
  auto broken = bar(t++, px);
  broken.low = *core::Price::from_double(px * 1.01);
  EXPECT_EQ(v.check(broken), RejectReason::kHighBelowLow);
  EXPECT_EQ(v.rejected(RejectReason::kOutlier), 2u);
  EXPECT_EQ(v.rejected_total(), 4u);
  model::Trade tr;
  tr.hdr.ts_event = core::Timestamp{t * core::kNanosPerMinute};
  tr.price = *core::Price::from_double(px * 0.9);
  tr.size = 0;
  EXPECT_EQ(v.check(tr), RejectReason::kNonPositiveSize);
}

TEST(Validator, OpeningGapsAreNotOutliersWithACalendar) {
  const auto& cal = core::TradingCalendar::nyse();
  Validator with(ValidatorConfig{6.0, 100, 30, true}, &cal);
  Validator without(ValidatorConfig{6.0, 100, 30, false});
  std::mt19937_64 rng(2);
  std::normal_distribution<double> z(0, 0.0003);
  double px = 100;
  for (const core::Date d : {core::Date{2025, 3, 13}, core::Date{2025, 3, 14}}) {
    const auto s = *cal.session(d);
    px *= 1.03;  // 3% overnight gap
    for (int m = 0; m < 120; ++m) {
      model::Bar b;
      b.hdr.ts_event = s.open + std::chrono::minutes(m);
      b.open = b.high = b.low = b.close = *core::Price::from_double(px *= std::exp(z(rng)));
      EXPECT_FALSE(with.check(b).has_value()) << d.to_string() << " minute " << m;
      without.check(b);
    }
  }
  EXPECT_EQ(with.rejected_total(), 0u);
  EXPECT_EQ(without.rejected(RejectReason::kOutlier), 1u) << "without sessions the gap looks bad";
  model::Bar pre;
  pre.hdr.ts_event = cal.session({2025, 3, 17})->open - std::chrono::minutes(30);
  pre.open = pre.high = pre.low = pre.close = *core::Price::from_double(px);
  EXPECT_EQ(with.check(pre), RejectReason::kOutsideSession);
}

}  // namespace
}  // namespace zerodte::analytics
