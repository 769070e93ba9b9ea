#pragma once
// The strategy API (issue 9). A strategy reacts to market, option-chain, sentiment, timer and
// order events, and says what it wants as Signals (direction, conviction, evidence) and
// OrderIntents; the StrategyHost sends every intent through risk (RiskEngine::submit), so a
// strategy never talks to a broker, and reads time only from ctx().now() (the kernel clock).
//
// Usage guide
// -----------
//   #include "zerodte/strategy/registry.hpp"   // Strategy, StrategyContext, StrategyRegistrar
//
//   class MyStrategy final : public zerodte::strategy::Strategy {
//    public:
//     explicit MyStrategy(const zerodte::core::config::ConfigTable& p)
//         : threshold_(p.get<double>("threshold")) {}
//     void on_start() override {
//       spy_ = *ctx().instruments().find("SPY");
//       (void)ctx().subscribe_bars(spy_, zerodte::analytics::Timeframe::minutes(1));
//       ctx().subscribe_options("SPY");                 // on_option_chain + option_chain()
//       ctx().schedule_daily({15, 50, 0}, "flatten");   // on_timer("flatten") every trading day
//     }
//     void on_bar(const zerodte::model::Bar& bar, zerodte::analytics::Timeframe tf) override {
//       auto chain = ctx().option_chain("SPY", ctx().today());
//       auto pick = select_option(chain, OptionRight::kCall, SelectorRules{}, ctx().now());
//       if (!pick) { ctx().suppress({.reason = "filters_failed", .detail = pick.error().message});
//                    return; }
//       Signal s{.direction = Direction::kLong, .conviction = 0.7, ...};
//       const auto id = ctx().emit_signal(s);                       // journaled with its "why"
//       ctx().submit(option_order(pick->contract, Side::kBuy, 1, limit, id));  // -> risk
//     }
//     void on_fill(const zerodte::model::Fill& f) override { ... ctx().position(id) ... }
//     std::string snapshot() const override { ... }                // state for restarts
//     zerodte::core::Status restore(std::string_view state) override { ... }
//   };
//
//   // Registration (in the .cpp): the registrar adds the type, its documented parameters (with
//   // defaults, shown by `zerodte strategies list` and checked in [[strategies]] config) and a
//   // factory to the process-wide registry.
//   const zerodte::strategy::StrategyRegistrar kReg{{
//       .type = "my_strategy", .summary = "...", .seed = "user",
//       .declare = [](TableSpec& t) { t.add_double("threshold", 0.5, "Entry score").range(0, 1); },
//       .create = [](const ConfigTable& p) -> StrategyPtr { return std::make_unique<MyStrategy>(p);
//       }}};
//
// A static library's registrar objects are only linked if the library is linked whole: create
// strategy libraries with `zerodte_strategy_library(name SOURCES ...)` (src/zerodte/strategy/
// CMakeLists.txt), which links them whole into `zerodte_strategy_all`; executables and tests
// link `zerodte_strategy_all`. Outside the tree, call `register_strategy(info)` explicitly (see
// examples/). Config:
//   [[strategies]]
//   type = "sawtooth_sentiment"   name = "nvda_saw"   enabled = true   symbols = ["NVDA"] ...
// make_strategies_from_config(config, registry) builds the instances; StrategyHost::add() runs
// them. Callbacks run on the kernel thread, one at a time, in subscription order.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/analytics/analytics_cache.hpp"
#include "zerodte/analytics/bar_aggregator.hpp"
#include "zerodte/core/calendar.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/engine/timer_queue.hpp"
#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/model/market_events.hpp"
#include "zerodte/model/orders.hpp"
#include "zerodte/portfolio/portfolio.hpp"
#include "zerodte/risk/risk_types.hpp"
#include "zerodte/sentiment/events.hpp"
#include "zerodte/strategy/option_contract.hpp"
#include "zerodte/strategy/signal.hpp"

