#pragma once
// moc_imbalance (seed 003 "MOC Imbalance"): the closing-auction imbalance predicted from the
// exchange's Imbalance events and confirmed by the last five depth snapshots
// (ClosingImbalancePredictor) above `threshold` of the paired quantity -> between 15:30 and 15:50
// buy the 0DTE ATM call (buy-side imbalance) or put (sell-side), limit at the mid, notional
// (premium x multiplier x contracts) <= 4% of equity. Exits: at the 15:55 time stop when the
// predicted imbalance decayed below decay_fraction of its value at entry (or flipped side), and
// at close_exit (15:59) otherwise ("exit at the close"). One trade per symbol per day.
// Stay-out with a logged reason: outside the window, stale depth (older than max_depth_age, seed
// 003: 5 s), option filters failing, notional budget too small.
#include <map>
#include <string>

#include "zerodte/strategy/market_structure/closing_imbalance.hpp"
#include "zerodte/strategy/market_structure/open_trade.hpp"
#include "zerodte/strategy/registry.hpp"

namespace zerodte::strategy::market_structure {

struct MocImbalanceParams {
  std::vector<std::string> symbols{"SPY"};
  ImbalanceConfig model;
  double max_notional_pct = 4.0;
  double decay_fraction = 0.5;
  double max_spread = 0.40;
  std::int64_t min_open_interest = 1000;
  double equity = 100'000;
  core::Duration max_depth_age = std::chrono::seconds(5);
  core::TimeOfDay entry_start{15, 30, 0};
  core::TimeOfDay entry_end{15, 50, 0};
  core::TimeOfDay time_stop{15, 55, 0};
  core::TimeOfDay close_exit{15, 59, 0};

  static void declare(TableSpec& t);
  static core::Result<MocImbalanceParams> from(const ConfigTable& t);
};

class MocImbalance final : public Strategy {
 public:
  explicit MocImbalance(MocImbalanceParams p) : p_(std::move(p)) {}
  void on_start() override;
  void on_imbalance(const model::Imbalance& i) override;
  void on_depth(const model::BookDepth& d) override;
  void on_timer(std::string_view name, core::Timestamp scheduled) override;
  void on_fill(const model::Fill& f) override;
  void on_order_update(const model::OrderUpdate& u) override;
  [[nodiscard]] std::string snapshot() const override;
  core::Status restore(std::string_view state) override;

 private:
  struct Ticker {
    core::InstrumentId id;
    ClosingImbalancePredictor predictor;
    core::Timestamp last_depth;
    core::Date day;         // of the predictor's data
    core::Date traded_day;  // one trade per day
    core::Date window_logged_day;
  };
  void evaluate(const std::string& sym, Ticker& t);
  [[nodiscard]] core::Timestamp close_of_today() const;
  Ticker* ticker_of(core::InstrumentId id, std::string* sym = nullptr);

  MocImbalanceParams p_;
  std::map<std::string, Ticker> tickers_;
  std::vector<OpenTrade> trades_;
};

}  // namespace zerodte::strategy::market_structure
