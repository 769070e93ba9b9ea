#include "zerodte/analytics/validator.hpp"

#include <cmath>
#include <numeric>

namespace zerodte::analytics {

std::string_view to_string(RejectReason r) {
  switch (r) {
    case RejectReason::kUndefinedPrice:
      return "undefined price";
    case RejectReason::kNonPositivePrice:
      return "zero or negative price";
    case RejectReason::kHighBelowLow:
      return "high < low";
    case RejectReason::kOpenOutsideRange:
      return "open outside [low, high]";
    case RejectReason::kCloseOutsideRange:
      return "close outside [low, high]";
    case RejectReason::kNegativeVolume:
      return "negative volume";
    case RejectReason::kNonPositiveSize:
      return "trade size <= 0";
    case RejectReason::kNotMonotonic:
      return "timestamp not increasing";
    case RejectReason::kOutsideSession:
      return "outside the regular session";
    case RejectReason::kOutlier:
      return "price outlier beyond N sigma of recent returns";
    case RejectReason::kCount:
      break;
  }
  return "?";
}

std::optional<RejectReason> check_bar_fields(const model::Bar& b) {
  for (const auto p : {b.open, b.high, b.low, b.close}) {
    if (!p.is_defined()) return RejectReason::kUndefinedPrice;
    if (p.raw() <= 0) return RejectReason::kNonPositivePrice;
  }
  if (b.high < b.low) return RejectReason::kHighBelowLow;
  if (b.open > b.high || b.open < b.low) return RejectReason::kOpenOutsideRange;
  if (b.close > b.high || b.close < b.low) return RejectReason::kCloseOutsideRange;
  if (b.volume < 0) return RejectReason::kNegativeVolume;
  return std::nullopt;
}

std::optional<RejectReason> check_trade_fields(const model::Trade& t) {
  if (!t.price.is_defined()) return RejectReason::kUndefinedPrice;
  if (t.price.raw() <= 0) return RejectReason::kNonPositivePrice;
  if (t.size <= 0) return RejectReason::kNonPositiveSize;
  return std::nullopt;
}

OutlierFilter::OutlierFilter(const ValidatorConfig& cfg)
    : max_sigma_(cfg.max_sigma), min_samples_(cfg.min_samples), returns_(cfg.window) {}

bool OutlierFilter::accept(double price) {
  if (last_ <= 0) {
    last_ = price;
    return true;
  }
  const double r = std::log(price / last_);
  if (static_cast<int>(returns_.count()) >= min_samples_) {
    const double sd = std::sqrt(returns_.sample_variance());
    const bool outlier = sd > 0 ? std::fabs(r - returns_.mean()) > max_sigma_ * sd : r != 0.0;
    if (outlier) {
      // Confirmation: the price stayed near the rejected level -> a real level shift.
      const bool confirms =
          rejected_ > 0 &&
          (sd > 0 ? std::fabs(std::log(price / rejected_)) <= max_sigma_ * sd : price == rejected_);
      if (!confirms) {
        rejected_ = price;
        return false;
      }
    }
  }
  rejected_ = 0;
  returns_.update(r);
  last_ = price;
  return true;
}

Validator::Validator(ValidatorConfig cfg, const core::TradingCalendar* calendar)
    : cfg_(cfg), calendar_(calendar), outliers_(cfg) {
  ZDTE_ASSERT(!cfg.require_session || calendar != nullptr, "session checks need a calendar");
}

std::optional<RejectReason> Validator::finish(std::optional<RejectReason> r) {
  if (r) {
    ++counts_[static_cast<std::size_t>(*r)];
  } else {
    ++accepted_;
  }
  return r;
}

bool Validator::accept_price(core::Timestamp ts, double price) {
  if (calendar_ != nullptr) {
    const std::int64_t day = calendar_->local_date(ts).days_since_epoch();
    if (day != last_day_) {
      last_day_ = day;
      outliers_.rebase(price);
      return true;
    }
  }
  return outliers_.accept(price);
}

std::optional<RejectReason> Validator::check(const model::Bar& bar) {
  if (auto r = check_bar_fields(bar)) return finish(r);
  if (bar.hdr.ts_event <= last_ts_) return finish(RejectReason::kNotMonotonic);
  if (cfg_.require_session && !calendar_->is_open(bar.hdr.ts_event))
    return finish(RejectReason::kOutsideSession);
  if (!accept_price(bar.hdr.ts_event, bar.close.to_double())) return finish(RejectReason::kOutlier);
  last_ts_ = bar.hdr.ts_event;
  return finish(std::nullopt);
}

std::optional<RejectReason> Validator::check(const model::Trade& t) {
  if (auto r = check_trade_fields(t)) return finish(r);
  if (t.hdr.ts_event < last_ts_) return finish(RejectReason::kNotMonotonic);
  if (cfg_.require_session && !calendar_->is_open(t.hdr.ts_event))
    return finish(RejectReason::kOutsideSession);
  if (!accept_price(t.hdr.ts_event, t.price.to_double())) return finish(RejectReason::kOutlier);
  last_ts_ = t.hdr.ts_event;
  return finish(std::nullopt);
}

std::uint64_t Validator::rejected_total() const {
  return std::accumulate(counts_.begin(), counts_.end(), std::uint64_t{0});
}

}  // namespace zerodte::analytics
