#pragma once
// gamma_scalp_0dte (seed 003 "0DTE Gamma Scalping"): a strike holding a high share of the 0DTE
// chain's gamma exposure (quant::analyse_chain GEX) with a liquid book; when price approaches
// that strike with momentum (ApproachDetector on minute closes), buy the 0DTE ATM call (rising
// toward a strike above) or put (falling toward one below), limit at the mid, sized to 2% of
// equity per trade (premium at risk) and 6% per day, at most 6 contracts per ticker.
// Exits: the trailing-stop ladder (15% -> lock +50/+100/+200% at +100/+200/+300%, green never
// red; risk::evaluate_exit), the gamma unwind signal, and flat at exit_time.
// Suppressed with a logged reason (stale_analytics) when the chain's newest quote or the last
// minute bar is older than the limits, or the analytics cache reports a stale value.
#include <map>
#include <string>

#include "zerodte/strategy/market_structure/gamma_strike.hpp"
#include "zerodte/strategy/market_structure/open_trade.hpp"
#include "zerodte/strategy/registry.hpp"

namespace zerodte::strategy::market_structure {

struct GammaScalpParams {
  std::vector<std::string> symbols{"SPY"};
  GammaScalpConfig model;
  double trail_pct = 15.0;
  double min_liquidity = 0.5;  // book liquidity score when depth is available
  double max_spread = 0.40;
  double max_spread_pct = 0.10;
  std::int64_t min_open_interest = 1000;
  std::int64_t min_volume = 1;  // volume > 0 (quotes without volume: set 0)
  double equity = 100'000;      // when the host has no portfolio
  core::Duration max_chain_age = std::chrono::seconds(10);
  core::Duration max_bar_age = std::chrono::minutes(2);
  core::TimeOfDay entry_start{9, 45, 0};
  core::TimeOfDay entry_end{15, 30, 0};
  core::TimeOfDay exit_time{15, 50, 0};

  static void declare(TableSpec& t);
  static core::Result<GammaScalpParams> from(const ConfigTable& t);
};

class GammaScalp0Dte final : public Strategy {
 public:
  explicit GammaScalp0Dte(GammaScalpParams p);
  void on_start() override;
  void on_bar(const model::Bar& bar, analytics::Timeframe tf) override;
  void on_depth(const model::BookDepth& d) override;
  void on_option_chain(const OptionChainUpdate& u) override;
  void on_timer(std::string_view name, core::Timestamp scheduled) override;
  void on_fill(const model::Fill& f) override;
  void on_order_update(const model::OrderUpdate& u) override;
  [[nodiscard]] std::string snapshot() const override;
  core::Status restore(std::string_view state) override;

 private:
  struct Ticker {
    core::InstrumentId id;
    ApproachDetector approach;
    double liquidity = -1;  // latest book liquidity score (-1: no depth seen)
    bool stale_logged = false;
    core::Date day;
  };
  void evaluate(const std::string& sym, Ticker& t, double spot);
  void manage(OpenTrade& trade, const std::string& why);
  [[nodiscard]] std::string stale_reason(const std::string& sym, const Ticker& t,
                                         const OptionChainView& chain) const;

  GammaScalpParams p_;
  GammaRiskBudget budget_;
  core::Date budget_day_;
  std::map<std::string, Ticker> tickers_;
  std::vector<OpenTrade> trades_;
};

}  // namespace zerodte::strategy::market_structure
