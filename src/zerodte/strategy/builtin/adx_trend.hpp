#pragma once
// adx_trend (seed 004, multi-timeframe ADX trend following), for NSE index options (NIFTY,
// BANKNIFTY: lot sizes and weekly expiries from the instrument registry) and US underlyings.
//
//  daily   ADX(14) < 25 -> no trade today; else +DI > -DI -> calls (CE) only, else puts (PE) only
//  hourly  aligned when ADX(14) >= 25 and the DIs agree with the daily direction; a conflict
//          exits an open position
//  entry   (every 1m bar, 10:00-14:30) triggers: breakout of the last hourly bar's high (low),
//          5m RSI < 40 (> 60) bouncing off (rejected at) the 9-EMA, hourly DI crossover; filters:
//          hourly aligned, VIX < 30, 1m volume > 120% of its 20-bar average, no position
//          -> ATM option (LTP > 0, volume > 0, OI >= 1000, else ATM +- 1) of the nearest expiry
//          more than exit_days_to_expiry days away, lots x lot size, limit at the ask
//  exits   seed 004 §3.4 in priority order: 15:20 close, expiry <= 3 days, (daily loss and VIX
//          spike: the risk engine's breakers), underlying 1% stop / trailing stop, 3% target,
//          50% at 1:1 then breakeven trail, hourly conflict, volume < 50% of average for 15
//          minutes, held > 2 h without profit, held > 1 h at a loss
#include <deque>
#include <string>

#include "zerodte/analytics/directional.hpp"
#include "zerodte/analytics/moving_averages.hpp"
#include "zerodte/analytics/oscillators.hpp"
#include "zerodte/strategy/builtin/option_trade.hpp"
#include "zerodte/strategy/option_selector.hpp"
#include "zerodte/strategy/registry.hpp"

namespace zerodte::strategy::builtin {

struct AdxTrendParams {
  std::string symbol = "NIFTY";
  core::Market market = core::Market::kNse;
  std::string vix_symbol = "INDIAVIX";  // "" = no VIX filter
  int adx_period = 14;
  double min_adx = 25;
  int rsi_period = 14;
  double rsi_oversold = 40;
  double rsi_overbought = 60;
  int ema_period = 9;
  double volume_multiplier = 1.2;
  int volume_lookback = 20;
  double max_vix = 30;
  bool breakout_trigger = true;
  bool pullback_trigger = true;
  bool crossover_trigger = true;
  std::int64_t lots = 1;
  int exit_days_to_expiry = 3;  // < 0: trade the 0DTE expiry (US)
  std::int64_t min_open_interest = 1000;
  double max_spread = 0;  // per unit; 0 = off
  double stop_loss_pct = 1.0;
  double target_pct = 3.0;
  double partial_fraction = 0.5;
  bool trailing_stop = true;
  double volume_dry_pct = 50;
  int volume_dry_minutes = 15;
  core::Duration max_hold = std::chrono::hours(2);
  core::Duration loss_hold = std::chrono::hours(1);
  core::TimeOfDay entry_start{10, 0, 0};
  core::TimeOfDay entry_end{14, 30, 0};
  core::TimeOfDay exit_time{15, 20, 0};

  static void declare(TableSpec& t);
  static core::Result<AdxTrendParams> from(const ConfigTable& t);
};

class AdxTrend final : public Strategy {
 public:
  explicit AdxTrend(AdxTrendParams p);
  void on_start() override;
  void on_bar(const model::Bar& bar, analytics::Timeframe tf) override;
  void on_fill(const model::Fill& f) override;
  void on_order_update(const model::OrderUpdate& u) override;
  [[nodiscard]] std::string snapshot() const override;
  core::Status restore(std::string_view state) override;

  [[nodiscard]] Direction day_direction() const { return day_direction_; }
  [[nodiscard]] bool hourly_aligned() const { return aligned_; }

 private:
  void on_daily(const model::Bar& bar);
  void on_hourly(const model::Bar& bar);
  void on_five(const model::Bar& bar);
  void on_minute(const model::Bar& bar);
  void try_entry(const model::Bar& bar, double volume_ratio);
  void check_exits(const model::Bar& bar, double volume_ratio);
  void suppress(Direction d, std::string reason, std::string detail, std::vector<Evidence> ev);
  [[nodiscard]] std::vector<Evidence> context_evidence() const;

  AdxTrendParams p_;
  core::InstrumentId underlying_;
  core::InstrumentId vix_;
  analytics::Adx daily_adx_;
  analytics::Adx hourly_adx_;
  analytics::Rsi rsi5_;
  analytics::Ema ema5_;
  Direction day_direction_ = Direction::kFlat;
  core::Date direction_asof_;  // session date of the daily bar that set it
  bool daily_ready_ = false;
  bool aligned_ = false;
  bool hourly_ready_ = false;
  int prev_di_sign_ = 0;
  double hour_high_ = 0;
  double hour_low_ = 0;
  bool have_hour_ = false;
  Direction crossover_ = Direction::kFlat;
  Direction pullback_ = Direction::kFlat;
  std::deque<double> volumes_;
  int dry_minutes_ = 0;
  OptionTrade trade_;
  std::string last_suppression_;
  core::Date no_trade_logged_;
};

}  // namespace zerodte::strategy::builtin
