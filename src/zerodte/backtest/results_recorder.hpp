#pragma once
// Records what a backtest's results are made of, as a kernel component of the trading session
// (added last, so it sees each fill after the risk engine has applied it to the portfolio):
//  * one TradeRow per fill: strategy, signal id, explanation (the intent's tag, or "expiry
//    settlement"), price, fee, the P&L the fill realised, slippage against the mid at the time,
//    and the signal-to-fill latency;
//  * an EquityRow every `equity_interval` while the market is open (equity, cash, P&L, fees,
//    drawdown, account Greeks, the main underlying's price, open positions);
//  * OrderRows at the end: every order the order manager saw and every intent risk rejected.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/engine/component.hpp"
#include "zerodte/portfolio/greeks_exposure.hpp"
#include "zerodte/session/trading_session.hpp"

namespace zerodte::backtest {

struct TradeRow {
  std::uint64_t seq = 0;
  core::Timestamp ts;       // venue time of the fill
  core::Timestamp ts_recv;  // when the kernel saw it
  std::string strategy;
  std::uint64_t signal_id = 0;
  std::string client_order_id;
  std::string symbol;
  std::string underlying;
  model::Side side = model::Side::kBuy;
  std::int64_t quantity = 0;
  std::int64_t multiplier = 1;
  core::Price price;
  core::Price fee;
  core::Price realized;  // P&L realised by this fill, before fees
  core::Price mid = core::Price::undefined();
  core::Price slippage;       // cost against the mid, money (+ = paid away)
  core::Timestamp signal_ts;  // the intent's creation time (zero for settlements)
  std::string explanation;
};

struct EquityRow {
  core::Timestamp ts;
  core::Price equity;
  core::Price cash;
  core::Price realized;
  core::Price unrealized;
  core::Price fees;
  portfolio::GreeksExposure greeks;
  double underlying_price = 0;
  std::int64_t open_positions = 0;
};

struct OrderRow {
  core::Timestamp ts;
  std::string client_order_id;
  std::string strategy;
  std::uint64_t signal_id = 0;
  std::string symbols;  // legs joined by '+'
  std::string side;
  std::int64_t quantity = 0;
  std::string type;
  core::Price limit = core::Price::undefined();
  std::string status;
  std::int64_t filled = 0;
  core::Price avg_price = core::Price::undefined();
  std::string reason;
  std::string tag;
};

struct RecorderConfig {
  core::Duration equity_interval = std::chrono::minutes(1);
  std::function<std::string(core::StrategyId)> strategy_name;  // default "strategy-<id>"
};

class ResultsRecorder final : public engine::Component {
 public:
  ResultsRecorder(session::TradingSession& session, RecorderConfig cfg = {});
  [[nodiscard]] std::string_view name() const override { return "backtest_recorder"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;

  // After the run: a last equity sample and the order table.
  void finish();

  [[nodiscard]] const std::vector<TradeRow>& trades() const { return trades_; }
  [[nodiscard]] const std::vector<EquityRow>& equity() const { return equity_; }
  [[nodiscard]] const std::vector<OrderRow>& orders() const { return orders_; }
  [[nodiscard]] core::Price starting_equity() const { return start_equity_; }
  [[nodiscard]] std::string strategy_name(core::StrategyId id) const;
  [[nodiscard]] std::string main_underlying() const { return main_symbol_; }
  // Strategy decisions not acted on, by "strategy: reason" (from strategy::Suppression).
  [[nodiscard]] const std::map<std::string, std::int64_t>& suppressions() const {
    return suppressions_;
  }
  [[nodiscard]] std::int64_t signals() const { return signals_; }

 private:
  void on_fill(const model::Fill& f);
  void sample(core::Timestamp t);
  [[nodiscard]] std::string symbol_of(core::InstrumentId id) const;
  [[nodiscard]] std::string underlying_of(core::InstrumentId id) const;

  session::TradingSession& session_;
  RecorderConfig cfg_;
  engine::Kernel* kernel_ = nullptr;
  std::vector<engine::SubscriptionId> subs_;
  engine::TimerId timer_ = 0;
  std::unordered_map<std::uint32_t, std::pair<core::Price, core::Price>> books_;
  std::unordered_map<std::uint32_t, double> last_px_;
  core::InstrumentId main_;
  std::string main_symbol_;
  core::Price start_equity_;
  core::Price last_realized_;
  std::vector<TradeRow> trades_;
  std::vector<EquityRow> equity_;
  std::vector<OrderRow> orders_;
  std::unordered_map<std::uint64_t, std::string> signal_text_;  // signal id -> its action/evidence
  std::map<std::string, std::int64_t> suppressions_;
  std::int64_t signals_ = 0;
  bool finished_ = false;
};

}  // namespace zerodte::backtest
