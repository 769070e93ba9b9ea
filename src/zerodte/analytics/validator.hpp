#pragma once
// Validation of every bar and tick before use (seed 004 sections 2.2 and 4.3). Invalid data is
// rejected with a reason and counted; it never reaches a strategy.
//   fields:    OHLC relationships (H >= L, O and C inside [L, H]), prices defined and > 0,
//              volume/size >= 0 (trades: > 0);
//   sequence:  timestamps strictly increasing (bars) / non-decreasing (ticks);
//   session:   inside the regular session of the trading calendar (optional);
//   outliers:  a log return beyond `max_sigma` standard deviations of the last `window` accepted
//              returns (once `min_samples` exist). A rejected outlier is a bad print unless the
//              next value confirms the new level (within max_sigma of the rejected value), then
//              the level shift is accepted. With a calendar, the first value of each session is
//              not judged (opening gaps are real) and becomes the new reference.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "zerodte/analytics/bollinger.hpp"
#include "zerodte/core/calendar.hpp"
#include "zerodte/model/market_events.hpp"

namespace zerodte::analytics {

enum class RejectReason : std::uint8_t {
  kUndefinedPrice,
  kNonPositivePrice,
  kHighBelowLow,
  kOpenOutsideRange,
  kCloseOutsideRange,
  kNegativeVolume,
  kNonPositiveSize,
  kNotMonotonic,
  kOutsideSession,
  kOutlier,
  kCount
};
std::string_view to_string(RejectReason r);

// Stateless field checks.
std::optional<RejectReason> check_bar_fields(const model::Bar& bar);
std::optional<RejectReason> check_trade_fields(const model::Trade& trade);

struct ValidatorConfig {
  double max_sigma = 6.0;
  int window = 100;
  int min_samples = 30;
  bool require_session = false;  // needs a calendar
};

class OutlierFilter {
 public:
  explicit OutlierFilter(const ValidatorConfig& cfg);
  // True when `price` is acceptable; updates the state accordingly.
  bool accept(double price);
  // A new session: the opening gap is not a return to judge; `price` becomes the reference.
  void rebase(double price) {
    last_ = price;
    rejected_ = 0;
  }

 private:
  double max_sigma_;
  int min_samples_;
  RollingMoments returns_;
  double last_ = 0;
  double rejected_ = 0;  // last rejected price (0 = none pending)
};

class Validator {
 public:
  explicit Validator(ValidatorConfig cfg = {}, const core::TradingCalendar* calendar = nullptr);
  std::optional<RejectReason> check(const model::Bar& bar);
  std::optional<RejectReason> check(const model::Trade& trade);

  [[nodiscard]] std::uint64_t accepted() const { return accepted_; }
  [[nodiscard]] std::uint64_t rejected(RejectReason r) const {
    return counts_[static_cast<std::size_t>(r)];
  }
  [[nodiscard]] std::uint64_t rejected_total() const;

 private:
  std::optional<RejectReason> finish(std::optional<RejectReason> r);
  bool accept_price(core::Timestamp ts, double price);
  ValidatorConfig cfg_;
  const core::TradingCalendar* calendar_;
  OutlierFilter outliers_;
  core::Timestamp last_ts_ = core::Timestamp::min();
  std::int64_t last_day_ = INT64_MIN;  // exchange-local date of the last accepted value
  std::uint64_t accepted_ = 0;
  std::array<std::uint64_t, static_cast<std::size_t>(RejectReason::kCount)> counts_{};
};

}  // namespace zerodte::analytics
