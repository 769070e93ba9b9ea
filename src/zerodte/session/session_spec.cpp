#include "zerodte/session/session_spec.hpp"

#include <fmt/core.h>

namespace zerodte::session {

namespace cfgns = core::config;

void register_session_keys(cfgns::ConfigSchema& schema) {
  auto& s = schema.table("session", "Wiring shared by `zerodte run` and `zerodte backtest`.");
  s.add_duration("data_latency", "0s",
                 "Added to every market event's receive time (decisions see data this late).")
      .range(0, 60);
  s.add_duration("order_latency", "0s", "Order entry latency of the paper venue.").range(0, 60);
  s.add_duration("report_latency", "0s", "Latency of the paper venue's reports (acks, fills).")
      .range(0, 60);
  s.add_enum("fill_model", "touch", {"touch", "mid", "size_aware"},
             "Paper venue fills: touch (buy ask / sell bid), mid (optimistic), size_aware.");
  s.add_enum("fees", "default", {"default", "zero"},
             "default: US option commissions and regulatory fees; zero: frictionless.");
  s.add_bool("chains_from_bars", true,
             "Bar files get option chains from the simulator's surface calibrated to the bars' "
             "realized volatility.");
  s.add_int("chain_strikes_each_side", 10, "Strikes each side of the money per chain.")
      .range(0, 200);
  s.add_double("chain_strike_step", 1.0, "Strike spacing of generated chains.").range(0.01, 1000);
  s.add_int("chain_every_n_bars", 1, "A chain every N bars (1: every minute of 1-minute bars).")
      .range(1, 10000);
  s.add_string("trading_state_file", "",
               "Risk holds (HALTED/REDUCING) survive restarts here; empty: "
               "<system.data_dir>/trading_state.tsv. Backtests keep them in memory.");
}

namespace {

template <typename T>
T get_or(const cfgns::Config& cfg, std::string_view key, T dflt) {
  if (auto v = cfg.find<T>(key)) return *v;
  return dflt;
}

}  // namespace

core::Result<SessionSpec> spec_from_config(const cfgns::Config& cfg, bool persistent_state) {
  SessionSpec spec;
  auto& d = spec.data;
  const auto source = get_or<std::string>(cfg, "data.source", "sim");
  if (source == "sim") {
    d.source = SourceKind::kSim;
  } else if (source == "replay") {
    d.source = SourceKind::kReplay;
  } else {
    return core::fail(core::ErrorCode::kUnsupported,
                      "{}: data.source = \"{}\" cannot be replayed by a session (use \"sim\" or "
                      "\"replay\")",
                      cfg.source(), source);
  }
  d.paths = get_or<std::vector<std::string>>(cfg, "data.paths", {});
  d.symbols = get_or<std::vector<std::string>>(cfg, "data.symbols", {});
  d.sim.seed = static_cast<std::uint64_t>(get_or<std::int64_t>(cfg, "data.sim_seed", 1));
  d.speed = get_or<double>(cfg, "data.speed", 0.0);
  d.latency = get_or<core::Duration>(cfg, "session.data_latency", core::Duration{0});
  if (d.latency.count() > 0) d.sim.latency_ns = d.latency.count();
  d.chains_from_bars = get_or<bool>(cfg, "session.chains_from_bars", true);
  d.chains.strikes_each_side =
      static_cast<int>(get_or<std::int64_t>(cfg, "session.chain_strikes_each_side", 10));
  d.chains.strike_step = get_or<double>(cfg, "session.chain_strike_step", 1.0);
  d.chains.every_n_bars =
      static_cast<int>(get_or<std::int64_t>(cfg, "session.chain_every_n_bars", 1));

  auto& v = spec.venue;
  v.starting_cash =
      get_or<core::Price>(cfg, "broker.starting_cash", core::Price::from_units(100000));
  v.order_entry_latency = get_or<core::Duration>(cfg, "session.order_latency", core::Duration{0});
  v.report_latency = get_or<core::Duration>(cfg, "session.report_latency", core::Duration{0});
  const auto fill = get_or<std::string>(cfg, "session.fill_model", "touch");
  v.fill_model = fill == "mid"          ? execution::sim::FillModel::mid()
                 : fill == "size_aware" ? execution::sim::FillModel::size_aware()
                                        : execution::sim::FillModel::touch();
  if (get_or<std::string>(cfg, "session.fees", "default") == "zero")
    v.fees = execution::sim::FeeSchedule::zero();

  if (cfg.find<double>("risk.price_band_pct")) spec.risk = risk::settings_from_config(cfg);

  if (auto dir = cfg.find<std::string>("journal.dir"); dir && !dir->empty()) {
    spec.journal_dir = *dir;
    spec.journal_group_commit = get_or<std::string>(cfg, "journal.fsync", "") == "group_commit";
  }
  if (persistent_state) {
    auto file = get_or<std::string>(cfg, "session.trading_state_file", "");
    if (file.empty())
      file = (std::filesystem::path(get_or<std::string>(cfg, "system.data_dir", "var")) /
              "trading_state.tsv")
                 .string();
    spec.trading_state_file = file;
  }
  return spec;
}

}  // namespace zerodte::session
