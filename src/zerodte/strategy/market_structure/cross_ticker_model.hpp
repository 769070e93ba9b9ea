#pragma once
// Seed 002 "SmartCrossTickerEngine": rolling Pearson correlation of SPY/QQQ/IWM returns, the
// divergence z-score of each pair (analytics::CorrelationMatrix: the newest return of ticker j
// against what the previous window's regression on ticker i predicts) and the VIX regime.
//
// The view, with regime-adjusted thresholds (z threshold rises with the VIX regime; extreme VIX =
// emergency, no trade):
//   divergence: among pairs whose correlation BEFORE the newest bar (the historical pattern the
//               newest bar is measured against) >= min_correlation, the one with the largest |z|;
//               |z| >= threshold(regime) -> the diverging ticker j is expected to revert to the
//               fit: z > 0 (j ran ahead) -> bearish j, z < 0 -> bullish j;
//   decoupled:  no divergence, but the smallest pair correlation < decoupled_correlation -> the
//               tickers stopped moving together: a volatility expansion view on `anchor`;
//   range:      every correlation >= min_correlation and every |z| <= calm_z -> range-bound
//               view on `anchor` (premium selling);
//   otherwise none.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/analytics/correlation.hpp"
#include "zerodte/analytics/regime.hpp"

namespace zerodte::strategy::market_structure {

enum class CrossView : std::uint8_t { kNone, kBullish, kBearish, kRangeBound, kVolExpansion };
std::string_view to_string(CrossView v);

struct CrossTickerConfig {
  int window = 30;  // aligned bars (seed 002: 2-minute bars -> one hour)
  double min_correlation = 0.70;
  double decoupled_correlation = 0.50;
  double calm_z = 1.0;
  // |z| threshold per VIX regime low/normal/elevated/high (extreme: no trade).
  std::array<double, 4> z_thresholds{1.75, 2.0, 2.25, 2.5};
  int anchor = 0;  // ticker index for the non-directional views (0 = SPY)
  analytics::VolRegimeConfig vix;
};

struct CrossSignal {
  CrossView view = CrossView::kNone;
  int ticker = -1;  // index into the tickers the engine was fed
  int pair_i = -1, pair_j = -1;
  double z = 0;            // divergence z of the chosen pair
  double correlation = 0;  // of the chosen pair (min correlation for the other views)
  double threshold = 0;    // regime-adjusted |z| threshold
  analytics::VolRegime regime = analytics::VolRegime::kNormal;
  double conviction = 0;  // 0..1
  std::string reason;
};

class CrossTickerEngine {
 public:
  explicit CrossTickerEngine(CrossTickerConfig cfg = {}, std::size_t n_tickers = 3);
  // Aligned closes (same bar time) of every ticker, in the order the engine was built with.
  // Returns true once the correlation window is full.
  bool update(std::span<const double> closes);
  [[nodiscard]] bool ready() const { return matrix_.ready(); }
  [[nodiscard]] std::size_t bars() const { return bars_; }
  [[nodiscard]] const analytics::CorrelationMatrix& matrix() const { return matrix_; }
  // The view now, given the VIX level and its relative change over the caller's lookback.
  [[nodiscard]] CrossSignal evaluate(double vix, double vix_change) const;
  [[nodiscard]] double threshold(analytics::VolRegime r) const;
  [[nodiscard]] const CrossTickerConfig& config() const { return cfg_; }

 private:
  CrossTickerConfig cfg_;
  analytics::CorrelationMatrix matrix_;
  std::vector<double> prev_;
  std::vector<double> returns_;
  std::vector<double> corr_before_;  // per pair (i < j), correlation before the newest bar
  bool has_prev_ = false;
  std::size_t bars_ = 0;
};

}  // namespace zerodte::strategy::market_structure
