// StrategyHost::Slot: the StrategyContext each strategy sees.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "zerodte/strategy/strategy_host_slot.hpp"

namespace zerodte::strategy {

std::uint16_t strategy_of_client_order_id(std::string_view id) {
  if (id.size() < 3) return 0;
  std::uint32_t v = 0;
  std::size_t i = 1;
  for (; i < id.size() && i < 7 && id[i] >= '0' && id[i] <= '9'; ++i) {
    v = v * 10 + static_cast<std::uint32_t>(id[i] - '0');
  }
  if (i == 1 || i >= id.size() || id[i] != '-' || v > 0xffff) return 0;
  return static_cast<std::uint16_t>(v);
}

core::Status StrategyHost::Slot::subscribe_bars(core::InstrumentId instrument,
                                                analytics::Timeframe tf) {
  if (host_.instruments_.try_get(instrument) == nullptr) {
    return core::fail(core::ErrorCode::kInvalid, "{}: subscribe_bars: unknown instrument id {}",
                      name_, instrument.value);
  }
  if (!tf.is_daily() && tf.seconds <= 0) {
    return core::fail(core::ErrorCode::kInvalid, "{}: subscribe_bars: timeframe {}s", name_,
                      tf.seconds);
  }
  auto& s = host_.bar_stream(instrument, tf);
  if (std::find(s.subscribers.begin(), s.subscribers.end(), this) == s.subscribers.end()) {
    s.subscribers.push_back(this);
  }
  return core::ok();
}

std::optional<model::Quote> StrategyHost::Slot::quote(core::InstrumentId id) const {
  const auto it = host_.quotes_.find(id.value);
  if (it == host_.quotes_.end()) return std::nullopt;
  return it->second;
}

std::optional<double> StrategyHost::Slot::last_price(core::InstrumentId id) const {
  const auto it = host_.last_px_.find(id.value);
  if (it == host_.last_px_.end()) return std::nullopt;
  return it->second.first;
}

core::Timestamp StrategyHost::Slot::last_update(core::InstrumentId id) const {
  const auto it = host_.last_px_.find(id.value);
  return it == host_.last_px_.end() ? core::Timestamp{} : it->second.second;
}

std::span<const model::Bar> StrategyHost::Slot::bars(core::InstrumentId id,
                                                     analytics::Timeframe tf) const {
  const auto it = host_.bar_streams_.find({id.value, tf.seconds});
  if (it == host_.bar_streams_.end()) return {};
  return it->second->history;
}

std::vector<core::Date> StrategyHost::Slot::expiries(std::string_view underlying,
                                                     core::Market market) const {
  return host_.instruments_.expiries(underlying, market);
}

OptionChainView StrategyHost::Slot::option_chain(std::string_view underlying, core::Date expiry,
                                                 core::Market market) const {
  OptionChainView v;
  v.underlying_symbol = std::string(underlying);
  v.expiry = expiry;
  v.as_of = now();
  if (auto u = host_.instruments_.find(underlying, market)) {
    v.underlying = *u;
    if (auto px = last_price(*u)) v.spot = *px;
  }
  for (const auto id : host_.instruments_.options(underlying, expiry, market)) {
    if (auto c = option(id)) v.contracts.push_back(std::move(*c));
  }
  std::stable_sort(v.contracts.begin(), v.contracts.end(),
                   [](const OptionContract& a, const OptionContract& b) {
                     if (a.strike != b.strike) return a.strike < b.strike;
                     return a.is_call() && !b.is_call();
                   });
  return v;
}

std::optional<OptionContract> StrategyHost::Slot::option(core::InstrumentId id) const {
  const auto it = host_.options_.find(id.value);
  if (it != host_.options_.end()) return it->second;
  const auto* inst = host_.instruments_.try_get(id);
  if (inst == nullptr || !inst->is_option()) return std::nullopt;
  OptionContract c;
  c.instrument = id;
  c.symbol = std::string(inst->symbol_view());
  c.right = inst->option->right;
  c.strike = inst->option->strike.to_double();
  c.expiry = inst->option->expiry;
  c.multiplier = inst->multiplier;
  c.lot_size = inst->lot_size;
  return c;
}

std::optional<sentiment::TickerSentiment> StrategyHost::Slot::sentiment(
    std::string_view ticker) const {
  const auto it = host_.sentiment_.find(std::string(ticker));
  if (it == host_.sentiment_.end()) return std::nullopt;
  return it->second;
}

std::int64_t StrategyHost::Slot::position(core::InstrumentId id) const {
  const auto it = positions_.find(id.value);
  return it == positions_.end() ? 0 : it->second.quantity;
}

std::vector<StrategyPosition> StrategyHost::Slot::positions() const {
  std::vector<StrategyPosition> out;
  for (const auto& [_, p] : positions_) {
    if (p.quantity != 0) out.push_back(p);
  }
  return out;
}

std::vector<core::ClientOrderId> StrategyHost::Slot::working_orders() const {
  return {working_.begin(), working_.end()};
}

std::uint64_t StrategyHost::Slot::next_signal_id() {
  // Unique and increasing across restarts: strategy id in the top 16 bits, then the clock in
  // milliseconds (or one more than the last id when several come in the same millisecond).
  const auto ms = static_cast<std::uint64_t>(std::max<std::int64_t>(now().ns / 1'000'000, 0));
  last_signal_low_ = std::max(last_signal_low_ + 1, ms & ((std::uint64_t{1} << 48) - 1));
  return (static_cast<std::uint64_t>(id_.value) << 48) | last_signal_low_;
}

std::uint64_t StrategyHost::Slot::emit_signal(Signal s) {
  s.id = next_signal_id();
  s.strategy = id_;
  s.strategy_name = name_;
  s.ts = now();
  host_.record_signal(s);
  dirty_ = true;
  return s.id;
}

void StrategyHost::Slot::suppress(Suppression s) {
  s.strategy = id_;
  s.strategy_name = name_;
  s.ts = now();
  host_.record_suppression(s);
}

SubmitResult StrategyHost::Slot::submit(model::OrderIntent intent) {
  intent.strategy = id_;
  intent.ts_created = now();
  if (intent.signal_id == 0) intent.signal_id = next_signal_id();
  if (intent.intent_seq == 0) intent.intent_seq = ++intent_seq_;
  ++host_.stats_.intents;
  SubmitResult r;
  r.verdict = host_.gateway_.submit(intent);
  r.accepted = r.verdict.approved();
  r.client_order_id = r.verdict.client_order_id;
  if (!r.accepted) {
    ++host_.stats_.rejected;
    r.reason = fmt::format("{}: {}", risk::to_string(r.verdict.reason), r.verdict.details.view());
  } else if (!r.client_order_id.empty()) {
    host_.orders_[r.client_order_id] = this;
    if (!done_.contains(r.client_order_id)) working_.insert(r.client_order_id);
  }
  return r;
}

core::Status StrategyHost::Slot::cancel(const core::ClientOrderId& id) {
  if (!working_.contains(id)) {
    return core::fail(core::ErrorCode::kState, "{}: order {} is not a working order of it", name_,
                      id.view());
  }
  return host_.gateway_.cancel(id_, id);
}

engine::TimerId StrategyHost::Slot::schedule_at(core::Timestamp when, std::string name) {
  ZDTE_ASSERT(host_.kernel_ != nullptr, "timers need a started StrategyHost");
  const auto id =
      host_.kernel_->timers().schedule_at(when, name, [this, name](const engine::TimerEvent& e) {
        call([&] { strategy_->on_timer(name, e.scheduled); });
      });
  timers_.push_back(id);
  return id;
}

engine::TimerId StrategyHost::Slot::schedule_every(core::Duration interval, std::string name) {
  ZDTE_ASSERT(host_.kernel_ != nullptr, "timers need a started StrategyHost");
  const auto id = host_.kernel_->timers().schedule_every(
      now(), interval, name, [this, name](const engine::TimerEvent& e) {
        call([&] { strategy_->on_timer(name, e.scheduled); });
      });
  timers_.push_back(id);
  return id;
}

engine::TimerId StrategyHost::Slot::schedule_daily(core::TimeOfDay local, std::string name,
                                                   core::Market market) {
  ZDTE_ASSERT(host_.kernel_ != nullptr, "timers need a started StrategyHost");
  const auto& cal = core::TradingCalendar::for_market(market);
  auto rule = [&cal, local](core::Timestamp prev) {
    core::Date d = cal.local_date(prev);
    for (int i = 0; i < 15; ++i, d = d.add_days(1)) {
      if (!cal.is_trading_day(d)) continue;
      const core::Timestamp t = cal.to_utc(d, local);
      if (t > prev) return t;
    }
    return core::Timestamp::max();
  };
  const auto id = host_.kernel_->timers().schedule_rule(
      now(), rule, name, [this, name](const engine::TimerEvent& e) {
        call([&] { strategy_->on_timer(name, e.scheduled); });
      });
  timers_.push_back(id);
  return id;
}

void StrategyHost::Slot::cancel_timer(engine::TimerId id) {
  if (host_.kernel_ != nullptr) host_.kernel_->timers().cancel(id);
  std::erase(timers_, id);
}

void StrategyHost::Slot::save_state() {
  std::string state = strategy_->snapshot();
  if (state == last_state_) return;
  last_state_ = state;
  if (host_.cfg_.sink != nullptr) {
    host_.cfg_.sink->on_state(StateSnapshot{id_, name_, std::move(state), now()});
  }
}

void StrategyHost::Slot::start() {
  if (started) return;
  started = true;
  strategy_->attach(this);
  strategy_->on_start();
  last_state_ = strategy_->snapshot();
}

void StrategyHost::Slot::stop() {
  if (!started) return;
  strategy_->on_stop();
  for (const auto id : timers_) {
    if (host_.kernel_ != nullptr) host_.kernel_->timers().cancel(id);
  }
  timers_.clear();
  started = false;
}

void StrategyHost::Slot::apply_fill(const model::Fill& f) {
  const auto* inst = host_.instruments_.try_get(f.instrument);
  const double mult = inst != nullptr ? static_cast<double>(inst->multiplier) : 1.0;
  auto& p = positions_[f.instrument.value];
  p.instrument = f.instrument;
  const std::int64_t q = f.side == model::Side::kSell ? -f.quantity.value : f.quantity.value;
  const double px = f.price.to_double();
  if (p.quantity == 0 || (p.quantity > 0) == (q > 0)) {
    if (p.quantity == 0) p.opened_at = f.ts_event.is_set() ? f.ts_event : now();
    const double total = static_cast<double>(std::llabs(p.quantity) + std::llabs(q));
    p.avg_price = (p.avg_price * static_cast<double>(std::llabs(p.quantity)) +
                   px * static_cast<double>(std::llabs(q))) /
                  total;
    p.quantity += q;
  } else {
    const std::int64_t closing = std::min(std::llabs(p.quantity), std::llabs(q));
    const double dir = p.quantity > 0 ? 1.0 : -1.0;
    p.realized += (px - p.avg_price) * dir * static_cast<double>(closing) * mult;
    p.quantity += q;
    if (p.quantity == 0) {
      p.avg_price = 0;
    } else if ((p.quantity > 0) == (q > 0)) {  // flipped through zero
      p.avg_price = px;
      p.opened_at = f.ts_event.is_set() ? f.ts_event : now();
    }
  }
  dirty_ = true;
}

void StrategyHost::Slot::order_done(const core::ClientOrderId& id) {
  working_.erase(id);
  done_.insert(id);
  if (done_.size() > 4096) done_.erase(done_.begin());
}

}  // namespace zerodte::strategy
