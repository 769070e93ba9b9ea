// RiskEngine: the order path, market and fill inputs, queries.
#include "zerodte/risk/risk_engine.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace zerodte::risk {

RiskEngine::RiskEngine(const model::InstrumentRegistry& registry,
                       const core::TradingCalendar& calendar, portfolio::Portfolio& portfolio,
                       ExecutionPort& execution, RiskEngineConfig cfg, TradingStateStore* store)
    : registry_(registry),
      calendar_(calendar),
      portfolio_(portfolio),
      exec_(execution),
      cfg_(std::move(cfg)),
      checker_(registry, portfolio, market_, calendar, cfg_.limits.pre),
      breakers_(cfg_.limits.breakers),
      states_(store) {
  checker_.set_pending(&pending_);
  if (auto s = states_.restore(); !s) {
    throw std::runtime_error(
        fmt::format("risk engine: cannot restore trading state: {}", s.error().to_string()));
  }
}

core::Timestamp RiskEngine::now() const {
  return kernel_ != nullptr ? kernel_->now() : last_activity_;
}

void RiskEngine::start(engine::Kernel& kernel) {
  stop();  // started twice: subscribe once
  kernel_ = &kernel;
  auto& bus = kernel.bus();
  subs_.push_back(
      bus.subscribe_all<model::OrderIntent>([this](const model::OrderIntent& i) { submit(i); }));
  subs_.push_back(bus.subscribe_all<model::Quote>(
      [this](const model::Quote& q) { on_quote(q.hdr.instrument, q.bid, q.ask, q.hdr.ts_recv); }));
  subs_.push_back(bus.subscribe_all<model::OptionQuote>(
      [this](const model::OptionQuote& q) { on_option_quote(q); }));
  subs_.push_back(bus.subscribe_all<model::Trade>(
      [this](const model::Trade& t) { on_last(t.hdr.instrument, t.price, t.hdr.ts_recv); }));
  subs_.push_back(bus.subscribe_all<model::Bar>(
      [this](const model::Bar& b) { on_last(b.hdr.instrument, b.close, b.close_time()); }));
  subs_.push_back(bus.subscribe_all<model::Fill>([this](const model::Fill& f) { on_fill(f); }));
  subs_.push_back(bus.subscribe_all<model::OrderUpdate>(
      [this](const model::OrderUpdate& u) { on_order_update(u); }));
  subs_.push_back(
      bus.subscribe_all<model::FeedStatus>([this](const model::FeedStatus& s) { on_feed(s); }));
  subs_.push_back(bus.subscribe_all<engine::ControlCommand>(
      [this](const engine::ControlCommand& c) { on_control(c); }));
  subs_.push_back(
      bus.subscribe_all<execution::ExecutionHalt>([this](const execution::ExecutionHalt& h) {
        if (h.halted) {
          set_hold("execution", TradingState::kReducing, "execution", h.reason.view());
        } else if (states_.find("execution") != nullptr) {
          states_.clear("execution", now());
          event(RiskEventKind::kStateChanged, "execution", "execution halt lifted");
        }
      }));
  timers_.push_back(kernel.timers().schedule_every(
      kernel.now(), cfg_.limits.breakers.check_interval, "risk.evaluate",
      [this](const engine::TimerEvent& e) { evaluate(e.fired); }));
  if (cfg_.kill_switch_file) {
    timers_.push_back(kernel.timers().schedule_every(
        kernel.now(), std::chrono::seconds(1), "risk.kill_switch_file",
        [this](const engine::TimerEvent&) { poll_kill_switch_file(); }));
  }
  roll_day(kernel.now());
}

void RiskEngine::stop() {
  if (kernel_ == nullptr) return;
  for (auto s : subs_)
    kernel_->bus().unsubscribe(s);
  for (auto t : timers_)
    kernel_->timers().cancel(t);
  subs_.clear();
  timers_.clear();
  kernel_ = nullptr;
}

engine::Health RiskEngine::health() const {
  engine::Health h;
  h.last_activity = last_activity_;
  const TradingState s = state();
  if (s != TradingState::kActive) {
    h.state = engine::HealthState::kDegraded;
    std::string why;
    for (const auto& x : states_.holds()) {
      why += fmt::format("{}{}={} ({})", why.empty() ? "" : "; ", x.source, to_string(x.level),
                         x.reason);
    }
    h.detail = fmt::format("trading state {}: {}", to_string(s), why);
  }
  if (const auto* e = states_.last_store_error()) {
    h.state = engine::HealthState::kDegraded;
    h.detail += " state not persisted: " + e->to_string();
  }
  return h;
}

TradingState RiskEngine::state() const {
  return states_.state(now());
}

