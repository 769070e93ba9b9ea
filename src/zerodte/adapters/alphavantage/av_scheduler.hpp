#pragma once
// AlphaVantage call-budget scheduler (seed 003, "Call Budgeting", Premium plan 600 calls/min).
// Pure logic on the caller's clock (tested on a SimClock over a whole trading day):
//   * streams with a cadence and a per-symbol stagger (0DTE chains + Greeks every 5 s, symbols
//     offset by 1 s; intraday bars every 15 s; indicators every 60 s; macro every 5 min);
//   * real-time streams are budgeted first (lower priority number wins when several are due);
//   * a leaky bucket paces calls (one per 60 s / limit by default) so bursts are smoothed;
//   * a sliding one-minute window never exceeds the plan's limit;
//   * when a call cannot go now: an optional stream's occurrence (technical indicators, macro)
//     is dropped; a required one (chains, intraday) waits for the next slot;
//   * historical backfills are queued and released only after 16:30 ET (exchange time) and
//     before 08:00 the next morning (all weekend), at most `historical_per_minute`.
//   AvScheduler s(budget, default_streams());   for each poll: auto calls = s.due(clock.now());
//   ... issue them ...; sleep until s.next_wake(clock.now()).
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "zerodte/adapters/net/rate_limit.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::adapters::alphavantage {

struct AvCall {
  std::string stream;    // "chains", "intraday", "indicators", "macro", "historical"
  std::string function;  // "REALTIME_OPTIONS", "TIME_SERIES_INTRADAY", "RSI", ...
  std::string symbol;    // empty for macro series
  std::vector<std::pair<std::string, std::string>> params;  // extra query parameters
  core::Timestamp due;                                      // when it was scheduled
};

struct AvStream {
  std::string name;
  int priority = 0;  // 0 = most important
  core::Duration cadence = std::chrono::seconds(60);
  core::Duration stagger{0};  // offset between consecutive calls of one cycle
  bool optional = false;      // dropped (not delayed) when over budget
  bool market_hours_only = true;
  std::vector<AvCall> calls;  // one per symbol/function
};

struct AvBudget {
  std::int64_t calls_per_minute = 600;
  core::Duration pacing{0};  // leaky-bucket spacing; 0 = 60 s / calls_per_minute
  std::int64_t historical_per_minute = 300;
  core::TimeOfDay market_open{9, 30, 0};
  core::TimeOfDay market_close{16, 0, 0};
  core::TimeOfDay historical_after{16, 30, 0};  // backfill window: [16:30, 08:00 next day)
  core::TimeOfDay historical_until{8, 0, 0};    // and all weekend
  std::string time_zone = "America/New_York";
};

// The seed's plan: chains SPX/SPY/QQQ/IWM every 5 s staggered 1 s (48/min), intraday for the
// focus universe every 15 s (44/min), RSI/MACD/BBANDS on a watchlist every 60 s (optional),
// REAL_GDP/CPI/FEDERAL_FUNDS_RATE every 5 min (optional).
std::vector<AvStream> default_streams();

struct AvStreamStats {
  std::uint64_t issued = 0, dropped = 0, delayed = 0;
};

class AvScheduler {
 public:
  AvScheduler(AvBudget budget, std::vector<AvStream> streams);
  // The calls to issue at `now` (in order), each already counted against the budget.
  std::vector<AvCall> due(core::Timestamp now);
  // The next time due() may return something (for sleeping).
  [[nodiscard]] core::Timestamp next_wake(core::Timestamp now) const;
  void queue_historical(AvCall call);
  // After a 429 / "rate limit" answer: no call before now + d.
  void throttle(core::Timestamp now, core::Duration d);

  [[nodiscard]] const std::map<std::string, AvStreamStats>& stats() const { return stats_; }
  [[nodiscard]] std::size_t historical_pending() const { return historical_.size(); }
  [[nodiscard]] bool market_open(core::Timestamp now) const;
  [[nodiscard]] bool historical_window(core::Timestamp now) const;

 private:
  struct Slot {
    std::size_t stream;
    std::size_t call;
    core::Timestamp next;
    bool late = false;  // this occurrence was already counted as delayed
  };
  void anchor(core::Timestamp now);
  // Exchange-day boundaries in UTC, cached per local day (time-zone lookups are not free).
  struct Day {
    core::Timestamp start, end, open, close, historical_after, historical_until;
    bool weekend = false;
    bool valid = false;
  };
  const Day& day(core::Timestamp now) const;
  mutable Day day_;
  AvBudget budget_;
  std::vector<AvStream> streams_;
  std::vector<Slot> slots_;
  bool anchored_ = false;
  mutable net::SlidingWindow window_;
  mutable net::SlidingWindow hist_window_;
  net::LeakyBucket pacing_;
  core::Timestamp blocked_until_{};
  std::deque<AvCall> historical_;
  std::map<std::string, AvStreamStats> stats_;
  std::vector<AvStreamStats*> stream_stats_;  // per stream, into stats_ (map nodes are stable)
  AvStreamStats* historical_stats_ = nullptr;
  std::vector<std::size_t> ready_;  // reused by due()
};

}  // namespace zerodte::adapters::alphavantage