namespace zerodte::strategy {

// Net position of one strategy in one instrument, from its own fills.
struct StrategyPosition {
  core::InstrumentId instrument;
  std::int64_t quantity = 0;  // signed units (+ long, - short)
  double avg_price = 0;       // per unit, of the open quantity
  double realized = 0;        // money (x multiplier), closed round trips
  core::Timestamp opened_at;  // first fill of the current open quantity
};

// The answer of risk to one intent.
struct SubmitResult {
  bool accepted = false;  // approved (sent or queued for a person)
  core::ClientOrderId client_order_id;
  risk::RiskVerdict verdict;
  std::string reason;  // empty when accepted; risk's rejected_because + details otherwise
};

// An option contract's quote changed (topic: its underlying).
struct OptionChainUpdate {
  core::InstrumentId underlying;
  std::string_view underlying_symbol;
  core::Date expiry;
  const OptionContract* contract = nullptr;  // the contract that changed (valid in the callback)
};

class StrategyContext {
 public:
  virtual ~StrategyContext() = default;

  // Identity, clock, calendars, instruments.
  [[nodiscard]] virtual core::StrategyId id() const = 0;
  [[nodiscard]] virtual std::string_view name() const = 0;
  [[nodiscard]] virtual core::Timestamp now() const = 0;
  [[nodiscard]] virtual const core::TradingCalendar& calendar(
      core::Market market = core::Market::kNyse) const = 0;
  [[nodiscard]] core::Date today(core::Market market = core::Market::kNyse) const {
    return calendar(market).local_date(now());
  }
  [[nodiscard]] core::TimeOfDay local_time(core::Market market = core::Market::kNyse) const {
    return calendar(market).local_time(now());
  }
  [[nodiscard]] virtual const model::InstrumentRegistry& instruments() const = 0;

  // Subscriptions (in on_start or later). Bars: input bars finer than `tf` are aggregated
  // (session-aligned); bars of exactly `tf` pass through. Quotes: model::Quote and Trade.
  virtual core::Status subscribe_bars(core::InstrumentId instrument, analytics::Timeframe tf) = 0;
  virtual void subscribe_quotes(core::InstrumentId instrument) = 0;
  virtual void subscribe_options(std::string_view underlying,
                                 core::Market market = core::Market::kNyse) = 0;
  virtual void subscribe_sentiment(std::string_view ticker) = 0;  // "" = every ticker
  virtual void subscribe_imbalance(core::InstrumentId instrument) = 0;
  virtual void subscribe_depth(core::InstrumentId instrument) = 0;

  // Market state (what the host has seen on the bus).
  [[nodiscard]] virtual std::optional<model::Quote> quote(core::InstrumentId id) const = 0;
  // Latest of: quote mid, trade price, bar close (nullopt before any).
  [[nodiscard]] virtual std::optional<double> last_price(core::InstrumentId id) const = 0;
  // Time of the latest market event (quote/trade/bar close) of `id`; zero when none.
  [[nodiscard]] virtual core::Timestamp last_update(core::InstrumentId id) const = 0;
  // Completed bars of a subscribed (instrument, timeframe), oldest first (bounded history).
  [[nodiscard]] virtual std::span<const model::Bar> bars(core::InstrumentId id,
                                                         analytics::Timeframe tf) const = 0;
  [[nodiscard]] virtual std::vector<core::Date> expiries(
      std::string_view underlying, core::Market market = core::Market::kNyse) const = 0;
  [[nodiscard]] virtual OptionChainView option_chain(
      std::string_view underlying, core::Date expiry,
      core::Market market = core::Market::kNyse) const = 0;
  [[nodiscard]] virtual std::optional<OptionContract> option(core::InstrumentId id) const = 0;
  [[nodiscard]] virtual std::optional<sentiment::TickerSentiment> sentiment(
      std::string_view ticker) const = 0;
  [[nodiscard]] virtual const analytics::AnalyticsCache* analytics() const = 0;  // may be null
  [[nodiscard]] virtual const portfolio::Portfolio* portfolio() const = 0;       // may be null