RiskVerdict RiskEngine::submit(model::OrderIntent intent) {
  const core::Timestamp t = now();
  last_activity_ = t;
  if (!intent.ts_created.is_set()) intent.ts_created = t;
  RiskVerdict v = checker_.check(intent, t, state());
  if (!v.approved()) {
    record(v);
    return v;
  }
  return route(intent, v);
}

RiskVerdict RiskEngine::route(model::OrderIntent intent, RiskVerdict v) {
  if (cfg_.limits.mode == ExecutionMode::kManual) {
    checker_.record_submit(intent, now());
    manual_.push_back(intent);
    v.status = VerdictStatus::kQueued;
    v.details.assign("MANUAL_MODE: every check passed; queued for a person to approve");
    event(RiskEventKind::kManualQueued, "risk",
          fmt::format("intent strategy {} signal {} seq {} queued (#{})", intent.strategy.value,
                      intent.signal_id, intent.intent_seq, manual_.size() - 1));
    record(v);
    return v;
  }
  auto r = send(intent, v.reducing, false, 0);
  if (!r) {
    v.status = VerdictStatus::kRejected;
    v.reason = RejectReason::kExecutionRefused;
    v.details.assign(r.error().message);
  } else {
    v.client_order_id = *r;
  }
  record(v);
  return v;
}

core::Result<core::ClientOrderId> RiskEngine::approve_queued(std::size_t index,
                                                             std::string_view who) {
  if (index >= manual_.size()) {
    return core::fail(core::ErrorCode::kNotFound, "manual queue has no entry #{} (size {})", index,
                      manual_.size());
  }
  model::OrderIntent in = manual_[index];
  manual_.erase(manual_.begin() + static_cast<std::ptrdiff_t>(index));
  // Re-check against the state of now (minus the duplicate/rate state it already used).
  RiskVerdict v = checker_.check(in, now(), state());
  if (!v.approved() && v.reason != RejectReason::kDuplicateIntent &&
      v.reason != RejectReason::kRateLimited) {
    record(v);
    return core::fail(core::ErrorCode::kRejected, "{}: {}", to_string(v.reason), v.details.view());
  }
  auto r = send(in, checker_.is_reducing(in), false, 0);
  event(RiskEventKind::kManualQueued, who,
        r ? fmt::format("approved by {}: sent as {}", who, r->view())
          : fmt::format("approved by {} but execution refused: {}", who, r.error().message));
  return r;
}

core::Status RiskEngine::reject_queued(std::size_t index, std::string_view who) {
  if (index >= manual_.size()) {
    return core::fail(core::ErrorCode::kNotFound, "manual queue has no entry #{}", index);
  }
  manual_.erase(manual_.begin() + static_cast<std::ptrdiff_t>(index));
  event(RiskEventKind::kManualQueued, who,
        fmt::format("queued intent #{} rejected by {}", index, who));
  return {};
}

bool RiskEngine::allow_modify(core::StrategyId strategy) {
  const bool ok = checker_.allow_modify(strategy, now());
  if (!ok) {
    RiskVerdict v;
    v.status = VerdictStatus::kRejected;
    v.reason = RejectReason::kRateLimited;
    v.strategy = strategy;
    v.ts = now();
    v.threshold = cfg_.limits.pre.max_modifies_per_second_strategy;
    v.details.assign(
        fmt::format("strategy {}: modifies in 1s > max_modifies_per_second_strategy {}",
                    strategy.value, cfg_.limits.pre.max_modifies_per_second_strategy));
    record(v);
  }
  return ok;
}

core::Result<core::ClientOrderId> RiskEngine::send(model::OrderIntent intent, bool reducing,
                                                   bool internal, std::uint64_t gkey) {
  OrderInfo info;
  info.strategy = intent.strategy;
  info.reducing = reducing;
  info.internal = internal;
  info.group_key = gkey;
  if (reducing) {
    if (const auto* p = portfolio_.position(intent.strategy, intent.legs[0].instrument)) {
      info.group_id = p->group_id;
    }
  } else if (intent.leg_count > 1) {
    info.group_id = next_group_id_++;
  }
  auto r = exec_.submit(intent);
  if (!r) return r;
  intent.client_order_id = *r;
  if (!internal) checker_.record_submit(intent, now());
  if (reducing) {
    for (std::size_t i = 0; i < intent.leg_count; ++i) {
      const std::int64_t q = (intent.legs[i].side == model::Side::kBuy ? 1 : -1) *
                             std::int64_t{intent.legs[i].ratio} * intent.quantity.value;
      info.pending[i] = q;
      pending_.add(intent.legs[i].instrument, q);
    }
  }
  info.intent = intent;
  orders_[*r] = info;
  return r;
}

