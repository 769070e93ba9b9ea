#pragma once
// Every number the risk engine uses, with the seeds' defaults. Filled from the [risk],
// [risk.breakers], [entry] and [exit] config sections by limits_from_config() (risk_config.hpp),
// or set directly in tests.
#include <cstdint>
#include <string>
#include <vector>

#include "zerodte/core/time.hpp"

namespace zerodte::risk {

struct PreTradeLimits {
  // Check 1 (seed 004): open positions (a multi-leg group counts once) and per underlying.
  int max_positions = 3;
  int max_positions_per_underlying = 1;
  // Check 2: contracts per order (per leg: quantity x ratio) and per ticker (seed 003: 6 for 0DTE).
  std::int64_t max_contracts_per_order = 6;
  std::int64_t max_contracts_per_ticker = 6;
  // Check 3: limit price within +-band of the reference (mid, else last).
  double price_band_pct = 20.0;
  // Check 6: margin in use after the order, % of equity.
  double margin_utilization_max_pct = 70.0;
  // Check 7: today's loss, % of the day's starting equity.
  double daily_loss_limit_pct = 3.0;
  // Check 7, per ticker (seed 002 "level 2"): today's loss on one underlying, % of the day's
  // starting equity; entries on that underlying stop (0 = off).
  double ticker_daily_loss_limit_pct = 2.0;
  // Check 8: new entries need VIX below this (and a VIX value when require_vix).
  double vix_max = 30.0;
  bool require_vix = false;
  // Check 9: entries only inside [no_entry_before, no_entry_after] exchange-local, in session.
  core::TimeOfDay no_entry_before{10, 0, 0};
  core::TimeOfDay no_entry_after{14, 30, 0};
  // Portfolio Greeks after the order (seed 003; seed 000: theta >= -$1,000 -> the stricter -400).
  double max_abs_delta_shares = 2000;
  double max_abs_gamma_shares = 500;
  double min_theta_per_day = -400;
  bool require_greeks = true;  // an option leg without Greeks cannot be checked: reject
  // Correlated underlyings ("SPX,SPXW,SPY,XSP,ES"): at most this many open positions with the same
  // delta sign across one group.
  std::vector<std::string> correlated_groups = {"SPX,SPY,XSP,ES,MES", "NDX,QQQ,NQ,MNQ", "RUT,IWM",
                                                "NIFTY,BANKNIFTY,FINNIFTY"};
  int max_same_direction_correlated = 2;
  // Seed 004: never a call and a put on one underlying (strategies in allow list may).
  bool forbid_call_put_same_underlying = true;
  std::vector<std::uint16_t> call_put_allowed_strategies;
  // Stale-data lockout (seed 003).
  core::Duration max_quote_age = std::chrono::seconds(3);
  core::Duration max_analytics_age = std::chrono::seconds(10);
  bool require_analytics_heartbeat = false;
  // Order rate per 1-second window.
  int max_submits_per_second_strategy = 5;
  int max_submits_per_second_account = 10;
  int max_modifies_per_second_strategy = 10;
  // Fat finger: a buy limit above ask x (1 + pct), a sell limit below bid x (1 - pct).
  double fat_finger_pct = 10.0;
  // Notional per order (limit or touch x quantity x multiplier).
  double max_notional = 50'000;
};

struct BreakerLimits {
  double vix_threshold = 30.0;                                 // VIX above -> exit all + pause
  double vix_spike_points = 5.0;                               // VIX up more than this ...
  core::Duration vix_spike_window = std::chrono::minutes(10);  // ... within this
  double daily_loss_pct = 3.0;                                 // -> exit all + halt for the day
  double ticker_daily_loss_pct = 2.0;  // one underlying's loss -> close it, block it for the day
  double flash_move_pct = 2.0;         // underlying moves more than this ...
  core::Duration flash_window = std::chrono::minutes(5);  // ... within this
  core::Duration flash_pause = std::chrono::minutes(5);   // -> entries paused this long
  double margin_close_weakest_pct = 80.0;  // margin use above -> close the weakest position
  int consecutive_losses = 3;              // -> pause (REDUCING) until resumed / next day
  core::Duration check_interval = std::chrono::minutes(1);
};

struct ExitRules {
  double underlying_stop_pct = 1.0;    // seed 004: underlying 1% against
  double premium_stop_pct = 40.0;      // seed 000: premium -40%
  double underlying_target_pct = 3.0;  // seed 004
  double reward_risk = 2.0;            // seed 000: 2:1 -> premium target = 2 x premium stop
  bool ladder_enabled = true;          // seed 003 trailing ladder
  double ladder_trail_pct = 15.0;
  // (profit reached %, profit locked %) pairs, ascending.
  std::vector<std::pair<double, double>> ladder_locks = {{100, 50}, {200, 100}, {300, 200}};
  double green_threshold_pct = 15.0;     // once up this much, never below breakeven again
  bool underlying_trail_enabled = true;  // seed 004: after +2% trail 1.5% behind the peak
  double underlying_trail_start_pct = 2.0;
  double underlying_trail_pct = 1.5;
  bool partial_enabled = true;  // 50% at 1:1
  double partial_fraction = 0.5;
  core::Duration max_hold_no_profit = std::chrono::hours(2);
  core::Duration max_hold_negative = std::chrono::hours(1);
  int flat_before_close_minutes = 10;  // 0DTE flat at 15:50 ET; 12:50 on a 13:00 early close
};

enum class ExecutionMode : std::uint8_t { kAuto, kManual };

struct RiskLimits {
  PreTradeLimits pre;
  BreakerLimits breakers;
  ExitRules exits;
  ExecutionMode mode = ExecutionMode::kAuto;
};

}  // namespace zerodte::risk
