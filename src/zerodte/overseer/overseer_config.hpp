#pragma once
// The overseer's thresholds. Defaults follow seed 003 Part 5: halt when data is older than 10 s,
// Greeks fail (gamma < 0 or > 100,000, IV outside bounds, 3 failed calculations) or the broker
// disconnects; warn on slippage > 2%, unusual volume, regime uncertainty > 50%; review when a
// strategy underperforms. Warnings taper sizes; repeated halts flip to paper; persistent
// underperformance disables the strategy.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "zerodte/core/calendar.hpp"
#include "zerodte/core/ids.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::overseer {

struct OverseerConfig {
  core::Duration check_interval = std::chrono::seconds(1);  // the monitoring loop
  // Data freshness (halt): watched instruments and every FeedStatus feed.
  core::Duration stale_after = std::chrono::seconds(10);
  core::Duration book_stale_after = std::chrono::seconds(10);  // a BookDepth not refreshed: warn
  // Instruments that must stay fresh in session. Empty: every instrument whose own data arrives
  // at least every stale_after / 4 on average (after 20 updates), so a busy feed going quiet is
  // caught while sparsely quoted contracts (options every 30 s, VIX) are not flagged.
  std::vector<core::InstrumentId> watch;
  bool only_in_session = true;  // freshness is checked inside the trading session only
  core::Market market = core::Market::kNyse;
  std::vector<std::string> halt_feeds = {"broker"};  // a FeedStatus of these disconnected: halt
  // Analytics sanity (halt).
  double gamma_max = 100'000;
  double iv_min = 0.005;
  double iv_max = 5.0;
  int greeks_failures_to_halt = 3;  // consecutive failed calculations per underlying
  // Feed health (warn; halt at decode_errors_to_halt within feed_window).
  core::Duration feed_window = std::chrono::seconds(60);
  int decode_errors_to_halt = 5;
  core::Duration latency_warn = std::chrono::seconds(2);  // ts_recv - ts_event
  // Execution quality (warn).
  double slippage_warn = 0.02;  // adverse (fill - expected) / expected
  core::Duration reject_window = std::chrono::seconds(60);
  int reject_storm_count = 5;  // rejects inside reject_window
  int fill_rate_min_orders = 10;
  double fill_rate_min = 0.2;  // filled / finished orders below this over the last orders: review
  // Unusual volume: a bar's volume this many sigmas above its instrument's rolling baseline.
  std::size_t baseline_window = 100;
  std::size_t baseline_min_samples = 20;
  double volume_z = 4.0;
  // Regime uncertainty (warn).
  double regime_uncertainty_warn = 0.5;
  // Strategy decay (review; disable after disable_after consecutive underperforming windows).
  std::size_t decay_window = 20;      // last closed trades per strategy
  std::size_t decay_min_trades = 10;  // before judging
  double decay_ratio = 0.5;           // realised < ratio x expected (expected > 0): underperforming
  int disable_after = 3;
  // Automatic actions.
  double taper_factor = 0.5;
  int halts_to_paper = 3;  // halts within one trading day: flip to paper
  std::map<std::uint16_t, std::string> strategy_names;
  std::map<std::uint32_t, std::string> instrument_names;  // for messages ("SPY")
};

}  // namespace zerodte::overseer
