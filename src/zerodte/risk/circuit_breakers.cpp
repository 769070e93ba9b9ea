#include "zerodte/risk/circuit_breakers.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace zerodte::risk {
namespace {
constexpr double kEps = 1e-9;  // float noise of percentages computed from prices
}

std::string_view to_string(BreakerKind k) {
  switch (k) {
    case BreakerKind::kVixLevel:
      return "vix_level";
    case BreakerKind::kVixSpike:
      return "vix_spike";
    case BreakerKind::kDailyLoss:
      return "daily_loss";
    case BreakerKind::kFlashMove:
      return "flash_move";
    case BreakerKind::kMargin:
      return "margin";
    case BreakerKind::kConsecutiveLosses:
      return "consecutive_losses";
    case BreakerKind::kFeedDown:
      return "feed_down";
    case BreakerKind::kTickerDailyLoss:
      return "ticker_daily_loss";
  }
  return "unknown";
}

void CircuitBreakers::push(std::deque<Sample>& q, core::Timestamp ts, double v,
                           core::Duration window) {
  // One sample per second at most (the newest value of that second wins); keep one sample at
  // or before the window start so "N minutes ago" is known.
  if (!q.empty() &&
      q.back().ts.floor(std::chrono::seconds(1)) == ts.floor(std::chrono::seconds(1))) {
    q.back() = {ts, v};
  } else {
    q.push_back({ts, v});
  }
  while (q.size() > 2 && q[1].ts <= ts - window)
    q.pop_front();
}

void CircuitBreakers::on_vix(double vix, core::Timestamp ts) {
  push(vix_, ts, vix, limits_.vix_spike_window);
}

void CircuitBreakers::on_underlying(core::InstrumentId underlying, double price,
                                    core::Timestamp ts) {
  if (!(price > 0)) return;
  auto& q = underlying_[underlying.value];
  push(q, ts, price, limits_.flash_window);
  double move = 0;
  for (const auto& s : q) {
    if (s.ts >= ts - limits_.flash_window) move = std::max(move, std::abs(price / s.v - 1) * 100);
  }
  // The sample just before the window counts too ("the price 5 minutes ago").
  if (!q.empty() && q.front().ts < ts - limits_.flash_window && q.size() > 1 &&
      q[1].ts > ts - limits_.flash_window) {
    move = std::max(move, std::abs(price / q.front().v - 1) * 100);
  }
  double& m = flash_pending_[underlying.value];
  m = std::max(m, move);
}

void CircuitBreakers::on_round_trip(double pnl) {
  if (pnl < 0) {
    ++losses_in_row_;
    if (losses_in_row_ >= limits_.consecutive_losses && limits_.consecutive_losses > 0) {
      losses_pending_ = true;
    }
  } else {
    losses_in_row_ = 0;
  }
}

void CircuitBreakers::on_feed(const model::FeedStatus& s) {
  BreakerTrip t;
  t.kind = BreakerKind::kFeedDown;
  t.source = fmt::format("breaker:feed:{}", s.feed.view());
  const bool down =
      s.state == model::FeedState::kDisconnected || s.state == model::FeedState::kStale;
  const bool up =
      s.state == model::FeedState::kConnected || s.state == model::FeedState::kRecovered;
  if (!down && !up) return;
  t.action = down ? BreakerAction::kHaltNewOrders : BreakerAction::kClear;
  t.value = down ? 1 : 0;
  t.text = fmt::format("feed {} {}{}{}", s.feed.view(), down ? "down" : "back",
                       s.detail.view().empty() ? "" : ": ", s.detail.view());
  feed_pending_.push_back(std::move(t));
}

void CircuitBreakers::reset_day() {
  losses_in_row_ = 0;
  losses_pending_ = false;
  daily_loss_on_ = false;
  ticker_loss_on_.clear();
}

void CircuitBreakers::edge(bool cond, bool& on, BreakerTrip trip, std::vector<BreakerTrip>& out,
                           bool emit_clear) {
  if (cond && !on) {
    on = true;
    out.push_back(std::move(trip));
  } else if (!cond && on) {
    on = false;
    if (emit_clear) {
      trip.action = BreakerAction::kClear;
      trip.text = fmt::format("{} cleared", to_string(trip.kind));
      out.push_back(std::move(trip));
    }
  }
}

