#pragma once
// A trading session: the one wiring shared by `zerodte run` (paper/live-style, paced against the
// wall clock, journaled) and `zerodte backtest` (as fast as possible). From a SessionSpec it
// assembles, in this order:
//   kernel + SimClock -> journal observer (optional) -> paper venue (execution/sim) -> order
//   manager -> portfolio + risk engine (trading state in a file when configured) -> analytics
//   cache -> bar marks -> every component added with add_component() (strategies, the dashboard
//   server, the overseer, the sentiment engine, a backtest recorder), in the order added.
// and replays the market data source (simulated days, or files through data/'s replay feed)
// through run(). Nothing here is backtest-specific: a backtest is this session with speed 0.
//
// Hook for other areas: build the session, then before run()
//   session->add_component(std::make_shared<MyComponent>(...));   // started after the core
//   session->kernel().bus() / timers() / inbox()                    // subscribe, post events
// Components see every event through the bus; inbound events from other threads go through
// kernel().inbox() (live) or are merged into the feed (replay).
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/analytics/analytics_cache.hpp"
#include "zerodte/core/calendar.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/data/replay_feed.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/execution/order_manager.hpp"
#include "zerodte/execution/sim/sim_venue.hpp"
#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/portfolio/portfolio.hpp"
#include "zerodte/risk/risk_engine.hpp"
#include "zerodte/session/session_spec.hpp"
#include "zerodte/strategy/registry.hpp"
#include "zerodte/strategy/strategy_host.hpp"

namespace zerodte::store {
class Journal;
}

namespace zerodte::session {

// Opens a data file that session/ cannot read itself (DBN, zerodte recordings: adapters/ and
// app/ provide these). Returns nullptr when the file is not of a kind it knows.
using FileOpener = std::function<core::Result<std::unique_ptr<engine::EventSource>>(
    const std::string& path, model::InstrumentRegistry& registry)>;

struct SessionHooks {
  FileOpener open_file;
  // Pacing when spec.data.speed > 0 (a core::LiveClock for a person watching; a fake in tests).
  const core::Clock* pacing_clock = nullptr;
  data::ReplayFeed::Sleeper sleeper;
};

class TradingSession {
 public:
  static core::Result<std::unique_ptr<TradingSession>> create(SessionSpec spec,
                                                              SessionHooks hooks = {});
  ~TradingSession();
  TradingSession(const TradingSession&) = delete;
  TradingSession& operator=(const TradingSession&) = delete;

  // Attach a component (strategy, server, overseer, recorder...). Before run() only.
  void add_component(std::shared_ptr<engine::Component> component);
  void add_observer(engine::EventObserver* observer) { kernel_->add_observer(observer); }
  // Runs `instances` in a StrategyHost (intents through risk; decisions to the journal when the
  // session has one). Once per session, before run(); the host is added as a component.
  core::Status add_strategies(std::vector<strategy::StrategyInstance> instances);
  // Every enabled [[strategies]] entry of `cfg` (strategy::make_strategies_from_config).
  core::Status add_strategies_from_config(const core::config::Config& cfg);
  [[nodiscard]] strategy::StrategyHost* strategy_host() { return host_.get(); }

  // Starts the components, replays the source until it ends, `end`, or request_stop(); then
  // fires timers up to `end` (when finite) and stops the components. Returns the source's
  // mid-stream error, if any, or the journal's write error.
  core::Status run(core::Timestamp end = core::Timestamp::max());
  void request_stop() { kernel_->request_stop(); }

  [[nodiscard]] engine::Kernel& kernel() { return *kernel_; }
  [[nodiscard]] core::SimClock& clock() { return clock_; }
  [[nodiscard]] const core::TradingCalendar& calendar() const { return calendar_; }
  [[nodiscard]] model::InstrumentRegistry& registry() { return *registry_; }
  [[nodiscard]] portfolio::Portfolio& portfolio() { return *portfolio_; }
  [[nodiscard]] risk::RiskEngine& risk() { return *risk_; }
  [[nodiscard]] execution::OrderManager& orders() { return *orders_; }
  [[nodiscard]] execution::sim::SimVenue& venue() { return *venue_; }
  [[nodiscard]] analytics::AnalyticsCache& analytics() { return *analytics_; }
  [[nodiscard]] store::Journal* journal() { return journal_.get(); }
  [[nodiscard]] const SessionSpec& spec() const { return spec_; }
  // Receive time of the first event (the clock starts there).
  [[nodiscard]] core::Timestamp start_time() const { return start_; }
  // Receive time of the last event when the source knows it (simulated days, bar files), else
  // Timestamp::max(); for progress reports.
  [[nodiscard]] core::Timestamp end_hint() const { return end_hint_; }
  // Underlyings the data source trades, in the order given (the first is the "main" one).
  [[nodiscard]] const std::vector<core::InstrumentId>& underlyings() const { return underlyings_; }
  [[nodiscard]] std::uint64_t events() const { return kernel_->stats().events_dispatched; }
  // Human description of the data source ("simulated market 2025-03-03..2025-03-28, seed 1").
  [[nodiscard]] const std::string& source_description() const { return source_text_; }

 private:
  class Impl;
  explicit TradingSession(SessionSpec spec);
  core::Status build(SessionHooks hooks);
  core::Status build_source(SessionHooks& hooks);

  SessionSpec spec_;
  const core::TradingCalendar& calendar_;
  core::SimClock clock_;
  std::unique_ptr<model::InstrumentRegistry> registry_;
  std::unique_ptr<engine::Kernel> kernel_;
  std::unique_ptr<store::Journal> journal_;
  std::unique_ptr<engine::EventObserver> journal_observer_;
  std::unique_ptr<execution::IntentJournal> intent_journal_;
  std::shared_ptr<execution::sim::SimVenue> venue_;
  std::shared_ptr<execution::OrderManager> orders_;
  std::unique_ptr<portfolio::Portfolio> portfolio_;
  std::unique_ptr<risk::ExecutionPort> port_;
  std::unique_ptr<risk::TradingStateStore> state_store_;
  std::shared_ptr<risk::RiskEngine> risk_;
  std::shared_ptr<engine::Component> risk_journal_;
  std::shared_ptr<analytics::AnalyticsCache> analytics_;
  std::vector<std::shared_ptr<engine::Component>> extra_;
  std::unique_ptr<strategy::OrderGateway> gateway_;
  std::unique_ptr<strategy::DecisionSink> sink_;
  std::shared_ptr<strategy::StrategyHost> host_;
  std::unique_ptr<engine::EventSource> feed_;
  std::vector<std::function<std::optional<core::Error>()>> source_errors_;
  std::vector<core::InstrumentId> underlyings_;
  core::Timestamp start_;
  core::Timestamp end_hint_ = core::Timestamp::max();
  std::string source_text_;
  bool ran_ = false;
};

}  // namespace zerodte::session
