#pragma once
// Bar building: trades -> 1-minute bars, and bars -> 2m/5m/15m/1h/daily bars.
//
// Buckets are aligned to the session open (09:30 America/New_York on NYSE, 09:15 Asia/Kolkata on
// NSE) and cut at the session close, so no bar spans a session boundary; the last bar of a
// session may be shorter (e.g. 15:30-16:00 for 1h bars, or up to 13:00 on an early close) and its
// interval_s says so. A daily bar is the whole session. Inputs outside the regular session are
// counted and ignored.
//
// A bar is emitted as soon as it is known complete: when an input bar ends on the bucket end,
// when an input falls into a later bucket, or when on_time() passes the bucket end (heartbeat).
// Restart: partial() is the bar in progress; restore() seeds it after a restart. A bar whose
// bucket started before the aggregator was watching (and was not restored) is emitted with
// complete = false.
#include <functional>
#include <optional>

#include "zerodte/core/calendar.hpp"
#include "zerodte/model/market_events.hpp"

namespace zerodte::analytics {

// Bar length; kSession = one bar per trading session (daily).
struct Timeframe {
  static constexpr std::int32_t kSession = 0;
  std::int32_t seconds = 60;
  static constexpr Timeframe minutes(int m) { return Timeframe{m * 60}; }
  static constexpr Timeframe daily() { return Timeframe{kSession}; }
  [[nodiscard]] bool is_daily() const { return seconds == kSession; }
  bool operator==(const Timeframe&) const = default;
};
// "1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"/"daily"
core::Result<Timeframe> parse_timeframe(std::string_view text);
std::string to_string(Timeframe tf);

using BarSink = std::function<void(const model::Bar& bar, bool complete)>;

class BarAggregator {
 public:
  BarAggregator(const core::TradingCalendar& calendar, Timeframe tf, BarSink sink);

  void on_trade(const model::Trade& trade);
  void on_bar(const model::Bar& bar);  // input bars must be finer than tf and session-aligned
  void on_time(core::Timestamp now);   // emits the bar in progress once its bucket has ended
  void flush();                        // emits the bar in progress now (end of data)

  [[nodiscard]] std::optional<model::Bar> partial() const;
  void restore(const model::Bar& partial);

  [[nodiscard]] std::uint64_t emitted() const { return emitted_; }
  [[nodiscard]] std::uint64_t outside_session() const { return outside_session_; }
  [[nodiscard]] std::uint64_t late_inputs() const { return late_; }

 private:
  struct Bucket {
    core::Timestamp start;
    core::Timestamp end;
  };
  std::optional<Bucket> bucket_of(core::Timestamp t);
  bool open_bucket_for(core::Timestamp t, core::InstrumentId instrument);
  void merge(core::Price o, core::Price h, core::Price l, core::Price c, std::int64_t volume,
             std::int32_t trades);
  void emit();

  const core::TradingCalendar& calendar_;
  Timeframe tf_;
  BarSink sink_;
  std::optional<core::Session> session_;  // cached session of the current bucket
  bool have_bar_ = false;
  bool has_data_ = false;
  Bucket bucket_{};
  model::Bar bar_{};
  core::Timestamp watching_since_ = core::Timestamp::max();
  std::uint64_t emitted_ = 0;
  std::uint64_t outside_session_ = 0;
  std::uint64_t late_ = 0;
};

}  // namespace zerodte::analytics
