#pragma once
// Throughput of the backtest loop, shared by `zerodte bench backtest` and bench/backtest:
//   noop:      an in-memory quote stream -> replay feed -> kernel -> a no-op strategy and the
//              simulated venue (the loop's fixed cost per event);
//   realistic: a bar-CSV replay with an option chain every minute through the whole trading
//              session (risk, portfolio, analytics, strategies) with one `strategy` instance
//              (adx_trend when registered) and the results recorder;
//   year:      one underlying, 252 days of generated minute bars, a chain every minute, the
//              whole session: the time a 1-year minute-bar backtest takes.
// Rates use the thread's CPU time (the machine is shared); wall time is reported beside it.
#include <cstdint>
#include <string>

#include "zerodte/core/error.hpp"

namespace zerodte::backtest {

struct LoopBench {
  std::string name;
  std::uint64_t events = 0;
  double cpu_seconds = 0;
  double wall_seconds = 0;
  std::string strategy;  // realistic/year: the strategy type used ("" = none registered)
  [[nodiscard]] double events_per_sec() const {
    return cpu_seconds > 0 ? static_cast<double>(events) / cpu_seconds : 0.0;
  }
};

LoopBench bench_noop_loop(std::size_t events);
core::Result<LoopBench> bench_realistic_loop(const std::string& bar_csv,
                                             const std::string& strategy_type = "adx_trend");
core::Result<LoopBench> bench_year_backtest(int days = 252,
                                            const std::string& strategy_type = "adx_trend");

}  // namespace zerodte::backtest
