#include "zerodte/backtest/config_run.hpp"

#include <fmt/core.h>

#include <map>

#include "zerodte/session/session_spec.hpp"
#include "zerodte/strategy/registry.hpp"

namespace zerodte::backtest {

namespace cfgns = core::config;

void register_backtest_keys(cfgns::ConfigSchema& schema) {
  auto& b = schema.table("backtest", "`zerodte backtest`: range, sampling and report.");
  b.add_string("from", "", "First day (YYYY-MM-DD); empty: the data's first day.");
  b.add_string("to", "", "Last day (YYYY-MM-DD); empty: the data's last day (or `from`).");
  b.add_duration("equity_interval", "1m", "Equity/Greeks sampling interval while open.")
      .range(1, 86400);
  b.add_string("report_dir", "var/backtest/report", "Default --report directory.");
}

namespace {

std::optional<core::Date> date_key(const cfgns::Config& cfg, std::string_view key) {
  auto s = cfg.find<std::string>(key);
  if (!s || s->empty()) return std::nullopt;
  auto d = core::Date::parse(*s);
  if (!d) return std::nullopt;
  return *d;
}

}  // namespace

std::pair<std::optional<core::Date>, std::optional<core::Date>> effective_range(
    const cfgns::Config& cfg, const RunRequest& r) {
  auto from = r.from ? r.from : date_key(cfg, "backtest.from");
  auto to = r.to ? r.to : date_key(cfg, "backtest.to");
  return {from, to};
}

core::Result<BacktestResult> run_backtest_config(const cfgns::Config& cfg, const RunRequest& r) {
  for (const char* key : {"backtest.from", "backtest.to"}) {
    if (auto s = cfg.find<std::string>(key); s && !s->empty() && !core::Date::parse(*s)) {
      return core::fail(core::ErrorCode::kConfig, "{}: {} = \"{}\" is not a YYYY-MM-DD date",
                        cfg.source(), key, *s);
    }
  }
  auto spec = session::spec_from_config(cfg, /*persistent_state=*/false);
  if (!spec) return std::unexpected(spec.error());
  spec->journal_dir.reset();
  spec->trading_state_file.reset();
  if (!r.data.empty()) {
    spec->data.source = session::SourceKind::kReplay;
    spec->data.paths = r.data;
  }
  auto [from, to] = effective_range(cfg, r);
  if (from && to && *to < *from) {
    return core::fail(core::ErrorCode::kInvalid, "--to {} is before --from {}", to->to_string(),
                      from->to_string());
  }
  if (spec->data.source == session::SourceKind::kSim) {
    if (!from) {
      return core::fail(core::ErrorCode::kInvalid,
                        "{}: the simulated market needs a range: --from/--to or [backtest] "
                        "from/to",
                        cfg.source());
    }
    if (!to) to = from;
  }
  spec->data.from = from;
  spec->data.to = to;

  BacktestOptions o;
  o.spec = std::move(*spec);
  o.hooks.open_file = r.open_file;
  o.report_dir = r.report_dir;
  o.progress = r.progress;
  o.report.title = r.title.empty() ? fmt::format("zerodte backtest: {}", cfg.source()) : r.title;
  o.report.info.emplace("config", cfg.source());
  o.report.info.emplace("fill_model", std::string(o.spec.venue.fill_model.label()));
  if (auto iv = cfg.find<core::Duration>("backtest.equity_interval"))
    o.recorder.equity_interval = *iv;
  auto instances = strategy::make_strategies_from_config(cfg);
  if (!instances) return std::unexpected(instances.error());
  std::string names;
  auto id_names = std::make_shared<std::map<std::uint16_t, std::string>>();
  for (const auto& i : *instances) {
    if (!i.enabled) continue;
    (*id_names)[i.id.value] = i.name;
    names += (names.empty() ? "" : ",") + i.name;
  }
  o.report.info.emplace("strategies", names.empty() ? "(none)" : names);
  auto shared = std::make_shared<std::vector<strategy::StrategyInstance>>(std::move(*instances));
  o.attach = [shared, id_names](session::TradingSession& s, RecorderConfig& rc) -> core::Status {
    rc.strategy_name = [id_names](core::StrategyId id) {
      auto it = id_names->find(id.value);
      return it == id_names->end() ? std::string() : it->second;
    };
    return s.add_strategies(std::move(*shared));
  };
  return run_backtest(std::move(o));
}

}  // namespace zerodte::backtest
