#pragma once
// sawtooth_sentiment (seed 000): a confirmed minute saw-tooth trough (peak) coinciding with a
// bullish (bearish) sentiment flip on the same ticker within a window -> the nearest 0DTE ATM call
// (put) with spread <= 40c and theta <= -0.15, IOC limit at mid, sized to risk $300 at a -40%
// premium stop, 2:1 target (+80%), flat before the close, portfolio theta guard (-$1,000/day).
#include <map>
#include <string>
#include <vector>

#include "zerodte/analytics/sawtooth.hpp"
#include "zerodte/strategy/builtin/option_trade.hpp"
#include "zerodte/strategy/fusion.hpp"
#include "zerodte/strategy/option_selector.hpp"
#include "zerodte/strategy/registry.hpp"

namespace zerodte::strategy::builtin {

struct SawtoothSentimentParams {
  std::vector<std::string> symbols{"NVDA"};
  int sawtooth_window = 5;
  core::Duration fusion_window = std::chrono::minutes(5);
  double technical_weight = 0.5;
  double sentiment_weight = 0.5;
  double min_score = 0.6;       // |fused score| needed to act
  double min_flip_score = 0.3;  // |flip score| for a flip to count
  int dte = 0;
  double max_spread = 0.40;
  double max_theta_per_day = -0.15;
  std::int64_t min_open_interest = 1000;
  double risk_per_trade = 300;  // $ lost at the stop
  double stop_loss_pct = 40;
  double reward_risk = 2;                // target = stop_loss_pct x reward_risk
  double portfolio_theta_limit = -1000;  // $/day; entries that would go below are refused
  core::TimeOfDay entry_start{9, 35, 0};
  core::TimeOfDay entry_end{15, 30, 0};
  core::TimeOfDay exit_time{15, 50, 0};
  core::Duration stale_after = std::chrono::minutes(2);  // age of the last minute bar

  static void declare(TableSpec& t);
  static core::Result<SawtoothSentimentParams> from(const ConfigTable& t);
};

class SawtoothSentiment final : public Strategy {
 public:
  explicit SawtoothSentiment(SawtoothSentimentParams p);
  void on_start() override;
  void on_bar(const model::Bar& bar, analytics::Timeframe tf) override;
  void on_sentiment_flip(const sentiment::SentimentFlip& f) override;
  void on_option_chain(const OptionChainUpdate& u) override;
  void on_timer(std::string_view name, core::Timestamp scheduled) override;
  void on_fill(const model::Fill& f) override;
  void on_order_update(const model::OrderUpdate& u) override;
  [[nodiscard]] std::string snapshot() const override;
  core::Status restore(std::string_view state) override;

  [[nodiscard]] const std::map<std::string, OptionTrade>& trades() const { return trades_; }

 private:
  struct Ticker {
    core::InstrumentId id;
    analytics::SawtoothDetector detector;
  };
  void evaluate(const std::string& symbol);
  void check_exits(OptionTrade& t, const std::string& why_now);
  void suppress(const std::string& symbol, Direction d, std::string reason, std::string detail,
                const std::vector<Evidence>& ev);

  SawtoothSentimentParams p_;
  SignalFusion fusion_;
  std::map<std::string, Ticker> tickers_;
  std::map<std::string, OptionTrade> trades_;  // by underlying symbol
};

}  // namespace zerodte::strategy::builtin
