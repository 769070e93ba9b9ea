#pragma once
// Performance metrics of a backtest, computed from the recorder's rows only (so they are a pure
// function of the run's results, and identical whenever the rows are):
//   returns: total, CAGR (252 trading days a year), Sharpe and Sortino of daily returns
//            (annualised, risk-free 0), max drawdown (fraction of the peak) and its duration;
//   trades:  a "trade" is a fill that realised P&L (it closed or reduced a position, settlements
//            included); win rate, average win/loss, profit factor, expectancy (net of that
//            fill's fee), trades per day;
//   costs:   fees, slippage against the mid at the time of each fill;
//   exposure: fraction of equity samples with an open position;
//   breakdowns per strategy and per underlying; signal-to-fill latency statistics;
//   reconciliation: sum of realised P&L - fees + unrealised at the end == equity change.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "zerodte/backtest/results_recorder.hpp"

namespace zerodte::backtest {

struct Breakdown {
  std::int64_t fills = 0;
  std::int64_t trades = 0;  // fills that realised P&L
  std::int64_t wins = 0;
  core::Price realized;
  core::Price fees;
  core::Price slippage;
};

struct LatencyStats {
  std::int64_t count = 0;
  double mean_ms = 0, p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;
};

struct Reconciliation {
  core::Price sum_trade_pnl;   // realised by fills
  core::Price fees;            // paid on fills
  core::Price unrealized_end;  // open positions at the end
  core::Price equity_change;   // end equity - starting equity
  core::Price difference;      // equity_change - (sum_trade_pnl - fees + unrealized_end)
};

struct Metrics {
  core::Price start_equity, end_equity;
  std::int64_t trading_days = 0;
  double total_return = 0, cagr = 0, sharpe = 0, sortino = 0;
  double max_drawdown = 0;                // fraction of the peak (0.05 = 5%)
  double max_drawdown_duration_days = 0;  // peak to recovery (or to the end), calendar days
  std::int64_t fills = 0, trades = 0, wins = 0, losses = 0;
  double win_rate = 0, avg_win = 0, avg_loss = 0, profit_factor = 0, expectancy = 0;
  double exposure = 0, trades_per_day = 0;
  core::Price fees, slippage;
  std::int64_t orders = 0, orders_filled = 0, orders_rejected = 0, orders_cancelled = 0,
               risk_rejects = 0;
  std::map<std::string, Breakdown> per_strategy;
  std::map<std::string, Breakdown> per_underlying;
  LatencyStats latency;
  Reconciliation reconciliation;
  std::vector<std::pair<std::string, double>> daily_pnl;  // (date, P&L) per trading day
  std::int64_t signals = 0;
  std::map<std::string, std::int64_t> suppressed;  // "strategy: reason" -> count
};

Metrics compute_metrics(const ResultsRecorder& rec, const core::TradingCalendar& cal);
Metrics compute_metrics(const std::vector<TradeRow>& trades, const std::vector<EquityRow>& equity,
                        const std::vector<OrderRow>& orders, core::Price start_equity,
                        const core::TradingCalendar& cal);

// Deterministic JSON (fixed key order, fixed number formatting; no wall-clock figures).
std::string metrics_json(const Metrics& m, const std::map<std::string, std::string>& info = {});

// A metric by name ("sharpe", "total_return", "-max_drawdown", ...) for ranking sweeps; higher
// is better. kInvalid names the known metrics.
core::Result<double> metric_value(const Metrics& m, std::string_view name);
// Reads the same metrics back from a metrics.json written by metrics_json (sweeps resume).
core::Result<double> metric_from_json(std::string_view json, std::string_view name);

}  // namespace zerodte::backtest
