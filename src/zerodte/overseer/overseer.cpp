// Overseer: wiring, conditions, automatic actions, admin reversal and queries.
#include "zerodte/overseer/overseer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "zerodte/engine/kernel.hpp"

namespace zerodte::overseer {
namespace {
std::string key(std::string_view code, std::string_view subject) {
  return fmt::format("{}|{}", code, subject);
}
std::string_view icon(Level l) {
  switch (l) {
    case Level::kHalt:
      return "\U0001F6D1";  // stop sign
    case Level::kWarn:
      return "\u26A0\uFE0F";
    case Level::kReview:
      return "\U0001F4CA";
    case Level::kInfo:
      return "\u2705";
  }
  return "";
}
}  // namespace

Overseer::Overseer(OverseerConfig cfg, ActionPort* port, ExplanationStore* explanations,
                   AlertFn alert)
    : cfg_(std::move(cfg)),
      port_(port),
      explanations_(explanations),
      alert_(std::move(alert)),
      calendar_(core::TradingCalendar::for_market(cfg_.market)) {}

core::Timestamp Overseer::now() const {
  return kernel_ != nullptr ? kernel_->now() : last_activity_;
}

void Overseer::start(engine::Kernel& kernel) {
  stop();
  kernel_ = &kernel;
  started_at_ = kernel.now();
  auto& bus = kernel.bus();
  auto market = [this](const auto& e) {
    on_market(e.hdr.instrument, e.hdr.ts_event, e.hdr.ts_recv);
  };
  subs_.push_back(bus.subscribe_all<model::Trade>(market));
  subs_.push_back(bus.subscribe_all<model::Quote>(market));
  subs_.push_back(bus.subscribe_all<model::Bar>([this](const model::Bar& b) { on_bar(b); }));
  subs_.push_back(bus.subscribe_all<model::OptionQuote>(
      [this](const model::OptionQuote& q) { on_option_quote(q); }));
  subs_.push_back(
      bus.subscribe_all<model::BookDepth>([this](const model::BookDepth& b) { on_book(b); }));
  subs_.push_back(
      bus.subscribe_all<model::FeedStatus>([this](const model::FeedStatus& s) { on_feed(s); }));
  subs_.push_back(
      bus.subscribe_all<FeedDecodeError>([this](const FeedDecodeError& e) { on_decode_error(e); }));
  subs_.push_back(
      bus.subscribe_all<GreeksReading>([this](const GreeksReading& g) { on_greeks(g); }));
  subs_.push_back(
      bus.subscribe_all<AnalyticsReading>([this](const AnalyticsReading& a) { on_analytics(a); }));
  subs_.push_back(
      bus.subscribe_all<model::OrderIntent>([this](const model::OrderIntent& i) { on_intent(i); }));
  subs_.push_back(
      bus.subscribe_all<risk::RiskVerdict>([this](const risk::RiskVerdict& v) { on_verdict(v); }));
  subs_.push_back(bus.subscribe_all<model::OrderUpdate>(
      [this](const model::OrderUpdate& u) { on_order_update(u); }));
  subs_.push_back(bus.subscribe_all<model::Fill>([this](const model::Fill& f) { on_fill(f); }));
  subs_.push_back(bus.subscribe_all<execution::ExecutionAlert>(
      [this](const execution::ExecutionAlert& a) { on_execution_alert(a); }));
  subs_.push_back(
      bus.subscribe_all<TradeOutcome>([this](const TradeOutcome& o) { on_outcome(o); }));
  subs_.push_back(
      bus.subscribe_all<RegimeReading>([this](const RegimeReading& r) { on_regime(r); }));
  subs_.push_back(bus.subscribe_all<engine::ControlCommand>(
      [this](const engine::ControlCommand& c) { on_control(c); }));
  timer_ = kernel.timers().schedule_every(kernel.now(), cfg_.check_interval, "overseer.check",
                                          [this](const engine::TimerEvent& t) { check(t.fired); });
}

void Overseer::stop() {
  if (kernel_ == nullptr) return;
  for (auto s : subs_)
    kernel_->bus().unsubscribe(s);
  subs_.clear();
  if (timer_ != 0) kernel_->timers().cancel(timer_);
  timer_ = 0;
  kernel_ = nullptr;
}

engine::Health Overseer::health() const {
  engine::Health h;
  h.last_activity = last_activity_;
  const Level l = level();
  if (l == Level::kHalt) {
    h.state = engine::HealthState::kFailed;
  } else if (l == Level::kWarn) {
    h.state = engine::HealthState::kDegraded;
  }
  h.detail = fmt::format("{} active condition(s), {} anomalies, {} action(s)", active_.size(),
                         anomalies_.size(), actions_.size());
  return h;
}

std::string Overseer::instrument_name(core::InstrumentId id) const {
  if (auto it = cfg_.instrument_names.find(id.value); it != cfg_.instrument_names.end())
    return it->second;
  return fmt::format("instrument {}", id.value);
}

std::string Overseer::strategy_name(core::StrategyId s) const {
  if (auto it = cfg_.strategy_names.find(s.value); it != cfg_.strategy_names.end())
    return it->second;
  return fmt::format("strategy {}", s.value);
}

void Overseer::roll_day(core::Timestamp t) {
  const core::Date d = calendar_.local_date(t);
  if (day_ && *day_ == d) return;
  day_ = d;
  halts_today_ = 0;
  validated_today_ = 0;
  anomalies_today_ = 0;
}

std::uint64_t Overseer::raise(MonitorKind m, Level level, std::string code, std::string subject,
                              double value, double threshold, std::string text,
                              core::StrategyId strategy) {
  const std::string k = key(code, subject);
  if (auto it = active_.find(k); it != active_.end()) {
    if (level <= it->second.second) return 0;  // already raised at this level or higher
  }
  const core::Timestamp ts = now();
  roll_day(ts);
  Anomaly a{next_anomaly_++,    ts,    m,         level,          std::move(code),
            std::move(subject), value, threshold, std::move(text)};
  active_[k] = {a.id, level};
  ++anomalies_today_;
  if (explanations_ != nullptr) {
    ExplanationRecord r;
    r.id = fmt::format("ANO-{}", a.id);
    r.kind = ExplanationKind::kAnomaly;
    r.ts = ts;
    r.strategy_id = strategy.value;
    if (strategy.valid()) r.strategy = strategy_name(strategy);
    r.triggered_by = {a.code};
    r.confidence = 1;
    r.risk_factors = {std::string(to_string(m)), std::string(to_string(level))};
    r.details = a.explanation;
    r.analytics = {{"value", value}, {"threshold", threshold}};
    r.narrative = fmt::format("The {} monitor raised a {} for {}: {}", to_string(m),
                              to_string(level), a.subject, a.explanation);
    (void)explanations_->add(std::move(r));
  }
  if (alert_ && level >= Level::kReview)
    alert_(level, fmt::format("{} {}", icon(level), a.explanation), ts);
  if (kernel_ != nullptr) kernel_->bus().publish(a);
  anomalies_.push_back(a);
  if (anomalies_.size() > 10'000) anomalies_.pop_front();  // all of them are journaled
  act(anomalies_.back(), strategy);
  return a.id;
}

void Overseer::clear(std::string_view code, std::string_view subject) {
  active_.erase(key(code, subject));
}

bool Overseer::active(std::string_view code, std::string_view subject) const {
  return active_.contains(key(code, subject));
}

Level Overseer::level() const {
  Level l = Level::kInfo;
  for (const auto& [k, v] : active_)
    l = std::max(l, v.second);
  for (const auto& a : actions_) {
    if (a.active && a.kind == ActionKind::kHaltTrading) l = Level::kHalt;
  }
  return l;
}

void Overseer::act(const Anomaly& a, core::StrategyId strategy) {
  auto any_active = [this](ActionKind k, core::StrategyId s = {}) {
    return std::any_of(actions_.begin(), actions_.end(), [&](const AutoAction& x) {
      return x.active && x.kind == k && (k != ActionKind::kDisableStrategy || x.strategy == s);
    });
  };
  if (a.level == Level::kHalt) {
    ++halts_today_;
    if (!any_active(ActionKind::kHaltTrading)) {
      take(ActionKind::kHaltTrading, a, {}, 1, fmt::format("halt: {}", a.explanation));
    }
    if (halts_today_ >= cfg_.halts_to_paper && !any_active(ActionKind::kFlipToPaper)) {
      take(ActionKind::kFlipToPaper, a, {}, 1,
           fmt::format("{} halts today (limit {}): flip to paper; last: {}", halts_today_,
                       cfg_.halts_to_paper, a.explanation));
    }
  } else if (a.level == Level::kWarn) {
    if (!any_active(ActionKind::kTaperSizes)) {
      take(ActionKind::kTaperSizes, a, {}, cfg_.taper_factor,
           fmt::format("taper sizes x{}: {}", cfg_.taper_factor, a.explanation));
    }
  } else if (a.level == Level::kReview && a.code == "strategy_decay" && strategy.valid()) {
    if (decay_streak_[strategy.value] >= cfg_.disable_after &&
        !any_active(ActionKind::kDisableStrategy, strategy)) {
      take(ActionKind::kDisableStrategy, a, strategy, 1,
           fmt::format("disable {}: underperformance persisted over {} checks: {}",
                       strategy_name(strategy), decay_streak_[strategy.value], a.explanation));
    }
  }
}

void Overseer::take(ActionKind kind, const Anomaly& a, core::StrategyId strategy, double factor,
                    std::string reason) {
  AutoAction x;
  x.id = actions_.size() + 1;
  x.kind = kind;
  x.anomaly_id = a.id;
  x.ts = a.ts;
  x.strategy = strategy;
  x.subject = strategy.valid() ? strategy_name(strategy) : "account";
  x.factor = factor;
  x.reason = std::move(reason);
  if (port_ != nullptr) {
    if (auto s = port_->apply(x); !s) {
      x.applied = false;
      x.active = false;
      x.port_error = s.error().message;
    }
  }
  if (explanations_ != nullptr) {
    ExplanationRecord r;
    r.id = fmt::format("ACT-{}", x.id);
    r.kind = ExplanationKind::kAutoAction;
    r.ts = x.ts;
    r.strategy_id = strategy.value;
    if (strategy.valid()) r.strategy = x.subject;
    r.triggered_by = {a.code, fmt::format("ANO-{}", a.id)};
    r.confidence = 1;
    r.risk_factors = {std::string(to_string(a.level))};
    r.details = x.applied ? x.reason : fmt::format("{} (not applied: {})", x.reason, x.port_error);
    r.analytics = {{"value", a.value}, {"threshold", a.threshold}, {"factor", factor}};
    r.narrative = fmt::format("The overseer took action {} ({}) because {}", x.id, to_string(kind),
                              a.explanation);
    (void)explanations_->add(std::move(r));
  }
  if (alert_) {
    alert_(a.level,
           fmt::format("{} overseer action {}: {}", icon(a.level), to_string(kind), x.reason),
           x.ts);
  }
  if (kernel_ != nullptr) kernel_->bus().publish(x);
  actions_.push_back(std::move(x));
}

core::Result<AutoAction> Overseer::reverse(std::uint64_t id, std::string_view who) {
  if (id == 0 || id > actions_.size()) {
    return core::fail(core::ErrorCode::kNotFound, "overseer action {} does not exist ({} taken)",
                      id, actions_.size());
  }
  auto& a = actions_[id - 1];
  if (!a.active) {
    return core::fail(core::ErrorCode::kState, "overseer action {} ({}) is not active{}", id,
                      to_string(a.kind),
                      a.reversed_by.empty() ? "" : fmt::format(": reversed by {}", a.reversed_by));
  }
  if (who.empty()) return core::fail(core::ErrorCode::kAuth, "reversal needs an admin name");
  if (port_ != nullptr) {
    if (auto s = port_->reverse(a, who); !s) {
      return std::unexpected(s.error().with_context(fmt::format("reverse action {}", id)));
    }
  }
  a.active = false;
  a.reversed_by = std::string(who);
  a.reversed_at = now();
  if (a.kind == ActionKind::kDisableStrategy) decay_streak_[a.strategy.value] = 0;
  if (explanations_ != nullptr) {
    ExplanationRecord r;
    r.id = fmt::format("REV-{}", a.id);
    r.kind = ExplanationKind::kReversal;
    r.ts = a.reversed_at;
    r.strategy_id = a.strategy.value;
    if (a.strategy.valid()) r.strategy = a.subject;
    r.triggered_by = {fmt::format("ACT-{}", a.id), fmt::format("admin:{}", who)};
    r.confidence = 1;
    r.details = fmt::format("{} reversed {} ({})", who, to_string(a.kind), a.reason);
    (void)explanations_->add(std::move(r));
  }
  if (alert_) {
    alert_(Level::kInfo,
           fmt::format("\u2705 {} reversed overseer action {} ({})", who, a.id, to_string(a.kind)),
           a.reversed_at);
  }
  if (kernel_ != nullptr) kernel_->bus().publish(a);
  return a;
}

const AutoAction* Overseer::action(std::uint64_t id) const {
  return id == 0 || id > actions_.size() ? nullptr : &actions_[id - 1];
}

double Overseer::size_factor() const {
  double f = 1;
  for (const auto& a : actions_) {
    if (a.active && a.kind == ActionKind::kTaperSizes) f *= a.factor;
  }
  return f;
}

bool Overseer::strategy_enabled(core::StrategyId s) const {
  return std::none_of(actions_.begin(), actions_.end(), [&](const AutoAction& a) {
    return a.active && a.kind == ActionKind::kDisableStrategy && a.strategy == s;
  });
}

bool Overseer::paper_mode() const {
  return std::any_of(actions_.begin(), actions_.end(), [](const AutoAction& a) {
    return a.active && a.kind == ActionKind::kFlipToPaper;
  });
}

std::string Overseer::daily_summary(core::Timestamp t) const {
  const bool today = day_ && *day_ == calendar_.local_date(t);
  const int n = today ? anomalies_today_ : 0;
  const std::uint64_t validated = today ? validated_today_ : 0;
  if (n == 0)
    return fmt::format("\u2705 All systems normal - {} signals validated today", validated);
  return fmt::format(
      "\U0001F4CA {} anomalies today ({} halt(s)), {} signals validated, {} action(s) "
      "active",
      n, today ? halts_today_ : 0, validated,
      std::count_if(actions_.begin(), actions_.end(),
                    [](const AutoAction& a) { return a.active; }));
}

void Overseer::on_control(const engine::ControlCommand& c) {
  if (c.action != "overseer.reverse") return;
  std::uint64_t id = 0;
  bool digit = false;
  for (char ch : c.args) {
    if (ch >= '0' && ch <= '9') {
      id = id * 10 + static_cast<std::uint64_t>(ch - '0');
      digit = true;
    } else if (digit) {
      break;
    }
  }
  auto r = reverse(id, c.user);
  if (!r && alert_) {
    alert_(Level::kInfo,
           fmt::format("overseer.reverse by {} failed: {}", c.user, r.error().message), now());
  }
}

}  // namespace zerodte::overseer
