#pragma once
// swing (seed 003 "Swing Trades"): multi-day pullback setups in the direction of the
// higher-timeframe (daily EMA) trend (SwingSetupDetector on daily bars), entered with a 25/50/25
// ladder of GTC limit orders (at the setup close, 0.5 and 1.0 ATR better) scaled over up to
// entry_days sessions; exits at the daily close on the stop (1.5 ATR), the target (3 ATR), after
// min_hold_days without profit, or at max_hold_days (5-10 day max hold). At most 3 open swings
// and a portfolio heat (open risk to the stops) <= 20% of equity. Shares of the underlying.
// Stay-out with a logged reason: a late/stale daily bar, the liquidity filter, heat, the swing
// count, short setups when shorting is off.
#include <map>
#include <string>

#include "zerodte/strategy/market_structure/open_trade.hpp"
#include "zerodte/strategy/market_structure/swing_model.hpp"
#include "zerodte/strategy/registry.hpp"

namespace zerodte::strategy::market_structure {

struct SwingParams {
  std::vector<std::string> symbols{"SPY", "QQQ", "IWM"};
  SwingConfig model;
  bool allow_short = false;
  double equity = 100'000;
  core::Duration max_bar_age = std::chrono::hours(1);

  static void declare(TableSpec& t);
  static core::Result<SwingParams> from(const ConfigTable& t);
};

class Swing final : public Strategy {
 public:
  explicit Swing(SwingParams p) : p_(std::move(p)) {}
  void on_start() override;
  void on_bar(const model::Bar& bar, analytics::Timeframe tf) override;
  void on_fill(const model::Fill& f) override;
  void on_order_update(const model::OrderUpdate& u) override;
  [[nodiscard]] std::string snapshot() const override;
  core::Status restore(std::string_view state) override;

 private:
  struct Ticker {
    core::InstrumentId id;
    SwingSetupDetector detector;
  };
  void evaluate(const std::string& sym, Ticker& t, const model::Bar& bar, const SwingSetup& s);
  void manage(OpenTrade& tr, const model::Bar& bar);
  [[nodiscard]] int sessions_since(core::Timestamp opened) const;
  [[nodiscard]] double heat() const;

  SwingParams p_;
  std::map<std::string, Ticker> tickers_;
  std::vector<OpenTrade> trades_;
};

}  // namespace zerodte::strategy::market_structure
