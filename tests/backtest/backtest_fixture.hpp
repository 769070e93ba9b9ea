#pragma once
// Shared set-up of the backtest tests: one or two days of the real SPY minute bars
// (../shared/data/bars/intraday-1m, 2024-08) with small generated chains, and the probe strategy.
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "backtest/probe_strategy.hpp"
#include "zerodte/backtest/backtest_driver.hpp"

namespace zerodte::testing {

inline std::string spy_bars() {
  return std::string(ZERODTE_SHARED_DATA) + "/bars/intraday-1m/gcfc-money-tree_SPY_1m_2024-08.csv";
}

inline session::SessionSpec bar_spec(core::Date from, core::Date to) {
  session::SessionSpec spec;
  spec.data.source = session::SourceKind::kReplay;
  spec.data.paths = {spy_bars()};
  spec.data.from = from;
  spec.data.to = to;
  spec.data.chains.strikes_each_side = 3;
  spec.data.chains.dte = {0, 1};
  spec.risk_exits = false;  // the probe decides its exits (tests that want risk's enable them)
  return spec;
}

struct ProbeRun {
  backtest::BacktestResult result;
  std::shared_ptr<ProbeStrategy> probe;
};

inline ProbeRun run_probe(session::SessionSpec spec, ProbeConfig pc,
                          const std::filesystem::path& dir = {}) {
  ProbeRun out;
  backtest::BacktestOptions o;
  o.spec = std::move(spec);
  o.report_dir = dir;
  o.report.title = "probe";
  std::shared_ptr<ProbeStrategy>* slot = &out.probe;
  o.attach = [slot, pc](session::TradingSession& s, backtest::RecorderConfig&) -> core::Status {
    *slot = std::make_shared<ProbeStrategy>(s.registry(), s.calendar(), pc);
    s.add_component(*slot);
    return core::ok();
  };
  auto r = backtest::run_backtest(std::move(o));
  if (!r) throw std::runtime_error(r.error().to_string());
  out.result = std::move(*r);
  return out;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::filesystem::path temp_dir(const std::string& name) {
  auto d = std::filesystem::temp_directory_path() /
           ("zerodte_bt_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  return d;
}

}  // namespace zerodte::testing
