#include "zerodte/analytics/indicator_set.hpp"

namespace zerodte::analytics {

IndicatorSet::IndicatorSet(IndicatorSetConfig cfg)
    : sma20_(20),
      ema9_(9),
      ema20_(20),
      rsi14_(14),
      macd_(MacdConfig{}),
      bb_(BollingerConfig{}),
      atr14_(14),
      adx14_(14, cfg.adx_seed),
      stoch_(StochasticConfig{}),
      vol_ratio_(20),
      rv_close_(20, cfg.periods_per_year),
      rv_parkinson_(20, cfg.periods_per_year),
      hour_high_(RollingExtremum::time_window(RollingExtremum::Kind::kMax, cfg.extremum_span,
                                              cfg.extremum_max_samples)),
      hour_low_(RollingExtremum::time_window(RollingExtremum::Kind::kMin, cfg.extremum_span,
                                             cfg.extremum_max_samples)) {}

const IndicatorValues& IndicatorSet::update(const BarInput& b) {
  ++bars_;
  IndicatorValues& v = values_;
  v.sma_20 = sma20_.update(b.close) ? sma20_.value() : kNaN;
  v.ema_9 = ema9_.update(b.close) ? ema9_.value() : kNaN;
  v.ema_20 = ema20_.update(b.close) ? ema20_.value() : kNaN;
  v.rsi_14 = rsi14_.update(b.close) ? rsi14_.value() : kNaN;
  if (macd_.update(b.close)) {
    v.macd = macd_.macd();
    v.macd_signal = macd_.signal();
    v.macd_hist = macd_.histogram();
  }
  if (bb_.update(b.close)) {
    const double mid = bb_.middle();
    const double sd = bb_.stddev();
    v.bb_middle = mid;
    v.bb_upper = mid + 2.0 * sd;
    v.bb_lower = mid - 2.0 * sd;
  }
  v.atr_14 = atr14_.update(b.high, b.low, b.close) ? atr14_.value() : kNaN;
  adx14_.update(b.high, b.low, b.close);
  if (adx14_.di_ready()) {
    v.plus_di_14 = adx14_.plus_di();
    v.minus_di_14 = adx14_.minus_di();
  }
  if (adx14_.ready()) v.adx_14 = adx14_.adx();
  if (b.session_key != session_key_) {
    session_key_ = b.session_key;
    vwap_.reset();
  }
  v.vwap = vwap_.update(b.high, b.low, b.close, b.volume) ? vwap_.value() : kNaN;
  if (stoch_.update(b.high, b.low, b.close)) {
    v.stoch_k = stoch_.k();
    v.stoch_d = stoch_.d();
  }
  v.obv = obv_.update(b.close, b.volume) ? obv_.value() : kNaN;
  v.volume_ratio_20 = vol_ratio_.update(b.volume) ? vol_ratio_.value() : kNaN;
  v.rv_close_20 = rv_close_.update(b.close) ? rv_close_.value() : kNaN;
  v.rv_parkinson_20 = rv_parkinson_.update(b.high, b.low) ? rv_parkinson_.value() : kNaN;
  hour_high_.update(b.high, b.ts);
  hour_low_.update(b.low, b.ts);
  v.hour_high = hour_high_.value();
  v.hour_low = hour_low_.value();
  return v;
}

}  // namespace zerodte::analytics
