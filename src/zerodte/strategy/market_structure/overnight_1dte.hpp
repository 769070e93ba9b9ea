#pragma once
// overnight_1dte (seed 003 "1DTE Overnight"): at the end of the day, when the minute-bar regime
// is trending (analytics::MarketRegimeClassifier, confidence >= min_regime_confidence) with a day
// move >= min_day_move_pct and the 1DTE ATM implied vol sits >= min_iv_rv_gap under the day's
// realized vol (OvernightModel), buy the 1DTE ATM call (up day) or put (down day) in the last 30
// minutes, limit at the mid; one position per symbol; sized to position_pct of equity while the
// margin in use stays <= 35% of equity. Exits: the trailing-stop ladder (from the next session's
// open by default: the point is the overnight hold), and exit_deadline (10:00, the first 30
// minutes of the next session) at the latest.
// Stay-out with a logged reason: outside the entry window, stale bars or chain, the implied-vs-
// realized filter or the option filters failing, no margin room.
#include <map>
#include <string>

#include "zerodte/strategy/market_structure/open_trade.hpp"
#include "zerodte/strategy/market_structure/overnight_model.hpp"
#include "zerodte/strategy/registry.hpp"

namespace zerodte::strategy::market_structure {

struct OvernightParams {
  std::vector<std::string> symbols{"SPY"};
  OvernightConfig model;
  double trail_pct = 15.0;
  bool trail_from_next_session = true;  // no ladder exits on the entry day (hold overnight)
  std::int64_t max_contracts = 6;       // risk's default per-order cap
  double max_spread = 0.40;
  std::int64_t min_open_interest = 1000;
  double equity = 100'000;
  core::Duration max_bar_age = std::chrono::minutes(2);
  core::Duration max_chain_age = std::chrono::seconds(60);
  core::TimeOfDay entry_start{15, 30, 0};
  core::TimeOfDay entry_end{15, 58, 0};
  core::TimeOfDay exit_deadline{10, 0, 0};

  static void declare(TableSpec& t);
  static core::Result<OvernightParams> from(const ConfigTable& t);
};

class Overnight1Dte final : public Strategy {
 public:
  explicit Overnight1Dte(OvernightParams p) : p_(std::move(p)) {}
  void on_start() override;
  void on_bar(const model::Bar& bar, analytics::Timeframe tf) override;
  void on_option_chain(const OptionChainUpdate& u) override;
  void on_timer(std::string_view name, core::Timestamp scheduled) override;
  void on_fill(const model::Fill& f) override;
  void on_order_update(const model::OrderUpdate& u) override;
  [[nodiscard]] std::string snapshot() const override;
  core::Status restore(std::string_view state) override;

 private:
  struct Ticker {
    core::InstrumentId id;
    OvernightModel model;
    core::Date day;
    std::map<std::string, core::Date> logged;  // one suppression per reason per symbol per day
  };
  void evaluate(const std::string& sym, Ticker& t);
  void manage(OpenTrade& tr);
  void log_once(Ticker& t, const std::string& sym, Direction d, std::string reason,
                std::string detail, std::vector<Evidence> ev);

  OvernightParams p_;
  std::map<std::string, Ticker> tickers_;
  std::vector<OpenTrade> trades_;
};

}  // namespace zerodte::strategy::market_structure
