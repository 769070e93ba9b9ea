#include "zerodte/backtest/results_recorder.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "zerodte/strategy/signal.hpp"

namespace zerodte::backtest {

namespace {

std::string compact(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != ' ') out.push_back(c);
  return out;
}

}  // namespace

ResultsRecorder::ResultsRecorder(session::TradingSession& session, RecorderConfig cfg)
    : session_(session), cfg_(std::move(cfg)) {
  if (!session_.underlyings().empty()) {
    main_ = session_.underlyings().front();
    main_symbol_ = symbol_of(main_);
  }
  start_equity_ = session_.portfolio().snapshot().equity;
}

std::string ResultsRecorder::strategy_name(core::StrategyId id) const {
  if (cfg_.strategy_name) {
    std::string n = cfg_.strategy_name(id);
    if (!n.empty()) return n;
  }
  return id.value == 0 ? std::string("none") : fmt::format("strategy-{}", id.value);
}

std::string ResultsRecorder::symbol_of(core::InstrumentId id) const {
  const auto* inst = session_.registry().try_get(id);
  return inst ? compact(inst->symbol_view()) : fmt::format("#{}", id.value);
}

std::string ResultsRecorder::underlying_of(core::InstrumentId id) const {
  const auto* inst = session_.registry().try_get(id);
  if (inst == nullptr) return "";
  if (inst->underlying_id.valid()) return symbol_of(inst->underlying_id);
  return compact(inst->symbol_view());
}

void ResultsRecorder::start(engine::Kernel& kernel) {
  kernel_ = &kernel;
  auto& bus = kernel.bus();
  subs_.push_back(bus.subscribe_all<model::Quote>([this](const model::Quote& q) {
    books_[q.hdr.instrument.value] = {q.bid, q.ask};
    if (q.hdr.instrument == main_ && q.bid.is_defined() && q.ask.is_defined())
      last_px_[main_.value] = q.mid();
  }));
  subs_.push_back(bus.subscribe_all<model::OptionQuote>([this](const model::OptionQuote& q) {
    books_[q.hdr.instrument.value] = {q.bid, q.ask};
  }));
  subs_.push_back(bus.subscribe_all<model::Bar>([this](const model::Bar& b) {
    if (b.hdr.instrument == main_ && b.close.is_defined())
      last_px_[main_.value] = b.close.to_double();
  }));
  subs_.push_back(bus.subscribe_all<model::Trade>([this](const model::Trade& t) {
    if (t.hdr.instrument == main_ && t.price.is_defined())
      last_px_[main_.value] = t.price.to_double();
  }));
  subs_.push_back(bus.subscribe_all<model::Fill>([this](const model::Fill& f) { on_fill(f); }));
  subs_.push_back(bus.subscribe_all<strategy::Signal>([this](const strategy::Signal& s) {
    ++signals_;
    std::string why = s.action;
    for (const auto& e : s.triggered_by)
      why += fmt::format("{}{}: {}", why.empty() ? "" : "; ", e.source, e.detail);
    signal_text_[s.id] = std::move(why);
  }));
  subs_.push_back(bus.subscribe_all<strategy::Suppression>([this](const strategy::Suppression& s) {
    ++suppressions_[fmt::format("{}: {}", s.strategy_name, s.reason)];
  }));
  last_realized_ = session_.portfolio().snapshot().pnl.realized;
  timer_ = kernel.timers().schedule_every(
      kernel.now(), cfg_.equity_interval, "backtest.equity", [this](const engine::TimerEvent& e) {
        const auto& cal = session_.calendar();
        if (cal.is_open(e.scheduled) || cal.is_open(e.scheduled - cfg_.equity_interval))
          sample(e.scheduled);
      });
}

void ResultsRecorder::stop() {
  if (kernel_ == nullptr) return;
  for (auto s : subs_)
    kernel_->bus().unsubscribe(s);
  subs_.clear();
  kernel_->timers().cancel(timer_);
}