  // This strategy's own book (from its fills; rebuilt on restart by replaying them).
  [[nodiscard]] virtual std::int64_t position(core::InstrumentId id) const = 0;
  [[nodiscard]] virtual std::vector<StrategyPosition> positions() const = 0;  // non-flat only
  [[nodiscard]] virtual std::vector<core::ClientOrderId> working_orders() const = 0;

  // Decisions. emit_signal() stamps id/strategy/time, journals and publishes; returns the id to
  // put in OrderIntent::signal_id. submit() fills strategy, ts_created and (when 0) intent_seq,
  // then sends the intent to risk.
  virtual std::uint64_t emit_signal(Signal s) = 0;
  virtual void suppress(Suppression s) = 0;
  virtual SubmitResult submit(model::OrderIntent intent) = 0;
  virtual core::Status cancel(const core::ClientOrderId& id) = 0;

  // Timers (kernel clock). Names come back in on_timer().
  virtual engine::TimerId schedule_at(core::Timestamp when, std::string name) = 0;
  virtual engine::TimerId schedule_every(core::Duration interval, std::string name) = 0;
  // Every trading day of `market` at `local` exchange time.
  virtual engine::TimerId schedule_daily(core::TimeOfDay local, std::string name,
                                         core::Market market = core::Market::kNyse) = 0;
  virtual void cancel_timer(engine::TimerId id) = 0;

  // Ask the host to journal the strategy's snapshot() now (it also does after fills/signals).
  virtual void save_state() = 0;
};

class Strategy {
 public:
  virtual ~Strategy() = default;

  // Lifecycle.
  virtual void on_start() {}
  virtual void on_stop() {}

  // Market and analytics.
  virtual void on_bar(const model::Bar& /*bar*/, analytics::Timeframe /*tf*/) {}
  virtual void on_quote(const model::Quote& /*q*/) {}
  virtual void on_trade(const model::Trade& /*t*/) {}
  virtual void on_option_chain(const OptionChainUpdate& /*u*/) {}
  virtual void on_imbalance(const model::Imbalance& /*i*/) {}
  virtual void on_depth(const model::BookDepth& /*d*/) {}
  virtual void on_analytics(const analytics::AnalyticsUpdate& /*u*/) {}
  virtual void on_sentiment(const sentiment::TickerSentiment& /*s*/) {}
  virtual void on_sentiment_flip(const sentiment::SentimentFlip& /*f*/) {}
  virtual void on_timer(std::string_view /*name*/, core::Timestamp /*scheduled*/) {}

  // Orders (only this strategy's orders are routed here).
  virtual void on_order_update(const model::OrderUpdate& /*u*/) {}
  virtual void on_fill(const model::Fill& /*f*/) {}
  virtual void on_risk_verdict(const risk::RiskVerdict& /*v*/) {}

  // State that survives restart: snapshot() text is journaled (store::StrategyStateRecord);
  // restore() gets the latest one before on_start(). Empty snapshot = nothing to keep.
  [[nodiscard]] virtual std::string snapshot() const { return {}; }
  virtual core::Status restore(std::string_view /*state*/) { return core::ok(); }

  [[nodiscard]] StrategyContext& ctx() const { return *ctx_; }
  [[nodiscard]] bool attached() const { return ctx_ != nullptr; }
  // Called by the host (or a test harness) before on_start().
  void attach(StrategyContext* ctx) { ctx_ = ctx; }

 private:
  StrategyContext* ctx_ = nullptr;
};

using StrategyPtr = std::unique_ptr<Strategy>;

// A single-leg option/equity order intent (helper for strategies). limit rounded by the caller.
[[nodiscard]] model::OrderIntent single_order(core::InstrumentId instrument, model::Side side,
                                              std::int64_t quantity, core::Price limit,
                                              std::uint64_t signal_id,
                                              model::TimeInForce tif = model::TimeInForce::kDay,
                                              bool reduce_only = false, std::string_view tag = {});
// `price` rounded to a valid tick of the instrument (kNearest, kUp for buys crossing, ...).
[[nodiscard]] core::Price round_price(const model::Instrument& inst, double price,
                                      core::RoundMode mode = core::RoundMode::kNearest);

}  // namespace zerodte::strategy
