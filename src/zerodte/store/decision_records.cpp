#include "zerodte/store/decision_records.hpp"

namespace zerodte::store {

void SignalRecord::encode(ByteWriter& w) const {
  w.u64(signal_id);
  w.u16(strategy_id);
  w.str(strategy);
  w.u32(instrument);
  w.str(symbol);
  w.pod(direction);
  w.f64(strength);
  w.str(explanation);
  w.i64(ts.ns);
}

core::Result<SignalRecord> SignalRecord::decode(ByteReader& r) {
  SignalRecord s;
  ZDTE_TRY_ASSIGN(id, r.u64("signal_id"));
  ZDTE_TRY_ASSIGN(sid, r.u16("strategy_id"));
  ZDTE_TRY_ASSIGN(strategy, r.str("strategy"));
  ZDTE_TRY_ASSIGN(inst, r.u32("instrument"));
  ZDTE_TRY_ASSIGN(symbol, r.str("symbol"));
  ZDTE_TRY_ASSIGN(dir, r.pod<std::int8_t>("direction"));
  ZDTE_TRY_ASSIGN(strength, r.f64("strength"));
  ZDTE_TRY_ASSIGN(expl, r.str("explanation"));
  ZDTE_TRY_ASSIGN(ts, r.i64("ts"));
  s.signal_id = id;
  s.strategy_id = sid;
  s.strategy = std::move(strategy);
  s.instrument = inst;
  s.symbol = std::move(symbol);
  s.direction = dir;
  s.strength = strength;
  s.explanation = std::move(expl);
  s.ts = core::Timestamp{ts};
  return s;
}

void RiskVerdictRecord::encode(ByteWriter& w) const {
  w.u64(signal_id);
  w.str(client_order_id);
  w.boolean(approved);
  w.str(rule);
  w.str(reason);
  w.i64(ts.ns);
}

core::Result<RiskVerdictRecord> RiskVerdictRecord::decode(ByteReader& r) {
  RiskVerdictRecord v;
  ZDTE_TRY_ASSIGN(id, r.u64("signal_id"));
  ZDTE_TRY_ASSIGN(coid, r.str("client_order_id"));
  ZDTE_TRY_ASSIGN(approved, r.boolean("approved"));
  ZDTE_TRY_ASSIGN(rule, r.str("rule"));
  ZDTE_TRY_ASSIGN(reason, r.str("reason"));
  ZDTE_TRY_ASSIGN(ts, r.i64("ts"));
  v.signal_id = id;
  v.client_order_id = std::move(coid);
  v.approved = approved;
  v.rule = std::move(rule);
  v.reason = std::move(reason);
  v.ts = core::Timestamp{ts};
  return v;
}

core::Result<OrderIntentRecord> OrderIntentRecord::decode(ByteReader& r) {
  ZDTE_TRY_ASSIGN(intent, r.pod<model::OrderIntent>("order_intent"));
  if (intent.leg_count == 0 || intent.leg_count > model::kMaxLegs)
    return core::fail(core::ErrorCode::kParse, "order_intent: leg_count {} outside 1..{}",
                      intent.leg_count, model::kMaxLegs);
  return OrderIntentRecord{intent};
}

void OrderSubmittedRecord::encode(ByteWriter& w) const {
  w.str(client_order_id);
  w.boolean(reconciled);
  w.i64(ts.ns);
}

core::Result<OrderSubmittedRecord> OrderSubmittedRecord::decode(ByteReader& r) {
  ZDTE_TRY_ASSIGN(coid, r.str("client_order_id"));
  ZDTE_TRY_ASSIGN(rec, r.boolean("reconciled"));
  ZDTE_TRY_ASSIGN(ts, r.i64("ts"));
  return OrderSubmittedRecord{std::move(coid), rec, core::Timestamp{ts}};
}

void CancelIntentRecord::encode(ByteWriter& w) const {
  w.str(client_order_id);
  w.str(reason);
  w.i64(ts.ns);
}

core::Result<CancelIntentRecord> CancelIntentRecord::decode(ByteReader& r) {
  ZDTE_TRY_ASSIGN(coid, r.str("client_order_id"));
  ZDTE_TRY_ASSIGN(reason, r.str("reason"));
  ZDTE_TRY_ASSIGN(ts, r.i64("ts"));
  return CancelIntentRecord{std::move(coid), std::move(reason), core::Timestamp{ts}};
}

void ControlActionRecord::encode(ByteWriter& w) const {
  w.str(user);
  w.str(action);
  w.str(args);
  w.str(result);
  w.i64(ts.ns);
}

core::Result<ControlActionRecord> ControlActionRecord::decode(ByteReader& r) {
  ZDTE_TRY_ASSIGN(user, r.str("user"));
  ZDTE_TRY_ASSIGN(action, r.str("action"));
  ZDTE_TRY_ASSIGN(args, r.str("args"));
  ZDTE_TRY_ASSIGN(result, r.str("result"));
  ZDTE_TRY_ASSIGN(ts, r.i64("ts"));
  return ControlActionRecord{std::move(user), std::move(action), std::move(args), std::move(result),
                             core::Timestamp{ts}};
}

std::string_view to_string(TradingState s) {
  switch (s) {
    case TradingState::kActive:
      return "ACTIVE";
    case TradingState::kReducing:
      return "REDUCING";
    case TradingState::kHalted:
      return "HALTED";
  }
  return "UNKNOWN";
}

void TradingStateRecord::encode(ByteWriter& w) const {
  w.u8(static_cast<std::uint8_t>(state));
  w.str(reason);
  w.str(by);
  w.i64(ts.ns);
}

core::Result<TradingStateRecord> TradingStateRecord::decode(ByteReader& r) {
  ZDTE_TRY_ASSIGN(st, r.u8("state"));
  if (st > static_cast<std::uint8_t>(TradingState::kHalted))
    return core::fail(core::ErrorCode::kParse, "field 'state': unknown trading state {}", st);
  ZDTE_TRY_ASSIGN(reason, r.str("reason"));
  ZDTE_TRY_ASSIGN(by, r.str("by"));
  ZDTE_TRY_ASSIGN(ts, r.i64("ts"));
  return TradingStateRecord{static_cast<TradingState>(st), std::move(reason), std::move(by),
                            core::Timestamp{ts}};
}

void RiskCountersRecord::encode(ByteWriter& w) const {
  w.i64(day.days_since_epoch());
  w.i64(realized_pnl.raw());
  w.pod(consecutive_losses);
  w.pod(orders_today);
  w.pod(trades_today);
  w.i64(ts.ns);
}

core::Result<RiskCountersRecord> RiskCountersRecord::decode(ByteReader& r) {
  RiskCountersRecord c;
  ZDTE_TRY_ASSIGN(day, r.i64("day"));
  ZDTE_TRY_ASSIGN(pnl, r.i64("realized_pnl"));
  ZDTE_TRY_ASSIGN(losses, r.pod<std::int32_t>("consecutive_losses"));
  ZDTE_TRY_ASSIGN(orders, r.pod<std::int32_t>("orders_today"));
  ZDTE_TRY_ASSIGN(trades, r.pod<std::int32_t>("trades_today"));
  ZDTE_TRY_ASSIGN(ts, r.i64("ts"));
  c.day = core::Date::from_days_since_epoch(day);
  c.realized_pnl = core::Price::from_raw(pnl);
  c.consecutive_losses = losses;
  c.orders_today = orders;
  c.trades_today = trades;
  c.ts = core::Timestamp{ts};
  return c;
}

void StrategyStateRecord::encode(ByteWriter& w) const {
  w.u16(strategy_id);
  w.str(strategy);
  w.str(state);
  w.i64(ts.ns);
}

core::Result<StrategyStateRecord> StrategyStateRecord::decode(ByteReader& r) {
  ZDTE_TRY_ASSIGN(id, r.u16("strategy_id"));
  ZDTE_TRY_ASSIGN(name, r.str("strategy"));
  ZDTE_TRY_ASSIGN(state, r.str("state"));
  ZDTE_TRY_ASSIGN(ts, r.i64("ts"));
  return StrategyStateRecord{id, std::move(name), std::move(state), core::Timestamp{ts}};
}

void SentimentRecord::encode(ByteWriter& w) const {
  w.str(item_id);
  w.str(source);
  w.str(symbol);
  w.f64(score);
  w.f64(confidence);
  w.str(model);
  w.i64(ts.ns);
}

core::Result<SentimentRecord> SentimentRecord::decode(ByteReader& r) {
  ZDTE_TRY_ASSIGN(id, r.str("item_id"));
  ZDTE_TRY_ASSIGN(source, r.str("source"));
  ZDTE_TRY_ASSIGN(symbol, r.str("symbol"));
  ZDTE_TRY_ASSIGN(score, r.f64("score"));
  ZDTE_TRY_ASSIGN(conf, r.f64("confidence"));
  ZDTE_TRY_ASSIGN(model, r.str("model"));
  ZDTE_TRY_ASSIGN(ts, r.i64("ts"));
  return SentimentRecord{std::move(id), std::move(source), std::move(symbol),  score,
                         conf,          std::move(model),  core::Timestamp{ts}};
}

}  // namespace zerodte::store
