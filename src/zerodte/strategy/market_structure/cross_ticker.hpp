#pragma once
// cross_ticker (seed 002 "Smart-0DTE"): SPY/QQQ/IWM 2-minute returns -> rolling Pearson
// correlations and divergence z-scores (CrossTickerEngine) with the VIX regime -> a view
// (bullish/bearish on the diverging ticker, range-bound or volatility expansion on the anchor)
// -> a 0DTE structure chosen from the ATM +- 10 strike ladder with its theta impact and entry/exit
// plan (plan_structure: debit/credit verticals, iron condor, iron butterfly, straddle,
// strangle) -> one multi-leg limit order at the net mid, sized to risk_pct of equity x the VIX
// regime's size multiplier over the structure's max loss. Exits: the plan's ~10% return target
// and its stop on the structure's mid value, and time_exit (15:45).
// Stay-out with a logged reason: outside the entry window, stale VIX or chain, extreme VIX
// (emergency), no structure meeting the strike rules or the spread filter, no risk budget.
#include <array>
#include <map>
#include <string>

#include "zerodte/analytics/ring_buffer.hpp"
#include "zerodte/strategy/market_structure/cross_ticker_model.hpp"
#include "zerodte/strategy/market_structure/open_trade.hpp"
#include "zerodte/strategy/market_structure/structure_planner.hpp"
#include "zerodte/strategy/registry.hpp"

namespace zerodte::strategy::market_structure {

struct CrossTickerParams {
  std::vector<std::string> tickers{"SPY", "QQQ", "IWM"};
  std::string vix_symbol = "VIX";
  int bar_minutes = 2;
  CrossTickerConfig model;
  int vix_lookback_bars = 15;
  PlannerConfig planner;
  double risk_pct = 2.0;
  std::int64_t max_contracts = 6;
  double max_spread = 0.40;
  double equity = 100'000;
  int max_trades_per_day = 2;
  core::Duration max_vix_age = std::chrono::minutes(5);
  core::Duration max_chain_age = std::chrono::seconds(60);
  core::TimeOfDay entry_start{10, 0, 0};
  core::TimeOfDay entry_end{14, 30, 0};

  static void declare(TableSpec& t);
  static core::Result<CrossTickerParams> from(const ConfigTable& t);
};

class CrossTicker final : public Strategy {
 public:
  explicit CrossTicker(CrossTickerParams p);
  void on_start() override;
  void on_bar(const model::Bar& bar, analytics::Timeframe tf) override;
  void on_option_chain(const OptionChainUpdate& u) override;
  void on_timer(std::string_view name, core::Timestamp scheduled) override;
  void on_fill(const model::Fill& f) override;
  void on_order_update(const model::OrderUpdate& u) override;
  [[nodiscard]] std::string snapshot() const override;
  core::Status restore(std::string_view state) override;

  [[nodiscard]] const CrossTickerEngine& engine() const { return engine_; }

 private:
  void on_aligned_bar();
  void evaluate();
  void manage(OpenTrade& tr);
  void log_once(const std::string& key, const std::string& sym, Direction d, std::string reason,
                std::string detail, std::vector<Evidence> ev);

  CrossTickerParams p_;
  CrossTickerEngine engine_;
  std::vector<core::InstrumentId> ids_;
  core::InstrumentId vix_;
  std::map<std::int64_t, std::vector<double>> pending_;  // bar open ns -> closes (NaN = missing)
  analytics::RingBuffer<double> vix_history_;
  std::map<std::string, core::Date> logged_;  // one suppression per reason per day
  core::Date trades_day_;
  int trades_today_ = 0;
  std::vector<OpenTrade> trades_;
};

}  // namespace zerodte::strategy::market_structure
