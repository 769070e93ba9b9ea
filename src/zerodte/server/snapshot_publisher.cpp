#include "zerodte/server/snapshot_publisher.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "zerodte/strategy/signal.hpp"

namespace zerodte::server {
namespace json = boost::json;

namespace {
constexpr std::int64_t kNs = 1'000'000'000;

double px(core::Price p) {
  return p.is_defined() ? p.to_double() : 0.0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

json::array evidence_factors(const std::vector<strategy::Evidence>& ev) {
  json::array f;
  for (const auto& e : ev)
    f.push_back(json::object{{"name", e.source}, {"value", e.value}, {"detail", e.detail}});
  return f;
}
}  // namespace

SnapshotPublisher::SnapshotPublisher(StateHub& hub, const model::InstrumentRegistry& registry,
                                     const portfolio::Portfolio& portfolio, risk::RiskEngine& risk,
                                     const execution::OrderManager& orders, PublisherConfig config)
    : hub_(hub),
      registry_(registry),
      portfolio_(portfolio),
      risk_(risk),
      orders_(orders),
      cfg_(std::move(config)) {}

SnapshotPublisher::~SnapshotPublisher() {
  stop();
}

void SnapshotPublisher::start(engine::Kernel& kernel) {
  stop();
  kernel_ = &kernel;
  auto& bus = kernel.bus();
  subs_.push_back(bus.subscribe_all<model::Bar>([this](const model::Bar& b) { on_bar(b); }));
  subs_.push_back(bus.subscribe_all<model::OptionQuote>(
      [this](const model::OptionQuote& q) { on_option_quote(q); }));
  subs_.push_back(bus.subscribe_all<model::Fill>([this](const model::Fill& f) { on_fill(f); }));
  subs_.push_back(
      bus.subscribe_all<strategy::Signal>([this](const strategy::Signal& s) { on_signal(s); }));
  subs_.push_back(bus.subscribe_all<strategy::Suppression>(
      [this](const strategy::Suppression& s) { on_suppression(s); }));
  subs_.push_back(
      bus.subscribe_all<risk::RiskVerdict>([this](const risk::RiskVerdict& v) { on_verdict(v); }));
  subs_.push_back(
      bus.subscribe_all<risk::RiskEvent>([this](const risk::RiskEvent& e) { on_risk_event(e); }));
  timer_ = kernel.timers().schedule_every(kernel.now(), cfg_.interval, "dashboard.snapshot",
                                          [this](const engine::TimerEvent&) { publish(); });
}

void SnapshotPublisher::stop() {
  if (kernel_ == nullptr) return;
  for (auto s : subs_)
    kernel_->bus().unsubscribe(s);
  subs_.clear();
  kernel_->timers().cancel(timer_);
  timer_ = 0;
  kernel_ = nullptr;
}

engine::Health SnapshotPublisher::health() const {
  engine::Health h;
  h.last_activity = last_publish_;
  const auto st = hub_.stats();
  h.detail = fmt::format("{} snapshots, {} events, {} clients, {} slow clients dropped", snapshots_,
                         st.events_published, st.subscribers, st.slow_clients_dropped);
  return h;
}

void SnapshotPublisher::on_bar(const model::Bar& b) {
  last_price_[b.hdr.instrument.value] = px(b.close);
  if (b.interval_s != 60) return;  // the chart shows 1-minute candles
  if (std::find(cfg_.chart.begin(), cfg_.chart.end(), b.hdr.instrument) == cfg_.chart.end()) return;
  Candle c{b.hdr.ts_event.ns / kNs, px(b.open), px(b.high), px(b.low), px(b.close)};
  auto& q = candles_[b.hdr.instrument.value];
  if (!q.empty() && q.back().time == c.time) {
    q.back() = c;
  } else {
    q.push_back(c);
  }
  while (q.size() > cfg_.max_candles)
    q.pop_front();
  const auto* inst = registry_.try_get(b.hdr.instrument);
  hub_.publish_event("bar",
                     json::serialize(json::object{{"time", c.time},
                                                  {"open", c.open},
                                                  {"high", c.high},
                                                  {"low", c.low},
                                                  {"close", c.close}}),
                     inst ? std::string(inst->symbol_view()) : std::string{});
}

void SnapshotPublisher::on_option_quote(const model::OptionQuote& q) {
  const auto* inst = registry_.try_get(q.hdr.instrument);
  if (inst == nullptr || !inst->is_option() || !inst->option) return;
  if (std::find(cfg_.chart.begin(), cfg_.chart.end(), inst->underlying_id) == cfg_.chart.end()) {
    return;
  }
  if (q.underlying_price.is_defined()) {
    last_price_[inst->underlying_id.value] = q.underlying_price.to_double();
  }
  auto& row = chains_[inst->underlying_id.value][inst->option->expiry.days_since_epoch()]
                     [inst->option->strike.raw()];
  auto& side = inst->option->right == model::OptionRight::kCall ? row.call : row.put;
  side.bid = px(q.bid);
  side.ask = px(q.ask);
  if (q.has_greeks) {
    side.iv = q.greeks.iv;
    side.delta = q.greeks.delta;
    side.gamma = q.greeks.gamma;
    side.theta = q.greeks.theta;
    side.vega = q.greeks.vega;
  }
  if (q.open_interest > 0) side.open_interest = q.open_interest;
  side.seen = true;
}

void SnapshotPublisher::on_fill(const model::Fill& f) {
  const auto* inst = registry_.try_get(f.instrument);
  hub_.publish_event("trade_executed", json::serialize(json::object{
                                           {"time", f.ts_event.ns / kNs},
                                           {"symbol", inst ? std::string(inst->symbol_view()) : ""},
                                           {"side", f.side == model::Side::kBuy ? "BUY" : "SELL"},
                                           {"qty", f.quantity.value},
                                           {"price", px(f.price)},
                                           {"order", std::string(f.client_order_id.view())}}));
  hub_.publish_event("position_update", render_positions());
}

void SnapshotPublisher::on_signal(const strategy::Signal& s) {
  strategy_names_[s.strategy.value] = s.strategy_name;
  const std::string id = fmt::format("sig-{}", s.id);
  json::object row{{"id", id},
                   {"time", s.ts.ns / kNs},
                   {"symbol", s.symbol},
                   {"direction", lower(strategy::to_string(s.direction)) == "long"    ? "LONG"
                                 : lower(strategy::to_string(s.direction)) == "short" ? "SHORT"
                                                                                      : "FLAT"},
                   {"confidence", s.conviction},
                   {"strategy", s.strategy_name}};
  const std::string rendered = json::serialize(row);
  signals_.push_back(rendered);
  while (signals_.size() > cfg_.max_signals)
    signals_.pop_front();
  std::string summary = s.action.empty()
                            ? fmt::format("{} {}", strategy::to_string(s.direction), s.symbol)
                            : s.action;
  for (const auto& e : s.triggered_by)
    summary += fmt::format("; {}: {}", e.source, e.detail);
  json::array risks;
  for (const auto& r : s.risk_factors)
    risks.push_back(json::string(r));
  remember(id, json::serialize(json::object{{"id", id},
                                            {"summary", summary},
                                            {"strategy", s.strategy_name},
                                            {"confidence", s.conviction},
                                            {"factors", evidence_factors(s.triggered_by)},
                                            {"risk_factors", risks}}));
  hub_.publish_event("signal_generated", rendered);
}

void SnapshotPublisher::on_suppression(const strategy::Suppression& s) {
  strategy_names_[s.strategy.value] = s.strategy_name;
  const std::string id = fmt::format("sup-{}-{}", s.strategy.value, s.ts.ns);
  remember(id, json::serialize(json::object{
                   {"id", id},
                   {"summary", fmt::format("{} {} suppressed: {} ({})", s.strategy_name, s.symbol,
                                           s.reason, s.detail)},
                   {"factors", evidence_factors(s.triggered_by)}}));
}

void SnapshotPublisher::on_verdict(const risk::RiskVerdict& v) {
  const std::string id =
      v.client_order_id.view().empty()
          ? fmt::format("verdict-{}-{}-{}", v.strategy.value, v.signal_id, v.intent_seq)
          : std::string(v.client_order_id.view());
  remember(
      id,
      json::serialize(json::object{
          {"id", id},
          {"summary", fmt::format("{} {}: {}", risk::to_string(v.status), risk::to_string(v.reason),
                                  v.details.view())},
          {"factors", json::array{json::object{{"name", "value"}, {"value", v.value}},
                                  json::object{{"name", "threshold"}, {"value", v.threshold}}}}}));
}

void SnapshotPublisher::on_risk_event(const risk::RiskEvent& e) {
  hub_.publish_event("system_status",
                     json::serialize(json::object{{"event", risk::to_string(e.kind)},
                                                  {"state", risk::to_string(e.state)},
                                                  {"who", std::string(e.who.view())},
                                                  {"text", std::string(e.text.view())},
                                                  {"time", e.ts.ns / kNs}}));
}

void SnapshotPublisher::remember(std::string id, std::string json) {
  explanations_.push_back({std::move(id), std::move(json)});
  while (explanations_.size() > cfg_.max_explanations)
    explanations_.pop_front();
}

double SnapshotPublisher::spot(core::InstrumentId underlying) const {
  auto it = last_price_.find(underlying.value);
  return it == last_price_.end() ? 0.0 : it->second;
}

}  // namespace zerodte::server
