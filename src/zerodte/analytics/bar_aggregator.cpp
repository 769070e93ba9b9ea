#include "zerodte/analytics/bar_aggregator.hpp"

#include <algorithm>
#include <charconv>

#include "zerodte/core/assert.hpp"

namespace zerodte::analytics {

core::Result<Timeframe> parse_timeframe(std::string_view text) {
  if (text == "1d" || text == "daily" || text == "D") return Timeframe::daily();
  if (text.size() >= 2) {
    int n = 0;
    const auto unit = text.back();
    const auto num = text.substr(0, text.size() - 1);
    const auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
    if (ec == std::errc{} && p == num.data() + num.size() && n > 0) {
      if (unit == 'm') return Timeframe::minutes(n);
      if (unit == 'h') return Timeframe::minutes(60 * n);
      if (unit == 's') return Timeframe{n};
    }
  }
  return core::fail(core::ErrorCode::kParse,
                    "timeframe '{}': expected e.g. 1m, 2m, 5m, 15m, 1h or 1d", text);
}

std::string to_string(Timeframe tf) {
  if (tf.is_daily()) return "1d";
  if (tf.seconds % 3600 == 0) return fmt::format("{}h", tf.seconds / 3600);
  if (tf.seconds % 60 == 0) return fmt::format("{}m", tf.seconds / 60);
  return fmt::format("{}s", tf.seconds);
}

BarAggregator::BarAggregator(const core::TradingCalendar& calendar, Timeframe tf, BarSink sink)
    : calendar_(calendar), tf_(tf), sink_(std::move(sink)) {
  ZDTE_ASSERT(tf.seconds >= 0, "timeframe must not be negative");
}

std::optional<BarAggregator::Bucket> BarAggregator::bucket_of(core::Timestamp t) {
  if (!session_ || t < session_->open || t >= session_->close) {
    // Cheap path failed: look the session up (a bar at 00:00-09:30 local belongs to no session).
    session_ = calendar_.session(calendar_.local_date(t));
    if (!session_ || t < session_->open || t >= session_->close) return std::nullopt;
  }
  if (tf_.is_daily()) return Bucket{session_->open, session_->close};
  const std::int64_t len = std::int64_t{tf_.seconds} * core::kNanosPerSecond;
  const std::int64_t k = (t - session_->open).count() / len;
  const core::Timestamp start = session_->open + core::Duration{k * len};
  return Bucket{start, std::min(start + core::Duration{len}, session_->close)};
}

bool BarAggregator::open_bucket_for(core::Timestamp t, core::InstrumentId instrument) {
  if (watching_since_ == core::Timestamp::max()) watching_since_ = t;
  if (have_bar_ && t >= bucket_.start && t < bucket_.end) return true;
  if (have_bar_ && t < bucket_.start) {
    ++late_;  // belongs to a bar already emitted
    return false;
  }
  const auto b = bucket_of(t);
  if (!b) {
    ++outside_session_;
    return false;
  }
  if (have_bar_) emit();
  have_bar_ = true;
  has_data_ = false;
  bucket_ = *b;
  bar_ = model::Bar{};
  bar_.hdr.instrument = instrument;
  bar_.hdr.ts_event = bar_.hdr.ts_recv = b->start;
  bar_.interval_s = static_cast<std::int32_t>((b->end - b->start).count() / core::kNanosPerSecond);
  return true;
}

void BarAggregator::merge(core::Price o, core::Price h, core::Price l, core::Price c,
                          std::int64_t volume, std::int32_t trades) {
  if (!has_data_) {
    bar_.open = o, bar_.high = h, bar_.low = l;
    has_data_ = true;
  } else {
    bar_.high = std::max(bar_.high, h);
    bar_.low = std::min(bar_.low, l);
  }
  bar_.close = c;
  bar_.volume += volume;
  bar_.trade_count += trades;
}

void BarAggregator::emit() {
  if (have_bar_ && has_data_) {
    ++emitted_;
    sink_(bar_, watching_since_ <= bucket_.start);
  }
  have_bar_ = false;
  has_data_ = false;
}

void BarAggregator::on_trade(const model::Trade& t) {
  if (!open_bucket_for(t.hdr.ts_event, t.hdr.instrument)) return;
  merge(t.price, t.price, t.price, t.price, t.size, 1);
  bar_.hdr.ts_recv = std::max(bar_.hdr.ts_recv, t.hdr.ts_recv);
}

void BarAggregator::on_bar(const model::Bar& b) {
  if (!open_bucket_for(b.hdr.ts_event, b.hdr.instrument)) return;
  merge(b.open, b.high, b.low, b.close, b.volume, b.trade_count);
  bar_.hdr.ts_recv = std::max(bar_.hdr.ts_recv, b.hdr.ts_recv);
  if (b.close_time() >= bucket_.end) emit();
}

void BarAggregator::on_time(core::Timestamp now) {
  if (watching_since_ == core::Timestamp::max()) watching_since_ = now;
  if (have_bar_ && now >= bucket_.end) emit();
}

void BarAggregator::flush() {
  emit();
}

std::optional<model::Bar> BarAggregator::partial() const {
  if (!have_bar_ || !has_data_) return std::nullopt;
  return bar_;
}

void BarAggregator::restore(const model::Bar& p) {
  const auto b = bucket_of(p.hdr.ts_event);
  ZDTE_ASSERT(b.has_value() && b->start == p.hdr.ts_event, "restored bar must start a bucket");
  have_bar_ = true;
  has_data_ = true;
  bucket_ = *b;
  bar_ = p;
  watching_since_ = std::min(watching_since_, b->start);
}

}  // namespace zerodte::analytics
