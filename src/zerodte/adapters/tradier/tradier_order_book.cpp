#include "zerodte/adapters/tradier/tradier_order_book.hpp"

#include <fmt/format.h>

namespace zerodte::adapters::tradier {

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
      return 4;
  }
}

core::Price increment_price(std::int64_t q0, core::Price a0, std::int64_t q1, core::Price a1) {
  const __int128 n1 = static_cast<__int128>(q1) * a1.raw();
  const __int128 n0 = static_cast<__int128>(q0) * (a0.is_defined() ? a0.raw() : 0);
  const __int128 dq = q1 - q0;
  __int128 num = n1 - n0;
  num += num >= 0 ? dq / 2 : -(dq / 2);
  return core::Price::from_raw(static_cast<std::int64_t>(num / dq));
}
// Tradier may reject an order it had already opened (a later exchange or clearing decision);
// ours has no accepted -> rejected step: report it as ended by the venue, reason kept.
void remap_late_reject(int rank_before, model::OrderUpdate& u) {
  if (u.status == OrderStatus::kRejected && rank_before >= rank_of(OrderStatus::kAccepted)) {
    u.status = OrderStatus::kCancelled;
    u.reason = "rejected by the venue after acceptance";
  }
}
}  // namespace

TradierOrderBook::Track& TradierOrderBook::track_locked(const std::string& venue_id) {
  return tracks_[venue_id];
}

void TradierOrderBook::on_submitted(const model::OrderIntent& order, const std::string& venue_id) {
  std::lock_guard lock(mu_);
  Track& t = track_locked(venue_id);
  t.owner = order.client_order_id;
  t.intent = order;
  t.known_legs = true;
  venue_by_client_[order.client_order_id] = venue_id;
}

void TradierOrderBook::on_modified(const std::string& venue_id,
                                   const model::OrderIntent& replacement) {
  std::lock_guard lock(mu_);
  Track& t = track_locked(venue_id);
  t.owner = replacement.client_order_id;
  t.intent = replacement;
  t.exec_base = std::max<std::int64_t>(0, t.exec);
  venue_by_client_[replacement.client_order_id] = venue_id;
}

void TradierOrderBook::learn_locked(const TradierOrder& o) {
  Track& t = track_locked(o.id);
  if (t.owner.empty()) {
    // Untagged orders (placed elsewhere) are known by their Tradier id.
    t.owner = o.tag.empty() ? core::ClientOrderId{o.id} : core::ClientOrderId{o.tag};
  }
  if (!t.known_legs) {
    t.intent = o.state.order;
    t.intent.client_order_id = t.owner;
    t.known_legs = true;
  }
  venue_by_client_[t.owner] = o.id;
  if (!o.tag.empty() && !venue_by_client_.contains(core::ClientOrderId{o.tag})) {
    venue_by_client_[core::ClientOrderId{o.tag}] = o.id;
  }
}

void TradierOrderBook::learn(const TradierOrder& o) {
  std::lock_guard lock(mu_);
  learn_locked(o);
  Track& t = track_locked(o.id);
  const int rank = rank_of(o.state.status);
  const std::int64_t exec = o.state.filled_qty.value;
  if (exec > t.exec || (exec == t.exec && rank > t.rank)) {
    t.exec = std::max(t.exec, exec);
    t.rank = rank;
    t.final = t.final || model::is_terminal(o.state.status);
  }
}

bool TradierOrderBook::forward_locked(Track& t, OrderStatus status, std::int64_t exec) {
  const int rank = rank_of(status);
  bool fwd = !t.final && (exec > t.exec || (exec == t.exec && rank > t.rank));
  if (!fwd) {
    ++stale_total_;
    return false;
  }
  t.exec = std::max(t.exec, exec);
  t.rank = rank;
  t.final = model::is_terminal(status);
  return true;
}

void TradierOrderBook::fill_growth_locked(Track& t, const std::string& venue_id, std::size_t leg,
                                          std::int64_t cum, core::Price avg, core::Price last_price,
                                          core::Timestamp ts, core::Timestamp ts_recv,
                                          Produced& out) {
  if (t.leg_exec.size() <= leg) {
    t.leg_exec.resize(leg + 1, 0);
    t.leg_avg.resize(leg + 1, core::Price::zero());
  }
  const std::int64_t prev = t.leg_exec[leg];
  if (cum <= prev) return;
  model::Fill f;
  f.client_order_id = t.owner;
  f.venue_order_id = venue_id;
  f.exec_id = t.intent.leg_count > 1 ? fmt::format("{}/{}-{}", venue_id, leg, cum)
                                     : fmt::format("{}-{}", venue_id, cum);
  f.instrument = t.intent.legs[leg].instrument;
  f.leg_index = static_cast<std::uint8_t>(leg);
  f.side = t.intent.legs[leg].side;
  f.quantity = core::Quantity{cum - prev};
  if (avg.is_defined() && avg.raw() != 0) {
    f.price = increment_price(prev, t.leg_avg[leg], cum, avg);
  } else {
    f.price = last_price.is_defined() ? last_price : core::Price::zero();
  }
  f.fee = core::Price::zero();
  f.ts_event = ts;
  f.ts_recv = ts_recv;
  out.fills.push_back(f);
  t.leg_exec[leg] = cum;
  t.leg_avg[leg] = avg.is_defined() ? avg : core::Price::zero();
}

