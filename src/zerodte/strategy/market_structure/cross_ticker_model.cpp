#include "zerodte/strategy/market_structure/cross_ticker_model.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "zerodte/core/assert.hpp"

namespace zerodte::strategy::market_structure {

std::string_view to_string(CrossView v) {
  constexpr std::string_view kNames[] = {"none", "bullish", "bearish", "range_bound",
                                         "vol_expansion"};
  return kNames[static_cast<int>(v)];
}

CrossTickerEngine::CrossTickerEngine(CrossTickerConfig cfg, std::size_t n_tickers)
    : cfg_(cfg), matrix_(n_tickers, cfg.window), prev_(n_tickers), returns_(n_tickers) {
  ZDTE_ASSERT(n_tickers >= 2, "cross-ticker engine needs at least two tickers");
}

bool CrossTickerEngine::update(std::span<const double> closes) {
  ZDTE_ASSERT(closes.size() == prev_.size(), "one close per ticker");
  for (double c : closes)
    if (!(c > 0)) return ready();  // a missing or bad close: skip the bar, keep the window
  bool out = ready();
  if (has_prev_) {
    for (std::size_t k = 0; k < closes.size(); ++k)
      returns_[k] = std::log(closes[k] / prev_[k]);
    corr_before_.clear();
    for (std::size_t i = 0; i < prev_.size(); ++i)
      for (std::size_t j = i + 1; j < prev_.size(); ++j)
        corr_before_.push_back(matrix_.ready() ? matrix_.correlation(i, j) : 0.0);
    out = matrix_.update(returns_);
    ++bars_;
  }
  std::copy(closes.begin(), closes.end(), prev_.begin());
  has_prev_ = true;
  return out;
}

double CrossTickerEngine::threshold(analytics::VolRegime r) const {
  const auto i = static_cast<std::size_t>(r);
  return i < cfg_.z_thresholds.size() ? cfg_.z_thresholds[i] : INFINITY;
}

CrossSignal CrossTickerEngine::evaluate(double vix, double vix_change) const {
  CrossSignal s;
  s.regime = analytics::classify_vix(vix, vix_change, cfg_.vix);
  s.threshold = threshold(s.regime);
  if (!ready()) {
    s.reason = fmt::format("correlation window not full ({}/{} bars)", bars_, cfg_.window);
    return s;
  }
  if (s.regime == analytics::VolRegime::kExtreme) {
    s.reason = fmt::format("VIX {:.2f} is in the extreme regime: emergency, no new trades", vix);
    return s;
  }
  const std::size_t n = matrix_.size();
  double min_corr = 1, max_abs_z = 0;
  int bi = -1, bj = -1;
  double best_z = 0, best_corr = 0;
  std::size_t pair_index = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j, ++pair_index) {
      const auto& p = matrix_.pair(i, j);
      const double c = p.correlation();
      const double c_before = pair_index < corr_before_.size() ? corr_before_[pair_index] : 0.0;
      const double z = p.divergence_z();
      min_corr = std::min(min_corr, c);
      if (!std::isfinite(z)) continue;
      max_abs_z = std::max(max_abs_z, std::abs(z));
      if (c_before >= cfg_.min_correlation && std::abs(z) > std::abs(best_z)) {
        best_z = z;
        best_corr = c_before;
        bi = static_cast<int>(i);
        bj = static_cast<int>(j);
      }
    }
  const auto regime_name = analytics::to_string(s.regime);
  if (bi >= 0 && std::abs(best_z) >= s.threshold) {
    s.view = best_z > 0 ? CrossView::kBearish : CrossView::kBullish;
    s.ticker = bj;
    s.pair_i = bi;
    s.pair_j = bj;
    s.z = best_z;
    s.correlation = best_corr;
    s.conviction = std::clamp((std::abs(best_z) - s.threshold) / s.threshold + 0.5, 0.0, 1.0);
    s.reason = fmt::format(
        "divergence z {:+.2f} of ticker {} vs {} (correlation {:.2f}) beyond {:.2f} ({} VIX "
        "{:.2f}): expect reversion",
        best_z, bj, bi, best_corr, s.threshold, regime_name, vix);
    return s;
  }
  s.correlation = min_corr;
  s.ticker = cfg_.anchor;
  if (min_corr < cfg_.decoupled_correlation) {
    s.view = CrossView::kVolExpansion;
    s.conviction = std::clamp(
        (cfg_.decoupled_correlation - min_corr) / std::max(cfg_.decoupled_correlation, 1e-9) + 0.5,
        0.0, 1.0);
    s.reason = fmt::format(
        "tickers decoupled: lowest correlation {:.2f} < {:.2f} ({} VIX {:.2f}): expect a move",
        min_corr, cfg_.decoupled_correlation, regime_name, vix);
    return s;
  }
  if (min_corr >= cfg_.min_correlation && max_abs_z <= cfg_.calm_z) {
    s.view = CrossView::kRangeBound;
    s.conviction = std::clamp(1.0 - max_abs_z / std::max(cfg_.calm_z, 1e-9) * 0.5, 0.0, 1.0);
    s.reason = fmt::format(
        "tickers move together: correlations >= {:.2f}, largest |z| {:.2f} <= {:.2f} ({} VIX "
        "{:.2f}): range-bound",
        min_corr, max_abs_z, cfg_.calm_z, regime_name, vix);
    return s;
  }
  s.ticker = -1;
  s.reason = fmt::format(
      "no setup: largest |z| {:.2f} below {:.2f}, lowest correlation {:.2f} ({} VIX {:.2f})",
      std::abs(best_z) > 0 ? std::abs(best_z) : max_abs_z, s.threshold, min_corr, regime_name, vix);
  return s;
}

}  // namespace zerodte::strategy::market_structure
