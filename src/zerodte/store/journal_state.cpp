#include "zerodte/store/journal_state.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "zerodte/store/event_codec.hpp"

namespace zerodte::store {

void JournalState::register_with(RecoveryRegistry& reg) {
  reg.on_any([this](const RecordView& r) { return apply(r); });
}

core::Status JournalState::apply(const RecordView& r) {
  if (r.type != cache_.type || cache_.count == nullptr) {  // map nodes are stable
    cache_.type = r.type;
    cache_.count = &counts[static_cast<std::uint16_t>(r.type)];
  }
  ++*cache_.count;
  last_seq = r.seq;
  if (r.ts.is_set()) last_ts = r.ts;
  switch (r.type) {
    case RecordType::kOrderIntent: {
      auto v = decode_record<OrderIntentRecord>(r);
      if (!v) return std::unexpected(v.error());
      OrderState& o = orders[v->intent.client_order_id.str()];
      o.intent = v->intent;
      o.has_intent = true;
      o.intent_seq = r.seq;
      break;
    }
    case RecordType::kOrderSubmitted: {
      auto v = decode_record<OrderSubmittedRecord>(r);
      if (!v) return std::unexpected(v.error());
      OrderState& o = orders[v->client_order_id];
      o.submitted = true;
      o.reconciled = o.reconciled || v->reconciled;
      break;
    }
    case RecordType::kCancelIntent: {
      auto v = decode_record<CancelIntentRecord>(r);
      if (!v) return std::unexpected(v.error());
      orders[v->client_order_id].cancel_requested = true;
      break;
    }
    case RecordType::kOrderUpdate: {
      auto e = decode_event(r);
      if (!e) return std::unexpected(e.error());
      const auto& u = std::get<model::OrderUpdate>(*e);
      OrderState& o = orders[u.client_order_id.str()];
      o.status = u.status;
      o.venue_order_id = u.venue_order_id.str();
      o.submitted = true;
      break;
    }
    case RecordType::kFill: {
      auto e = decode_event(r);
      if (!e) return std::unexpected(e.error());
      const auto& f = std::get<model::Fill>(*e);
      if (positions.apply(f)) {
        OrderState& o = orders[f.client_order_id.str()];
        o.filled_qty += f.quantity.value;
        o.submitted = true;
        if (o.has_intent && o.filled_qty >= o.intent.quantity.value)
          o.status = model::OrderStatus::kFilled;
        else
          o.status = model::OrderStatus::kPartiallyFilled;
      }
      break;
    }
    case RecordType::kTradingState: {
      auto v = decode_record<TradingStateRecord>(r);
      if (!v) return std::unexpected(v.error());
      trading_state = v->state;
      trading_reason = v->reason;
      break;
    }
    case RecordType::kRiskCounters: {
      auto v = decode_record<RiskCountersRecord>(r);
      if (!v) return std::unexpected(v.error());
      risk_counters = *v;
      break;
    }
    case RecordType::kStrategyState: {
      auto v = decode_record<StrategyStateRecord>(r);
      if (!v) return std::unexpected(v.error());
      strategy_states[v->strategy_id] = *v;
      break;
    }
    case RecordType::kSignal:
      ++signals;
      break;
    case RecordType::kRiskVerdict: {
      auto v = decode_record<RiskVerdictRecord>(r);
      if (!v) return std::unexpected(v.error());
      ++(v->approved ? approvals : rejections);
      break;
    }
    default:
      break;
  }
  return core::ok();
}

std::vector<std::string> JournalState::unsubmitted_orders() const {
  std::vector<std::pair<std::uint64_t, std::string>> v;
  for (const auto& [id, o] : orders) {
    if (o.has_intent && !o.submitted) v.emplace_back(o.intent_seq, id);
  }
  std::sort(v.begin(), v.end());
  std::vector<std::string> out;
  for (auto& [seq, id] : v)
    out.push_back(std::move(id));
  return out;
}

std::vector<std::string> JournalState::working_orders() const {
  std::vector<std::string> out;
  for (const auto& [id, o] : orders) {
    if (o.submitted && !model::is_terminal(o.status)) out.push_back(id);
  }
  return out;
}

std::string JournalState::describe(bool with_counts) const {
  std::string s = fmt::format("trading_state {} {}\n", to_string(trading_state), trading_reason);
  for (const auto& [id, o] : orders) {
    s += fmt::format("order {} intent={} submitted={} status={} filled={} venue={}{}\n", id,
                     o.has_intent, o.submitted, model::to_string(o.status), o.filled_qty,
                     o.venue_order_id, o.cancel_requested ? " cancel_requested" : "");
  }
  for (const auto& [inst, p] : positions.positions()) {
    s += fmt::format("position {} qty={} avg={} realized={} fees={} fills={}\n", inst, p.qty,
                     core::Price::from_raw(p.avg_price_nanos()).to_string(),
                     core::Price::from_raw(p.realized_nanos).to_string(),
                     core::Price::from_raw(p.fees_nanos).to_string(), p.fills);
  }
  if (risk_counters) {
    s += fmt::format("risk_counters day={} realized={} consecutive_losses={} orders={} trades={}\n",
                     risk_counters->day.to_string(), risk_counters->realized_pnl.to_string(),
                     risk_counters->consecutive_losses, risk_counters->orders_today,
                     risk_counters->trades_today);
  }
  for (const auto& [id, st] : strategy_states) {
    s += fmt::format("strategy_state {} {} {}\n", id, st.strategy, st.state);
  }
  s += fmt::format("signals {} approved {} rejected {}\n", signals, approvals, rejections);
  if (with_counts) {
    for (const auto& [t, n] : counts)
      s += fmt::format("count {} {}\n", record_type_name(static_cast<RecordType>(t)), n);
    s += fmt::format("last_seq {}\n", last_seq);
  }
  return s;
}

}  // namespace zerodte::store
