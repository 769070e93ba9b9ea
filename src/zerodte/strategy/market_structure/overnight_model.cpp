#include "zerodte/strategy/market_structure/overnight_model.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace zerodte::strategy::market_structure {

OvernightModel::OvernightModel(OvernightConfig cfg)
    : cfg_(cfg), regime_(cfg.regime), rv_(cfg.rv_window, cfg.regime.periods_per_year) {}

void OvernightModel::new_day() {
  day_open_ = 0;
  rv_.reset();  // realized vol of today's tape only (no overnight gap in it)
}

void OvernightModel::on_bar(double open, double high, double low, double close, double liq) {
  if (!(close > 0)) return;
  if (day_open_ <= 0) day_open_ = open > 0 ? open : close;
  regime_.update(high, low, close, liq);
  rv_.update(close);
  last_close_ = close;
}

OvernightSignal OvernightModel::evaluate(double implied_vol) const {
  OvernightSignal s;
  s.regime = regime_.regime();
  s.implied_vol = implied_vol;
  if (!(day_open_ > 0) || !rv_.ready()) {
    s.reason = fmt::format("not enough of today's bars for a {}-bar realized vol", cfg_.rv_window);
    return s;
  }
  s.day_move_pct = (last_close_ / day_open_ - 1) * 100;
  s.realized_vol = rv_.value();
  s.gap = s.realized_vol - implied_vol;
  if (s.regime.state != analytics::MarketState::kTrending ||
      s.regime.confidence < cfg_.min_regime_confidence) {
    s.reason = fmt::format("end-of-day regime {} (confidence {:.2f}) is not trending >= {:.2f}",
                           analytics::to_string(s.regime.state), s.regime.confidence,
                           cfg_.min_regime_confidence);
    return s;
  }
  if (std::abs(s.day_move_pct) < cfg_.min_day_move_pct) {
    s.reason = fmt::format("day move {:+.2f}% smaller than {:.2f}%", s.day_move_pct,
                           cfg_.min_day_move_pct);
    return s;
  }
  if (!(implied_vol > 0)) {
    s.reason = "no 1DTE implied vol";
    return s;
  }
  if (s.gap < cfg_.min_iv_rv_gap) {
    s.reason = fmt::format("realized {:.3f} - implied {:.3f} = {:+.3f} < {:.3f}: not cheap",
                           s.realized_vol, implied_vol, s.gap, cfg_.min_iv_rv_gap);
    return s;
  }
  s.direction = s.day_move_pct > 0 ? 1 : -1;
  s.reason = fmt::format(
      "end-of-day regime trending (confidence {:.2f}), day {:+.2f}%, realized {:.3f} vs 1DTE "
      "implied {:.3f} (gap {:+.3f} >= {:.3f})",
      s.regime.confidence, s.day_move_pct, s.realized_vol, implied_vol, s.gap, cfg_.min_iv_rv_gap);
  return s;
}

MarginSizing overnight_contracts(const OvernightConfig& cfg, double equity, double margin_in_use,
                                 double premium, std::int64_t multiplier) {
  MarginSizing m;
  const double per_contract = premium * static_cast<double>(multiplier);
  if (!(per_contract > 0) || !(equity > 0)) {
    m.reason = "no premium or equity to size from";
    return m;
  }
  const double room = equity * cfg.margin_cap_pct / 100.0 - margin_in_use;
  const double allot = std::min(equity * cfg.position_pct / 100.0, room);
  m.contracts =
      std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(allot / per_contract + 1e-9)));
  m.reason = m.contracts == 0
                 ? fmt::format(
                       "margin in use {:.2f} leaves {:.2f} under the {:.0f}% cap: less "
                       "than one contract ({:.2f})",
                       margin_in_use, std::max(room, 0.0), cfg.margin_cap_pct, per_contract)
                 : fmt::format(
                       "{} contracts x {:.2f} within {:.2f} (position {:.0f}%, margin cap "
                       "{:.0f}%)",
                       m.contracts, per_contract, allot, cfg.position_pct, cfg.margin_cap_pct);
  return m;
}

}  // namespace zerodte::strategy::market_structure
