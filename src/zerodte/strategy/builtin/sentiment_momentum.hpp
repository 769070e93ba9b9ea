#pragma once
// sentiment_momentum (seed 001): time-weighted, multi-post-confirmed ticker sentiment with
// momentum -> SPY 0DTE ATM call (bullish) or put (bearish). Requirements: |score| beyond the
// bullish/bearish threshold, confidence >= min_confidence, >= min_posts posts in the window,
// momentum in the same direction >= min_momentum, market data fresh. Circuit breaker: at most
// max_trades_per_period entries per period. Exits: +profit_target_pct, -stop_loss_pct on the
// premium, a sentiment reversal beyond the opposite threshold, and exit_time before the close.
// Size: floor(max_premium / (ask x multiplier)) contracts, at most max_contracts.
#include <deque>
#include <string>

#include "zerodte/strategy/builtin/option_trade.hpp"
#include "zerodte/strategy/option_selector.hpp"
#include "zerodte/strategy/registry.hpp"

namespace zerodte::strategy::builtin {

struct SentimentMomentumParams {
  std::string symbol = "SPY";
  double bullish_threshold = 0.35;
  double bearish_threshold = -0.35;
  double min_confidence = 0.6;
  int min_posts = 3;
  double min_momentum = 0.05;
  int dte = 0;
  double max_spread = 0.40;
  std::int64_t min_open_interest = 1000;
  double max_premium = 500;  // $ per trade
  std::int64_t max_contracts = 5;
  double profit_target_pct = 50;
  double stop_loss_pct = 30;
  bool exit_on_reversal = true;
  int max_trades_per_period = 3;
  core::Duration period = std::chrono::minutes(60);
  core::TimeOfDay entry_start{9, 45, 0};
  core::TimeOfDay entry_end{15, 0, 0};
  core::TimeOfDay exit_time{15, 45, 0};
  core::Duration stale_after = std::chrono::minutes(2);  // age of the last SPY price

  static void declare(TableSpec& t);
  static core::Result<SentimentMomentumParams> from(const ConfigTable& t);
};

class SentimentMomentum final : public Strategy {
 public:
  explicit SentimentMomentum(SentimentMomentumParams p) : p_(std::move(p)) {}
  void on_start() override;
  void on_sentiment(const sentiment::TickerSentiment& s) override;
  void on_option_chain(const OptionChainUpdate& u) override;
  void on_timer(std::string_view name, core::Timestamp scheduled) override;
  void on_fill(const model::Fill& f) override;
  void on_order_update(const model::OrderUpdate& u) override;
  [[nodiscard]] std::string snapshot() const override;
  core::Status restore(std::string_view state) override;

 private:
  [[nodiscard]] Direction candidate(const sentiment::TickerSentiment& s) const;
  void enter(Direction d, const sentiment::TickerSentiment& s, std::vector<Evidence> ev);
  void check_exits(const std::string& why);
  void suppress(Direction d, std::string reason, std::string detail, std::vector<Evidence> ev);

  SentimentMomentumParams p_;
  core::InstrumentId underlying_;
  OptionTrade trade_;
  std::deque<core::Timestamp> entries_;  // entry times inside the breaker period
  Direction last_candidate_ = Direction::kFlat;
  bool traded_this_episode_ = false;  // one entry per crossing of a threshold
  std::string last_suppression_;      // reason last logged for last_candidate_
  std::optional<sentiment::TickerSentiment> last_;
};

}  // namespace zerodte::strategy::builtin
