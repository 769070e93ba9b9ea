#pragma once
// The overseer (seed 003 Part 5, "the system that watches the system"): a kernel component that
// sees every event and runs the monitors
//   data       freshness of every watched instrument (halt > 10 s), stale order books (warn)
//   analytics  impossible Greeks (gamma < 0 or > 100,000, IV out of bounds), failed Greeks
//              calculations (halt after 3), outliers of any analytics value vs its rolling
//              baseline, VPIN spikes (warn)
//   execution  slippage vs the expected price (warn > 2%), reject storms with their reasons
//              (warn), fill rate (review)
//   feed       decode errors = schema changes (warn; halt when they repeat), latency (warn),
//              broker/feed disconnects (halt)
//   strategy   realised vs expected P&L per strategy over a rolling window (review; disable
//              when it persists)
//   regime     classifier uncertainty > 50% (warn); unusual volume vs the rolling baseline (warn)
// Each anomaly is raised once while its condition lasts, recorded with an explanation, sent to
// the operator alert sink, published on the bus, and may trigger an automatic action: halt on
// halt level, taper sizes on warnings, flip to paper after repeated halts in a day, disable a
// strategy whose underperformance persists. Every action is journaled (explanation records) and
// reversible by an admin (reverse(), or ControlCommand "overseer.reverse" {"action_id": N}).
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/core/calendar.hpp"
#include "zerodte/engine/component.hpp"
#include "zerodte/engine/event.hpp"
#include "zerodte/engine/message_bus.hpp"
#include "zerodte/engine/timer_queue.hpp"
#include "zerodte/execution/execution_events.hpp"
#include "zerodte/model/orders.hpp"
#include "zerodte/overseer/action_port.hpp"
#include "zerodte/overseer/explanation.hpp"
#include "zerodte/overseer/overseer_config.hpp"
#include "zerodte/overseer/overseer_types.hpp"
#include "zerodte/overseer/rolling_baseline.hpp"
#include "zerodte/risk/risk_types.hpp"

namespace zerodte::overseer {

// A named analytics value (VPIN, GEX, vol forecast, ...) to check against its rolling baseline.
struct AnalyticsReading {
  core::InstrumentId instrument;
  core::FixedString<24> name;  // "vpin", "gex", "iv_atm"
  double value = 0;
  core::Timestamp ts;
};

// Operator alerts ("🛑 Greeks calculation failed 3x - halting SPY signals").
using AlertFn = std::function<void(Level level, std::string_view text, core::Timestamp ts)>;

class Overseer final : public engine::Component {
 public:
  Overseer(OverseerConfig cfg, ActionPort* port, ExplanationStore* explanations,
           AlertFn alert = {});

