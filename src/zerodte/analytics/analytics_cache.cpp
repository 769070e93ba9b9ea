#include "zerodte/analytics/analytics_cache.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "zerodte/engine/kernel.hpp"

namespace zerodte::analytics {

namespace {
struct Field {
  std::string_view name;
  double IndicatorValues::*member;
};
constexpr Field kFields[] = {
    {"sma_20", &IndicatorValues::sma_20},
    {"ema_9", &IndicatorValues::ema_9},
    {"ema_20", &IndicatorValues::ema_20},
    {"rsi_14", &IndicatorValues::rsi_14},
    {"macd", &IndicatorValues::macd},
    {"macd_signal", &IndicatorValues::macd_signal},
    {"macd_hist", &IndicatorValues::macd_hist},
    {"bb_upper", &IndicatorValues::bb_upper},
    {"bb_middle", &IndicatorValues::bb_middle},
    {"bb_lower", &IndicatorValues::bb_lower},
    {"atr_14", &IndicatorValues::atr_14},
    {"adx_14", &IndicatorValues::adx_14},
    {"plus_di_14", &IndicatorValues::plus_di_14},
    {"minus_di_14", &IndicatorValues::minus_di_14},
    {"vwap", &IndicatorValues::vwap},
    {"stoch_k", &IndicatorValues::stoch_k},
    {"stoch_d", &IndicatorValues::stoch_d},
    {"obv", &IndicatorValues::obv},
    {"volume_ratio_20", &IndicatorValues::volume_ratio_20},
    {"rv_close_20", &IndicatorValues::rv_close_20},
    {"rv_parkinson_20", &IndicatorValues::rv_parkinson_20},
    {"hour_high", &IndicatorValues::hour_high},
    {"hour_low", &IndicatorValues::hour_low},
};
}  // namespace

const std::vector<std::string_view>& indicator_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> n;
    for (const auto& f : kFields)
      n.push_back(f.name);
    return n;
  }();
  return names;
}

std::optional<double> indicator_value(const IndicatorValues& v, std::string_view name) {
  for (const auto& f : kFields)
    if (f.name == name) return v.*(f.member);
  return std::nullopt;
}

struct AnalyticsCache::Stream {
  Stream(const core::TradingCalendar& cal, Timeframe tf, IndicatorSetConfig cfg)
      : timeframe(tf), set(cfg), calendar(cal) {}
  Timeframe timeframe;
  IndicatorSet set;
  const core::TradingCalendar& calendar;
  std::unique_ptr<BarAggregator> aggregator;  // when input bars are finer than the timeframe
  std::vector<std::string> names;             // subscribed indicator names
  core::Timestamp pending_now;
};

AnalyticsCache::AnalyticsCache(AnalyticsCacheConfig cfg)
    : cfg_(cfg), calendar_(core::TradingCalendar::for_market(cfg.market)) {}

AnalyticsCache::~AnalyticsCache() = default;

AnalyticsCache::Stream& AnalyticsCache::stream(core::InstrumentId instrument, Timeframe tf) {
  auto& slot = streams_[Key{instrument.value, tf.seconds}];
  if (!slot) {
    IndicatorSetConfig ic;
    const double secs = tf.is_daily() ? 23'400.0 : static_cast<double>(tf.seconds);
    ic.periods_per_year = tf.is_daily() ? 252.0 : 252.0 * 23'400.0 / secs;
    slot = std::make_unique<Stream>(calendar_, tf, ic);
  }
  return *slot;
}

core::Status AnalyticsCache::subscribe(core::InstrumentId instrument, Timeframe tf,
                                       std::string_view indicator) {
  if (!indicator_value(IndicatorValues{}, indicator)) {
    std::string valid;
    for (const auto n : indicator_names())
      valid += (valid.empty() ? "" : ", ") + std::string(n);
    return core::fail(core::ErrorCode::kNotFound,
                      "analytics cache: unknown indicator '{}' (one of: {})", indicator, valid);
  }
  Stream& s = stream(instrument, tf);
  if (std::find(s.names.begin(), s.names.end(), indicator) == s.names.end())
    s.names.emplace_back(indicator);
  subscribed_.emplace_back(instrument.value, tf.seconds, std::string(indicator));
  return {};
}

void AnalyticsCache::put(core::InstrumentId instrument, Timeframe tf, std::string_view name,
                         double value, core::Timestamp ts) {
  CachedValue& c = values_[{instrument.value, tf.seconds, std::string(name)}];
  c.value = value;
  c.updated_at = ts;
  ++c.updates;
  last_activity_ = ts;
}

