#pragma once
// Circuit breakers (seed 004 5.2, seed 002 levels 1-3), fed on every relevant event and
// evaluated at least every minute. Each breaker is edge-triggered: it trips once when its
// condition starts to hold (so "exit all" is not repeated every minute) and re-arms when the
// condition clears. The risk engine turns trips into holds, exits and the kill-switch path.
//   VIX > vix_threshold, or VIX up > vix_spike_points within vix_spike_window -> exit all + pause
//   today's loss >= daily_loss_pct of the day's starting equity               -> exit all + halt
//   (day) one underlying's loss today >= ticker_daily_loss_pct   -> close it, block it for the day
//   underlying moves > flash_move_pct within flash_window                      -> pause
//   entries margin used > margin_close_weakest_pct of equity                           -> close the
//   weakest consecutive_losses losing round trips in a row                             -> pause a
//   feed or the broker disconnected / stale                                  -> halt new orders
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/core/ids.hpp"
#include "zerodte/model/market_events.hpp"
#include "zerodte/risk/risk_limits.hpp"

namespace zerodte::risk {

enum class BreakerKind : std::uint8_t {
  kVixLevel,
  kVixSpike,
  kDailyLoss,
  kFlashMove,
  kMargin,
  kConsecutiveLosses,
  kFeedDown,
  kTickerDailyLoss,
};
std::string_view to_string(BreakerKind k);  // "vix_level", ...

enum class BreakerAction : std::uint8_t {
  kExitAllAndPause,             // flatten, then REDUCING until the condition clears
  kExitAllAndHaltDay,           // flatten, then HALTED until the next trading day
  kPauseEntries,                // REDUCING until `until`
  kCloseWeakest,                // close the position with the worst P&L %
  kPause,                       // REDUCING until a person resumes (or the next day)
  kHaltNewOrders,               // REDUCING while the feed is down
  kClear,                       // the condition cleared: drop the breaker's hold
  kCloseUnderlyingAndBlockDay,  // close every position on `underlying`, no entries on it today
};

struct BreakerTrip {
  BreakerKind kind = BreakerKind::kVixLevel;
  BreakerAction action = BreakerAction::kPause;
  double value = 0;
  double threshold = 0;
  core::Timestamp until = core::Timestamp::max();
  std::string source;  // hold source: "breaker:vix_level", "breaker:feed:polygon.options"
  std::string text;
  core::InstrumentId underlying;  // kTickerDailyLoss: the underlying
};

struct AccountInputs {
  double equity = 0;
  double day_pnl = 0;  // today's P&L (negative = loss)
  double margin_used = 0;
  std::vector<std::pair<core::InstrumentId, double>> underlying_day_pnl;  // per underlying
};

class CircuitBreakers {
 public:
  explicit CircuitBreakers(BreakerLimits limits = {}) : limits_(limits) {}

  // Inputs (each may trip a breaker; the trips come out of the next evaluate()).
  void on_vix(double vix, core::Timestamp ts);
  void on_underlying(core::InstrumentId underlying, double price, core::Timestamp ts);
  void on_round_trip(double pnl);  // a position closed with this P&L
  void on_feed(const model::FeedStatus& s);
  void reset_day();  // new trading day: consecutive-loss count and day breakers re-arm

  // Evaluates every breaker; returns the trips and clears since the last call, in the order above.
  std::vector<BreakerTrip> evaluate(core::Timestamp now, const AccountInputs& account);

  [[nodiscard]] const BreakerLimits& limits() const { return limits_; }
  [[nodiscard]] int consecutive_losses() const { return losses_in_row_; }

 private:
  struct Sample {
    core::Timestamp ts;
    double v;
  };
  static void push(std::deque<Sample>& q, core::Timestamp ts, double v, core::Duration window);
  void edge(bool cond, bool& armed_flag, BreakerTrip trip, std::vector<BreakerTrip>& out,
            bool emit_clear);

  BreakerLimits limits_;
  std::deque<Sample> vix_;
  std::unordered_map<std::uint32_t, std::deque<Sample>> underlying_;
  std::unordered_map<std::uint32_t, double> flash_pending_;  // underlying -> largest move %
  std::vector<BreakerTrip> feed_pending_;
  int losses_in_row_ = 0;
  bool losses_pending_ = false;
  bool vix_level_on_ = false, vix_spike_on_ = false, daily_loss_on_ = false, margin_on_ = false;
  std::unordered_map<std::uint32_t, bool> flash_on_;
  std::unordered_map<std::uint32_t, bool> ticker_loss_on_;  // latched until reset_day()
};

}  // namespace zerodte::risk
