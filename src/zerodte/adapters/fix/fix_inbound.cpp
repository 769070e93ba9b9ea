// FixExecutionClient: messages from the venue (QuickFIX's thread).
#include <spdlog/spdlog.h>

#include "zerodte/adapters/fix/fix_client_impl.hpp"

namespace zerodte::adapters::fix {

using model::OrderStatus;

model::FeedStatus FixExecutionClient::Impl::feed_status(model::FeedState state,
                                                        std::string_view detail) const {
  model::FeedStatus s;
  s.ts_event = clock.now();
  s.ts_recv = s.ts_event;
  s.feed = cfg.venue_name;
  s.state = state;
  s.detail = detail;
  return s;
}

void FixExecutionClient::Impl::post(const std::vector<FixOutEvent>& events) {
  for (const auto& ev : events) {
    std::visit([&](const auto& e) { inbox.push(engine::Event{e}, engine::OverflowPolicy::kBlock); },
               ev);
  }
}

void FixExecutionClient::Impl::on_logon() {
  bool recovered = false;
  {
    std::lock_guard l(mu);
    ++stats.logons;
    logon_refused.clear();
    recovered = ever_up;
    ever_up = true;
  }
  up = true;
  cv.notify_all();
  spdlog::info("fix {}: logged on", cfg.venue_name);
  post({feed_status(recovered ? model::FeedState::kRecovered : model::FeedState::kConnected,
                    "FIX session logged on")});
}

void FixExecutionClient::Impl::on_logout(const std::string& reason) {
  up = false;
  {
    std::lock_guard l(mu);
    ++stats.logouts;
    for (auto& [id, p] : pending) {
      if (p.done) continue;
      p.done = p.failed = true;
      p.error = core::Error{core::ErrorCode::kTransport, "FIX session logged out: " + reason};
    }
  }
  cv.notify_all();
  spdlog::warn("fix {}: {}", cfg.venue_name, reason);
  post({feed_status(model::FeedState::kDisconnected, reason)});
}

void FixExecutionClient::Impl::on_app(const FixMessage& m) {
  if (m.msg_type == "8") return on_execution_report(m);
  if (m.msg_type == "9") return on_cancel_reject(m);
  if (m.msg_type == "j") return on_business_reject(m);
  if (m.msg_type == "AO" || m.msg_type == "AP") return on_position_message(m);
  spdlog::warn("fix {}: ignored application message 35={}", cfg.venue_name, m.msg_type);
}

std::optional<core::InstrumentId> FixExecutionClient::Impl::instrument_by_symbol(
    std::string_view symbol) const {
  if (auto id = instruments.find(symbol, core::Market::kNyse)) return id;
  return instruments.find(symbol, core::Market::kNse);
}

FixOrderEntry& FixExecutionClient::Impl::entry_for_report(const ExecReport& r) {
  auto it = orders.find(r.cl_ord_id);
  if (it != orders.end()) return it->second;
  // An order this session did not send (placed elsewhere, or before a restart).
  FixOrderEntry& e = orders[r.cl_ord_id];
  e.intent.client_order_id = r.cl_ord_id;
  e.intent.quantity = core::Quantity{r.order_qty};
  e.intent.legs[0].side = r.side;
  if (auto id = instrument_by_symbol(r.symbol)) e.intent.legs[0].instrument = *id;
  e.intent.limit_price = r.price;
  e.state.order = e.intent;
  return e;
}

void FixExecutionClient::Impl::apply_report(FixOrderEntry& e, const ExecReport& r,
                                            OrderStatus status) {
  e.state.status = status;
  e.state.filled_qty = core::Quantity{std::max<std::int64_t>(0, r.cum_qty - e.cum_offset)};
  e.state.leaves_qty = core::Quantity{r.leaves_qty};
  e.state.avg_fill_price = r.avg_px;
  if (!r.order_id.empty() && r.order_id != "NONE") e.state.venue_order_id = r.order_id;
  e.state.ts_updated = r.transact_time.is_set() ? r.transact_time : clock.now();
  if (!r.text.empty()) e.state.reason = r.text;
}

model::OrderUpdate FixExecutionClient::Impl::update_of(const FixOrderEntry& e,
                                                       core::Timestamp ts_event) const {
  model::OrderUpdate u;
  u.client_order_id = e.intent.client_order_id;
  u.venue_order_id = e.state.venue_order_id;
  u.status = e.state.status;
  u.filled_qty = e.state.filled_qty;
  u.leaves_qty = e.state.leaves_qty;
  u.avg_fill_price = e.state.avg_fill_price;
  u.ts_event = ts_event;
  u.ts_recv = clock.now();
  u.reason = e.state.reason;
  return u;
}

std::vector<model::Fill> FixExecutionClient::Impl::fills_of(const FixOrderEntry& e,
                                                            const ExecReport& r,
                                                            core::Timestamp ts_event) const {
  std::vector<model::Fill> out;
  auto base = [&] {
    model::Fill f;
    f.client_order_id = e.intent.client_order_id;
    f.venue_order_id = e.state.venue_order_id;
    f.exec_id = r.exec_id;
    f.liquidity = r.liquidity;
    f.ts_event = ts_event;
    f.ts_recv = clock.now();
    f.fee = r.commission;
    return f;
  };
  auto leg_of = [&](std::string_view symbol) -> int {
    for (int i = 0; i < e.intent.leg_count; ++i) {
      const model::Instrument* inst = instruments.try_get(e.intent.legs[i].instrument);
      if (inst != nullptr && inst->symbol_view() == symbol) return i;
    }
    return -1;
  };
  if (!e.intent.is_multi_leg()) {
    if (r.last_qty <= 0 || !r.last_px.is_defined()) return out;
    model::Fill f = base();
    f.instrument = e.intent.legs[0].instrument;
    f.side = r.side;
    f.quantity = core::Quantity{r.last_qty};
    f.price = r.last_px;
    out.push_back(f);
    return out;
  }
  if (r.multileg_reporting == '2') {  // one leg's execution
    const int leg = leg_of(r.symbol);
    if (leg < 0 || r.last_qty <= 0 || !r.last_px.is_defined()) {
      spdlog::warn("fix {}: leg execution {} names {} which is not a leg of {}", cfg.venue_name,
                   r.exec_id, r.symbol, r.cl_ord_id);
      return out;
    }
    model::Fill f = base();
    f.instrument = e.intent.legs[leg].instrument;
    f.leg_index = static_cast<std::uint8_t>(leg);
    f.side = r.side;
    f.quantity = core::Quantity{r.last_qty};
    f.price = r.last_px;
    out.push_back(f);
    return out;
  }
  for (const auto& l : r.legs) {  // legs inside one report
    const int leg = leg_of(l.symbol);
    if (leg < 0) continue;
    model::Fill f = base();
    f.exec_id = r.exec_id + "/" + std::to_string(leg);
    f.instrument = e.intent.legs[leg].instrument;
    f.leg_index = static_cast<std::uint8_t>(leg);
    f.side = l.side;
    f.quantity = core::Quantity{l.qty > 0 ? l.qty : r.last_qty * e.intent.legs[leg].ratio};
    f.price = l.last_px;
    if (!out.empty()) f.fee = core::Price::zero();
    out.push_back(f);
  }
  if (out.empty() && r.multileg_reporting != '3') {
    spdlog::warn("fix {}: multi-leg execution {} for {} has no leg prices; status only",
                 cfg.venue_name, r.exec_id, r.cl_ord_id);
  }
  return out;
}

}  // namespace zerodte::adapters::fix
