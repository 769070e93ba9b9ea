#include "zerodte/overseer/report_collector.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "zerodte/engine/kernel.hpp"
#include "zerodte/overseer/explanation.hpp"

namespace zerodte::overseer {

std::string_view to_string(ReportType t) {
  switch (t) {
    case ReportType::kPreMarket:
      return "premarket";
    case ReportType::kIntraday:
      return "intraday";
    case ReportType::kClose:
      return "close";
  }
  return "unknown";
}

core::Result<ReportType> parse_report_type(std::string_view s) {
  if (s == "premarket" || s == "pre-market") return ReportType::kPreMarket;
  if (s == "intraday") return ReportType::kIntraday;
  if (s == "close") return ReportType::kClose;
  return core::fail(core::ErrorCode::kParse,
                    "report type '{}': expected premarket, intraday or close", s);
}

core::TimeOfDay report_time(ReportType t) {
  switch (t) {
    case ReportType::kPreMarket:
      return {8, 30, 0};
    case ReportType::kIntraday:
      return {13, 0, 0};
    case ReportType::kClose:
      return {16, 10, 0};
  }
  return {16, 10, 0};
}

double ReportData::net_pnl() const {
  double s = 0;
  for (const auto& r : pnl_by_strategy)
    s += r.total();
  return s;
}

double ReportData::total_gex() const {
  double s = 0;
  for (const auto& g : gex)
    s += g.net();
  return s;
}

ReportCollector::ReportCollector(const model::InstrumentRegistry& registry,
                                 ReportCollectorConfig cfg, const ExplanationStore* explanations)
    : registry_(registry),
      cfg_(std::move(cfg)),
      explanations_(explanations),
      calendar_(core::TradingCalendar::for_market(cfg_.market)) {}

void ReportCollector::start(engine::Kernel& kernel) {
  stop();
  kernel_ = &kernel;
  auto& bus = kernel.bus();
  subs_.push_back(bus.subscribe_all<model::Quote>([this](const model::Quote& q) { on_quote(q); }));
  subs_.push_back(bus.subscribe_all<model::Trade>([this](const model::Trade& t) { on_trade(t); }));
  subs_.push_back(bus.subscribe_all<model::OptionQuote>(
      [this](const model::OptionQuote& q) { on_option_quote(q); }));
  subs_.push_back(
      bus.subscribe_all<risk::RiskVerdict>([this](const risk::RiskVerdict& v) { on_verdict(v); }));
  subs_.push_back(bus.subscribe_all<model::Fill>([this](const model::Fill& f) { on_fill(f); }));
  subs_.push_back(
      bus.subscribe_all<RegimeReading>([this](const RegimeReading& r) { on_regime(r); }));
  subs_.push_back(bus.subscribe_all<Anomaly>([this](const Anomaly& a) { on_anomaly(a); }));
}

void ReportCollector::stop() {
  if (kernel_ == nullptr) return;
  for (auto s : subs_)
    kernel_->bus().unsubscribe(s);
  subs_.clear();
  kernel_ = nullptr;
}

std::string ReportCollector::strategy_name(std::uint16_t s) const {
  if (auto it = cfg_.strategy_names.find(s); it != cfg_.strategy_names.end()) return it->second;
  return fmt::format("strategy {}", s);
}

void ReportCollector::underlying_price(double px, core::Timestamp ts) {
  if (!(px > 0) || !std::isfinite(px)) return;
  const core::Date d = calendar_.local_date(ts);
  if (!day_ || *day_ != d) {
    day_ = d;
    open_ = high_ = low_ = px;
    options_.clear();
  }
  spot_ = px;
  high_ = std::max(high_, px);
  low_ = std::min(low_, px);
}

void ReportCollector::on_quote(const model::Quote& q) {
  if (!q.has_both_sides()) return;
  mark(q.hdr.instrument, q.mid());
  if (q.hdr.instrument == cfg_.underlying) underlying_price(q.mid(), q.hdr.ts_recv);
}

void ReportCollector::on_trade(const model::Trade& t) {
  if (t.hdr.instrument == cfg_.underlying) underlying_price(t.price.to_double(), t.hdr.ts_recv);
}

void ReportCollector::on_option_quote(const model::OptionQuote& q) {
  if (q.bid.is_defined() && q.ask.is_defined() && q.ask >= q.bid) {
    mark(q.hdr.instrument, 0.5 * (q.bid.to_double() + q.ask.to_double()));
  }
  const auto* inst = registry_.try_get(q.hdr.instrument);
  if (inst == nullptr || !inst->is_option() || inst->underlying_id != cfg_.underlying) return;
  if (inst->option->expiry < calendar_.local_date(q.hdr.ts_recv)) return;  // expired
  auto& st = options_[q.hdr.instrument.value];
  st.expiry = inst->option->expiry;
  st.strike = inst->option->strike.to_double();
  st.call = inst->option->right == model::OptionRight::kCall;
  st.quote = q;
}

void ReportCollector::on_verdict(const risk::RiskVerdict& v) {
  if (!v.approved()) {
    ++rejects_;
    return;
  }
  ++signals_;
  if (!v.client_order_id.view().empty()) {
    orders_[v.client_order_id] = {v.strategy.value, v.signal_id};
  }
}

void ReportCollector::on_fill(const model::Fill& f) {
  ++fills_;
  std::pair<std::uint16_t, std::uint64_t> key{0, 0};
  if (auto it = orders_.find(f.client_order_id); it != orders_.end()) key = it->second;
  auto& b = books_[key];
  b.strategy = key.first;
  b.signal = key.second;
  const auto* inst = registry_.try_get(f.instrument);
  const double mult = inst != nullptr ? static_cast<double>(inst->multiplier) : 1;
  const std::int64_t q = f.quantity.value * (f.side == model::Side::kBuy ? 1 : -1);
  b.cash -= static_cast<double>(q) * f.price.to_double() * mult;
  if (f.fee.is_defined()) b.cash -= f.fee.to_double();
  b.qty[f.instrument.value] += q;
  if (b.detail.empty() && inst != nullptr) {
    b.detail = fmt::format("{} {} {} @ {}", model::to_string(f.side), f.quantity.value,
                           inst->symbol_view(), f.price);
  }
}

void ReportCollector::on_regime(const RegimeReading& r) {
  regime_uncertainty_ = r.uncertainty;
}

void ReportCollector::on_anomaly(const Anomaly& a) {
  anomalies_.push_back(fmt::format("[{}] {}", to_string(a.level), a.explanation));
}

ReportData ReportCollector::snapshot(ReportType type, core::Timestamp now) const {
  ReportData d;
  d.type = type;
  d.generated = now;
  d.date = calendar_.local_date(now);
  if (const auto* u = registry_.try_get(cfg_.underlying)) d.symbol = std::string(u->symbol_view());
  d.spot = spot_;
  d.open = open_;
  d.high = high_;
  d.low = low_;
  // Chain by strike: the strikes nearest the spot.
  std::map<double, GreeksRow> greeks;
  std::map<double, DepthRow> depth;
  std::map<double, GexRow> gex;
  std::map<double, int> quotes_at;
  // The nearest expiry still trading at `now` (after the 0DTE close: the next one).
  std::optional<core::Date> expiry;
  for (const auto& [id, st] : options_) {
    const auto s = calendar_.session(st.expiry);
    const core::Timestamp close = s ? s->close : calendar_.to_utc(st.expiry, {16, 0, 0});
    if (close > now && (!expiry || st.expiry < *expiry)) expiry = st.expiry;
  }
  if (!expiry) {
    for (const auto& [id, st] : options_) {
      if (!expiry || st.expiry > *expiry) expiry = st.expiry;
    }
  }
  if (expiry) d.expiry = *expiry;
  for (const auto& [id, st] : options_) {
    if (st.expiry != expiry) continue;
    const auto& q = st.quote;
    auto& g = greeks[st.strike];
    g.strike = st.strike;
    if (q.has_greeks) {
      (st.call ? g.call_delta : g.put_delta) = q.greeks.delta;
      g.gamma = std::max(g.gamma, q.greeks.gamma);
      if (st.call) {
        g.theta = q.greeks.theta;
        g.vega = q.greeks.vega;
        g.iv = q.greeks.iv;
      } else if (g.iv == 0) {
        g.iv = q.greeks.iv;
      }
      // GEX of one contract = OI x gamma x 100 x spot^2 x 1% (quant/chain_analytics.hpp).
      const double one =
          static_cast<double>(q.open_interest) * q.greeks.gamma * 100 * spot_ * spot_ * 0.01;
      auto& x = gex[st.strike];
      x.strike = st.strike;
      (st.call ? x.call_gex : x.put_gex) += one;
    }
    auto& dr = depth[st.strike];
    dr.strike = st.strike;
    dr.bid_size += q.bid_size;
    dr.ask_size += q.ask_size;
    if (q.bid.is_defined() && q.ask.is_defined()) {
      dr.spread += q.ask.to_double() - q.bid.to_double();
      ++quotes_at[st.strike];
    }
  }
  auto nearest = [&](const auto& m) {
    using Row = typename std::decay_t<decltype(m)>::mapped_type;
    std::vector<Row> rows;
    for (const auto& [k, v] : m)
      rows.push_back(v);
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      return std::abs(a.strike - spot_) < std::abs(b.strike - spot_);
    });
    if (rows.size() > cfg_.max_strikes) rows.resize(cfg_.max_strikes);
    std::sort(rows.begin(), rows.end(),
              [](const Row& a, const Row& b) { return a.strike < b.strike; });
    return rows;
  };
  d.greeks = nearest(greeks);
  for (auto& [k, v] : depth) {
    if (quotes_at[k] > 0) v.spread /= quotes_at[k];
  }
  d.depth = nearest(depth);
  d.gex = nearest(gex);
  // P&L per signal (marked to the latest mid) and per strategy.
  std::map<std::uint16_t, PnlRow> by_strategy;
  for (const auto& [key, b] : books_) {
    PnlRow r;
    r.name = b.signal != 0 ? fmt::format("SIG-{:06}", b.signal) : "manual";
    r.detail = fmt::format("{}: {}", strategy_name(b.strategy), b.detail);
    double open_value = 0;
    bool open = false;
    for (const auto& [inst, q] : b.qty) {
      if (q == 0) continue;
      open = true;
      const auto* in = registry_.try_get(core::InstrumentId{inst});
      const double mult = in != nullptr ? static_cast<double>(in->multiplier) : 1;
      auto m = marks_.find(inst);
      open_value += static_cast<double>(q) * (m != marks_.end() ? m->second : 0) * mult;
    }
    if (open) {
      r.unrealized = b.cash + open_value;
    } else {
      r.realized = b.cash;
    }
    d.pnl_by_signal.push_back(r);
    auto& s = by_strategy[b.strategy];
    s.name = strategy_name(b.strategy);
    s.realized += r.realized;
    s.unrealized += r.unrealized;
  }
  for (auto& [k, v] : by_strategy)
    d.pnl_by_strategy.push_back(v);
  d.signals = signals_;
  d.fills = fills_;
  d.rejects = rejects_;
  d.anomalies = anomalies_;
  if (explanations_ != nullptr) {
    ExplanationQuery q;
    q.from = calendar_.to_utc(d.date, core::TimeOfDay{0, 0, 0});
    q.to = now;
    for (const auto* r : explanations_->query(q)) {
      if (r->kind == ExplanationKind::kTrade || r->kind == ExplanationKind::kReject ||
          r->kind == ExplanationKind::kSuppression || r->kind == ExplanationKind::kAutoAction) {
        d.rationales.push_back(*r);
      }
    }
  }
  // Regime from the day's range and the GEX sign (a classifier's reading refines it).
  const double change = open_ > 0 ? (spot_ - open_) / open_ : 0;
  const double range = open_ > 0 ? (high_ - low_) / open_ : 0;
  std::string trend = change > 0.002 ? "bullish" : change < -0.002 ? "bearish" : "range-bound";
  std::string vol = range > 0.015   ? "high volatility"
                    : range > 0.006 ? "normal volatility"
                                    : "low volatility";
  std::string gamma = d.total_gex() >= 0 ? "positive dealer gamma (moves dampened)"
                                         : "negative dealer gamma (moves amplified)";
  d.regime = fmt::format("{}, {}, {}", trend, vol, gamma);
  if (regime_uncertainty_ >= 0) {
    d.regime += fmt::format("; classifier uncertainty {:.0f}%", regime_uncertainty_ * 100);
  }
  return d;
}

}  // namespace zerodte::overseer
