#include "zerodte/strategy/market_structure/swing_model.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace zerodte::strategy::market_structure {

SwingSetupDetector::SwingSetupDetector(SwingConfig cfg)
    : cfg_(cfg),
      ema_(cfg.trend_period),
      rsi_(cfg.rsi_period),
      atr_(14),
      volume_(cfg.trend_period),
      ema_hist_(static_cast<std::size_t>(cfg.slope_days + 1)),
      rsi_hist_(static_cast<std::size_t>(std::max(1, cfg.setup_lookback))) {}

SwingSetup SwingSetupDetector::update(double high, double low, double close, double volume) {
  SwingSetup s;
  const double prev = prev_close_;
  prev_close_ = close;
  atr_.update(high, low, close);
  volume_.update(volume);
  if (ema_.update(close)) ema_hist_.push(ema_.value());
  if (rsi_.update(close)) rsi_hist_.push(rsi_.value());
  if (!ema_hist_.full() || !rsi_hist_.full() || !atr_.ready() || !volume_.ready()) {
    trend_ = 0;
    s.reason = "warming up (trend EMA, RSI, ATR, volume)";
    return s;
  }
  const double e = ema_.value();
  const double slope = e - ema_hist_.front();
  const double min_slope = cfg_.min_slope_atr * atr_.value();
  trend_ = close > e && slope >= min_slope ? 1 : close < e && slope <= -min_slope ? -1 : 0;
  s.ema = e;
  s.rsi = rsi_.value();
  s.atr = atr_.value();
  s.reference = close;
  if (trend_ == 0) {
    s.reason =
        fmt::format("no higher-timeframe trend: close {:.2f} vs EMA{} {:.2f} (slope {:+.2f})",
                    close, cfg_.trend_period, e, slope);
    return s;
  }
  double extreme = trend_ > 0 ? 100 : 0;
  for (std::size_t i = 0; i < rsi_hist_.size(); ++i)
    extreme = trend_ > 0 ? std::min(extreme, rsi_hist_[i]) : std::max(extreme, rsi_hist_[i]);
  const bool pulled_back =
      trend_ > 0 ? extreme <= cfg_.pullback_rsi : extreme >= 100 - cfg_.pullback_rsi;
  const bool turned = trend_ > 0 ? close > prev : close < prev;
  if (!pulled_back || !turned) {
    s.reason = fmt::format("{} trend, no pullback setup: RSI extreme {:.1f} (needs {} {:.0f}), {}",
                           trend_ > 0 ? "up" : "down", extreme, trend_ > 0 ? "<=" : ">=",
                           trend_ > 0 ? cfg_.pullback_rsi : 100 - cfg_.pullback_rsi,
                           turned ? "turned" : "no turn yet");
    return s;
  }
  if (volume_.value() < cfg_.min_avg_volume) {
    s.blocked = true;
    s.reason = fmt::format("{} pullback setup, but average volume {:.0f} < {:.0f}",
                           trend_ > 0 ? "long" : "short", volume_.value(), cfg_.min_avg_volume);
    return s;
  }
  s.direction = trend_;
  s.stop = close - trend_ * cfg_.stop_atr * s.atr;
  s.target = close + trend_ * cfg_.target_atr * s.atr;
  s.reason = fmt::format(
      "{} swing: close {:.2f} {} EMA{} {:.2f} (rising {:+.2f}), RSI pulled back to {:.1f} and "
      "turned; ATR {:.2f}",
      trend_ > 0 ? "long" : "short", close, trend_ > 0 ? "above" : "below", cfg_.trend_period, e,
      slope, extreme, s.atr);
  return s;
}

SwingPlan plan_swing(const SwingConfig& cfg, const SwingSetup& setup, double equity,
                     double open_heat, int open_swings, double tick) {
  SwingPlan p;
  if (setup.direction == 0 || !(setup.atr > 0) || !(equity > 0)) {
    p.reason = "no setup to plan";
    return p;
  }
  if (open_swings >= cfg.max_open) {
    p.reason = fmt::format("{} swings open (max {})", open_swings, cfg.max_open);
    return p;
  }
  const double stop_dist = cfg.stop_atr * setup.atr;
  const double heat_room = equity * cfg.max_heat_pct / 100.0 - open_heat;
  const double risk_budget = std::min(equity * cfg.risk_pct / 100.0, heat_room);
  const auto qty = static_cast<std::int64_t>(std::floor(risk_budget / stop_dist + 1e-9));
  if (qty < 4) {  // the 25/50/25 ladder needs whole rungs
    p.reason = fmt::format("heat {:.2f} of {:.0f}% cap leaves {:.2f}: {} shares, too few to ladder",
                           open_heat, cfg.max_heat_pct, std::max(heat_room, 0.0), qty);
    return p;
  }
  auto round_tick = [&](double x) { return std::round(x / tick) * tick; };
  std::int64_t assigned = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    auto& r = p.rungs[i];
    r.limit = round_tick(setup.reference - setup.direction * static_cast<double>(i) *
                                               cfg.ladder_step_atr * setup.atr);
    r.quantity =
        i == 2 ? qty - assigned
               : static_cast<std::int64_t>(std::floor(static_cast<double>(qty) * cfg.ladder[i]));
    assigned += r.quantity;
  }
  p.quantity = qty;
  p.risk = static_cast<double>(qty) * stop_dist;
  p.reason = fmt::format(
      "{} shares ({}/{}/{}) risking {:.2f} to the stop; heat {:.2f} -> {:.2f} "
      "(cap {:.0f}%)",
      qty, p.rungs[0].quantity, p.rungs[1].quantity, p.rungs[2].quantity, p.risk, open_heat,
      open_heat + p.risk, cfg.max_heat_pct);
  return p;
}

}  // namespace zerodte::strategy::market_structure
