#pragma once
// The analytics cache: a kernel component holding, per instrument and timeframe, the latest value
// of every indicator a strategy subscribed to, with the time of its last update, plus a heartbeat
// so risk and the overseer can tell stale analytics from quiet markets.
//
// It listens to model::Bar on the bus. For each subscribed (instrument, timeframe) it runs an
// IndicatorSet, resampling finer bars with a session-aware BarAggregator when the timeframe is
// coarser than the incoming bars. After each update it publishes an AnalyticsUpdate on the bus
// (topic = instrument). Other producers (VPIN, regime, vol forecast) store values with put().
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/analytics/bar_aggregator.hpp"
#include "zerodte/analytics/indicator_set.hpp"
#include "zerodte/analytics/validator.hpp"
#include "zerodte/engine/component.hpp"

namespace zerodte::engine {
class Kernel;
}

namespace zerodte::analytics {

// Names of the IndicatorSet fields ("sma_20", "rsi_14", ... "hour_low").
const std::vector<std::string_view>& indicator_names();
std::optional<double> indicator_value(const IndicatorValues& v, std::string_view name);

struct CachedValue {
  double value = 0;
  core::Timestamp updated_at;
  std::uint64_t updates = 0;
};

struct AnalyticsUpdate {
  core::InstrumentId instrument;
  Timeframe timeframe;
  core::Timestamp ts;  // clock time of the update (bar close)
  IndicatorValues values;
};

struct StaleEntry {
  core::InstrumentId instrument;
  Timeframe timeframe;
  std::string name;
  core::Timestamp updated_at;  // zero = never updated
};

struct AnalyticsCacheConfig {
  core::Market market = core::Market::kNyse;
  core::Duration heartbeat = std::chrono::seconds(1);
  core::Duration stale_after = std::chrono::minutes(2);  // per value, inside a session
  // Build 1-minute bars from model::Trade (for feeds without bars); the heartbeat closes a minute
  // once its end has passed even when no further trade arrives. Off when the feed sends bars.
  bool bars_from_trades = false;
  ValidatorConfig validation;  // applied to every incoming bar and trade
};

class AnalyticsCache final : public engine::Component {
 public:
  explicit AnalyticsCache(AnalyticsCacheConfig cfg = {});
  ~AnalyticsCache() override;

  // Before or after start(). Unknown indicator names are an error naming the valid ones.
  core::Status subscribe(core::InstrumentId instrument, Timeframe tf, std::string_view indicator);
  // Values from other producers (VPIN, regime, ...), stored under any name.
  void put(core::InstrumentId instrument, Timeframe tf, std::string_view name, double value,
           core::Timestamp ts);

  [[nodiscard]] std::optional<CachedValue> get(core::InstrumentId instrument, Timeframe tf,
                                               std::string_view name) const;
  // Subscribed values not updated within stale_after of `now` while the market is open.
  [[nodiscard]] std::vector<StaleEntry> stale(core::Timestamp now) const;
  [[nodiscard]] core::Timestamp last_heartbeat() const { return last_heartbeat_; }
  // Bars and trades refused by validation (they never reach the indicators), per reason.
  [[nodiscard]] std::uint64_t rejected(RejectReason reason) const;
  [[nodiscard]] std::uint64_t rejected_total() const;

  [[nodiscard]] std::string_view name() const override { return "analytics"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;
  [[nodiscard]] engine::Health health() const override;

  // Feeds a bar directly (what the bus subscription does); `now` = the clock time.
  void on_bar(const model::Bar& bar, core::Timestamp now);
  // Feeds a trade (bars_from_trades) and the clock (closes due minute bars).
  void on_trade(const model::Trade& trade, core::Timestamp now);
  void on_time(core::Timestamp now);

 private:
  struct Stream;
  using Key = std::pair<std::uint32_t, std::int32_t>;  // instrument, timeframe seconds
  Stream& stream(core::InstrumentId instrument, Timeframe tf);
  void route_bar(const model::Bar& bar, core::Timestamp now);  // already validated
  Validator& validator(std::map<std::uint32_t, std::unique_ptr<Validator>>& m, std::uint32_t inst);
  void feed(Stream& s, const model::Bar& bar, core::Timestamp now);

  AnalyticsCacheConfig cfg_;
  const core::TradingCalendar& calendar_;
  engine::Kernel* kernel_ = nullptr;
  std::map<Key, std::unique_ptr<Stream>> streams_;
  std::map<std::uint32_t, std::unique_ptr<BarAggregator>> minute_builders_;  // by instrument
  std::map<std::uint32_t, std::unique_ptr<Validator>> bar_validators_;
  std::map<std::uint32_t, std::unique_ptr<Validator>> trade_validators_;
  core::Timestamp builder_now_;
  std::map<std::tuple<std::uint32_t, std::int32_t, std::string>, CachedValue> values_;
  std::vector<std::tuple<std::uint32_t, std::int32_t, std::string>> subscribed_;
  core::Timestamp last_heartbeat_;
  core::Timestamp last_activity_;
  std::uint64_t timer_ = 0;
};

}  // namespace zerodte::analytics
