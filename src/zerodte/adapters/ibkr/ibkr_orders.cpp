// IbkrClient: order reports from TWS (orderStatus, openOrder, execDetails, commissionReport) ->
// the order cache and OrderUpdate / Fill events. Runs on the I/O thread with the lock held.
#include <charconv>

#include "zerodte/adapters/ibkr/ibkr_client_impl.hpp"
#include "zerodte/adapters/ibkr/tws_contract.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/core/time_zone.hpp"

namespace zerodte::adapters::ibkr {

using model::OrderStatus;

void IbkrClient::Impl::post_update(const OrderEntry& e, OrderStatus s, std::string_view reason) {
  if (e.cid.empty()) return;
  model::OrderUpdate u;
  u.client_order_id = e.cid;
  u.venue_order_id = e.state.venue_order_id;
  u.status = s;
  u.filled_qty = e.state.filled_qty;
  u.leaves_qty = e.state.leaves_qty;
  u.avg_fill_price = e.state.avg_fill_price;
  u.ts_event = u.ts_recv = core::wall_clock_now();
  u.reason = reason;
  events.emplace_back(u);
}

void IbkrClient::Impl::on_order_status(const OrderStatusMsg& m) {
  OrderEntry* e = find_key(m.order_id > 0 ? m.order_id : -m.perm_id);
  if (e == nullptr) {
    early_status[m.order_id > 0 ? m.order_id : -m.perm_id] = m;  // openOrder not seen yet
    return;
  }
  e->tws_filled = std::max(e->tws_filled, m.filled);
  const std::int64_t filled = std::max<std::int64_t>(0, m.filled - e->fill_offset);
  const OrderStatus to = map_tws_status(m.status, filled, m.remaining);
  auto& st = e->state;
  // TWS may deliver statuses out of order: never go back from a final state, never lower the
  // cumulative fill (a stale "Submitted 0" after "Filled 5" is ignored).
  if (model::is_terminal(st.status) && filled <= st.filled_qty.value) return;
  if (filled < st.filled_qty.value) return;
  const bool changed = to != st.status || filled != st.filled_qty.value;
  st.status = to;
  st.filled_qty = core::Quantity{filled};
  st.leaves_qty = core::Quantity{m.remaining};
  if (m.avg_fill_price.is_defined() && filled > 0) st.avg_fill_price = m.avg_fill_price;
  st.ts_updated = core::wall_clock_now();
  if (m.perm_id != 0) e->perm_id = m.perm_id;
  // While a modify is in flight the order manager holds the original in pending_replace; a
  // working-state report for it (a fill it already knows from the Fill) would knock it out of
  // that state, so only final states are reported until TWS confirms or refuses the modify.
  const bool hold = !e->pending_cid.empty() && !model::is_terminal(to);
  if (changed && live() && !hold) {
    post_update(*e, to, to == OrderStatus::kRejected ? st.reason.view() : "");
  }
}

void IbkrClient::Impl::on_open_order(OpenOrderMsg m) {
  const std::int64_t key = m.order.order_id > 0 ? m.order.order_id : -m.order.perm_id;
  if (m.contract.sec_type != "BAG") {
    if (auto id = learn_contract(m.contract); !id) {
      ++h.decode_errors;
      h.last_error = id.error().message;
    }
  }
  OrderEntry* e = find_key(key);
  if (e != nullptr) {
    // A modify confirmed: the order now carries the replacement's id.
    if (!e->pending_cid.empty() && m.order.order_ref == e->pending_cid.view()) {
      execution::VenueOrderState old = e->state;
      old.status = OrderStatus::kReplaced;
      retired[e->cid] = old;
      post_update(*e, OrderStatus::kReplaced);
      by_cid.erase(e->cid);
      e->cid = e->pending_cid;
      e->fill_offset = e->pending_offset;
      e->pending_cid = {};
      by_cid[e->cid] = key;
      e->state.order.client_order_id = e->cid;
      e->state.status = OrderStatus::kPendingNew;
      e->state.filled_qty = core::Quantity{0};
      e->state.avg_fill_price = core::Price{};
    }
    e->order = m.order;
    e->state.order.quantity = core::Quantity{m.order.total_quantity - e->fill_offset};
    e->state.order.limit_price = m.order.lmt_price;
    e->seen_round = open_round;
    return;
  }
  OrderEntry n;
  n.key = key;
  n.order_id = m.order.order_id;
  n.perm_id = m.order.perm_id;
  n.cid = m.order.order_ref.empty() ? core::ClientOrderId(fmt::format("tws-{}", m.order.perm_id))
                                    : core::ClientOrderId(m.order.order_ref);
  n.contract = m.contract;
  n.order = m.order;
  n.seen_round = open_round;
  model::OrderIntent& in = n.intent;
  in.client_order_id = n.cid;
  in.quantity = core::Quantity{m.order.total_quantity};
  in.type = m.order.order_type == "MKT"       ? model::OrderType::kMarket
            : m.order.order_type == "STP"     ? model::OrderType::kStop
            : m.order.order_type == "STP LMT" ? model::OrderType::kStopLimit
                                              : model::OrderType::kLimit;
  in.tif = m.order.tif == "GTC"   ? model::TimeInForce::kGtc
           : m.order.tif == "IOC" ? model::TimeInForce::kIoc
           : m.order.tif == "FOK" ? model::TimeInForce::kFok
                                  : model::TimeInForce::kDay;
  in.limit_price = m.order.lmt_price;
  in.stop_price = in.type == model::OrderType::kStop || in.type == model::OrderType::kStopLimit
                      ? m.order.aux_price
                      : core::Price::undefined();
  const model::Side side = m.order.action == "SELL" ? model::Side::kSell : model::Side::kBuy;
  if (m.contract.sec_type == "BAG") {
    in.order_class = model::OrderClass::kMultiLeg;
    in.leg_count = 0;
    for (const ComboLeg& leg : m.contract.combo_legs) {
      if (in.leg_count >= model::kMaxLegs) break;
      auto inst = by_con_id.find(leg.con_id);
      if (inst == by_con_id.end()) n.complete = false;
      const bool buy = (leg.action == "BUY") == (side == model::Side::kBuy);
      in.legs[in.leg_count++] =
          model::OrderLeg{inst == by_con_id.end() ? core::InstrumentId{} : inst->second,
                          buy ? model::Side::kBuy : model::Side::kSell,
                          static_cast<std::int32_t>(leg.ratio), model::PositionIntent::kAuto};
    }
  } else {
    auto inst = instrument_for(m.contract, reg);
    if (!inst) n.complete = false;
    in.legs[0] =
        model::OrderLeg{inst ? *inst : core::InstrumentId{}, side, 1, model::PositionIntent::kAuto};
    in.leg_count = 1;
  }
  n.state.order = in;
  n.state.venue_order_id = m.order.order_id > 0
                               ? core::VenueOrderId(std::to_string(m.order.order_id))
                               : core::VenueOrderId(fmt::format("perm:{}", m.order.perm_id));
  n.state.status = OrderStatus::kAccepted;
  n.state.leaves_qty = in.quantity;
  n.state.ts_updated = core::wall_clock_now();
  by_cid[n.cid] = key;
  auto& stored = orders[key] = std::move(n);
  if (auto es = early_status.find(key); es != early_status.end()) {
    const OrderStatusMsg s = es->second;
    early_status.erase(es);
    on_order_status(s);
  } else if (live()) {
    post_update(stored, OrderStatus::kAccepted);
  }
}

core::Result<core::InstrumentId> IbkrClient::Impl::learn_contract(const Contract& c) {
  auto id = instrument_for(c, reg);
  if (id && c.con_id > 0) {
    con_ids[*id] = c.con_id;
    by_con_id[c.con_id] = *id;
  }
  return id;
}

core::Timestamp IbkrClient::Impl::parse_exec_time(std::string_view t,
                                                  core::Timestamp fallback) const {
  // "20251121  10:15:03" (TWS local zone) or "20251121 10:15:03 US/Eastern".
  if (t.size() < 17) return fallback;
  auto num = [&](std::size_t pos, std::size_t n) {
    int v = 0;
    auto [p, ec] = std::from_chars(t.data() + pos, t.data() + pos + n, v);
    return ec == std::errc{} && p == t.data() + pos + n ? v : -1;
  };
  const core::Date d{num(0, 4), num(4, 2), num(6, 2)};
  std::size_t p = 8;
  while (p < t.size() && t[p] == ' ')
    ++p;
  if (p + 8 > t.size() || !d.valid()) return fallback;
  const core::TimeOfDay tod{num(p, 2), num(p + 3, 2), num(p + 6, 2)};
  if (tod.hour < 0 || tod.minute < 0 || tod.second < 0) return fallback;
  std::string_view zone = p + 8 < t.size() ? t.substr(p + 9) : std::string_view(cfg.time_zone);
  if (zone == "EST" || zone == "EDT") zone = "America/New_York";
  auto ts = core::local_to_utc(zone, d, tod);
  if (!ts) ts = core::local_to_utc(cfg.time_zone, d, tod);
  return ts ? *ts : fallback;
}

void IbkrClient::Impl::on_execution(const ExecutionMsg& m) {
  if (m.contract.sec_type == "BAG") return;  // the combo summary; the legs carry the fills
  if (execs.contains(m.exec_id)) return;     // duplicate (resync overlap)
  auto inst = learn_contract(m.contract);
  if (!inst) {
    ++h.decode_errors;
    h.last_error = inst.error().message;
    return;
  }
  const core::Timestamp now = core::wall_clock_now();
  ExecRecord x;
  model::Fill& f = x.fill;
  OrderEntry* e = m.order_id > 0 ? find_key(m.order_id) : nullptr;
  if (!m.order_ref.empty() && (by_cid.contains(m.order_ref) || retired.contains(m.order_ref))) {
    f.client_order_id = m.order_ref;
  } else if (e != nullptr) {
    f.client_order_id = e->cid;
  } else {
    f.client_order_id = m.order_ref;  // may be empty: exercise, assignment, liquidation
  }
  f.venue_order_id = std::to_string(m.order_id);
  f.exec_id = m.exec_id;
  f.instrument = *inst;
  f.side = m.side == "SLD" ? model::Side::kSell : model::Side::kBuy;
  f.quantity = core::Quantity{m.shares};
  f.price = m.price;
  f.fee = core::Price::zero();
  f.liquidity = m.last_liquidity == 1   ? model::Liquidity::kMaker
                : m.last_liquidity == 2 ? model::Liquidity::kTaker
                                        : model::Liquidity::kUnknown;
  f.ts_recv = now;
  f.ts_event = parse_exec_time(m.time, now);
  if (e != nullptr) {
    for (std::uint8_t i = 0; i < e->intent.leg_count; ++i) {
      if (e->intent.legs[i].instrument == *inst) f.leg_index = i;
    }
    // cumQty counts this leg's contracts; in order units that is cumQty / ratio.
    const std::int64_t ratio = std::max<std::int32_t>(1, e->intent.legs[f.leg_index].ratio);
    e->tws_filled = std::max(e->tws_filled, m.cum_qty / ratio);
  }
  if (auto c = early_commission.find(m.exec_id); c != early_commission.end()) {
    f.fee = c->second;
    x.fee_known = true;
    early_commission.erase(c);
  }
  auto& stored = execs[m.exec_id] = x;
  if (!live() || m.req_id != -1) {
    // Found by a resync or answered to fills_since: reconciliation replays it, not the stream.
    stored.posted = true;
    return;
  }
  if (stored.fee_known) {
    post_fill(stored);
    return;
  }
  // Wait briefly for the commission report; post without a fee if it does not come.
  auto timer = std::make_shared<asio::steady_timer>(ioc, cfg.commission_wait);
  timer->async_wait([this, timer, id = m.exec_id](const boost::system::error_code&) {
    {
      std::lock_guard lk(mu);
      auto it = execs.find(id);
      if (it != execs.end() && !it->second.posted) post_fill(it->second);
    }
    flush_events();
  });
}

void IbkrClient::Impl::post_fill(ExecRecord& x) {
  x.posted = true;
  events.emplace_back(x.fill);
}

void IbkrClient::Impl::on_commission(const CommissionMsg& m) {
  auto it = execs.find(m.exec_id);
  const core::Price fee = m.commission.is_defined() ? m.commission : core::Price::zero();
  if (it == execs.end()) {
    early_commission[m.exec_id] = fee;  // arrived before its execution
    return;
  }
  it->second.fill.fee = fee;
  it->second.fee_known = true;
  if (!it->second.posted && live()) post_fill(it->second);
}

void IbkrClient::Impl::on_completed_order(const CompletedOrderMsg& m) {
  if (m.order.order_ref.empty()) return;  // finished orders placed in TWS: nothing to resolve
  const core::ClientOrderId cid(m.order.order_ref);
  const std::int64_t total = m.order.total_quantity;
  OrderStatus to = map_tws_status(m.status, total, m.status == "Filled" ? 0 : total);
  if (OrderEntry* e = find_cid(cid)) {
    if (model::is_terminal(e->state.status)) return;
    e->state.status = to;
    if (to == OrderStatus::kFilled) {
      e->state.filled_qty = core::Quantity{total - e->fill_offset};
      e->state.leaves_qty = core::Quantity{0};
    }
    if (live()) post_update(*e, to);
    return;
  }
  if (retired.contains(cid)) return;
  // Finished before this session (e.g. cancelled before a restart): remember it, so that
  // query_order can answer and submit refuses the id as a duplicate.
  execution::VenueOrderState v;
  v.order.client_order_id = cid;
  v.order.quantity = core::Quantity{total};
  v.order.limit_price = m.order.lmt_price;
  const model::Side side = m.order.action == "SELL" ? model::Side::kSell : model::Side::kBuy;
  if (m.contract.sec_type == "BAG") {
    v.order.leg_count = 0;
    for (const ComboLeg& leg : m.contract.combo_legs) {
      if (v.order.leg_count >= model::kMaxLegs) break;
      auto inst = by_con_id.find(leg.con_id);
      const bool buy = (leg.action == "BUY") == (side == model::Side::kBuy);
      v.order.legs[v.order.leg_count++] =
          model::OrderLeg{inst == by_con_id.end() ? core::InstrumentId{} : inst->second,
                          buy ? model::Side::kBuy : model::Side::kSell,
                          static_cast<std::int32_t>(leg.ratio), model::PositionIntent::kAuto};
    }
  } else {
    auto inst = learn_contract(m.contract);
    v.order.legs[0] =
        model::OrderLeg{inst ? *inst : core::InstrumentId{}, side, 1, model::PositionIntent::kAuto};
  }
  v.venue_order_id = core::VenueOrderId(fmt::format("perm:{}", m.order.perm_id));
  v.status = to;
  std::int64_t filled = 0;
  for (const auto& [x, rec] : execs) {
    if (rec.fill.client_order_id == cid && rec.fill.leg_index == 0)
      filled += rec.fill.quantity.value;
  }
  v.filled_qty = core::Quantity{to == OrderStatus::kFilled ? total : filled};
  v.ts_updated = core::wall_clock_now();
  v.reason = m.status;
  retired[cid] = v;
}

}  // namespace zerodte::adapters::ibkr
