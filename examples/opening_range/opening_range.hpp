#pragma once
// A user-written strategy built only on zerodte's public strategy API (an example, not a
// built-in): opening-range breakout traded with a debit vertical spread.
//
//  * the opening range is the high/low of the first `range_minutes` one-minute bars;
//  * the first later close above (below) the range buys a call (put) debit vertical: long the
//    ATM strike, short `width` strikes further out, on the 0DTE expiry, limit at the net mid;
//  * the exit plan comes from make_plan(): take profit / stop on the spread's mid value, or
//    time_exit; one trade a day.
#include <optional>
#include <string>

#include "zerodte/strategy/option_selector.hpp"
#include "zerodte/strategy/registry.hpp"
#include "zerodte/strategy/structures.hpp"

namespace example {

struct OpeningRangeParams {
  std::string symbol = "SPY";
  int range_minutes = 15;
  int width = 2;               // strikes between the long and the short leg
  std::int64_t quantity = 1;   // spreads per trade
  double target_return = 0.5;  // +50% on the debit
  double stop_fraction = 0.5;  // -50% of the debit
  zerodte::core::TimeOfDay time_exit{15, 30, 0};
};

class OpeningRange final : public zerodte::strategy::Strategy {
 public:
  explicit OpeningRange(OpeningRangeParams p) : p_(std::move(p)) {}
  void on_start() override;
  void on_bar(const zerodte::model::Bar& bar, zerodte::analytics::Timeframe tf) override;
  void on_timer(std::string_view name, zerodte::core::Timestamp scheduled) override;
  void on_fill(const zerodte::model::Fill& f) override;

  struct Open {
    zerodte::strategy::Structure spread;
    zerodte::strategy::EntryExitPlan plan;
    std::int64_t filled_legs = 0;
    bool exiting = false;
  };
  [[nodiscard]] const std::optional<Open>& open() const { return open_; }

 private:
  void enter(zerodte::strategy::Direction d, double close);
  void exit(const std::string& reason);
  [[nodiscard]] std::optional<double> spread_mid() const;

  OpeningRangeParams p_;
  zerodte::core::InstrumentId underlying_;
  zerodte::core::Date day_;
  int bars_today_ = 0;
  double high_ = 0, low_ = 0;
  bool traded_today_ = false;
  std::optional<Open> open_;
};

// Adds "opening_range" (parameters, defaults, factory) to `registry`. Code outside the zerodte
// tree registers explicitly like this instead of relying on static registrars.
zerodte::core::Status register_opening_range(zerodte::strategy::StrategyRegistry& registry);

}  // namespace example
