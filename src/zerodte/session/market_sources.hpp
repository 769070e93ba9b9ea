#pragma once
// Market data sources a trading session replays, built from configuration:
//  * MultiDaySimSource: the seeded market simulator over consecutive trading days, one day in
//    memory at a time (each day opens at the previous day's closing spots, seed + day index);
//  * bar files: each bar CSV becomes a stream of bars made visible at their close (a bar's
//    ts_recv is never before the end of the minute it describes), followed by an option chain
//    priced from the simulator's surface calibrated causally to the bars' realized volatility
//    (data/sim/chains_from_bars.hpp);
//  * DelayedSource: adds a fixed data latency to every event's receive time.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/core/calendar.hpp"
#include "zerodte/data/sim/chains_from_bars.hpp"
#include "zerodte/data/sim/market_simulator.hpp"
#include "zerodte/engine/event_source.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::session {

class MultiDaySimSource final : public engine::EventSource {
 public:
  // Every NYSE trading day in [from, to]; an empty range is an error naming it.
  static core::Result<std::unique_ptr<MultiDaySimSource>> create(
      data::SimConfig base, core::Date from, core::Date to, model::InstrumentRegistry& registry);
  std::optional<engine::Event> next() override;

  [[nodiscard]] const std::vector<core::Date>& days() const { return days_; }
  [[nodiscard]] core::Timestamp start_time() const;
  [[nodiscard]] const std::optional<core::Error>& error() const { return error_; }

 private:
  MultiDaySimSource(data::SimConfig base, std::vector<core::Date> days,
                    model::InstrumentRegistry& registry)
      : base_(std::move(base)), days_(std::move(days)), registry_(registry) {}
  bool open_day();

  data::SimConfig base_;
  std::vector<core::Date> days_;
  model::InstrumentRegistry& registry_;
  std::size_t day_ = 0;
  std::unique_ptr<data::MarketSimulator> sim_;
  std::optional<core::Error> error_;
};

class DelayedSource final : public engine::EventSource {
 public:
  DelayedSource(std::unique_ptr<engine::EventSource> inner, core::Duration latency)
      : inner_(std::move(inner)), latency_(latency) {}
  std::optional<engine::Event> next() override;

 private:
  std::unique_ptr<engine::EventSource> inner_;
  core::Duration latency_;
};

struct BarFileOptions {
  std::optional<core::Date> from;  // inclusive, exchange-local dates
  std::optional<core::Date> to;
  bool chains = true;  // add option chains from the bars
  data::sim::ChainsFromBarsConfig chain;
};

struct BarFileSource {
  std::unique_ptr<engine::EventSource> source;
  std::string symbol;
  std::size_t bars = 0;
  core::Timestamp first_visible;  // receive time of the first bar (its close)
  core::Timestamp last_visible;   // and of the last
  std::string report;             // the CSV reader's summary
};

// Reads one bar CSV (symbol from the file name unless given). Bars outside [from, to] are
// dropped; no bar left is an error naming the file and the range.
core::Result<BarFileSource> open_bar_file(const std::string& path, std::string symbol,
                                          model::InstrumentRegistry& registry,
                                          const BarFileOptions& options);

}  // namespace zerodte::session
