#include "zerodte/analytics/regime.hpp"

#include <algorithm>
#include <cmath>

namespace zerodte::analytics {

std::string_view to_string(VolRegime r) {
  constexpr std::string_view kNames[] = {"low", "normal", "elevated", "high", "extreme"};
  return kNames[static_cast<int>(r)];
}

std::string_view to_string(MarketState s) {
  constexpr std::string_view kNames[] = {"unknown", "trending", "mean_reverting"};
  return kNames[static_cast<int>(s)];
}

VolRegime classify_vix(double vix, double vix_change, const VolRegimeConfig& cfg) {
  int level = 0;
  while (level < 4 && vix >= cfg.thresholds[static_cast<std::size_t>(level)])
    ++level;
  if (vix_change >= cfg.spike_change && level < 4) ++level;
  return static_cast<VolRegime>(level);
}

double position_size_multiplier(VolRegime r) {
  constexpr double kMult[] = {1.25, 1.00, 0.75, 0.50, 0.25};
  return kMult[static_cast<int>(r)];
}

MarketRegimeClassifier::MarketRegimeClassifier(MarketRegimeConfig cfg)
    : cfg_(cfg),
      ema_(cfg.ema_period),
      atr_(14),
      vol_(cfg.vol_window, cfg.periods_per_year),
      ema_history_(static_cast<std::size_t>(cfg.slope_bars + 1)),
      vol_history_(static_cast<std::size_t>(cfg.vol_lookback)) {}

const MarketRegime& MarketRegimeClassifier::update(double high, double low, double close,
                                                   double liquidity_score) {
  MarketRegime& r = regime_;
  if (ema_.update(close)) ema_history_.push(ema_.value());
  atr_.update(high, low, close);
  if (vol_.update(close)) {
    const double v = vol_.value();
    vol_history_.push(v);
    std::size_t below = 0;
    for (std::size_t i = 0; i < vol_history_.size(); ++i)
      below += vol_history_[i] <= v;
    r.vol_percentile = static_cast<double>(below) / static_cast<double>(vol_history_.size());
    r.vol_confidence =
        static_cast<double>(vol_history_.size()) / static_cast<double>(cfg_.vol_lookback);
  }
  r.liquidity = std::clamp(liquidity_score, 0.0, 1.0);
  r.liquidity_confidence = r.liquidity;
  if (!ema_history_.full() || !atr_.ready() || vol_history_.empty() || atr_.value() <= 0) {
    r.state = MarketState::kUnknown;
    r.confidence = 0;
    return r;
  }
  r.trend_strength = std::fabs(ema_history_.back() - ema_history_.front()) / atr_.value();
  r.trend_confidence =
      std::min(1.0, std::fabs(r.trend_strength - cfg_.trend_threshold) / cfg_.trend_threshold);
  const bool trending =
      r.trend_strength >= cfg_.trend_threshold && r.vol_percentile < cfg_.max_trend_vol_pct;
  r.state = trending ? MarketState::kTrending : MarketState::kMeanReverting;
  r.confidence = std::min({r.vol_confidence, r.trend_confidence, r.liquidity_confidence});
  return r;
}

}  // namespace zerodte::analytics
