#pragma once
// Runs the example strategy over a simulated trading day (data::sim::MarketSimulator) in a
// kernel with a StrategyHost. Orders are approved and filled at once at the legs' mids by
// ImmediateFillGateway (a stand-in for risk + a venue, enough to exercise entries and exits).
#include <string>
#include <vector>

#include "zerodte/core/time.hpp"

namespace example {

struct BacktestOptions {
  std::uint64_t seed = 7;
  zerodte::core::Date date{2025, 3, 14};
  zerodte::core::TimeOfDay start{9, 30, 0};
  zerodte::core::TimeOfDay end{16, 0, 0};
  bool light = false;  // 1 quote and 1 trade a second, option quotes every 60 s (fast tests)
};

struct BacktestSummary {
  std::uint64_t events = 0;
  std::uint64_t bars = 0;
  std::size_t orders = 0;
  std::size_t fills = 0;
  std::vector<std::string> decisions;  // explanation JSON of every signal and suppression
};

BacktestSummary run_backtest(const BacktestOptions& options);

}  // namespace example
