#include "zerodte/adapters/alpaca/broker/alpaca_update_router.hpp"

#include <fmt/format.h>

namespace zerodte::adapters::alpaca {

using model::OrderStatus;

namespace {
int rank_of(OrderStatus s) {
  switch (s) {
    case OrderStatus::kPendingNew:
      return 0;
    case OrderStatus::kAccepted:
      return 1;
    case OrderStatus::kPartiallyFilled:
      return 2;
    case OrderStatus::kPendingCancel:
    case OrderStatus::kPendingReplace:
      return 3;
    default:
      return 4;  // final
  }
}

// Price of the quantity added between two (qty, avg) states: (q1*a1 - q0*a0) / (q1 - q0),
// rounded to the nearest nano-unit (exact when the executions were on a cent grid).
core::Price increment_price(std::int64_t q0, core::Price a0, std::int64_t q1, core::Price a1) {
  const __int128 n1 = static_cast<__int128>(q1) * (a1.is_defined() ? a1.raw() : 0);
  const __int128 n0 = static_cast<__int128>(q0) * (a0.is_defined() ? a0.raw() : 0);
  const __int128 dq = q1 - q0;
  __int128 num = n1 - n0;
  const __int128 half = dq / 2;
  num += num >= 0 ? half : -half;
  return core::Price::from_raw(static_cast<std::int64_t>(num / dq));
}
}  // namespace

void AlpacaUpdateRouter::remember_locked(const AlpacaOrder& o) {
  const std::string venue(o.state.venue_order_id.view());
  const auto& cid = o.state.order.client_order_id;
  if (!cid.empty()) {
    venue_by_client_[cid] = venue;
    owner_by_venue_[venue] = Owner{cid, 0};
    if (!o.alpaca_client_order_id.empty()) alpaca_client_by_local_[cid] = o.alpaca_client_order_id;
    for (std::size_t i = 0; i < o.leg_order_ids.size(); ++i) {
      if (!o.leg_order_ids[i].empty()) {
        owner_by_venue_[o.leg_order_ids[i]] = Owner{cid, static_cast<std::uint8_t>(i)};
      }
    }
  }
}

void AlpacaUpdateRouter::remember(const AlpacaOrder& o) {
  std::lock_guard lock(mu_);
  remember_locked(o);
  // What REST told us (the submit ack, a listing) counts as seen: a slower stream event that
  // reports the same or an earlier stage must not move the order back (e.g. "new" arriving
  // after we already asked for a replace).
  OrderTrack& t = tracks_[std::string(o.state.venue_order_id.view())];
  const int rank = rank_of(o.state.status);
  const std::int64_t filled = o.state.filled_qty.value;
  if (filled > t.filled || (filled == t.filled && rank > t.rank)) {
    t.filled = std::max(t.filled, filled);
    t.rank = rank;
    t.final = t.final || model::is_terminal(o.state.status);
  }
}

std::optional<std::string> AlpacaUpdateRouter::venue_id_of(const core::ClientOrderId& id) const {
  std::lock_guard lock(mu_);
  auto it = venue_by_client_.find(id);
  if (it == venue_by_client_.end()) return std::nullopt;
  return it->second;
}

std::optional<AlpacaUpdateRouter::Owner> AlpacaUpdateRouter::owner_of(
    std::string_view venue_order_id) const {
  std::lock_guard lock(mu_);
  auto it = owner_by_venue_.find(std::string(venue_order_id));
  if (it == owner_by_venue_.end()) return std::nullopt;
  return it->second;
}

std::string AlpacaUpdateRouter::alpaca_client_id(const core::ClientOrderId& id) const {
  std::lock_guard lock(mu_);
  auto it = alpaca_client_by_local_.find(id);
  return it == alpaca_client_by_local_.end() ? std::string(id.view()) : it->second;
}

std::uint64_t AlpacaUpdateRouter::stale_total() const {
  std::lock_guard lock(mu_);
  return stale_total_;
}

RoutedEvents AlpacaUpdateRouter::route(const StreamMessage& m, core::Timestamp ts_recv) {
  RoutedEvents out;
  if (m.kind != StreamKind::kTradeUpdate || !m.order) return out;
  const AlpacaOrder& o = *m.order;
  const auto& st = o.state;
  std::lock_guard lock(mu_);
  remember_locked(o);
  OrderTrack& t = tracks_[std::string(st.venue_order_id.view())];
  const bool is_fill_event = m.event == "fill" || m.event == "partial_fill";

  // Fills.
  if (is_fill_event) {
    if (st.order.leg_count > 1) {
      t.leg_filled.resize(st.order.leg_count, 0);
      t.leg_avg.resize(st.order.leg_count, core::Price::zero());
      for (std::size_t i = 0; i < st.order.leg_count && i < o.leg_filled.size(); ++i) {
        const std::int64_t q1 = o.leg_filled[i].value;
        const std::int64_t q0 = t.leg_filled[i];
        if (q1 <= q0) continue;
        model::Fill f;
        f.client_order_id = st.order.client_order_id;
        f.venue_order_id = st.venue_order_id;
        f.exec_id = fmt::format("{}/{}", m.execution_id, i);
        f.instrument = st.order.legs[i].instrument;
        f.leg_index = static_cast<std::uint8_t>(i);
        f.side = st.order.legs[i].side;
        f.quantity = core::Quantity{q1 - q0};
        f.price = increment_price(q0, t.leg_avg[i], q1, o.leg_avg_price[i]);
        f.fee = core::Price::zero();
        f.ts_event = m.ts;
        f.ts_recv = ts_recv;
        out.fills.push_back(f);
        t.leg_filled[i] = q1;
        t.leg_avg[i] = o.leg_avg_price[i].is_defined() ? o.leg_avg_price[i] : core::Price::zero();
      }
    } else if (m.qty.value > 0) {
      model::Fill f;
      f.client_order_id = st.order.client_order_id;
      f.venue_order_id = st.venue_order_id;
      f.exec_id = m.execution_id;
      f.instrument = st.order.legs[0].instrument;
      f.side = st.order.legs[0].side;
      f.quantity = m.qty;
      f.price = m.price;
      f.fee = core::Price::zero();
      f.ts_event = m.ts;
      f.ts_recv = ts_recv;
      out.fills.push_back(f);
    }
  }

  // The order's status, only forward.
  const int rank = rank_of(st.status);
  const std::int64_t filled = st.filled_qty.value;
  const bool refusal = m.event == "order_cancel_rejected" || m.event == "order_replace_rejected";
  bool forward = false;
  if (t.final) {
    forward = false;
  } else if (refusal) {
    forward = filled >= t.filled;
  } else if (filled > t.filled) {
    forward = true;
  } else if (filled == t.filled && rank > t.rank) {
    forward = true;
  }
  if (!forward) {
    ++out.stale_updates;
    ++stale_total_;
    return out;
  }
  const int rank_before = t.rank;
  t.filled = std::max(t.filled, filled);
  t.rank = rank;
  t.final = model::is_terminal(st.status);
  model::OrderUpdate u;
  u.client_order_id = st.order.client_order_id;
  u.venue_order_id = st.venue_order_id;
  u.status = st.status;
  u.filled_qty = st.filled_qty;
  u.leaves_qty = st.leaves_qty;
  u.avg_fill_price = st.avg_fill_price;
  u.ts_event = m.ts;
  u.ts_recv = ts_recv;
  if (st.status == OrderStatus::kRejected || refusal) u.reason = m.event;
  if (st.status == OrderStatus::kRejected && rank_before >= rank_of(OrderStatus::kAccepted)) {
    // Alpaca may reject an order it had already accepted (an exchange decision, "rare"). Ours
    // has no accepted -> rejected step: it is an order ended by the venue without (more) fills.
    u.status = OrderStatus::kCancelled;
    u.reason = "rejected by the venue after acceptance";
  }
  out.updates.push_back(u);
  return out;
}

}  // namespace zerodte::adapters::alpaca
