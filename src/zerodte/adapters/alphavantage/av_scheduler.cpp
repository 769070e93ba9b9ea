#include "zerodte/adapters/alphavantage/av_scheduler.hpp"

#include <algorithm>

#include "zerodte/core/time_zone.hpp"

namespace zerodte::adapters::alphavantage {

namespace {
core::Duration pacing_of(const AvBudget& b) {
  if (b.pacing.count() > 0) return b.pacing;
  return core::Duration{60 * core::kNanosPerSecond / std::max<std::int64_t>(1, b.calls_per_minute)};
}
AvCall call(std::string stream, std::string function, std::string symbol,
            std::vector<std::pair<std::string, std::string>> params = {}) {
  AvCall c;
  c.stream = std::move(stream);
  c.function = std::move(function);
  c.symbol = std::move(symbol);
  c.params = std::move(params);
  return c;
}
}  // namespace

std::vector<AvStream> default_streams() {
  using std::chrono::minutes;
  using std::chrono::seconds;
  std::vector<AvStream> out;
  AvStream chains{"chains", 0, seconds(5), seconds(1), false, true, {}};
  for (const char* s : {"SPX", "SPY", "QQQ", "IWM"})
    chains.calls.push_back(call("chains", "REALTIME_OPTIONS", s, {{"require_greeks", "true"}}));
  out.push_back(std::move(chains));
  AvStream intraday{"intraday", 1, seconds(15), seconds(1), false, true, {}};
  for (const char* s :
       {"SPX", "SPY", "QQQ", "IWM", "AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "META", "TSLA"})
    intraday.calls.push_back(call("intraday", "TIME_SERIES_INTRADAY", s,
                                  {{"interval", "1min"}, {"outputsize", "compact"}}));
  out.push_back(std::move(intraday));
  AvStream ind{"indicators", 2, seconds(60), seconds(3), true, true, {}};
  const std::vector<std::pair<std::string, std::string>> p14{
      {"interval", "1min"}, {"time_period", "14"}, {"series_type", "close"}};
  const std::vector<std::pair<std::string, std::string>> pmacd{{"interval", "1min"},
                                                               {"series_type", "close"}};
  const std::vector<std::pair<std::string, std::string>> pbb{
      {"interval", "1min"}, {"time_period", "20"}, {"series_type", "close"}};
  for (const char* s : {"SPY", "QQQ", "IWM", "AAPL", "MSFT", "NVDA", "TSLA"}) {
    ind.calls.push_back(call("indicators", "RSI", s, p14));
    ind.calls.push_back(call("indicators", "MACD", s, pmacd));
  }
  for (const char* s : {"SPY", "QQQ", "IWM", "AAPL", "NVDA", "TSLA"})
    ind.calls.push_back(call("indicators", "BBANDS", s, pbb));
  out.push_back(std::move(ind));
  AvStream macro{"macro", 3, minutes(5), seconds(10), true, false, {}};
  for (const char* f : {"REAL_GDP", "CPI", "FEDERAL_FUNDS_RATE"})
    macro.calls.push_back(call("macro", f, ""));
  out.push_back(std::move(macro));
  return out;
}

AvScheduler::AvScheduler(AvBudget budget, std::vector<AvStream> streams)
    : budget_(std::move(budget)),
      streams_(std::move(streams)),
      window_(budget_.calls_per_minute, std::chrono::minutes(1)),
      hist_window_(budget_.historical_per_minute, std::chrono::minutes(1)),
      pacing_(pacing_of(budget_)) {
  for (std::size_t s = 0; s < streams_.size(); ++s) {
    stream_stats_.push_back(&stats_[streams_[s].name]);
    for (std::size_t c = 0; c < streams_[s].calls.size(); ++c)
      slots_.push_back({s, c, core::Timestamp{}});
  }
  historical_stats_ = &stats_["historical"];
}

void AvScheduler::anchor(core::Timestamp now) {
  for (auto& sl : slots_)
    sl.next = now + streams_[sl.stream].stagger * static_cast<std::int64_t>(sl.call);
  anchored_ = true;
}

const AvScheduler::Day& AvScheduler::day(core::Timestamp now) const {
  if (day_.valid && now >= day_.start && now < day_.end) return day_;
  Day d;
  auto local = core::utc_to_local(budget_.time_zone, now);
  if (!local) return day_ = Day{};
  const auto at = [&](core::Date date, core::TimeOfDay t) {
    return core::local_to_utc(budget_.time_zone, date, t).value_or(core::Timestamp{});
  };
  d.start = at(local->date, {0, 0, 0});
  d.end = at(local->date.add_days(1), {0, 0, 0});
  d.open = at(local->date, budget_.market_open);
  d.close = at(local->date, budget_.market_close);
  d.historical_after = at(local->date, budget_.historical_after);
  d.historical_until = at(local->date, budget_.historical_until);
  const int wd = local->date.weekday();
  d.weekend = wd == 0 || wd == 6;
  d.valid = d.end > d.start;
  day_ = d;
  return day_;
}

bool AvScheduler::market_open(core::Timestamp now) const {
  const auto& d = day(now);
  return d.valid && !d.weekend && now >= d.open && now < d.close;
}

bool AvScheduler::historical_window(core::Timestamp now) const {
  const auto& d = day(now);
  if (!d.valid) return false;
  return d.weekend || now >= d.historical_after || now < d.historical_until;
}

void AvScheduler::queue_historical(AvCall c) {
  c.stream = "historical";
  historical_.push_back(std::move(c));
}

void AvScheduler::throttle(core::Timestamp now, core::Duration d) {
  blocked_until_ = std::max(blocked_until_, now + d);
}

std::vector<AvCall> AvScheduler::due(core::Timestamp now) {
  if (!anchored_) anchor(now);
  std::vector<AvCall> out;
  const bool open = market_open(now);
  auto& ready = ready_;
  ready.clear();
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    auto& sl = slots_[i];
    if (sl.next > now) continue;
    const auto& st = streams_[sl.stream];
    if (st.market_hours_only && !open) {
      while (sl.next <= now)
        sl.next += st.cadence;  // not due outside market hours
      continue;
    }
    ready.push_back(i);
  }
  std::sort(ready.begin(), ready.end(), [&](std::size_t a, std::size_t b) {
    const auto& sa = slots_[a];
    const auto& sb = slots_[b];
    const int pa = streams_[sa.stream].priority, pb = streams_[sb.stream].priority;
    if (pa != pb) return pa < pb;
    if (sa.next != sb.next) return sa.next < sb.next;
    return a < b;
  });
  for (std::size_t i : ready) {
    auto& sl = slots_[i];
    const auto& st = streams_[sl.stream];
    auto& stats = *stream_stats_[sl.stream];
    const bool can = now >= blocked_until_ && pacing_.next_slot(now) <= now && window_.allows(now);
    if (can) {
      (void)pacing_.try_acquire(now);
      window_.record(now);
      AvCall c = st.calls[sl.call];
      c.due = sl.next;
      out.push_back(std::move(c));
      ++stats.issued;
    } else if (st.optional &&
               (!window_.allows(now) || now < blocked_until_ || now - sl.next >= st.cadence)) {
      ++stats.dropped;  // over quota (or a whole cadence late): optional pulls go first
    } else {
      if (!sl.late) ++stats.delayed;  // counted once per occurrence
      sl.late = true;
      continue;  // stays due; goes at the next free slot
    }
    // Keep the phase: the next occurrence is one cadence after this one's due time.
    while (sl.next <= now)
      sl.next += st.cadence;
  }
  if (!historical_.empty() && historical_window(now)) {
    while (!historical_.empty() && now >= blocked_until_ && pacing_.next_slot(now) <= now &&
           window_.allows(now) && hist_window_.allows(now)) {
      (void)pacing_.try_acquire(now);
      window_.record(now);
      hist_window_.record(now);
      AvCall c = std::move(historical_.front());
      historical_.pop_front();
      c.due = now;
      out.push_back(std::move(c));
      ++historical_stats_->issued;
    }
  }
  return out;
}

core::Timestamp AvScheduler::next_wake(core::Timestamp now) const {
  core::Timestamp next = now + std::chrono::minutes(1);
  const auto gate = std::max(
      {now + core::Duration{1}, pacing_.next_slot(now), window_.next_allowed(now), blocked_until_});
  for (const auto& sl : slots_) {
    if (!anchored_ || sl.next <= now)
      next = std::min(next, gate);
    else
      next = std::min(next, sl.next);
  }
  if (!historical_.empty() && historical_window(now))
    next = std::min(next, std::max(gate, hist_window_.next_allowed(now)));
  return std::max(next, blocked_until_);
}

}  // namespace zerodte::adapters::alphavantage
