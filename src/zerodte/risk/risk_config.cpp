#include "zerodte/risk/risk_config.hpp"

#include <fmt/format.h>

namespace zerodte::risk {

using core::config::CheckFailure;
using core::config::ConfigSchema;
using core::config::ConfigTable;

void register_risk_sections(ConfigSchema& schema) {
  const PreTradeLimits p;
  auto& r =
      schema.table("risk", "Pre-trade checks, loss limits and sizing (seed 004 7.1, seed 003).");
  r.add_double("base_position_size_pct", 2.0, "Capital per position, % of equity.").range(0, 100);
  r.add_int("max_positions", p.max_positions, "Maximum open positions (a multi-leg group is one).")
      .range(0, 1000);
  r.add_int("max_positions_per_underlying", p.max_positions_per_underlying,
            "Maximum open positions per underlying (seed 004 Check 1).")
      .range(0, 1000);
  r.add_int("max_contracts_per_order", p.max_contracts_per_order,
            "Contracts (lots) per order leg (seed 003: 6 for 0DTE).")
      .range(1, 100000);
  r.add_int("max_contracts_per_ticker", p.max_contracts_per_ticker,
            "Contracts held plus ordered on one underlying.")
      .range(1, 100000);
  r.add_double("price_band_pct", p.price_band_pct, "Limit within +-this % of mid/last (Check 3).")
      .range(0.1, 100);
  r.add_double("daily_loss_limit_pct", p.daily_loss_limit_pct,
               "No new entries after this daily loss, % of the day's starting equity.")
      .range(0, 100);
  r.add_double("ticker_daily_loss_limit_pct", p.ticker_daily_loss_limit_pct,
               "No new entries on an underlying after today's loss on it reaches this % of the "
               "day's starting equity (seed 002 level 2; 0 = off).")
      .range(0, 100);
  r.add_int("consecutive_loss_limit", 3,
            "Pause new entries after this many losing trades in a row.")
      .range(0, 1000);
  r.add_double("margin_utilization_max_pct", p.margin_utilization_max_pct,
               "Maximum margin in use after an order, % of equity.")
      .range(0, 100);
  r.add_double("vix_max", p.vix_max, "New entries need VIX below this (Check 8).").range(0, 200);
  r.add_bool("require_vix", p.require_vix, "Refuse entries until a VIX value has been seen.");
  r.add_double("max_abs_delta", p.max_abs_delta_shares, "Portfolio |delta| limit, shares.")
      .at_least(0);
  r.add_double("max_abs_gamma", p.max_abs_gamma_shares, "Portfolio |gamma| limit, shares per 1.00.")
      .at_least(0);
  r.add_double("min_theta_per_day", p.min_theta_per_day,
               "Portfolio theta floor, money per day (seed 003 -400; seed 000 -1,000).");
  r.add_bool("require_greeks", p.require_greeks, "Reject option orders whose Greeks are unknown.");
  r.add_string_list("correlated_groups", p.correlated_groups,
                    "Comma-separated underlyings that move together.");
  r.add_int("max_same_direction_correlated", p.max_same_direction_correlated,
            "Positions with the same delta sign allowed on one correlated group.")
      .range(1, 1000);
  r.add_bool("forbid_call_put_same_underlying", p.forbid_call_put_same_underlying,
             "Never a single-leg call and put on one underlying (seed 004).");
  r.add_duration("max_quote_age", "3s", "Stale-data lockout: quote age limit (seed 003).");
  r.add_duration("max_analytics_age", "10s", "Stale-data lockout: analytics heartbeat age limit.");
  r.add_bool("require_analytics_heartbeat", p.require_analytics_heartbeat,
             "Apply the analytics heartbeat lockout.");
  r.add_int("max_submits_per_second_strategy", p.max_submits_per_second_strategy,
            "Order submits per second per strategy (RATE_LIMITED).")
      .range(1, 100000);
  r.add_int("max_submits_per_second_account", p.max_submits_per_second_account,
            "Order submits per second for the account.")
      .range(1, 100000);
  r.add_int("max_modifies_per_second_strategy", p.max_modifies_per_second_strategy,
            "Order modifies per second per strategy.")
      .range(1, 100000);
  r.add_double("fat_finger_pct", p.fat_finger_pct,
               "Limit through the far side of the NBBO by more than this % of the mid.")
      .range(0, 1000);
  r.add_double("max_notional", p.max_notional, "Notional per order, account currency.").at_least(0);
  r.add_enum("execution_mode", "auto", {"auto", "manual"},
             "manual: approved intents wait in a queue for a person (seed 003).");
  r.add_string("kill_switch_file", "",
               "When this file appears the kill switch is pulled (its first line names who).");
  r.add_int("flatten_slippage_ticks", 2, "Ticks through the touch for flatten orders.")
      .range(0, 100);

  const BreakerLimits b;
  auto& k = schema.table("risk.breakers", "Circuit breakers (seed 004 5.2, seed 002).");
  k.add_double("vix_threshold", b.vix_threshold, "VIX above this: exit all and pause.")
      .range(0, 200);
  k.add_double("vix_spike_points", b.vix_spike_points, "VIX rise that is a spike.").range(0, 200);
  k.add_duration("vix_spike_window", "10m", "Window of the VIX spike.");
  k.add_double("daily_loss_pct", b.daily_loss_pct, "Daily loss: exit all and halt for the day.")
      .range(0, 100);
  k.add_double("ticker_daily_loss_pct", b.ticker_daily_loss_pct,
               "Today's loss on one underlying, % of the day's starting equity: close its "
               "positions and block it for the day (0 = off).")
      .range(0, 100);
  k.add_double("flash_move_pct", b.flash_move_pct, "Underlying move that is a flash move.")
      .range(0, 100);
  k.add_duration("flash_window", "5m", "Window of the flash move.");
  k.add_duration("flash_pause", "5m", "How long entries pause after a flash move.");
  k.add_double("margin_close_weakest_pct", b.margin_close_weakest_pct,
               "Margin use above this % of equity: close the weakest position.")
      .range(0, 1000);
  k.add_duration("check_interval", "1m", "Breakers and exits are evaluated at least this often.");

  schema.table("entry", "When new positions may open (exchange local time).");
  const ExitRules x;
  auto& e = schema.table("exit", "How positions close (seed 004 3.4 priority).");
  e.add_double("stop_loss_pct", x.underlying_stop_pct, "Underlying move against, %.").range(0, 100);
  e.add_double("target_pct", x.underlying_target_pct, "Underlying move in favour, %.")
      .range(0, 1000);
  e.add_bool("enable_trailing_stop", x.ladder_enabled, "Trailing-stop ladder (seed 003).");
  e.add_int("exit_before_close_minutes", x.flat_before_close_minutes,
            "0DTE positions flat this many minutes before the close (15:50 ET on a full day).")
      .range(0, 390);
  e.add_double("premium_stop_pct", x.premium_stop_pct, "Premium loss stop, % (seed 000).")
      .range(0, 100);
  e.add_double("reward_risk", x.reward_risk, "Premium target = this x premium_stop_pct.")
      .range(0, 100);
  e.add_double("trail_pct", x.ladder_trail_pct, "Ladder trail behind the peak, %.").range(0, 100);
  e.add_number_list("ladder_locks", {100, 50, 200, 100, 300, 200},
                    "Pairs (profit reached %, profit locked %), ascending.")
      .validate("an even number of values",
                [](const core::config::Value& v) -> std::optional<std::string> {
                  const auto* l = std::get_if<std::vector<double>>(&v);
                  if (l != nullptr && l->size() % 2 != 0)
                    return "needs pairs: an even number of values";
                  return std::nullopt;
                });
  e.add_double("green_threshold_pct", x.green_threshold_pct,
               "Once up this much, never below breakeven.")
      .range(0, 1000);
  e.add_bool("underlying_trail", x.underlying_trail_enabled,
             "Seed 004: trail the underlying after it moved underlying_trail_start_pct.");
  e.add_double("underlying_trail_start_pct", x.underlying_trail_start_pct, "%.").range(0, 100);
  e.add_double("underlying_trail_pct", x.underlying_trail_pct, "%.").range(0, 100);
  e.add_bool("partial_profit", x.partial_enabled, "Take partial_fraction at 1:1.");
  e.add_double("partial_fraction", x.partial_fraction, "Fraction closed at 1:1.").range(0, 1);
  e.add_duration("max_hold_no_profit", "2h", "Exit when held longer without profit.");
  e.add_duration("max_hold_negative", "1h", "Exit when held longer with negative P&L.");
}

RiskSettings settings_from_config(const core::config::Config& cfg) {
  RiskSettings s;
  auto& p = s.limits.pre;
  const auto& r = cfg.table("risk");
  p.max_positions = r.get<int>("max_positions");
  p.max_positions_per_underlying = r.get<int>("max_positions_per_underlying");
  p.max_contracts_per_order = r.get<std::int64_t>("max_contracts_per_order");
  p.max_contracts_per_ticker = r.get<std::int64_t>("max_contracts_per_ticker");
  p.price_band_pct = r.get<double>("price_band_pct");
  p.daily_loss_limit_pct = r.get<double>("daily_loss_limit_pct");
  p.ticker_daily_loss_limit_pct = r.get<double>("ticker_daily_loss_limit_pct");
  p.margin_utilization_max_pct = r.get<double>("margin_utilization_max_pct");
  p.vix_max = r.get<double>("vix_max");
  p.require_vix = r.get<bool>("require_vix");
  p.max_abs_delta_shares = r.get<double>("max_abs_delta");
  p.max_abs_gamma_shares = r.get<double>("max_abs_gamma");
  p.min_theta_per_day = r.get<double>("min_theta_per_day");
  p.require_greeks = r.get<bool>("require_greeks");
  p.correlated_groups = r.get<std::vector<std::string>>("correlated_groups");
  p.max_same_direction_correlated = r.get<int>("max_same_direction_correlated");
  p.forbid_call_put_same_underlying = r.get<bool>("forbid_call_put_same_underlying");
  p.max_quote_age = r.get<core::Duration>("max_quote_age");
  p.max_analytics_age = r.get<core::Duration>("max_analytics_age");
  p.require_analytics_heartbeat = r.get<bool>("require_analytics_heartbeat");
  p.max_submits_per_second_strategy = r.get<int>("max_submits_per_second_strategy");
  p.max_submits_per_second_account = r.get<int>("max_submits_per_second_account");
  p.max_modifies_per_second_strategy = r.get<int>("max_modifies_per_second_strategy");
  p.fat_finger_pct = r.get<double>("fat_finger_pct");
  p.max_notional = r.get<double>("max_notional");
  const auto& en = cfg.table("entry");
  p.no_entry_before = en.get<core::TimeOfDay>("no_entry_before");
  p.no_entry_after = en.get<core::TimeOfDay>("no_entry_after");
  s.limits.mode = r.get<std::string>("execution_mode") == "manual" ? ExecutionMode::kManual
                                                                   : ExecutionMode::kAuto;
  s.kill_switch_file = r.get<std::string>("kill_switch_file");
  s.flatten_slippage_ticks = r.get<int>("flatten_slippage_ticks");

  auto& b = s.limits.breakers;
  const auto& k = cfg.table("risk.breakers");
  b.vix_threshold = k.get<double>("vix_threshold");
  b.vix_spike_points = k.get<double>("vix_spike_points");
  b.vix_spike_window = k.get<core::Duration>("vix_spike_window");
  b.daily_loss_pct = k.get<double>("daily_loss_pct");
  b.ticker_daily_loss_pct = k.get<double>("ticker_daily_loss_pct");
  b.flash_move_pct = k.get<double>("flash_move_pct");
  b.flash_window = k.get<core::Duration>("flash_window");
  b.flash_pause = k.get<core::Duration>("flash_pause");
  b.margin_close_weakest_pct = k.get<double>("margin_close_weakest_pct");
  b.consecutive_losses = r.get<int>("consecutive_loss_limit");
  b.check_interval = k.get<core::Duration>("check_interval");

  auto& x = s.limits.exits;
  const auto& e = cfg.table("exit");
  x.underlying_stop_pct = e.get<double>("stop_loss_pct");
  x.underlying_target_pct = e.get<double>("target_pct");
  x.ladder_enabled = e.get<bool>("enable_trailing_stop");
  x.flat_before_close_minutes = e.get<int>("exit_before_close_minutes");
  x.premium_stop_pct = e.get<double>("premium_stop_pct");
  x.reward_risk = e.get<double>("reward_risk");
  x.ladder_trail_pct = e.get<double>("trail_pct");
  const auto locks = e.get<std::vector<double>>("ladder_locks");
  x.ladder_locks.clear();
  for (std::size_t i = 0; i + 1 < locks.size(); i += 2)
    x.ladder_locks.emplace_back(locks[i], locks[i + 1]);
  x.green_threshold_pct = e.get<double>("green_threshold_pct");
  x.underlying_trail_enabled = e.get<bool>("underlying_trail");
  x.underlying_trail_start_pct = e.get<double>("underlying_trail_start_pct");
  x.underlying_trail_pct = e.get<double>("underlying_trail_pct");
  x.partial_enabled = e.get<bool>("partial_profit");
  x.partial_fraction = e.get<double>("partial_fraction");
  x.max_hold_no_profit = e.get<core::Duration>("max_hold_no_profit");
  x.max_hold_negative = e.get<core::Duration>("max_hold_negative");
  return s;
}

}  // namespace zerodte::risk
