#pragma once
// StrategyHost: the kernel component that runs strategies. In start() it subscribes to the bus
// (Bar, Quote, Trade, OptionQuote, Imbalance, BookDepth, AnalyticsUpdate, TickerSentiment,
// SentimentFlip, OrderUpdate, Fill, RiskVerdict) and routes each event to the strategies that
// subscribed to it, aggregating bars per (instrument, timeframe), caching the latest quotes and
// option quotes (option_chain() views), tracking each strategy's orders and positions from its
// fills (order ids carry the strategy id: "z<id>-..."), and giving every strategy a
// StrategyContext. Decisions go to the DecisionSink (journal) and on the bus (Signal,
// Suppression); intents go to the OrderGateway (risk).
//
//   StrategyHost host(registry, gateway, {.sink = &journal_sink, .portfolio = &portfolio});
//   for (auto& inst : *make_strategies_from_config(cfg)) host.add(std::move(inst));
//   kernel.add_component(host_ptr);   // after the analytics cache, before/after risk: any order
//
// Restart: restore_state(name, text) before start() (from the last StrategyStateRecord of each
// strategy); fills replayed from the journal rebuild positions through the bus as in live.
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/engine/component.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/strategy/decision_sink.hpp"
#include "zerodte/strategy/order_gateway.hpp"
#include "zerodte/strategy/registry.hpp"
#include "zerodte/strategy/strategy.hpp"

namespace zerodte::strategy {

struct StrategyHostConfig {
  DecisionSink* sink = nullptr;                          // optional
  const portfolio::Portfolio* portfolio = nullptr;       // optional
  const analytics::AnalyticsCache* analytics = nullptr;  // optional
  std::size_t bar_history = 500;                         // bars kept per (instrument, timeframe)
  std::size_t decision_log = 10'000;                     // signals/suppressions kept in memory
  // Timers/bars use the NYSE calendar unless an instrument's market says otherwise.
};

struct HostStats {
  std::uint64_t signals = 0;
  std::uint64_t suppressions = 0;
  std::uint64_t intents = 0;
  std::uint64_t rejected = 0;
  std::uint64_t fills = 0;
};

class StrategyHost final : public engine::Component {
 public:
  StrategyHost(const model::InstrumentRegistry& instruments, OrderGateway& gateway,
               StrategyHostConfig cfg = {});
  ~StrategyHost() override;

  // Adds a strategy (before or after start(); after start it starts at once). The id must be
  // unique and valid; kInvalid otherwise.
  core::Status add(StrategyInstance instance);
  core::Status add(std::string name, core::StrategyId id, StrategyPtr strategy);
  // Hands `state` to the strategy's restore() (call before start()).
  core::Status restore_state(std::string_view name, std::string_view state);
  // Restart helper: `snapshots` in journal order (e.g. every store::StrategyStateRecord); the last
  // one of each strategy is restored. Snapshots of strategies not in the host are skipped (a
  // strategy removed from the config); the first restore error is returned.
  core::Status restore_states(const std::vector<StateSnapshot>& snapshots);

  [[nodiscard]] std::string_view name() const override { return "strategy_host"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;
  [[nodiscard]] engine::Health health() const override;

  [[nodiscard]] Strategy* find(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> names() const;
  [[nodiscard]] const std::deque<Signal>& signals() const { return signals_; }
  [[nodiscard]] const std::deque<Suppression>& suppressions() const { return suppressions_; }
  [[nodiscard]] const HostStats& stats() const { return stats_; }
  [[nodiscard]] std::vector<StrategyPosition> positions(std::string_view name) const;

  // Event entry points (what the bus subscriptions call; tests may call them directly).
  void on_bar(const model::Bar& bar);
  void on_quote(const model::Quote& q);
  void on_trade(const model::Trade& t);
  void on_option_quote(const model::OptionQuote& q);
  void on_imbalance(const model::Imbalance& i);
  void on_depth(const model::BookDepth& d);
  void on_analytics(const analytics::AnalyticsUpdate& u);
  void on_sentiment(const sentiment::TickerSentiment& s);
  void on_sentiment_flip(const sentiment::SentimentFlip& f);
  void on_order_update(const model::OrderUpdate& u);
  void on_fill(const model::Fill& f);
  void on_risk_verdict(const risk::RiskVerdict& v);

 private:
  class Slot;  // one strategy + its context
  struct BarStream;
  friend class Slot;

  Slot* slot_of(const core::ClientOrderId& id) const;
  BarStream& bar_stream(core::InstrumentId id, analytics::Timeframe tf);
  void record_signal(const Signal& s);
  void record_suppression(const Suppression& s);
  [[nodiscard]] core::Timestamp now() const;
  [[nodiscard]] bool is_session_bar(const model::Bar& bar) const;

  const model::InstrumentRegistry& instruments_;
  OrderGateway& gateway_;
  StrategyHostConfig cfg_;
  engine::Kernel* kernel_ = nullptr;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<engine::SubscriptionId> subs_;
  std::map<std::pair<std::uint32_t, std::int32_t>, std::unique_ptr<BarStream>> bar_streams_;
  std::unordered_map<std::uint32_t, model::Quote> quotes_;
  std::unordered_map<std::uint32_t, std::pair<double, core::Timestamp>> last_px_;
  std::unordered_map<std::uint32_t, OptionContract> options_;
  std::unordered_map<std::string, sentiment::TickerSentiment> sentiment_;
  std::unordered_map<core::ClientOrderId, Slot*> orders_;
  std::deque<Signal> signals_;
  std::deque<Suppression> suppressions_;
  HostStats stats_;
  std::uint64_t last_signal_low_ = 0;
  core::Timestamp last_activity_;
};

}  // namespace zerodte::strategy