std::optional<CachedValue> AnalyticsCache::get(core::InstrumentId instrument, Timeframe tf,
                                               std::string_view name) const {
  const auto it = values_.find({instrument.value, tf.seconds, std::string(name)});
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

void AnalyticsCache::feed(Stream& s, const model::Bar& bar, core::Timestamp now) {
  BarInput in;
  in.ts = bar.hdr.ts_event;
  in.session_key = s.calendar.local_date(bar.hdr.ts_event).days_since_epoch();
  in.open = bar.open.to_double(), in.high = bar.high.to_double(), in.low = bar.low.to_double();
  in.close = bar.close.to_double(), in.volume = static_cast<double>(bar.volume);
  const IndicatorValues& v = s.set.update(in);
  for (const auto& n : s.names) {
    const double x = *indicator_value(v, n);
    if (!std::isnan(x)) put(bar.hdr.instrument, s.timeframe, n, x, now);
  }
  if (kernel_ != nullptr)
    kernel_->bus().publish(bar.hdr.instrument.value,
                           AnalyticsUpdate{bar.hdr.instrument, s.timeframe, now, v});
}

Validator& AnalyticsCache::validator(std::map<std::uint32_t, std::unique_ptr<Validator>>& m,
                                     std::uint32_t inst) {
  auto& v = m[inst];
  if (!v) v = std::make_unique<Validator>(cfg_.validation, &calendar_);
  return *v;
}

std::uint64_t AnalyticsCache::rejected(RejectReason reason) const {
  std::uint64_t n = 0;
  for (const auto* m : {&bar_validators_, &trade_validators_})
    for (const auto& [inst, v] : *m)
      n += v->rejected(reason);
  return n;
}

std::uint64_t AnalyticsCache::rejected_total() const {
  std::uint64_t n = 0;
  for (const auto* m : {&bar_validators_, &trade_validators_})
    for (const auto& [inst, v] : *m)
      n += v->rejected_total();
  return n;
}

void AnalyticsCache::on_bar(const model::Bar& bar, core::Timestamp now) {
  const std::uint32_t inst = bar.hdr.instrument.value;
  const bool wanted = std::any_of(streams_.begin(), streams_.end(),
                                  [inst](const auto& kv) { return kv.first.first == inst; });
  if (!wanted) return;
  if (validator(bar_validators_, inst).check(bar)) return;  // rejected: counted, never used
  route_bar(bar, now);
}

void AnalyticsCache::route_bar(const model::Bar& bar, core::Timestamp now) {
  for (auto& [key, s] : streams_) {
    if (key.first != bar.hdr.instrument.value) continue;
    Stream& st = *s;
    if (!st.timeframe.is_daily() && st.timeframe.seconds == bar.interval_s) {
      feed(st, bar, now);
    } else if (st.timeframe.is_daily() || st.timeframe.seconds > bar.interval_s) {
      if (!st.aggregator) {
        st.aggregator = std::make_unique<BarAggregator>(
            calendar_, st.timeframe,
            [this, &st](const model::Bar& b, bool) { feed(st, b, st.pending_now); });
      }
      st.pending_now = now;
      st.aggregator->on_bar(bar);
    }
  }
}

void AnalyticsCache::on_trade(const model::Trade& trade, core::Timestamp now) {
  const std::uint32_t inst = trade.hdr.instrument.value;
  const bool wanted = std::any_of(streams_.begin(), streams_.end(),
                                  [inst](const auto& kv) { return kv.first.first == inst; });
  if (!wanted) return;
  if (validator(trade_validators_, inst).check(trade)) return;
  auto& builder = minute_builders_[inst];
  if (!builder) {
    builder = std::make_unique<BarAggregator>(
        calendar_, Timeframe::minutes(1),
        [this](const model::Bar& b, bool) { route_bar(b, builder_now_); });
  }
  builder_now_ = now;
  builder->on_trade(trade);
}

void AnalyticsCache::on_time(core::Timestamp now) {
  builder_now_ = now;
  for (auto& [inst, builder] : minute_builders_)
    builder->on_time(now);
}

void AnalyticsCache::start(engine::Kernel& kernel) {
  kernel_ = &kernel;
  kernel.bus().subscribe_all<model::Bar>(
      [this](const model::Bar& b) { on_bar(b, kernel_->now()); });
  if (cfg_.bars_from_trades) {
    kernel.bus().subscribe_all<model::Trade>(
        [this](const model::Trade& t) { on_trade(t, kernel_->now()); });
  }
  last_heartbeat_ = kernel.now();
  timer_ = kernel.timers().schedule_every(kernel.now(), cfg_.heartbeat, "analytics.heartbeat",
                                          [this](const engine::TimerEvent& e) {
                                            last_heartbeat_ = e.fired;
                                            if (cfg_.bars_from_trades) on_time(e.fired);
                                          });
}

void AnalyticsCache::stop() {
  if (kernel_ != nullptr && timer_ != 0) kernel_->timers().cancel(timer_);
  timer_ = 0;
}

std::vector<StaleEntry> AnalyticsCache::stale(core::Timestamp now) const {
  std::vector<StaleEntry> out;
  if (!calendar_.is_open(now)) return out;  // a closed market is quiet, not stale
  for (const auto& [inst, tf, n] : subscribed_) {
    const auto it = values_.find({inst, tf, n});
    const core::Timestamp at = it == values_.end() ? core::Timestamp{} : it->second.updated_at;
    // A coarser bar legitimately takes its own length to refresh.
    const core::Duration allowed =
        cfg_.stale_after + (tf > 0 ? core::Duration{std::int64_t{tf} * core::kNanosPerSecond}
                                   : core::Duration{core::kNanosPerDay});
    if (now - at > allowed)
      out.push_back(StaleEntry{core::InstrumentId{inst}, Timeframe{tf}, n, at});
  }
  return out;
}

engine::Health AnalyticsCache::health() const {
  engine::Health h;
  h.last_activity = last_activity_;
  if (kernel_ == nullptr) return h;
  const core::Timestamp now = kernel_->now();
  if (now - last_heartbeat_ > 3 * cfg_.heartbeat) {
    h.state = engine::HealthState::kDegraded;
    h.detail = "analytics heartbeat late";
    return h;
  }
  const auto st = stale(now);
  if (!st.empty()) {
    h.state = engine::HealthState::kDegraded;
    h.detail = fmt::format("{} stale analytics value(s), e.g. {} {} of instrument {}", st.size(),
                           st[0].name, to_string(st[0].timeframe), st[0].instrument.value);
  }
  return h;
}

}  // namespace zerodte::analytics
