#pragma once
// "Chains from bars": option quotes generated from the simulator's surface around real bars.
// For each bar (every N bars) the source emits the bar, then a chain on the bar's close
// (strikes re-centred on it, expiries `dte` calendar days ahead rolled to trading days), priced
// with the variance state calibrated causally to the bars' realized volatility (EWMA of squared
// log returns, annualised by the bar interval). Used by backtests that have bars but no options.
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "zerodte/data/sim/vol_surface.hpp"
#include "zerodte/engine/event_source.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::data::sim {

struct ChainsFromBarsConfig {
  std::string root;  // OCC root; empty: the underlying symbol
  std::vector<int> dte = {0, 1, 2, 7, 14, 30, 45};
  int strikes_each_side = 10;
  double strike_step = 1.0;
  int every_n_bars = 1;
  double ewma_halflife_bars = 390;
  double min_vol = 0.04;  // annualised floor of the calibrated volatility
  SurfaceParams surface;
  QuoteParams quotes;
  std::uint64_t seed = 1;
};

class ChainsFromBarsSource final : public engine::EventSource {
 public:
  static core::Result<std::unique_ptr<ChainsFromBarsSource>> create(
      std::vector<model::Bar> bars, std::string_view underlying,
      model::InstrumentRegistry& registry, ChainsFromBarsConfig config = {});
  std::optional<engine::Event> next() override;
  // The annualised volatility used for the latest chain.
  [[nodiscard]] double calibrated_vol() const { return std::sqrt(var_); }

 private:
  ChainsFromBarsSource(std::vector<model::Bar> bars, std::string underlying,
                       model::InstrumentRegistry& registry, ChainsFromBarsConfig config);
  core::Status build_chain(const model::Bar& bar);

  std::vector<model::Bar> bars_;
  std::string underlying_;
  model::InstrumentRegistry& registry_;
  ChainsFromBarsConfig cfg_;
  Rng rng_;
  std::size_t pos_ = 0;
  double var_ = 0;
  double last_close_ = 0;
  std::vector<engine::Event> pending_;
  std::size_t pending_pos_ = 0;
  std::optional<core::Error> error_;
};

}  // namespace zerodte::data::sim
