#include "zerodte/store/projector.hpp"

#include <fmt/format.h>

#include "zerodte/store/decision_records.hpp"
#include "zerodte/store/event_codec.hpp"
#include "zerodte/store/journal_reader.hpp"
#include "zerodte/store/migrations.hpp"
#include "zerodte/store/segment.hpp"

namespace zerodte::store {
namespace {

constexpr std::string_view kTables[] = {"orders",  "fills",       "positions",       "daily_pnl",
                                        "signals", "risk_events", "sentiment_items", "bars"};

SqlValue opt_price(core::Price p) {
  return p.is_defined() ? SqlValue{p.raw()} : SqlValue{};
}
SqlValue i64(std::int64_t v) {
  return SqlValue{v};
}
SqlValue text(std::string_view s) {
  return SqlValue{std::string(s)};
}

}  // namespace

core::Status Projector::open() {
  if (auto v = migrate(conn_); !v) return std::unexpected(v.error());
  auto rows = conn_.query("SELECT value FROM projection_state WHERE key = 'last_seq'");
  if (!rows) return std::unexpected(rows.error());
  last_seq_ = 0;
  if (!rows->empty()) {
    auto v = sql_int(rows->at(0).at(0));
    if (!v) return std::unexpected(v.error());
    last_seq_ = static_cast<std::uint64_t>(*v);
  }
  positions_ = PositionBook{};
  auto fills = conn_.query(
      "SELECT exec_id, instrument, side, quantity, price_nanos, fee_nanos FROM fills ORDER BY seq");
  if (!fills) return std::unexpected(fills.error());
  for (const auto& row : *fills) {
    model::Fill f{};
    f.exec_id = sql_text(row[0]);
    f.instrument = core::InstrumentId{static_cast<std::uint32_t>(sql_int(row[1]).value_or(0))};
    f.side = sql_text(row[2]) == "sell" ? model::Side::kSell : model::Side::kBuy;
    f.quantity = core::Quantity{sql_int(row[3]).value_or(0)};
    f.price = core::Price::from_raw(sql_int(row[4]).value_or(0));
    f.fee = sql_null(row[5]) ? core::Price::undefined()
                             : core::Price::from_raw(sql_int(row[5]).value_or(0));
    positions_.apply(f);
  }
  return core::ok();
}

core::Status Projector::begin() {
  if (auto st = conn_.begin(); !st) return st;
  in_tx_ = true;
  pending_seq_ = last_seq_;
  return core::ok();
}

core::Status Projector::commit() {
  if (!in_tx_) return core::ok();
  const SqlValue p[] = {i64(static_cast<std::int64_t>(pending_seq_))};
  if (auto st = conn_.exec("INSERT INTO projection_state (key, value) VALUES ('last_seq', $1) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           p);
      !st)
    return st;
  if (auto st = conn_.commit(); !st) return st;
  in_tx_ = false;
  last_seq_ = pending_seq_;
  return core::ok();
}

core::Status Projector::rollback() {
  if (!in_tx_) return core::ok();
  in_tx_ = false;
  auto st = conn_.rollback();
  if (auto reopened = open(); !reopened) return reopened;  // positions back to the committed state
  return st;
}

core::Status Projector::reset() {
  if (auto st = conn_.begin(); !st) return st;
  for (auto t : kTables) {
    if (auto st = conn_.exec_script(fmt::format("DELETE FROM {}", t)); !st) return st;
  }
  if (auto st = conn_.exec_script("DELETE FROM projection_state"); !st) return st;
  if (auto st = conn_.commit(); !st) return st;
  return open();
}

core::Status Projector::risk_event(const RecordView& r, std::string_view kind, SqlValue signal_id,
                                   SqlValue coid, SqlValue approved, SqlValue rule,
                                   std::string detail) {
  const SqlValue p[] = {i64(static_cast<std::int64_t>(r.seq)),
                        text(kind),
                        std::move(signal_id),
                        std::move(coid),
                        std::move(approved),
                        std::move(rule),
                        text(detail),
                        i64(r.ts.ns)};
  return conn_.exec(
      "INSERT INTO risk_events (seq, kind, signal_id, client_order_id, approved, rule, detail, "
      "ts_ns) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (seq) DO NOTHING",
      p);
}

core::Status Projector::apply_fill(const RecordView& r) {
  auto e = decode_event(r);
  if (!e) return std::unexpected(e.error());
  const auto& f = std::get<model::Fill>(*e);
  const auto realized = positions_.apply(f);
  if (!realized) return core::ok();  // duplicate exec id
  const SqlValue fp[] = {text(f.exec_id.view()),
                         i64(static_cast<std::int64_t>(r.seq)),
                         text(f.client_order_id.view()),
                         text(f.venue_order_id.view()),
                         i64(f.instrument.value),
                         i64(f.leg_index),
                         text(model::to_string(f.side)),
                         i64(f.quantity.value),
                         i64(f.price.raw()),
                         opt_price(f.fee),
                         text(f.liquidity == model::Liquidity::kMaker   ? "maker"
                              : f.liquidity == model::Liquidity::kTaker ? "taker"
                                                                        : "unknown"),
                         i64(f.ts_event.ns),
                         i64(f.ts_recv.ns)};
  if (auto st = conn_.exec("INSERT INTO fills (exec_id, seq, client_order_id, venue_order_id, "
                           "instrument, leg_index, side, "
                           "quantity, price_nanos, fee_nanos, liquidity, ts_event_ns, ts_recv_ns) "
                           "VALUES ($1, $2, $3, $4, $5, $6, "
                           "$7, $8, $9, $10, $11, $12, $13) ON CONFLICT (exec_id) DO NOTHING",
                           fp);
      !st)
    return st;
  const PositionState& p = *positions_.find(f.instrument.value);
  const SqlValue pp[] = {i64(f.instrument.value),
                         i64(p.qty),
                         i64(p.avg_price_nanos()),
                         i64(p.realized_nanos),
                         i64(p.fees_nanos),
                         i64(static_cast<std::int64_t>(p.fills)),
                         i64(r.ts.ns)};
  if (auto st = conn_.exec(
          "INSERT INTO positions (instrument, qty, avg_price_nanos, realized_pnl_nanos, "
          "fees_nanos, fills, "
          "updated_ns) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (instrument) DO UPDATE SET "
          "qty = "
          "excluded.qty, avg_price_nanos = excluded.avg_price_nanos, realized_pnl_nanos = "
          "excluded.realized_pnl_nanos, fees_nanos = excluded.fees_nanos, fills = excluded.fills, "
          "updated_ns = "
          "excluded.updated_ns",
          pp);
      !st)
    return st;
  const core::Date day = core::Date::from_days_since_epoch(
      f.ts_event.floor(std::chrono::hours(24)).ns / core::kNanosPerDay);
  const SqlValue dp[] = {text(day.to_string()), i64(*realized),
                         i64(f.fee.is_defined() ? f.fee.raw() : 0)};
  if (auto st = conn_.exec(
          "INSERT INTO daily_pnl (day, realized_pnl_nanos, fees_nanos, fills) VALUES ($1, $2, $3, "
          "1) "
          "ON CONFLICT (day) DO UPDATE SET realized_pnl_nanos = daily_pnl.realized_pnl_nanos + "
          "excluded.realized_pnl_nanos, fees_nanos = daily_pnl.fees_nanos + excluded.fees_nanos, "
          "fills = "
          "daily_pnl.fills + 1",
          dp);
      !st)
    return st;
  const SqlValue op[] = {text(f.client_order_id.view()), i64(f.quantity.value), i64(r.ts.ns)};
  return conn_.exec(
      "INSERT INTO orders (client_order_id, filled_qty, status, submitted, updated_ns) VALUES ($1, "
      "$2, "
      "'partially_filled', 1, $3) ON CONFLICT (client_order_id) DO UPDATE SET filled_qty = "
      "orders.filled_qty + "
      "excluded.filled_qty, submitted = 1, updated_ns = excluded.updated_ns, status = CASE WHEN "
      "orders.quantity "
      "IS NOT NULL AND orders.filled_qty + excluded.filled_qty >= orders.quantity THEN 'filled' "
      "ELSE "
      "'partially_filled' END",
      op);
}

core::Status Projector::apply(const RecordView& r) {
  if (r.seq <= pending_seq_) return core::ok();
  pending_seq_ = r.seq;
  const SqlValue seq = i64(static_cast<std::int64_t>(r.seq));
  switch (r.type) {
    case RecordType::kOrderIntent: {
      auto v = decode_record<OrderIntentRecord>(r);
      if (!v) return std::unexpected(v.error());
      const auto& oi = v->intent;
      const SqlValue p[] = {text(oi.client_order_id.view()),
                            i64(oi.strategy.value),
                            i64(static_cast<std::int64_t>(oi.signal_id)),
                            i64(oi.legs[0].instrument.value),
                            text(model::to_string(oi.legs[0].side)),
                            i64(oi.quantity.value),
                            text(model::to_string(oi.type)),
                            text(model::to_string(oi.tif)),
                            opt_price(oi.limit_price),
                            i64(oi.reduce_only ? 1 : 0),
                            text(oi.tag.view()),
                            seq,
                            i64(oi.ts_created.ns),
                            i64(r.ts.ns)};
      return conn_.exec(
          "INSERT INTO orders (client_order_id, strategy_id, signal_id, instrument, side, "
          "quantity, order_type, "
          "tif, limit_price_nanos, reduce_only, tag, intent_seq, created_ns, updated_ns) VALUES "
          "($1, $2, $3, $4, "
          "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (client_order_id) DO UPDATE "
          "SET strategy_id = "
          "excluded.strategy_id, signal_id = excluded.signal_id, instrument = excluded.instrument, "
          "side = "
          "excluded.side, quantity = excluded.quantity, order_type = excluded.order_type, tif = "
          "excluded.tif, "
          "limit_price_nanos = excluded.limit_price_nanos, reduce_only = excluded.reduce_only, tag "
          "= "
          "excluded.tag, intent_seq = excluded.intent_seq, created_ns = excluded.created_ns",
          p);
    }
    case RecordType::kOrderSubmitted: {
      auto v = decode_record<OrderSubmittedRecord>(r);
      if (!v) return std::unexpected(v.error());
      const SqlValue p[] = {text(v->client_order_id), i64(r.ts.ns)};
      return conn_.exec(
          "INSERT INTO orders (client_order_id, submitted, updated_ns) VALUES ($1, 1, $2) ON "
          "CONFLICT "
          "(client_order_id) DO UPDATE SET submitted = 1, updated_ns = excluded.updated_ns",
          p);
    }
    case RecordType::kOrderUpdate: {
      auto e = decode_event(r);
      if (!e) return std::unexpected(e.error());
      const auto& u = std::get<model::OrderUpdate>(*e);
      const SqlValue p[] = {text(u.client_order_id.view()), text(model::to_string(u.status)),
                            text(u.venue_order_id.view()),  opt_price(u.avg_fill_price),
                            text(u.reason.view()),          i64(r.ts.ns)};
      return conn_.exec(
          "INSERT INTO orders (client_order_id, status, venue_order_id, avg_fill_price_nanos, "
          "reason, submitted, "
          "updated_ns) VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT (client_order_id) DO UPDATE "
          "SET status = "
          "excluded.status, venue_order_id = excluded.venue_order_id, avg_fill_price_nanos = "
          "excluded.avg_fill_price_nanos, reason = excluded.reason, submitted = 1, updated_ns = "
          "excluded.updated_ns",
          p);
    }
    case RecordType::kFill:
      return apply_fill(r);
    case RecordType::kSignal: {
      auto v = decode_record<SignalRecord>(r);
      if (!v) return std::unexpected(v.error());
      const SqlValue p[] = {seq,
                            i64(static_cast<std::int64_t>(v->signal_id)),
                            i64(v->strategy_id),
                            text(v->strategy),
                            i64(v->instrument),
                            text(v->symbol),
                            i64(v->direction),
                            SqlValue{v->strength},
                            text(v->explanation),
                            i64(v->ts.ns)};
      return conn_.exec(
          "INSERT INTO signals (seq, signal_id, strategy_id, strategy, instrument, symbol, "
          "direction, strength, "
          "explanation, ts_ns) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (seq) "
          "DO NOTHING",
          p);
    }
    case RecordType::kRiskVerdict: {
      auto v = decode_record<RiskVerdictRecord>(r);
      if (!v) return std::unexpected(v.error());
      return risk_event(r, "verdict", i64(static_cast<std::int64_t>(v->signal_id)),
                        text(v->client_order_id), i64(v->approved ? 1 : 0), text(v->rule),
                        v->reason);
    }
    case RecordType::kTradingState: {
      auto v = decode_record<TradingStateRecord>(r);
      if (!v) return std::unexpected(v.error());
      return risk_event(r, "trading_state", {}, {}, {}, text(to_string(v->state)),
                        fmt::format("{} ({})", v->reason, v->by));
    }
    case RecordType::kControlAction: {
      auto v = decode_record<ControlActionRecord>(r);
      if (!v) return std::unexpected(v.error());
      return risk_event(
          r, "control_action", {}, {}, {}, text(v->action),
          fmt::format("{} by {} args {} -> {}", v->action, v->user, v->args, v->result));
    }
    case RecordType::kCancelIntent: {
      auto v = decode_record<CancelIntentRecord>(r);
      if (!v) return std::unexpected(v.error());
      return risk_event(r, "cancel_intent", {}, text(v->client_order_id), {}, {}, v->reason);
    }
    case RecordType::kRiskCounters: {
      auto v = decode_record<RiskCountersRecord>(r);
      if (!v) return std::unexpected(v.error());
      return risk_event(r, "risk_counters", {}, {}, {}, {},
                        fmt::format("day={} realized={} consecutive_losses={} orders={} trades={}",
                                    v->day.to_string(), v->realized_pnl.to_string(),
                                    v->consecutive_losses, v->orders_today, v->trades_today));
    }
    case RecordType::kSentiment: {
      auto v = decode_record<SentimentRecord>(r);
      if (!v) return std::unexpected(v.error());
      const SqlValue p[] = {seq,
                            text(v->item_id),
                            text(v->source),
                            text(v->symbol),
                            SqlValue{v->score},
                            SqlValue{v->confidence},
                            text(v->model),
                            {},
                            i64(v->ts.ns)};
      return conn_.exec(
          "INSERT INTO sentiment_items (seq, item_id, source, symbol, score, confidence, model, "
          "headline, ts_ns) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (seq) DO NOTHING",
          p);
    }
    case RecordType::kNewsItem: {
      auto e = decode_event(r);
      if (!e) return std::unexpected(e.error());
      const auto& n = *std::get<std::shared_ptr<const model::NewsItem>>(*e);
      std::string symbols;
      for (const auto& s : n.symbols) {
        if (!symbols.empty()) symbols += ',';
        symbols += s;
      }
      const SqlValue p[] = {seq,
                            text(n.id),
                            text(n.source),
                            text(symbols),
                            {},
                            {},
                            {},
                            text(n.headline.empty() ? n.text.substr(0, 200) : n.headline),
                            i64(n.ts_event.ns)};
      return conn_.exec(
          "INSERT INTO sentiment_items (seq, item_id, source, symbol, score, confidence, model, "
          "headline, ts_ns) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (seq) DO NOTHING",
          p);
    }
    case RecordType::kBar: {
      auto e = decode_event(r);
      if (!e) return std::unexpected(e.error());
      const auto& b = std::get<model::Bar>(*e);
      const SqlValue p[] = {i64(b.hdr.instrument.value), i64(b.interval_s), i64(b.hdr.ts_event.ns),
                            opt_price(b.open),           opt_price(b.high), opt_price(b.low),
                            opt_price(b.close),          i64(b.volume),     i64(b.trade_count)};
      return conn_.exec(
          "INSERT INTO bars (instrument, interval_s, ts_open_ns, open_nanos, high_nanos, "
          "low_nanos, close_nanos, "
          "volume, trade_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT "
          "(instrument, interval_s, "
          "ts_open_ns) DO UPDATE SET open_nanos = excluded.open_nanos, high_nanos = "
          "excluded.high_nanos, "
          "low_nanos = excluded.low_nanos, close_nanos = excluded.close_nanos, volume = "
          "excluded.volume, "
          "trade_count = excluded.trade_count",
          p);
    }
    default:
      return core::ok();
  }
}

core::Result<std::uint64_t> Projector::catch_up(const std::filesystem::path& journal_dir,
                                                std::uint64_t until_seq, std::size_t batch) {
  auto segs = list_segments(journal_dir);
  if (!segs) return std::unexpected(segs.error());
  if (!segs->empty() && segs->front().first_seq > last_seq_ + 1)
    return core::fail(
        core::ErrorCode::kState,
        "journal {} starts at sequence {} (older segments were archived) but the projection has "
        "only reached {}: restore the segments from the archive before projecting",
        journal_dir.string(), segs->front().first_seq, last_seq_);
  std::uint64_t applied = 0;
  std::size_t in_batch = 0;
  auto read = read_journal(journal_dir, ReadOptions{last_seq_ + 1, until_seq},
                           [&](const RecordView& r) -> core::Status {
                             if (!in_tx_) {
                               if (auto st = begin(); !st) return st;
                             }
                             if (auto st = apply(r); !st) return st;
                             ++applied;
                             if (++in_batch >= batch) {
                               in_batch = 0;
                               return commit();
                             }
                             return core::ok();
                           });
  if (!read) {
    (void)rollback();
    return std::unexpected(read.error());
  }
  if (auto st = commit(); !st) return std::unexpected(st.error());
  return applied;
}

}  // namespace zerodte::store