void RiskEngine::record(RiskVerdict v) {
  if (!v.ts.is_set()) v.ts = now();
  if (kernel_ != nullptr) kernel_->bus().publish(v);
  if (verdicts_.size() >= cfg_.max_kept_verdicts) {
    verdicts_.pop_front();
    ++verdicts_dropped_;
  }
  verdicts_.push_back(v);
  if (!v.client_order_id.view().empty()) {
    verdict_index_[v.client_order_id] = verdicts_dropped_ + verdicts_.size() - 1;
  }
}

const RiskVerdict* RiskEngine::explain(const core::ClientOrderId& id) const {
  auto it = verdict_index_.find(id);
  if (it == verdict_index_.end() || it->second < verdicts_dropped_) return nullptr;
  return &verdicts_[it->second - verdicts_dropped_];
}

void RiskEngine::event(RiskEventKind kind, std::string_view who, std::string text) {
  RiskEvent e;
  e.kind = kind;
  e.state = state();
  e.ts = now();
  e.who.assign(who);
  e.text.assign(text);
  events_.push_back(e);
  if (kernel_ != nullptr) kernel_->bus().publish(e);
}

void RiskEngine::set_vix(double vix, core::Timestamp ts) {
  market_.set_vix(vix, ts);
  breakers_.on_vix(vix, ts);
}

void RiskEngine::on_quote(core::InstrumentId id, core::Price bid, core::Price ask,
                          core::Timestamp ts) {
  apply_quote(id, bid, ask, ts);
  if (id != cfg_.vix_instrument || !cfg_.vix_instrument.valid()) evaluate_exits(now(), id);
}

void RiskEngine::apply_quote(core::InstrumentId id, core::Price bid, core::Price ask,
                             core::Timestamp ts) {
  last_activity_ = ts;
  if (id == cfg_.vix_instrument && cfg_.vix_instrument.valid()) {
    if (bid.is_defined() && ask.is_defined())
      set_vix(0.5 * (bid.to_double() + ask.to_double()), ts);
    return;
  }
  market_.on_quote(id, bid, ask, ts);
  portfolio_.on_quote(id, bid, ask);
  const auto* inst = registry_.try_get(id);
  if (inst != nullptr && !inst->is_option() && bid.is_defined() && ask.is_defined() && bid <= ask) {
    const double mid = 0.5 * (bid.to_double() + ask.to_double());
    breakers_.on_underlying(id, mid, ts);
    portfolio_.set_underlying_price(id, mid);
  }
}

void RiskEngine::on_option_quote(const model::OptionQuote& q) {
  apply_quote(q.hdr.instrument, q.bid, q.ask, q.hdr.ts_recv);
  if (q.last.is_defined() && q.last.raw() > 0)
    market_.on_last(q.hdr.instrument, q.last, q.hdr.ts_recv);
  if (q.has_greeks) {
    const portfolio::UnitGreeks g{q.greeks.delta, q.greeks.gamma, q.greeks.theta, q.greeks.vega};
    market_.set_greeks(q.hdr.instrument, g);
    portfolio_.set_unit_greeks(q.hdr.instrument, g);
  }
  if (q.open_interest > 0) market_.set_open_interest(q.hdr.instrument, q.open_interest);
  if (q.underlying_price.is_defined()) {
    if (const auto* inst = registry_.try_get(q.hdr.instrument);
        inst != nullptr && inst->underlying_id.valid()) {
      market_.on_last(inst->underlying_id, q.underlying_price, q.hdr.ts_recv);
      portfolio_.set_underlying_price(inst->underlying_id, q.underlying_price.to_double());
      evaluate_exits(now(), inst->underlying_id);
    }
  }
  evaluate_exits(now(), q.hdr.instrument);
}

void RiskEngine::on_last(core::InstrumentId id, core::Price last, core::Timestamp ts) {
  last_activity_ = ts;
  if (!last.is_defined()) return;
  if (id == cfg_.vix_instrument && cfg_.vix_instrument.valid()) {
    set_vix(last.to_double(), ts);
    return;
  }
  market_.on_last(id, last, ts);
  const auto* inst = registry_.try_get(id);
  if (inst != nullptr && !inst->is_option()) {
    breakers_.on_underlying(id, last.to_double(), ts);
    portfolio_.set_underlying_price(id, last.to_double());
  }
  evaluate_exits(now(), id);
}

void RiskEngine::on_feed(const model::FeedStatus& s) {
  breakers_.on_feed(s);
  evaluate(now());  // a disconnect must gate orders now, not at the next minute
}

}  // namespace zerodte::risk
