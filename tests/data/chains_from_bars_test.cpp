#include "zerodte/data/sim/chains_from_bars.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "zerodte/analytics/bar_csv.hpp"

namespace zerodte::data::sim {
namespace {

TEST(ChainsFromBars, QuotesAroundRealBarsCalibratedToRealizedVol) {
  model::InstrumentRegistry reg;
  analytics::BarCsvOptions bo;
  bo.instrument = *reg.intern_us_symbol("SPY");
  auto series = analytics::read_bar_csv(
      std::string(ZERODTE_SHARED_DATA) + "/bars/intraday-1m/eqker_SPY_1min_2019-02.csv", bo);
  ASSERT_TRUE(series.has_value()) << series.error().to_string();
  std::vector<model::Bar> bars(series->bars.begin(), series->bars.begin() + 2 * 390);
  // Realized vol of these bars (annualised), the calibration's target.
  double ss = 0;
  for (std::size_t i = 1; i < bars.size(); ++i) {
    const double r = std::log(bars[i].close.to_double() / bars[i - 1].close.to_double());
    ss += r * r;
  }
  const double rv = std::sqrt(ss / static_cast<double>(bars.size() - 1) * 252 * 390);
  ChainsFromBarsConfig cfg;
  cfg.every_n_bars = 30;
  cfg.strikes_each_side = 3;
  cfg.dte = {0, 7};
  cfg.ewma_halflife_bars = 200;
  auto src = ChainsFromBarsSource::create(bars, "SPY", reg, cfg);
  ASSERT_TRUE(src.has_value());
  std::size_t n_bars = 0, n_quotes = 0;
  double last_close = 0;
  while (auto e = (*src)->next()) {
    if (const auto* b = std::get_if<model::Bar>(&*e)) {
      ++n_bars;
      last_close = b->close.to_double();
    } else if (const auto* q = std::get_if<model::OptionQuote>(&*e)) {
      ++n_quotes;
      const auto& o = *reg.get(q->hdr.instrument).option;
      EXPECT_LE(std::abs(o.strike.to_double() - last_close), 3.5);  // centred on the bar
      EXPECT_LT(q->bid, q->ask);
      EXPECT_NEAR(q->underlying_price.to_double(), last_close, 1e-9);
    }
  }
  EXPECT_EQ(n_bars, bars.size());
  EXPECT_GT(n_quotes, 26u * 7 * 2 * 2 / 2);
  EXPECT_NEAR((*src)->calibrated_vol(), rv, 0.5 * rv);
}

}  // namespace
}  // namespace zerodte::data::sim
