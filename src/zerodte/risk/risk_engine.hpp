#pragma once
// The risk engine: a kernel component that every order passes.
//   OrderIntent in (submit() or model::OrderIntent on the bus) -> pre-trade checks ->
//   RiskVerdict out (published on the bus, kept for queries); approved intents go to execution
//   (ExecutionPort), or to the manual queue when execution mode is manual.
// It also feeds the portfolio (fills, quotes, Greeks), runs the circuit breakers on every
// relevant event and every minute, evaluates exits of open position groups, keeps the trading
// state (persisted holds), and runs the kill switch (ControlCommand "kill_switch", the CLI's
// signal file, or kill_switch()): cancel every working order, then flatten every position group
// with marketable limit orders, recording each step as a RiskEvent.
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/core/calendar.hpp"
#include "zerodte/engine/component.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/execution/execution_events.hpp"
#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/portfolio/portfolio.hpp"
#include "zerodte/risk/circuit_breakers.hpp"
#include "zerodte/risk/close_intent.hpp"
#include "zerodte/risk/execution_port.hpp"
#include "zerodte/risk/exit_rules.hpp"
#include "zerodte/risk/pre_trade_checks.hpp"
#include "zerodte/risk/trading_state.hpp"

namespace zerodte::risk {

struct RiskEngineConfig {
  RiskLimits limits;
  core::InstrumentId vix_instrument;                      // quotes/trades/bars of it are the VIX
  std::optional<std::filesystem::path> kill_switch_file;  // polled every second when set
  int flatten_slippage_ticks = 2;
  bool exits_enabled = true;
  std::size_t max_kept_verdicts = 100'000;
};

// Tracked open position group (a multi-leg package or one instrument of one strategy).
struct TrackedGroup {
  std::uint64_t key = 0;
  core::StrategyId strategy;
  std::uint64_t group_id = 0;
  std::vector<core::InstrumentId> instruments;
  ExitState exit;
  core::ClientOrderId pending_exit;  // an exit order is working
  double last_pnl_pct = 0;
  double base_pnl = 0;  // realized - fees of its positions before this round trip
};

class RiskEngine final : public engine::Component {
 public:
  RiskEngine(const model::InstrumentRegistry& registry, const core::TradingCalendar& calendar,
             portfolio::Portfolio& portfolio, ExecutionPort& execution, RiskEngineConfig cfg,
             TradingStateStore* store = nullptr);

