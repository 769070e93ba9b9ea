#include "zerodte/strategy/strategy_host.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "zerodte/strategy/strategy_host_slot.hpp"

namespace zerodte::strategy {

StrategyHost::StrategyHost(const model::InstrumentRegistry& instruments, OrderGateway& gateway,
                           StrategyHostConfig cfg)
    : instruments_(instruments), gateway_(gateway), cfg_(cfg) {}

StrategyHost::~StrategyHost() {
  stop();
}

core::Status StrategyHost::add(StrategyInstance instance) {
  return add(std::move(instance.name), instance.id, std::move(instance.strategy));
}

core::Status StrategyHost::add(std::string name, core::StrategyId id, StrategyPtr strategy) {
  if (!strategy) return core::fail(core::ErrorCode::kInvalid, "strategy '{}' is null", name);
  if (!id.valid()) return core::fail(core::ErrorCode::kInvalid, "strategy '{}' has id 0", name);
  for (const auto& s : slots_) {
    if (s->slot_name() == name || s->id() == id) {
      return core::fail(core::ErrorCode::kInvalid,
                        "strategy '{}' (id {}) clashes with '{}' (id {})", name, id.value,
                        s->slot_name(), s->id().value);
    }
  }
  slots_.push_back(std::make_unique<Slot>(*this, std::move(name), id, std::move(strategy)));
  slots_.back()->strategy().attach(slots_.back().get());
  if (kernel_ != nullptr) slots_.back()->start();
  return core::ok();
}

core::Status StrategyHost::restore_state(std::string_view name, std::string_view state) {
  for (auto& s : slots_) {
    if (s->slot_name() == name) {
      auto st = s->strategy().restore(state);
      if (!st) return std::unexpected(st.error().with_context(fmt::format("strategy {}", name)));
      return core::ok();
    }
  }
  return core::fail(core::ErrorCode::kInvalid, "restore_state: no strategy named '{}'", name);
}

core::Status StrategyHost::restore_states(const std::vector<StateSnapshot>& snapshots) {
  std::map<std::string, const StateSnapshot*, std::less<>> last;
  for (const auto& s : snapshots)
    last[s.strategy_name] = &s;
  for (const auto& [name, snap] : last) {
    if (find(name) == nullptr) continue;
    if (auto st = restore_state(name, snap->state); !st) return st;
  }
  return core::ok();
}

void StrategyHost::start(engine::Kernel& kernel) {
  kernel_ = &kernel;
  auto& bus = kernel.bus();
  subs_.push_back(bus.subscribe_all<model::Bar>([this](const model::Bar& b) { on_bar(b); }));
  subs_.push_back(bus.subscribe_all<model::Quote>([this](const model::Quote& q) { on_quote(q); }));
  subs_.push_back(bus.subscribe_all<model::Trade>([this](const model::Trade& t) { on_trade(t); }));
  subs_.push_back(bus.subscribe_all<model::OptionQuote>(
      [this](const model::OptionQuote& q) { on_option_quote(q); }));
  subs_.push_back(
      bus.subscribe_all<model::Imbalance>([this](const model::Imbalance& i) { on_imbalance(i); }));
  subs_.push_back(
      bus.subscribe_all<model::BookDepth>([this](const model::BookDepth& d) { on_depth(d); }));
  subs_.push_back(bus.subscribe_all<analytics::AnalyticsUpdate>(
      [this](const analytics::AnalyticsUpdate& u) { on_analytics(u); }));
  subs_.push_back(bus.subscribe_all<sentiment::TickerSentiment>(
      [this](const sentiment::TickerSentiment& s) { on_sentiment(s); }));
  subs_.push_back(bus.subscribe_all<sentiment::SentimentFlip>(
      [this](const sentiment::SentimentFlip& f) { on_sentiment_flip(f); }));
  subs_.push_back(bus.subscribe_all<model::OrderUpdate>(
      [this](const model::OrderUpdate& u) { on_order_update(u); }));
  subs_.push_back(bus.subscribe_all<model::Fill>([this](const model::Fill& f) { on_fill(f); }));
  subs_.push_back(bus.subscribe_all<risk::RiskVerdict>(
      [this](const risk::RiskVerdict& v) { on_risk_verdict(v); }));
  for (auto& s : slots_)
    s->start();
}

void StrategyHost::stop() {
  for (auto it = slots_.rbegin(); it != slots_.rend(); ++it)
    (*it)->stop();
  if (kernel_ != nullptr) {
    for (const auto id : subs_)
      kernel_->bus().unsubscribe(id);
  }
  subs_.clear();
  kernel_ = nullptr;
}

engine::Health StrategyHost::health() const {
  engine::Health h;
  h.state = engine::HealthState::kOk;
  h.detail = fmt::format("{} strategies, {} signals, {} suppressed, {} intents ({} rejected)",
                         slots_.size(), stats_.signals, stats_.suppressions, stats_.intents,
                         stats_.rejected);
  h.last_activity = last_activity_;
  return h;
}

Strategy* StrategyHost::find(std::string_view name) const {
  for (const auto& s : slots_) {
    if (s->slot_name() == name) return &s->strategy();
  }
  return nullptr;
}

std::vector<std::string> StrategyHost::names() const {
  std::vector<std::string> out;
  for (const auto& s : slots_)
    out.push_back(s->slot_name());
  return out;
}

std::vector<StrategyPosition> StrategyHost::positions(std::string_view name) const {
  for (const auto& s : slots_) {
    if (s->slot_name() == name) return s->positions();
  }
  return {};
}

core::Timestamp StrategyHost::now() const {
  return kernel_ != nullptr ? kernel_->now() : last_activity_;
}

StrategyHost::BarStream& StrategyHost::bar_stream(core::InstrumentId id, analytics::Timeframe tf) {
  auto& p = bar_streams_[{id.value, tf.seconds}];
  if (!p) {
    p = std::make_unique<BarStream>();
    p->instrument = id;
    p->tf = tf;
    const auto* inst = instruments_.try_get(id);
    const auto& cal =
        core::TradingCalendar::for_market(inst != nullptr ? inst->market : core::Market::kNyse);
    BarStream* raw = p.get();
    p->aggregator = std::make_unique<analytics::BarAggregator>(
        cal, tf, [this, raw](const model::Bar& bar, bool complete) {
          if (!complete) return;
          raw->history.push_back(bar);
          if (raw->history.size() > cfg_.bar_history) {
            raw->history.erase(
                raw->history.begin(),
                raw->history.begin() + static_cast<std::ptrdiff_t>(raw->history.size() / 4));
          }
          for (Slot* s : raw->subscribers) {
            if (s->started) s->call([&] { s->strategy().on_bar(bar, raw->tf); });
          }
        });
  }
  return *p;
}

// A bar covering a whole session: a vendor daily bar (>= 24 h) or one that starts at or before the
// session open and ends at or after its close (13:00 on early closes).
bool StrategyHost::is_session_bar(const model::Bar& bar) const {
  if (bar.interval_s >= 86'400) return true;
  const auto* inst = instruments_.try_get(bar.hdr.instrument);
  const auto& cal =
      core::TradingCalendar::for_market(inst != nullptr ? inst->market : core::Market::kNyse);
  const auto session = cal.session(cal.local_date(bar.hdr.ts_event));
  return session && !(session->open < bar.hdr.ts_event) && !(bar.close_time() < session->close);
}

void StrategyHost::on_bar(const model::Bar& bar) {
  last_activity_ = now();
  auto& px = last_px_[bar.hdr.instrument.value];
  if (!(bar.close_time() < px.second)) px = {bar.close.to_double(), bar.close_time()};
  // Streams of this instrument: [lo, hi) in the (instrument, seconds) map.
  const bool daily_input = is_session_bar(bar);
  auto it = bar_streams_.lower_bound({bar.hdr.instrument.value, INT32_MIN});
  for (; it != bar_streams_.end() && it->first.first == bar.hdr.instrument.value; ++it) {
    BarStream& s = *it->second;
    if (s.tf.is_daily() ? daily_input : bar.interval_s == s.tf.seconds) {
      // Same timeframe: passes through (history + subscribers) via the aggregator's sink path.
      s.history.push_back(bar);
      if (s.history.size() > cfg_.bar_history) {
        s.history.erase(s.history.begin(),
                        s.history.begin() + static_cast<std::ptrdiff_t>(s.history.size() / 4));
      }
      for (Slot* slot : s.subscribers) {
        if (slot->started) slot->call([&] { slot->strategy().on_bar(bar, s.tf); });
      }
    } else if (!daily_input && (s.tf.is_daily() || bar.interval_s < s.tf.seconds)) {
      s.aggregator->on_bar(bar);
    }
  }
}

void StrategyHost::on_quote(const model::Quote& q) {
  last_activity_ = now();
  quotes_[q.hdr.instrument.value] = q;
  if (q.has_both_sides() && !q.is_crossed()) {
    last_px_[q.hdr.instrument.value] = {q.mid(), q.hdr.ts_event};
  }
  for (auto& s : slots_) {
    if (s->started && s->quote_subs.contains(q.hdr.instrument.value)) {
      s->call([&] { s->strategy().on_quote(q); });
    }
  }
}

void StrategyHost::on_trade(const model::Trade& t) {
  last_activity_ = now();
  last_px_[t.hdr.instrument.value] = {t.price.to_double(), t.hdr.ts_event};
  for (auto& s : slots_) {
    if (s->started && s->quote_subs.contains(t.hdr.instrument.value)) {
      s->call([&] { s->strategy().on_trade(t); });
    }
  }
}

void StrategyHost::on_option_quote(const model::OptionQuote& q) {
  last_activity_ = now();
  const auto* inst = instruments_.try_get(q.hdr.instrument);
  if (inst == nullptr || !inst->is_option()) return;
  auto [it, fresh] = options_.try_emplace(q.hdr.instrument.value);
  OptionContract& c = it->second;
  if (fresh) {
    c.instrument = q.hdr.instrument;
    c.symbol = std::string(inst->symbol_view());
    c.right = inst->option->right;
    c.strike = inst->option->strike.to_double();
    c.expiry = inst->option->expiry;
    c.multiplier = inst->multiplier;
    c.lot_size = inst->lot_size;
  }
  c.bid = q.bid;
  c.ask = q.ask;
  if (q.last.is_defined()) c.last = q.last;
  c.bid_size = q.bid_size;
  c.ask_size = q.ask_size;
  c.volume = q.volume;
  c.open_interest = q.open_interest;
  c.quote_ts = q.hdr.ts_event;
  if (q.has_greeks) {
    c.has_greeks = true;
    c.iv = q.greeks.iv;
    c.delta = q.greeks.delta;
    c.gamma = q.greeks.gamma;
    c.theta_per_day = q.greeks.theta;
    c.vega_per_point = q.greeks.vega;
  }
  if (q.underlying_price.is_defined() && inst->underlying_id.valid()) {
    auto& px = last_px_[inst->underlying_id.value];
    if (px.second < q.hdr.ts_event) px = {q.underlying_price.to_double(), q.hdr.ts_event};
  }
  const std::string_view underlying = inst->option->underlying.view();
  OptionChainUpdate u{inst->underlying_id, underlying, c.expiry, &c};
  for (auto& s : slots_) {
    if (!s->started) continue;
    const bool wanted = std::any_of(s->option_subs.begin(), s->option_subs.end(), [&](auto& sub) {
      return sub.second == inst->market && sub.first == underlying;
    });
    if (wanted) s->call([&] { s->strategy().on_option_chain(u); });
  }
}

void StrategyHost::on_imbalance(const model::Imbalance& i) {
  for (auto& s : slots_) {
    if (s->started && s->imbalance_subs.contains(i.hdr.instrument.value)) {
      s->call([&] { s->strategy().on_imbalance(i); });
    }
  }
}

void StrategyHost::on_depth(const model::BookDepth& d) {
  for (auto& s : slots_) {
    if (s->started && s->depth_subs.contains(d.hdr.instrument.value)) {
      s->call([&] { s->strategy().on_depth(d); });
    }
  }
}

void StrategyHost::on_analytics(const analytics::AnalyticsUpdate& u) {
  // Delivered to strategies that subscribed to bars of the instrument (any timeframe).
  for (auto& s : slots_) {
    if (!s->started) continue;
    bool wanted = false;
    auto it = bar_streams_.lower_bound({u.instrument.value, INT32_MIN});
    for (; it != bar_streams_.end() && it->first.first == u.instrument.value && !wanted; ++it) {
      const auto& subs = it->second->subscribers;
      wanted = std::find(subs.begin(), subs.end(), s.get()) != subs.end();
    }
    if (wanted) s->call([&] { s->strategy().on_analytics(u); });
  }
}

void StrategyHost::on_sentiment(const sentiment::TickerSentiment& t) {
  last_activity_ = now();
  const std::string ticker(t.ticker.view());
  sentiment_[ticker] = t;
  for (auto& s : slots_) {
    if (s->started && (s->sentiment_subs.contains(ticker) || s->sentiment_subs.contains(""))) {
      s->call([&] { s->strategy().on_sentiment(t); });
    }
  }
}

void StrategyHost::on_sentiment_flip(const sentiment::SentimentFlip& f) {
  last_activity_ = now();
  const std::string ticker(f.ticker.view());
  for (auto& s : slots_) {
    if (s->started && (s->sentiment_subs.contains(ticker) || s->sentiment_subs.contains(""))) {
      s->call([&] { s->strategy().on_sentiment_flip(f); });
    }
  }
}

StrategyHost::Slot* StrategyHost::slot_of(const core::ClientOrderId& id) const {
  const auto it = orders_.find(id);
  if (it != orders_.end()) return it->second;
  // After a restart the map is empty: the id itself names the strategy ("z<id>-...").
  const auto sid = strategy_of_client_order_id(id.view());
  if (sid == 0) return nullptr;
  for (const auto& s : slots_) {
    if (s->id().value == sid) return s.get();
  }
  return nullptr;
}

void StrategyHost::on_order_update(const model::OrderUpdate& u) {
  Slot* s = slot_of(u.client_order_id);
  if (s == nullptr) return;
  if (model::is_terminal(u.status)) s->order_done(u.client_order_id);
  if (s->started) s->call([&] { s->strategy().on_order_update(u); });
}

void StrategyHost::on_fill(const model::Fill& f) {
  Slot* s = slot_of(f.client_order_id);
  if (s == nullptr) return;
  ++stats_.fills;
  s->apply_fill(f);
  if (s->started) {
    s->call([&] { s->strategy().on_fill(f); });
  } else {
    s->mark_dirty();
  }
}

void StrategyHost::on_risk_verdict(const risk::RiskVerdict& v) {
  for (auto& s : slots_) {
    if (s->started && s->id() == v.strategy) {
      s->call([&] { s->strategy().on_risk_verdict(v); });
    }
  }
}

void StrategyHost::record_signal(const Signal& s) {
  ++stats_.signals;
  signals_.push_back(s);
  if (signals_.size() > cfg_.decision_log) signals_.pop_front();
  if (cfg_.sink != nullptr) cfg_.sink->on_signal(s);
  if (kernel_ != nullptr) kernel_->bus().publish(s);
}

void StrategyHost::record_suppression(const Suppression& s) {
  ++stats_.suppressions;
  suppressions_.push_back(s);
  if (suppressions_.size() > cfg_.decision_log) suppressions_.pop_front();
  if (cfg_.sink != nullptr) cfg_.sink->on_suppressed(s);
  if (kernel_ != nullptr) kernel_->bus().publish(s);
}

}  // namespace zerodte::strategy
