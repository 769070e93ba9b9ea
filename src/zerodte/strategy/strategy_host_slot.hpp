#pragma once
// Internal to the StrategyHost: one strategy and the StrategyContext it sees.
#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "zerodte/strategy/strategy_host.hpp"

namespace zerodte::strategy {

struct StrategyHost::BarStream {
  core::InstrumentId instrument;
  analytics::Timeframe tf;
  std::unique_ptr<analytics::BarAggregator> aggregator;  // null: bars pass through
  std::vector<model::Bar> history;                       // oldest first
  std::vector<Slot*> subscribers;
};

class StrategyHost::Slot final : public StrategyContext {
 public:
  Slot(StrategyHost& host, std::string name, core::StrategyId id, StrategyPtr strategy)
      : host_(host), name_(std::move(name)), id_(id), strategy_(std::move(strategy)) {}

  // StrategyContext
  [[nodiscard]] core::StrategyId id() const override { return id_; }
  [[nodiscard]] std::string_view name() const override { return name_; }
  [[nodiscard]] core::Timestamp now() const override { return host_.now(); }
  [[nodiscard]] const core::TradingCalendar& calendar(core::Market market) const override {
    return core::TradingCalendar::for_market(market);
  }
  [[nodiscard]] const model::InstrumentRegistry& instruments() const override {
    return host_.instruments_;
  }
  core::Status subscribe_bars(core::InstrumentId instrument, analytics::Timeframe tf) override;
  void subscribe_quotes(core::InstrumentId instrument) override {
    quote_subs.insert(instrument.value);
  }
  void subscribe_options(std::string_view underlying, core::Market market) override {
    option_subs.insert({std::string(underlying), market});
  }
  void subscribe_sentiment(std::string_view ticker) override {
    sentiment_subs.insert(std::string(ticker));
  }
  void subscribe_imbalance(core::InstrumentId instrument) override {
    imbalance_subs.insert(instrument.value);
  }
  void subscribe_depth(core::InstrumentId instrument) override {
    depth_subs.insert(instrument.value);
  }
  [[nodiscard]] std::optional<model::Quote> quote(core::InstrumentId id) const override;
  [[nodiscard]] std::optional<double> last_price(core::InstrumentId id) const override;
  [[nodiscard]] core::Timestamp last_update(core::InstrumentId id) const override;
  [[nodiscard]] std::span<const model::Bar> bars(core::InstrumentId id,
                                                 analytics::Timeframe tf) const override;
  [[nodiscard]] std::vector<core::Date> expiries(std::string_view underlying,
                                                 core::Market market) const override;
  [[nodiscard]] OptionChainView option_chain(std::string_view underlying, core::Date expiry,
                                             core::Market market) const override;
  [[nodiscard]] std::optional<OptionContract> option(core::InstrumentId id) const override;
  [[nodiscard]] std::optional<sentiment::TickerSentiment> sentiment(
      std::string_view ticker) const override;
  [[nodiscard]] const analytics::AnalyticsCache* analytics() const override {
    return host_.cfg_.analytics;
  }
  [[nodiscard]] const portfolio::Portfolio* portfolio() const override {
    return host_.cfg_.portfolio;
  }
  [[nodiscard]] std::int64_t position(core::InstrumentId id) const override;
  [[nodiscard]] std::vector<StrategyPosition> positions() const override;
  [[nodiscard]] std::vector<core::ClientOrderId> working_orders() const override;
  std::uint64_t emit_signal(Signal s) override;
  void suppress(Suppression s) override;
  SubmitResult submit(model::OrderIntent intent) override;
  core::Status cancel(const core::ClientOrderId& id) override;
  engine::TimerId schedule_at(core::Timestamp when, std::string name) override;
  engine::TimerId schedule_every(core::Duration interval, std::string name) override;
  engine::TimerId schedule_daily(core::TimeOfDay local, std::string name,
                                 core::Market market) override;
  void cancel_timer(engine::TimerId id) override;
  void save_state() override;

  // Host side.
  Strategy& strategy() { return *strategy_; }
  const std::string& slot_name() const { return name_; }
  void start();
  void stop();
  void apply_fill(const model::Fill& f);
  void order_done(const core::ClientOrderId& id);
  std::uint64_t next_signal_id();
  // Runs a callback, then journals the snapshot when a signal or fill happened during it.
  template <typename F>
  void call(F&& f) {
    f();
    if (dirty_) {
      dirty_ = false;
      save_state();
    }
  }
  void mark_dirty() { dirty_ = true; }

  std::set<std::uint32_t> quote_subs;
  std::set<std::pair<std::string, core::Market>> option_subs;
  std::set<std::string> sentiment_subs;
  std::set<std::uint32_t> imbalance_subs;
  std::set<std::uint32_t> depth_subs;
  bool started = false;

 private:
  StrategyHost& host_;
  std::string name_;
  core::StrategyId id_;
  StrategyPtr strategy_;
  std::map<std::uint32_t, StrategyPosition> positions_;
  std::set<core::ClientOrderId> working_;
  std::set<core::ClientOrderId> done_;
  std::vector<engine::TimerId> timers_;
  std::uint32_t intent_seq_ = 0;
  std::uint64_t last_signal_low_ = 0;
  std::string last_state_;
  bool dirty_ = false;
};

// "z7-..." / "t7-3" -> 7 (0 when the id carries no strategy).
std::uint16_t strategy_of_client_order_id(std::string_view id);

}  // namespace zerodte::strategy