void ResultsRecorder::on_fill(const model::Fill& f) {
  TradeRow r;
  r.seq = trades_.size() + 1;
  r.ts = f.ts_event;
  r.ts_recv = f.ts_recv;
  r.client_order_id = f.client_order_id.str();
  r.symbol = symbol_of(f.instrument);
  r.underlying = underlying_of(f.instrument);
  r.side = f.side;
  r.quantity = f.quantity.value;
  if (const auto* inst = session_.registry().try_get(f.instrument)) r.multiplier = inst->multiplier;
  r.price = f.price;
  r.fee = f.fee.is_defined() ? f.fee : core::Price::zero();
  const core::Price realized = session_.portfolio().snapshot().pnl.realized;
  r.realized = realized - last_realized_;
  last_realized_ = realized;
  if (auto it = books_.find(f.instrument.value); it != books_.end()) {
    const auto [bid, ask] = it->second;
    if (bid.is_defined() && ask.is_defined() && bid <= ask && bid.raw() >= 0) {
      r.mid = core::Price::from_raw(bid.raw() + (ask.raw() - bid.raw()) / 2);
      const std::int64_t sign = f.side == model::Side::kBuy ? 1 : -1;
      r.slippage = core::Price::from_raw(static_cast<std::int64_t>(
          static_cast<__int128>(f.price.raw() - r.mid.raw()) * sign * r.quantity * r.multiplier));
    }
  }
  if (const auto* rec =
          f.client_order_id.empty() ? nullptr : session_.orders().find(f.client_order_id)) {
    r.strategy = strategy_name(rec->intent.strategy);
    r.signal_id = rec->intent.signal_id;
    r.signal_ts = rec->intent.ts_created;
    r.explanation = rec->intent.tag.str();
    if (auto it = signal_text_.find(r.signal_id); it != signal_text_.end())
      r.explanation += (r.explanation.empty() ? "" : " | ") + it->second;
  } else {
    r.strategy = "settlement";
    r.explanation = f.exec_id.view().starts_with("sim-l") ? "broker liquidation before expiry"
                                                          : "expiry settlement";
    r.mid = core::Price::undefined();
    r.slippage = core::Price::zero();
  }
  trades_.push_back(std::move(r));
}

void ResultsRecorder::sample(core::Timestamp t) {
  const auto& pf = session_.portfolio();
  const auto s = pf.snapshot();
  EquityRow e;
  e.ts = t;
  e.equity = s.equity;
  e.cash = s.cash;
  e.realized = s.pnl.realized;
  e.unrealized = s.pnl.unrealized;
  e.fees = s.pnl.fees;
  e.greeks = pf.account_greeks();
  if (auto it = last_px_.find(main_.value); it != last_px_.end()) e.underlying_price = it->second;
  e.open_positions = static_cast<std::int64_t>(pf.open_position_count());
  if (!equity_.empty() && equity_.back().ts == t) {
    equity_.back() = e;
  } else {
    equity_.push_back(e);
  }
}

void ResultsRecorder::finish() {
  if (finished_) return;
  finished_ = true;
  sample(session_.clock().now());
  // Orders the order manager saw, then intents risk refused, merged by time (stable).
  for (const auto* rec : session_.orders().orders()) {
    OrderRow o;
    const auto& in = rec->intent;
    o.ts = rec->ts_submitted.ns != 0 ? rec->ts_submitted : in.ts_created;
    o.client_order_id = rec->id().str();
    o.strategy = strategy_name(in.strategy);
    o.signal_id = in.signal_id;
    for (std::size_t i = 0; i < in.leg_count; ++i) {
      if (i) {
        o.symbols += '+';
        o.side += '+';
      }
      o.symbols += symbol_of(in.legs[i].instrument);
      o.side += model::to_string(in.legs[i].side);
    }
    o.quantity = in.quantity.value;
    o.type = model::to_string(in.type);
    o.limit = in.limit_price;
    o.status = model::to_string(rec->status);
    o.filled = rec->filled().value;
    o.avg_price = rec->avg_fill_price();
    o.reason = rec->reason.str();
    o.tag = in.tag.str();
    orders_.push_back(std::move(o));
  }
  for (const auto& v : session_.risk().verdicts()) {
    if (v.status != risk::VerdictStatus::kRejected) continue;
    OrderRow o;
    o.ts = v.ts;
    o.strategy = strategy_name(v.strategy);
    o.signal_id = v.signal_id;
    o.status = fmt::format("risk_rejected:{}", risk::to_string(v.reason));
    o.reason = v.details.str();
    orders_.push_back(std::move(o));
  }
  std::stable_sort(orders_.begin(), orders_.end(),
                   [](const OrderRow& a, const OrderRow& b) { return a.ts < b.ts; });
}

}  // namespace zerodte::backtest