std::vector<BreakerTrip> CircuitBreakers::evaluate(core::Timestamp now,
                                                   const AccountInputs& account) {
  std::vector<BreakerTrip> out;
  const auto& L = limits_;
  if (!vix_.empty()) {
    const double v = vix_.back().v;
    BreakerTrip t{BreakerKind::kVixLevel,
                  BreakerAction::kExitAllAndPause,
                  v,
                  L.vix_threshold,
                  core::Timestamp::max(),
                  "breaker:vix_level",
                  fmt::format("VIX {:.2f} > {:.2f}: exit all and pause", v, L.vix_threshold)};
    edge(v > L.vix_threshold + kEps, vix_level_on_, std::move(t), out, true);
    double lo = v;
    for (const auto& s : vix_)
      lo = std::min(lo, s.v);
    const double rise = v - lo;
    BreakerTrip s{
        BreakerKind::kVixSpike,
        BreakerAction::kExitAllAndPause,
        rise,
        L.vix_spike_points,
        core::Timestamp::max(),
        "breaker:vix_spike",
        fmt::format("VIX up {:.2f} points in {} min (> {:.2f}): exit all and pause", rise,
                    L.vix_spike_window.count() / core::kNanosPerMinute, L.vix_spike_points)};
    edge(rise > L.vix_spike_points + kEps, vix_spike_on_, std::move(s), out, true);
  }
  {
    const double base = account.equity - account.day_pnl;
    const double loss_pct = base > 0 ? -100.0 * account.day_pnl / base : 0;
    BreakerTrip t{BreakerKind::kDailyLoss,
                  BreakerAction::kExitAllAndHaltDay,
                  loss_pct,
                  L.daily_loss_pct,
                  core::Timestamp::max(),
                  "breaker:daily_loss",
                  fmt::format("daily loss {:.3f}% >= {:.2f}%: exit all, halt for the day", loss_pct,
                              L.daily_loss_pct)};
    // The day's halt is cleared by the next day, not by a recovery: no clear event.
    if (loss_pct >= L.daily_loss_pct - kEps && !daily_loss_on_) {
      daily_loss_on_ = true;
      out.push_back(std::move(t));
    }
  }
  if (L.ticker_daily_loss_pct > 0) {
    const double base = account.equity - account.day_pnl;
    for (const auto& [und, pnl] : account.underlying_day_pnl) {  // ascending id: deterministic
      const double loss_pct = base > 0 ? -100.0 * pnl / base : 0;
      bool& on = ticker_loss_on_[und.value];
      if (on || loss_pct < L.ticker_daily_loss_pct - kEps) continue;
      on = true;  // the day's block is cleared by the next day, not by a recovery
      BreakerTrip t{BreakerKind::kTickerDailyLoss,
                    BreakerAction::kCloseUnderlyingAndBlockDay,
                    loss_pct,
                    L.ticker_daily_loss_pct,
                    core::Timestamp::max(),
                    fmt::format("breaker:ticker_daily_loss:{}", und.value),
                    fmt::format("loss on underlying {} today {:.3f}% >= {:.2f}%: close it, no "
                                "entries on it for the day",
                                und.value, loss_pct, L.ticker_daily_loss_pct)};
      t.underlying = und;
      out.push_back(std::move(t));
    }
  }
  std::vector<std::pair<std::uint32_t, double>> flash(flash_pending_.begin(), flash_pending_.end());
  std::sort(flash.begin(), flash.end());  // deterministic order
  for (const auto& [id, move] : flash) {
    bool& on = flash_on_[id];
    BreakerTrip t{BreakerKind::kFlashMove,
                  BreakerAction::kPauseEntries,
                  move,
                  L.flash_move_pct,
                  now + L.flash_pause,
                  fmt::format("breaker:flash_move:{}", id),
                  fmt::format("underlying {} moved {:.3f}% in {} min (> {:.2f}%): entries "
                              "paused {} min",
                              id, move, L.flash_window.count() / core::kNanosPerMinute,
                              L.flash_move_pct, L.flash_pause.count() / core::kNanosPerMinute)};
    edge(move > L.flash_move_pct + kEps, on, std::move(t), out, false);
  }
  flash_pending_.clear();
  {
    const double util = account.equity > 0 ? 100.0 * account.margin_used / account.equity : 0;
    BreakerTrip t{BreakerKind::kMargin,
                  BreakerAction::kCloseWeakest,
                  util,
                  L.margin_close_weakest_pct,
                  core::Timestamp::max(),
                  "breaker:margin",
                  fmt::format("margin use {:.2f}% > {:.2f}%: close the weakest position", util,
                              L.margin_close_weakest_pct)};
    edge(util > L.margin_close_weakest_pct + kEps, margin_on_, std::move(t), out, false);
  }
  if (losses_pending_) {
    losses_pending_ = false;
    out.push_back({BreakerKind::kConsecutiveLosses, BreakerAction::kPause,
                   static_cast<double>(losses_in_row_), static_cast<double>(L.consecutive_losses),
                   core::Timestamp::max(), "breaker:consecutive_losses",
                   fmt::format("{} losing trades in a row (limit {}): paused", losses_in_row_,
                               L.consecutive_losses)});
    losses_in_row_ = 0;
  }
  for (auto& t : feed_pending_)
    out.push_back(std::move(t));
  feed_pending_.clear();
  return out;
}

}  // namespace zerodte::risk
