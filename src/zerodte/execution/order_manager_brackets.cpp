// OrderManager: bracket orders emulated on venues without native brackets (Alpaca options, the
// simulated venue). The entry goes out as a simple order; when it is filled (or ends with a
// partial fill) the take-profit limit and the stop-loss stop go out for the filled quantity as
// reduce-only orders, each journaled first, with ids derived from the entry's intent (revisions
// kTakeProfitRevision / kStopLossRevision), so a restart finds them. The first fill of either
// exit cancels the other.
//
// The race an emulated OCO cannot close: both exits can fill before the cancel of the second
// reaches the venue (a gap through both prices). The second fill is real; it is counted and
// raised as an overfill alert so that the overseer flattens the unintended position.
#include "zerodte/execution/client_order_id.hpp"
#include "zerodte/execution/order_manager.hpp"
#include "zerodte/execution/order_state.hpp"

namespace zerodte::execution {

using model::OrderStatus;

bool OrderManager::emulates_bracket(const model::OrderIntent& intent) const {
  return intent.order_class == model::OrderClass::kBracket && cfg_.emulate_brackets &&
         !client_.capabilities().bracket;
}

namespace {

model::OrderIntent exit_intent(const model::OrderIntent& entry, std::string_view ns,
                               bool take_profit, core::Quantity qty) {
  model::OrderIntent x = entry;
  x.order_class = model::OrderClass::kSimple;
  x.legs[0].side = entry.legs[0].side == model::Side::kBuy ? model::Side::kSell : model::Side::kBuy;
  x.legs[0].intent = model::PositionIntent::kAuto;
  x.quantity = qty;
  x.reduce_only = true;
  x.take_profit_price = core::Price::undefined();
  x.stop_loss_price = core::Price::undefined();
  if (take_profit) {
    x.type = model::OrderType::kLimit;
    x.limit_price = entry.take_profit_price;
    x.stop_price = core::Price::undefined();
    x.tag = "bracket take-profit";
  } else {
    x.type = model::OrderType::kStop;
    x.limit_price = core::Price::undefined();
    x.stop_price = entry.stop_loss_price;
    x.tag = "bracket stop-loss";
  }
  x.client_order_id =
      make_client_order_id(ns, entry, take_profit ? kTakeProfitRevision : kStopLossRevision);
  x.ts_created = core::Timestamp{};
  return x;
}

}  // namespace

core::Status OrderManager::validate_bracket(const model::OrderIntent& intent) const {
  if (intent.leg_count != 1) {
    return core::fail(core::ErrorCode::kRejected, "order {}: emulated brackets are single-leg",
                      intent.client_order_id.view());
  }
  if (!intent.take_profit_price.is_defined() || !intent.stop_loss_price.is_defined()) {
    return core::fail(core::ErrorCode::kRejected,
                      "order {}: bracket needs take_profit_price and stop_loss_price",
                      intent.client_order_id.view());
  }
  const bool buy = intent.legs[0].side == model::Side::kBuy;
  if (buy ? !(intent.stop_loss_price < intent.take_profit_price)
          : !(intent.take_profit_price < intent.stop_loss_price)) {
    return core::fail(core::ErrorCode::kRejected,
                      "order {}: bracket prices inverted (take profit {}, stop loss {})",
                      intent.client_order_id.view(), intent.take_profit_price,
                      intent.stop_loss_price);
  }
  model::OrderIntent entry = intent;
  entry.order_class = model::OrderClass::kSimple;
  if (auto s = validate_order(entry, client_.capabilities(), ticks_); !s) return s;
  for (bool tp : {true, false}) {
    if (auto s = validate_order(exit_intent(intent, cfg_.id_namespace, tp, intent.quantity),
                                client_.capabilities(), ticks_);
        !s) {
      return std::unexpected(s.error().with_context(fmt::format(
          "bracket {} of {}", tp ? "take-profit" : "stop-loss", intent.client_order_id.view())));
    }
  }
  return core::ok();
}

void OrderManager::after_progress(const core::ClientOrderId& id) {
  OrderRecord* rec = find_mut(id);
  if (rec == nullptr) return;
  if (rec->emulated_bracket && !rec->exits_sent) {
    const std::int64_t filled = rec->filled().value;
    if (filled > 0 && (filled >= rec->intent.quantity.value || model::is_terminal(rec->status))) {
      send_bracket_exits(*rec);
    }
    return;
  }
  if (rec->oco_sibling.empty() || rec->filled().value == 0) return;
  OrderRecord* other = find_mut(rec->oco_sibling);
  if (other == nullptr) return;
  if (other->filled().value > 0) {
    alert(AlertKind::kOverfill, rec, rec->status, rec->status,
          fmt::format("both bracket exits filled ({} and {}): flatten the excess", rec->id().view(),
                      other->id().view()));
    rec->oco_sibling = core::ClientOrderId{};  // report once
    other->oco_sibling = core::ClientOrderId{};
    return;
  }
  if (can_request_cancel(other->status)) (void)cancel(other->id());
}

void OrderManager::send_bracket_exits(OrderRecord& parent) {
  parent.exits_sent = true;
  const model::OrderIntent entry = parent.intent;
  const core::Quantity qty = parent.filled();
  std::array<core::ClientOrderId, 2> ids{};
  for (int i = 0; i < 2; ++i) {
    model::OrderIntent x = exit_intent(entry, cfg_.id_namespace, i == 0, qty);
    if (find(x.client_order_id) != nullptr) {
      ids[static_cast<std::size_t>(i)] = x.client_order_id;  // restored: already sent
      continue;
    }
    auto r = submit_prepared(x, core::Duration{0});  // exits wait as long as they need to
    if (!r) {
      alert(AlertKind::kSubmitRejected, &parent, parent.status, parent.status,
            fmt::format("bracket exit {} not placed: {}", x.client_order_id.view(),
                        r.error().message));
      continue;
    }
    ids[static_cast<std::size_t>(i)] = *r;
  }
  OrderRecord* tp = ids[0].empty() ? nullptr : find_mut(ids[0]);
  OrderRecord* sl = ids[1].empty() ? nullptr : find_mut(ids[1]);
  if (tp != nullptr && sl != nullptr) {
    tp->oco_sibling = sl->id();
    sl->oco_sibling = tp->id();
  }
}

}  // namespace zerodte::execution
