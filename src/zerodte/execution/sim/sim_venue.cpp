// SimVenue: lifecycle, the ExecutionClient calls, pre-trade checks and hooks.
#include "zerodte/execution/sim/sim_venue.hpp"

#include "zerodte/engine/schedule_rules.hpp"

namespace zerodte::execution::sim {

using model::OrderStatus;

SimVenue::SimVenue(const model::InstrumentRegistry& instruments,
                   const core::TradingCalendar& calendar, SimVenueConfig cfg)
    : instruments_(instruments),
      calendar_(calendar),
      cfg_(std::move(cfg)),
      cash_(cfg_.starting_cash) {}

void SimVenue::start(engine::Kernel& kernel) {
  kernel_ = &kernel;
  auto& bus = kernel.bus();
  subs_.push_back(bus.subscribe_all<model::Quote>([this](const model::Quote& q) {
    on_quote(q.hdr.instrument, LegBook{q.bid, q.ask, q.bid_size, q.ask_size});
    if (q.has_both_sides() && !q.is_crossed()) {
      last_price_[q.hdr.instrument.value] =
          core::Price::from_raw(q.bid.raw() / 2 + q.ask.raw() / 2);
    }
  }));
  subs_.push_back(bus.subscribe_all<model::OptionQuote>([this](const model::OptionQuote& q) {
    on_quote(q.hdr.instrument, LegBook{q.bid, q.ask, q.bid_size, q.ask_size});
  }));
  subs_.push_back(bus.subscribe_all<model::Trade>(
      [this](const model::Trade& t) { on_last_price(t.hdr.instrument, t.price); }));

  auto& timers = kernel.timers();
  const core::Timestamp t0 = kernel.now();
  timers_.push_back(timers.schedule_rule(t0, engine::daily_after_open(calendar_, core::Duration{0}),
                                         "sim-am-settlement", [this](const engine::TimerEvent& e) {
                                           settle_expiring(calendar_.local_date(e.scheduled),
                                                           model::SettlementTime::kAm);
                                         }));
  timers_.push_back(timers.schedule_rule(
      t0, engine::daily_before_close(calendar_, core::Duration{0}), "sim-pm-settlement",
      [this](const engine::TimerEvent& e) {
        const core::Date d = calendar_.local_date(e.scheduled);
        expire_orders_at_close(d);
        settle_expiring(d, model::SettlementTime::kAm);  // any AM leftovers (value set late)
        settle_expiring(d, model::SettlementTime::kPm);
      }));
  if (cfg_.liquidation_time) {
    const auto before = std::chrono::seconds(16 * 3600 - cfg_.liquidation_time->seconds_of_day());
    timers_.push_back(timers.schedule_rule(t0, engine::daily_before_close(calendar_, before),
                                           "sim-liquidation", [this](const engine::TimerEvent& e) {
                                             liquidate_expiring(calendar_.local_date(e.scheduled));
                                           }));
  }
}

void SimVenue::stop() {
  if (kernel_ == nullptr) return;
  for (auto s : subs_)
    kernel_->bus().unsubscribe(s);
  for (auto t : timers_)
    kernel_->timers().cancel(t);
  subs_.clear();
  timers_.clear();
}

core::Timestamp SimVenue::now() const {
  return kernel_ != nullptr ? kernel_->now() : core::Timestamp{};
}

const model::TickRule* SimVenue::tick_rule(core::InstrumentId id) const {
  const model::Instrument* inst = instruments_.try_get(id);
  return inst != nullptr ? &inst->tick_rule : nullptr;
}

SimVenue::SimOrder* SimVenue::find(const core::ClientOrderId& id) {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &orders_[it->second];
}

core::Status SimVenue::check_tradable(const model::OrderIntent& o) const {
  const core::Timestamp t = now();
  if (cfg_.enforce_market_hours && !calendar_.is_open(t)) {
    return core::fail(core::ErrorCode::kRejected, "order {}: market closed at {}",
                      o.client_order_id.view(), core::to_iso8601(t));
  }
  const core::Date today = calendar_.local_date(t);
  for (std::size_t i = 0; i < o.leg_count; ++i) {
    const model::Instrument* inst = instruments_.try_get(o.legs[i].instrument);
    if (inst == nullptr) {
      return core::fail(core::ErrorCode::kNotFound, "order {}: leg {} instrument {} unknown",
                        o.client_order_id.view(), i, o.legs[i].instrument.value);
    }
    if (!inst->option) continue;
    if (inst->option->expiry < today) {
      return core::fail(core::ErrorCode::kRejected, "order {}: {} expired on {}",
                        o.client_order_id.view(), inst->symbol_view(),
                        inst->option->expiry.to_string());
    }
    if (inst->option->settlement_time == model::SettlementTime::kAm &&
        inst->option->expiry == today) {
      return core::fail(core::ErrorCode::kRejected,
                        "order {}: {} is AM-settled; trading ended the prior business day",
                        o.client_order_id.view(), inst->symbol_view());
    }
  }
  return core::ok();
}

core::Result<SubmitAck> SimVenue::submit(const model::OrderIntent& order) {
  if (fail_submits_ > 0) {
    --fail_submits_;
    if (fail_after_accept_ && !index_.contains(order.client_order_id)) accept(order, false);
    return core::fail(core::ErrorCode::kTransport, "sim: submit {}: connection reset (injected{})",
                      order.client_order_id.view(),
                      fail_after_accept_ ? ", after the venue accepted" : "");
  }
  if (index_.contains(order.client_order_id)) {
    return core::fail(core::ErrorCode::kRejected, "sim: duplicate client_order_id {}",
                      order.client_order_id.view());
  }
  if (order.order_class == model::OrderClass::kBracket ||
      order.order_class == model::OrderClass::kOco) {
    // Refused rather than approximated: a bracket filled as a plain order would be dishonest.
    return core::fail(core::ErrorCode::kUnsupported,
                      "sim: order {}: bracket/OCO orders are not simulated",
                      order.client_order_id.view());
  }
  auto ticks = [this](core::InstrumentId id) { return tick_rule(id); };
  if (auto s = validate_order(order, cfg_.capabilities, ticks); !s) {
    return std::unexpected(s.error());
  }
  if (auto s = check_tradable(order); !s) return std::unexpected(s.error());
  if (auto s = check_buying_power(order); !s) return std::unexpected(s.error());
  SimOrder& so = accept(order, false);
  return SubmitAck{so.venue_id, OrderStatus::kPendingNew};
}

SimVenue::SimOrder& SimVenue::accept(const model::OrderIntent& o, bool external) {
  index_.emplace(o.client_order_id, orders_.size());
  SimOrder& so = orders_.emplace_back();
  so.o = o;
  so.external = external;
  so.venue_id = fmt::format("sim-{}", ++order_seq_);
  so.ts_updated = now();
  const core::ClientOrderId id = o.client_order_id;
  if (external) {
    so.arrived = true;
    so.status = OrderStatus::kAccepted;
    return so;
  }
  if (kernel_ == nullptr) {
    arrive(id);
  } else {
    kernel_->timers().schedule_at(now() + cfg_.order_entry_latency + cfg_.market_data_latency,
                                  "sim-arrival",
                                  [this, id](const engine::TimerEvent&) { arrive(id); });
  }
  return orders_.back();
}

void SimVenue::arrive(const core::ClientOrderId& id) {
  SimOrder* so = find(id);
  if (so == nullptr || so->arrived) return;
  so->arrived = true;
  if (so->status != OrderStatus::kPendingNew) return;  // cancelled before arrival
  so->status = OrderStatus::kAccepted;
  so->ts_updated = now();
  report_update(*so);
  try_match(*so, true);
}

core::Result<SubmitAck> SimVenue::modify(const ModifyRequest& r) {
  SimOrder* so = find(r.client_order_id);
  if (so == nullptr) {
    return core::fail(core::ErrorCode::kNotFound, "sim: modify: unknown order {}",
                      r.client_order_id.view());
  }
  if (model::is_terminal(so->status) || !so->arrived) {
    return core::fail(core::ErrorCode::kRejected, "sim: modify {}: order is {}",
                      r.client_order_id.view(), model::to_string(so->status));
  }
  model::OrderIntent repl = so->o;
  repl.client_order_id = r.new_client_order_id;
  repl.quantity = r.quantity;
  if (r.limit_price.is_defined()) repl.limit_price = r.limit_price;
  if (r.stop_price.is_defined()) repl.stop_price = r.stop_price;
  auto ticks = [this](core::InstrumentId id) { return tick_rule(id); };
  if (auto s = validate_order(repl, cfg_.capabilities, ticks); !s)
    return std::unexpected(s.error());
  if (index_.contains(repl.client_order_id)) {
    return core::fail(core::ErrorCode::kRejected, "sim: duplicate client_order_id {}",
                      repl.client_order_id.view());
  }
  finish(*so, OrderStatus::kReplaced, "replaced");
  SimOrder& nso = accept(repl, false);
  return SubmitAck{nso.venue_id, OrderStatus::kPendingNew};
}

core::Status SimVenue::cancel(const core::ClientOrderId& id, const core::VenueOrderId&) {
  SimOrder* so = find(id);
  if (so == nullptr) {
    return core::fail(core::ErrorCode::kNotFound, "sim: cancel: unknown order {}", id.view());
  }
  if (model::is_terminal(so->status)) {
    return core::fail(core::ErrorCode::kRejected, "sim: cancel {}: too late, order is {}",
                      id.view(), model::to_string(so->status));
  }
  auto apply = [this, id] {
    SimOrder* o = find(id);
    if (o == nullptr || model::is_terminal(o->status)) return;  // a fill won the race
    finish(*o, OrderStatus::kCancelled, "cancelled by client");
  };
  if (kernel_ == nullptr) {
    apply();
  } else {
    kernel_->timers().schedule_at(now() + cfg_.order_entry_latency, "sim-cancel",
                                  [apply](const engine::TimerEvent&) { apply(); });
  }
  return core::ok();
}

VenueOrderState SimVenue::state_of(const SimOrder& so) const {
  VenueOrderState v;
  v.order = so.o;
  v.venue_order_id = so.venue_id;
  v.status = so.status;
  v.filled_qty = core::Quantity{so.filled_units};
  v.leaves_qty =
      core::Quantity{model::is_terminal(so.status) ? 0 : so.o.quantity.value - so.filled_units};
  v.avg_fill_price =
      so.filled_units > 0
          ? core::Price::from_raw(static_cast<std::int64_t>(so.notional_raw / so.filled_units))
          : core::Price::undefined();
  v.ts_updated = so.ts_updated;
  v.reason = so.reason;
  return v;
}

core::Result<std::vector<VenueOrderState>> SimVenue::open_orders() {
  std::vector<VenueOrderState> out;
  for (const auto& so : orders_) {
    if (!model::is_terminal(so.status)) out.push_back(state_of(so));
  }
  return out;
}

core::Result<VenueOrderState> SimVenue::query_order(const core::ClientOrderId& id) {
  SimOrder* so = find(id);
  if (so == nullptr) {
    return core::fail(core::ErrorCode::kNotFound, "sim: no order with client_order_id {}",
                      id.view());
  }
  return state_of(*so);
}

core::Result<std::vector<model::Fill>> SimVenue::fills_since(core::Timestamp since) {
  std::vector<model::Fill> out;
  for (const auto& f : fills_) {
    if (f.ts_event >= since) out.push_back(f);
  }
  return out;
}

core::Result<std::vector<PositionSnapshot>> SimVenue::positions() {
  std::vector<PositionSnapshot> out;
  for (const auto& [id, p] : positions_) {
    if (p.quantity != 0)
      out.push_back(PositionSnapshot{id, core::Quantity{p.quantity}, p.avg_price});
  }
  return out;
}

core::Result<AccountSnapshot> SimVenue::account() {
  AccountSnapshot a;
  a.cash = cash_;
  a.buying_power = cash_;
  a.equity = cash_;  // marked positions are the portfolio's business
  return a;
}

std::int64_t SimVenue::position(core::InstrumentId id) const {
  auto it = positions_.find(id);
  return it == positions_.end() ? 0 : it->second.quantity;
}

void SimVenue::set_position(core::InstrumentId id, std::int64_t quantity, core::Price avg_price) {
  positions_[id] = SimPosition{quantity, avg_price};
}

core::Result<core::VenueOrderId> SimVenue::place_external(model::OrderIntent order) {
  if (order.client_order_id.empty()) order.client_order_id = fmt::format("ext-{}", order_seq_ + 1);
  if (index_.contains(order.client_order_id)) {
    return core::fail(core::ErrorCode::kRejected, "sim: duplicate client_order_id {}",
                      order.client_order_id.view());
  }
  return accept(order, true).venue_id;
}

void SimVenue::fail_next_submits(std::size_t n, bool after_accept) {
  fail_submits_ = n;
  fail_after_accept_ = after_accept;
}

void SimVenue::set_settlement_price(core::InstrumentId underlying, core::Date expiry,
                                    model::SettlementTime when, core::Price value) {
  settlement_prices_[{underlying.value, expiry.days_since_epoch(), static_cast<int>(when)}] = value;
}

void SimVenue::on_last_price(core::InstrumentId id, core::Price last) {
  if (last.is_defined()) last_price_[id.value] = last;
}

}  // namespace zerodte::execution::sim
