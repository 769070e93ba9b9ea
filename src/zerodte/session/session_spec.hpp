#pragma once
// What a trading session is built from: the data source, the paper venue's fill model, fees and
// latencies, the order manager, the risk settings, and where the journal and the trading state
// live. spec_from_config() reads it from a validated config ([data], [broker], [journal],
// [risk], [entry], [exit] and [session], declared by register_session_keys()).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/core/config/config.hpp"
#include "zerodte/data/sim/chains_from_bars.hpp"
#include "zerodte/data/sim/market_simulator.hpp"
#include "zerodte/execution/order_manager.hpp"
#include "zerodte/execution/sim/sim_venue.hpp"
#include "zerodte/risk/risk_config.hpp"

namespace zerodte::session {

enum class SourceKind : std::uint8_t { kSim, kReplay };

struct DataSpec {
  SourceKind source = SourceKind::kSim;
  // Simulated market: every trading day in [from, to]. Replay: only events on those dates.
  std::optional<core::Date> from;
  std::optional<core::Date> to;
  data::SimConfig sim;             // date is taken from `from`
  std::vector<std::string> paths;  // replay: files (bar CSVs here; others via FileOpener)
  std::vector<std::string> symbols;
  bool chains_from_bars = true;  // bar files get option chains from the simulator's surface
  data::sim::ChainsFromBarsConfig chains;
  core::Duration latency{0};  // data latency: added to every receive time
  double speed = 0;           // 0: as fast as possible; N: N x real time
};

struct SessionSpec {
  DataSpec data;
  execution::sim::SimVenueConfig venue;
  execution::OrderManagerConfig orders;
  risk::RiskSettings risk;
  bool risk_exits = true;  // the risk engine's exit rules (stops, targets, flat before close)
  std::optional<std::filesystem::path> journal_dir;  // none: intents kept in memory
  bool journal_group_commit = false;
  std::optional<std::filesystem::path> trading_state_file;  // none: holds kept in memory
};

// Declares the [session] table (latencies, fill model, fees, chains from bars, trading-state
// file). `zerodte run` and `zerodte backtest` register it through the schema registry.
void register_session_keys(core::config::ConfigSchema& schema);

// Reads the spec from a loaded config; keys a partial schema lacks keep their defaults.
// `persistent_state`: keep risk holds in [session] trading_state_file (or
// <system.data_dir>/trading_state.tsv); otherwise in memory (backtests).
core::Result<SessionSpec> spec_from_config(const core::config::Config& cfg, bool persistent_state);

}  // namespace zerodte::session