model::OrderUpdate TradierOrderBook::update_locked(const Track& t, const std::string& venue_id,
                                                   OrderStatus status, std::int64_t exec,
                                                   std::int64_t leaves, core::Price avg,
                                                   core::Timestamp ts,
                                                   core::Timestamp ts_recv) const {
  model::OrderUpdate u;
  u.client_order_id = t.owner;
  u.venue_order_id = venue_id;
  u.status = status;
  u.filled_qty = core::Quantity{std::max<std::int64_t>(0, exec - t.exec_base)};
  u.leaves_qty = core::Quantity{leaves};
  u.avg_fill_price = avg.is_defined() ? avg : core::Price::zero();
  u.ts_event = ts;
  u.ts_recv = ts_recv;
  return u;
}

Produced TradierOrderBook::on_event(const OrderEvent& e, core::Timestamp ts_recv) {
  Produced out;
  std::lock_guard lock(mu_);
  Track& t = track_locked(e.id);
  fill_growth_locked(t, e.id, 0, e.executed_qty, e.avg_fill_price, e.last_fill_price, e.ts, ts_recv,
                     out);
  const int rank_before = t.rank;
  if (!forward_locked(t, e.status, e.executed_qty)) {
    out.stale = 1;
    return out;
  }
  auto u = update_locked(t, e.id, e.status, e.executed_qty, e.remaining_qty, e.avg_fill_price, e.ts,
                         ts_recv);
  if (e.status == OrderStatus::kRejected) u.reason = e.raw_status;
  remap_late_reject(rank_before, u);
  out.updates.push_back(u);
  return out;
}

Produced TradierOrderBook::on_order(const TradierOrder& o, core::Timestamp ts_recv,
                                    bool with_update) {
  Produced out;
  std::lock_guard lock(mu_);
  learn_locked(o);
  Track& t = track_locked(o.id);
  for (std::size_t i = 0; i < o.leg_exec_qty.size() && i < t.intent.leg_count; ++i) {
    fill_growth_locked(t, o.id, i, o.leg_exec_qty[i], o.leg_avg_price[i], core::Price::undefined(),
                       o.state.ts_updated, ts_recv, out);
  }
  if (!with_update) return out;
  const int rank_before = t.rank;
  if (!forward_locked(t, o.state.status, o.state.filled_qty.value)) {
    out.stale = 1;
    return out;
  }
  auto u =
      update_locked(t, o.id, o.state.status, o.state.filled_qty.value, o.state.leaves_qty.value,
                    o.state.avg_fill_price, o.state.ts_updated, ts_recv);
  u.reason = o.state.reason;
  remap_late_reject(rank_before, u);
  out.updates.push_back(u);
  return out;
}

bool TradierOrderBook::knows_simple(const std::string& venue_id) const {
  std::lock_guard lock(mu_);
  auto it = tracks_.find(venue_id);
  return it != tracks_.end() && it->second.known_legs && it->second.intent.leg_count == 1;
}

bool TradierOrderBook::knows(const std::string& venue_id) const {
  std::lock_guard lock(mu_);
  auto it = tracks_.find(venue_id);
  return it != tracks_.end() && it->second.known_legs;
}

bool TradierOrderBook::has_client_id(const core::ClientOrderId& id) const {
  std::lock_guard lock(mu_);
  return venue_by_client_.contains(id);
}

std::optional<std::string> TradierOrderBook::venue_id_of(const core::ClientOrderId& id) const {
  std::lock_guard lock(mu_);
  auto it = venue_by_client_.find(id);
  if (it == venue_by_client_.end()) return std::nullopt;
  return it->second;
}

std::optional<core::ClientOrderId> TradierOrderBook::owner_of(const std::string& venue_id) const {
  std::lock_guard lock(mu_);
  auto it = tracks_.find(venue_id);
  if (it == tracks_.end() || it->second.owner.empty()) return std::nullopt;
  return it->second.owner;
}

std::optional<model::OrderIntent> TradierOrderBook::intent_of(const core::ClientOrderId& id) const {
  std::lock_guard lock(mu_);
  auto v = venue_by_client_.find(id);
  if (v == venue_by_client_.end()) return std::nullopt;
  auto it = tracks_.find(v->second);
  if (it == tracks_.end() || !it->second.known_legs) return std::nullopt;
  return it->second.intent;
}

std::int64_t TradierOrderBook::filled_of(const std::string& venue_id) const {
  std::lock_guard lock(mu_);
  auto it = tracks_.find(venue_id);
  if (it == tracks_.end()) return 0;
  return std::max<std::int64_t>(0, it->second.exec - it->second.exec_base);
}

std::uint64_t TradierOrderBook::stale_total() const {
  std::lock_guard lock(mu_);
  return stale_total_;
}

}  // namespace zerodte::adapters::tradier