  [[nodiscard]] std::string_view name() const override { return "risk_engine"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;
  [[nodiscard]] engine::Health health() const override;

  // The order path. Returns the verdict (also published).
  RiskVerdict submit(model::OrderIntent intent);
  // Order-rate gate for modifies (cancel/replace); false = RATE_LIMITED.
  bool allow_modify(core::StrategyId strategy);

  // Manual mode queue.
  [[nodiscard]] const std::deque<model::OrderIntent>& manual_queue() const { return manual_; }
  core::Result<core::ClientOrderId> approve_queued(std::size_t index, std::string_view who);
  core::Status reject_queued(std::size_t index, std::string_view who);

  // Kill switch / state control.
  void kill_switch(std::string_view who, std::string_view reason);
  void set_hold(std::string source, TradingState level, std::string_view who,
                std::string_view reason, core::Timestamp until = core::Timestamp::max());
  void resume(std::string_view who);  // clears every hold
  [[nodiscard]] TradingState state() const;
  [[nodiscard]] const TradingStateMachine& state_machine() const { return states_; }

  // Market inputs (also fed from the bus once started).
  void on_quote(core::InstrumentId id, core::Price bid, core::Price ask, core::Timestamp ts);
  void on_option_quote(const model::OptionQuote& q);
  void on_last(core::InstrumentId id, core::Price last, core::Timestamp ts);
  void on_fill(const model::Fill& f);
  void on_order_update(const model::OrderUpdate& u);
  void on_feed(const model::FeedStatus& s);
  void on_control(const engine::ControlCommand& c);
  void set_vix(double vix, core::Timestamp ts);
  void set_analytics_heartbeat(core::Timestamp ts) { market_.set_analytics_heartbeat(ts); }

  // Breakers and exits now (the minute timer calls this).
  void evaluate(core::Timestamp now);
  // Exits of the open groups a price of `trigger` moves (an option of the group or its
  // underlying; every group when `trigger` is invalid). Quotes, trades and bars call it, so a
  // stop or target is taken on the first price through it, not at the next minute.
  void evaluate_exits(core::Timestamp now, core::InstrumentId trigger);
  void poll_kill_switch_file();

  // Queries.
  [[nodiscard]] const std::deque<RiskVerdict>& verdicts() const { return verdicts_; }
  [[nodiscard]] const RiskVerdict* explain(const core::ClientOrderId& id) const;
  [[nodiscard]] const std::vector<RiskEvent>& events() const { return events_; }
  [[nodiscard]] const std::map<std::uint64_t, TrackedGroup>& groups() const { return groups_; }
  [[nodiscard]] PreTradeChecker& checker() { return checker_; }
  [[nodiscard]] MarketCache& market() { return market_; }
  [[nodiscard]] CircuitBreakers& breakers() { return breakers_; }
  [[nodiscard]] bool kill_switch_active() const { return states_.find("kill_switch") != nullptr; }

 private:
  struct OrderInfo {
    core::StrategyId strategy;
    std::uint64_t group_id = 0;
    bool reducing = false;
    bool internal = false;
    std::uint64_t group_key = 0;                          // exit of this tracked group (0 = none)
    std::array<std::int64_t, model::kMaxLegs> pending{};  // signed reductions still working
    model::OrderIntent intent;
  };

  core::Timestamp now() const;
  void apply_quote(core::InstrumentId id, core::Price bid, core::Price ask, core::Timestamp ts);
  RiskVerdict route(model::OrderIntent intent, RiskVerdict v);
  core::Result<core::ClientOrderId> send(model::OrderIntent intent, bool reducing, bool internal,
                                         std::uint64_t group_key);
  void record(RiskVerdict v);
  void event(RiskEventKind kind, std::string_view who, std::string text);
  void apply_trip(const BreakerTrip& t, core::Timestamp now);
  void exit_all(std::string_view who, std::string_view why);
  void close_group(TrackedGroup& g, double fraction, std::string_view who, std::string_view why);
  void flatten_all(std::string_view who);
  void check_kill_switch_done();
  void track_fill(const model::Fill& f, const OrderInfo* info);
  [[nodiscard]] std::uint64_t group_key(core::StrategyId s, std::uint64_t group_id,
                                        core::InstrumentId id) const;
  [[nodiscard]] double group_value(const TrackedGroup& g) const;
  [[nodiscard]] AccountInputs account() const;
  void roll_day(core::Timestamp now);

  const model::InstrumentRegistry& registry_;
  const core::TradingCalendar& calendar_;
  portfolio::Portfolio& portfolio_;
  ExecutionPort& exec_;
  RiskEngineConfig cfg_;
  MarketCache market_;
  PendingReductions pending_;
  PreTradeChecker checker_;
  CircuitBreakers breakers_;
  TradingStateMachine states_;
  engine::Kernel* kernel_ = nullptr;
  std::vector<engine::SubscriptionId> subs_;
  std::vector<engine::TimerId> timers_;
  std::unordered_map<core::ClientOrderId, OrderInfo> orders_;
  std::deque<RiskVerdict> verdicts_;
  std::unordered_map<core::ClientOrderId, std::size_t> verdict_index_;
  std::size_t verdicts_dropped_ = 0;
  std::vector<RiskEvent> events_;
  std::deque<model::OrderIntent> manual_;
  std::map<std::uint64_t, TrackedGroup> groups_;
  std::unordered_map<std::uint64_t, double> round_trip_pnl_;
  std::uint64_t next_group_id_ = 1;
  std::uint64_t internal_seq_ = 0;
  std::optional<core::Date> day_;
  bool vix_exit_active_ = false;
  bool daily_halt_active_ = false;
  bool kill_done_ = true;
  core::Timestamp last_activity_;
};

}  // namespace zerodte::risk
