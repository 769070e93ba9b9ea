#pragma once
// SnapshotPublisher: the kernel-side half of the dashboard. A kernel component that watches the
// bus (bars, option quotes, fills, strategy signals and suppressions, risk verdicts and events)
// and, on a kernel timer (default every 250 ms of kernel time), renders the Snapshot documents
// the API serves (/api/status, positions, orders, signals, metrics, chain/{u}, explain/{id}) in
// the shapes docs/DASHBOARD.md lists, and streams events (bar, trade_executed, signal_generated,
// position_update, system_status) through the StateHub. It only reads the portfolio, risk engine
// and order manager from the kernel thread; the HTTP/WebSocket threads only see the hub.
// Memory is bounded: candles, signals and explanations are capped.
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/engine/component.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/execution/order_manager.hpp"
#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/portfolio/portfolio.hpp"
#include "zerodte/risk/risk_engine.hpp"
#include "zerodte/server/state_hub.hpp"

namespace zerodte::strategy {
struct Signal;
struct Suppression;
}  // namespace zerodte::strategy

namespace zerodte::server {

struct PublisherConfig {
  std::string mode = "paper";  // "paper" | "live" | "backtest": shown in the header
  core::Duration interval = std::chrono::milliseconds(250);
  std::vector<core::InstrumentId> chart;  // underlyings charted; the first is the main one
  std::size_t max_candles = 390;
  std::size_t max_signals = 50;
  std::size_t max_explanations = 500;
  int chain_strikes = 10;  // ATM +- this many strikes in /api/chain
};

class SnapshotPublisher final : public engine::Component {
 public:
  SnapshotPublisher(StateHub& hub, const model::InstrumentRegistry& registry,
                    const portfolio::Portfolio& portfolio, risk::RiskEngine& risk,
                    const execution::OrderManager& orders, PublisherConfig config);
  ~SnapshotPublisher() override;

  [[nodiscard]] std::string_view name() const override { return "snapshot_publisher"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;
  [[nodiscard]] engine::Health health() const override;

  // Renders and publishes a snapshot now (the timer calls it).
  void publish();
  [[nodiscard]] std::uint64_t snapshots() const { return snapshots_; }

 private:
  struct Candle {
    std::int64_t time = 0;  // open, seconds since the epoch
    double open = 0, high = 0, low = 0, close = 0;
  };
  struct ChainSide {
    double bid = 0, ask = 0, iv = 0, delta = 0, gamma = 0, theta = 0, vega = 0;
    std::int64_t open_interest = 0;
    bool seen = false;
  };
  struct ChainRow {
    ChainSide call, put;
  };
  // underlying -> expiry (days since epoch) -> strike (raw price) -> row
  using Chain = std::map<std::int32_t, std::map<std::int64_t, ChainRow>>;
  struct Explanation {
    std::string id;
    std::string json;
  };

  void on_bar(const model::Bar& b);
  void on_option_quote(const model::OptionQuote& q);
  void on_fill(const model::Fill& f);
  void on_signal(const strategy::Signal& s);
  void on_suppression(const strategy::Suppression& s);
  void on_verdict(const risk::RiskVerdict& v);
  void on_risk_event(const risk::RiskEvent& e);
  void remember(std::string id, std::string json);
  [[nodiscard]] double spot(core::InstrumentId underlying) const;
  [[nodiscard]] std::string render_status() const;
  [[nodiscard]] std::string render_positions() const;
  [[nodiscard]] std::string render_orders() const;
  [[nodiscard]] std::string render_chain(core::InstrumentId underlying) const;
  [[nodiscard]] std::string render_correlation() const;

  StateHub& hub_;
  const model::InstrumentRegistry& registry_;
  const portfolio::Portfolio& portfolio_;
  risk::RiskEngine& risk_;  // read only (limits live behind a non-const accessor)
  const execution::OrderManager& orders_;
  PublisherConfig cfg_;
  engine::Kernel* kernel_ = nullptr;
  std::vector<engine::SubscriptionId> subs_;
  engine::TimerId timer_ = 0;
  std::unordered_map<std::uint32_t, std::deque<Candle>> candles_;
  std::unordered_map<std::uint32_t, double> last_price_;
  std::unordered_map<std::uint32_t, Chain> chains_;
  std::unordered_map<std::uint16_t, std::string> strategy_names_;
  std::deque<std::string> signals_;  // rendered signal rows, newest last
  std::deque<Explanation> explanations_;
  std::uint64_t snapshots_ = 0;
  core::Timestamp last_publish_;
};

}  // namespace zerodte::server
