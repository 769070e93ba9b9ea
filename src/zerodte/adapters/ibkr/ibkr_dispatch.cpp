// IbkrClient: incoming TWS messages -> order cache, OrderUpdate / Fill events, waiters.
#include <charconv>

#include <spdlog/spdlog.h>

#include "zerodte/adapters/ibkr/ibkr_client_impl.hpp"
#include "zerodte/adapters/ibkr/tws_contract.hpp"
#include "zerodte/adapters/ibkr/tws_protocol.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/core/time_zone.hpp"

namespace zerodte::adapters::ibkr {

using model::OrderStatus;

model::OrderStatus map_tws_status(std::string_view s, std::int64_t filled, std::int64_t remaining) {
  if (s == "Filled") return remaining > 0 ? OrderStatus::kPartiallyFilled : OrderStatus::kFilled;
  if (s == "Cancelled" || s == "ApiCancelled") return OrderStatus::kCancelled;
  if (s == "Inactive") return OrderStatus::kRejected;
  if (s == "PendingCancel") return OrderStatus::kPendingCancel;
  if (s == "PendingSubmit" || s == "ApiPending") return OrderStatus::kPendingNew;
  // Submitted, PreSubmitted (held until a trigger) and anything new: working.
  return filled > 0 ? OrderStatus::kPartiallyFilled : OrderStatus::kAccepted;
}

namespace {

template <typename T>
bool report(IbkrHealth& h, const core::Result<T>& r) {
  if (r) return true;
  ++h.decode_errors;
  h.last_error = r.error().message;
  spdlog::warn("ibkr: {}", r.error().message);
  return false;
}

}  // namespace

void IbkrClient::Impl::dispatch(int msg_id, FieldReader& r) {
  switch (static_cast<In>(msg_id)) {
    case In::kOrderStatus: {
      auto m = decode_order_status(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_order_status(*m);
      break;
    }
    case In::kOpenOrder: {
      auto m = decode_open_order(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_open_order(std::move(*m));
      break;
    }
    case In::kExecutionData: {
      auto m = decode_execution(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_execution(*m);
      break;
    }
    case In::kCommissionReport: {
      auto m = decode_commission(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_commission(*m);
      break;
    }
    case In::kErrMsg: {
      auto m = decode_error(r);
      bool pacing = false;
      {
        std::lock_guard lk(mu);
        if (!report(h, m)) break;
        on_error(*m);
        pacing = m->code == code::kPacingViolation;
      }
      if (pacing) {
        // Halve the rate for a cool-down; repeated violations make TWS disconnect us.
        bucket.set_rate(std::max(1.0, cfg.pacing_per_second / 2));
        {
          std::lock_guard lk(mu);
          h.pacing_rate = bucket.rate();
        }
        cooldown_timer.expires_after(cfg.pacing_cooldown);
        cooldown_timer.async_wait([this](const boost::system::error_code& e) {
          if (e) return;
          bucket.set_rate(cfg.pacing_per_second);
          std::lock_guard lk(mu);
          h.pacing_rate = bucket.rate();
        });
      }
      break;
    }
    case In::kPositionData: {
      auto m = decode_position(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_position(*m);
      break;
    }
    case In::kAccountSummary: {
      auto m = decode_account_summary(r);
      std::lock_guard lk(mu);
      if (report(h, m) && (cfg.account.empty() || m->account == cfg.account)) {
        acct[m->tag] = m->value;
        if (m->tag == "TotalCashValue") acct["currency"] = m->currency;
      }
      break;
    }
    case In::kContractData: {
      auto m = decode_contract_data(r);
      std::lock_guard lk(mu);
      if (!report(h, m)) break;
      if (auto w = waiters.find(m->req_id); w != waiters.end()) w->second.contracts.push_back(*m);
      break;
    }
    case In::kNextValidId: {
      (void)r.i64();  // version
      auto id = r.i64();
      bool resync = false;
      {
        std::lock_guard lk(mu);
        if (!report(h, id)) break;
        h.next_order_id = std::max(h.next_order_id, *id);
        resync = phase == Phase::kSyncing && resync_keys.empty();
      }
      if (resync) start_resync();
      break;
    }
    case In::kManagedAccts: {
      (void)r.i64();
      auto list = r.str();
      std::lock_guard lk(mu);
      if (!report(h, list)) break;
      h.accounts.clear();
      std::string_view s = *list;
      while (!s.empty()) {
        const auto comma = s.find(',');
        if (auto a = s.substr(0, comma); !a.empty()) h.accounts.emplace_back(a);
        s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
      }
      if (cfg.account.empty() && !h.accounts.empty()) cfg.account = h.accounts.front();
      break;
    }
    case In::kCurrentTime:
      hb_outstanding = false;
      hb_missed = 0;
      break;
    case In::kOpenOrderEnd: {
      std::lock_guard lk(mu);
      on_end(kKeyOpenOrders);
      break;
    }
    case In::kPositionEnd: {
      std::lock_guard lk(mu);
      on_end(kKeyPositions);
      break;
    }
    case In::kExecutionDataEnd:
    case In::kAccountSummaryEnd:
    case In::kContractDataEnd: {
      (void)r.i64();  // version
      auto req = r.i64();
      std::lock_guard lk(mu);
      if (report(h, req)) on_end(*req);
      break;
    }
    case In::kTickPrice: {
      auto m = decode_tick_price(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_tick_price(*m);
      break;
    }
    case In::kTickSize: {
      auto m = decode_tick_size(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_tick_size(*m);
      break;
    }
    case In::kTickOptionComputation: {
      auto m = decode_tick_option(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_tick_option(*m);
      break;
    }
    case In::kMarketDepth:
    case In::kMarketDepthL2: {
      auto m = decode_depth(r, msg_id == static_cast<int>(In::kMarketDepthL2));
      std::lock_guard lk(mu);
      if (report(h, m)) on_depth(*m);
      break;
    }
    default:
      break;  // account values, portfolio, news, ...: not used
  }
  cv.notify_all();
  finish_resync_if_done();
}

void IbkrClient::Impl::on_end(std::int64_t key) {
  if (auto w = waiters.find(key); w != waiters.end()) w->second.done = true;
}

OrderEntry* IbkrClient::Impl::find_key(std::int64_t key) {
  auto it = orders.find(key);
  return it == orders.end() ? nullptr : &it->second;
}

OrderEntry* IbkrClient::Impl::find_cid(const core::ClientOrderId& cid) {
  auto it = by_cid.find(cid);
  return it == by_cid.end() ? nullptr : find_key(it->second);
}

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
  if (changed && live()) post_update(*e, to, to == OrderStatus::kRejected ? st.reason.view() : "");
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

void IbkrClient::Impl::on_error(const ErrorMsg& m) {
  const bool info = (m.code >= 2100 && m.code < 2200) || m.code == 399;
  if (!info) {
    h.last_error = fmt::format("TWS error {} (id {}): {}", m.code, m.id, m.text);
    spdlog::warn("ibkr: {}", h.last_error);
  }
  if (m.code == code::kPacingViolation) {
    ++h.pacing_violations;
    return;
  }
  if (m.code == code::kConnectivityLost) {
    post_feed(model::FeedState::kStale, "TWS lost its connection to IB");
    return;
  }
  if (m.code == code::kRestoredDataKept || m.code == code::kRestoredDataLost) {
    post_feed(model::FeedState::kRecovered, "TWS reconnected to IB");
    return;
  }
  if (info || m.id <= 0) return;
  if (auto w = waiters.find(m.id); w != waiters.end()) {  // a request failed
    w->second.done = true;
    w->second.error =
        core::Error{core::ErrorCode::kRejected, fmt::format("TWS error {}: {}", m.code, m.text)};
    return;
  }
  OrderEntry* e = find_key(m.id);
  if (e == nullptr) return;
  const std::string reason = fmt::format("TWS {}: {}", m.code, m.text);
  if (!e->pending_cid.empty()) {
    // The modify was refused: the replacement is rejected, the original keeps working.
    OrderEntry repl = *e;
    repl.cid = e->pending_cid;
    repl.state.filled_qty = core::Quantity{0};
    post_update(repl, OrderStatus::kRejected, reason);
    execution::VenueOrderState rs = repl.state;
    rs.status = OrderStatus::kRejected;
    rs.reason = reason;
    retired[repl.cid] = rs;
    by_cid.erase(e->pending_cid);
    e->pending_cid = {};
    return;
  }
  if (m.code == code::kNotCancellable || m.code == code::kCancelIdNotFound) return;
  if (m.code == code::kOrderCancelled) {
    e->state.status = OrderStatus::kCancelled;
    e->state.reason = reason;
    post_update(*e, OrderStatus::kCancelled, reason);
    return;
  }
  // Any other error on an order not yet working is a rejection (201, 103, 110, 200, 321, ...).
  if (e->state.status == OrderStatus::kPendingNew || m.code == code::kOrderRejected) {
    e->state.status = OrderStatus::kRejected;
    e->state.reason = reason;
    post_update(*e, OrderStatus::kRejected, reason);
  }
}

void IbkrClient::Impl::on_position(const PositionMsg& m) {
  if (!cfg.account.empty() && m.account != cfg.account) return;
  auto id = learn_contract(m.contract);
  if (!id) {
    ++h.decode_errors;
    h.last_error = id.error().message;
    return;
  }
  execution::PositionSnapshot p;
  p.instrument = *id;
  p.quantity = core::Quantity{m.position};
  // TWS's avgCost includes the multiplier for options (price x 100).
  const auto* inst = reg.try_get(*id);
  const std::int64_t mult = inst != nullptr && inst->multiplier > 0 ? inst->multiplier : 1;
  p.avg_price = m.avg_cost.is_defined() ? core::Price::from_raw(m.avg_cost.raw() / mult)
                                        : core::Price::zero();
  if (m.position == 0) {
    pos.erase(*id);
  } else {
    pos[*id] = p;
  }
}

}  // namespace zerodte::adapters::ibkr