  [[nodiscard]] std::string_view name() const override { return "overseer"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;
  [[nodiscard]] engine::Health health() const override;

  // Inputs (subscribed on the bus once started; callable directly).
  void on_market(core::InstrumentId id, core::Timestamp ts_event, core::Timestamp ts_recv);
  void on_book(const model::BookDepth& b);
  void on_option_quote(const model::OptionQuote& q);
  void on_bar(const model::Bar& b);
  void on_feed(const model::FeedStatus& s);
  void on_decode_error(const FeedDecodeError& e);
  void on_greeks(const GreeksReading& g);
  void on_analytics(const AnalyticsReading& a);
  void on_intent(const model::OrderIntent& in);
  void on_verdict(const risk::RiskVerdict& v);
  void on_order_update(const model::OrderUpdate& u);
  void on_fill(const model::Fill& f);
  void on_execution_alert(const execution::ExecutionAlert& a);
  void on_outcome(const TradeOutcome& o);
  void on_regime(const RegimeReading& r);
  void on_control(const engine::ControlCommand& c);
  // The price an order was expected to fill at (when it did not come through the bus).
  void expect_fill(const core::ClientOrderId& id, core::Price expected, model::Side side,
                   core::StrategyId strategy);

  // The monitoring loop (the kernel timer calls it every check_interval).
  void check(core::Timestamp now);

  // Admin: reverses an active automatic action (journaled as a reversal record).
  core::Result<AutoAction> reverse(std::uint64_t action_id, std::string_view who);

  // Queries.
  [[nodiscard]] const std::deque<Anomaly>& anomalies() const { return anomalies_; }
  [[nodiscard]] const std::vector<AutoAction>& actions() const { return actions_; }
  [[nodiscard]] const AutoAction* action(std::uint64_t id) const;
  [[nodiscard]] Level level() const;  // most severe active condition
  [[nodiscard]] bool active(std::string_view code, std::string_view subject) const;
  [[nodiscard]] double size_factor() const;  // product of active tapers (1 = none)
  [[nodiscard]] bool strategy_enabled(core::StrategyId s) const;
  [[nodiscard]] bool paper_mode() const;
  [[nodiscard]] std::string daily_summary(core::Timestamp now) const;
  [[nodiscard]] const std::map<std::string, int>& reject_reasons() const { return reject_reasons_; }

 private:
  struct Expected {
    double price = 0;
    model::Side side = model::Side::kBuy;
    core::StrategyId strategy;
  };
  struct IntentKey {
    std::uint16_t strategy;
    std::uint64_t signal;
    std::uint32_t seq;
    auto operator<=>(const IntentKey&) const = default;
  };

  core::Timestamp now() const;
  std::string instrument_name(core::InstrumentId id) const;
  std::string strategy_name(core::StrategyId s) const;
  // Raises a condition (once while it lasts); returns the anomaly id (0 when already active).
  std::uint64_t raise(MonitorKind m, Level level, std::string code, std::string subject,
                      double value, double threshold, std::string text,
                      core::StrategyId strategy = {});
  void clear(std::string_view code, std::string_view subject);
  void act(const Anomaly& a, core::StrategyId strategy);
  void take(ActionKind kind, const Anomaly& a, core::StrategyId strategy, double factor,
            std::string reason);
  void roll_day(core::Timestamp now);
  void count_reject(core::Timestamp ts, std::string reason);
  void finish_order(bool filled);

  OverseerConfig cfg_;
  ActionPort* port_;
  ExplanationStore* explanations_;
  AlertFn alert_;
  const core::TradingCalendar& calendar_;
  engine::Kernel* kernel_ = nullptr;
  std::vector<engine::SubscriptionId> subs_;
  engine::TimerId timer_ = 0;
  core::Timestamp started_at_;
  core::Timestamp last_activity_;

  std::deque<Anomaly> anomalies_;
  std::vector<AutoAction> actions_;
  std::map<std::string, std::pair<std::uint64_t, Level>> active_;  // code|subject -> anomaly, level
  std::uint64_t next_anomaly_ = 1;

  // data / analytics / feed
  struct Cadence {  // one instrument: inter-arrival gaps of its data and its raised conditions
    core::Timestamp last;
    double gap_ema_s = 0;
    std::uint32_t samples = 0;
    int greeks_failures = 0;
    bool stale = false;  // flags mirror active_ so the per-event path needs no name or lookup
    bool latency = false;
    bool greeks_failed = false;
    bool impossible = false;
  };
  [[nodiscard]] bool auto_watched(const Cadence& c) const;
  std::unordered_map<std::uint32_t, Cadence> last_seen_;
  std::unordered_map<std::uint32_t, std::pair<core::Timestamp, bool>> last_book_;  // ts, raised
  std::unordered_map<std::uint32_t, RollingBaseline> volume_;
  std::map<std::string, RollingBaseline> analytics_;
  std::map<std::string, std::deque<core::Timestamp>> decode_errors_;
  // execution
  std::map<IntentKey, Expected> intents_;
  std::map<IntentKey, core::ClientOrderId> verdict_ids_;
  std::unordered_map<core::ClientOrderId, Expected> expected_;
  std::deque<core::Timestamp> rejects_;
  std::map<std::string, int> reject_reasons_;
  std::deque<bool> finished_;  // last orders: filled?
  std::set<core::ClientOrderId> filled_orders_;
  // strategy decay
  std::map<std::uint16_t, std::deque<std::pair<double, double>>> outcomes_;
  std::map<std::uint16_t, int> decay_streak_;
  // day counters
  std::optional<core::Date> day_;
  int halts_today_ = 0;
  std::uint64_t validated_today_ = 0;
  int anomalies_today_ = 0;
};

}  // namespace zerodte::overseer
