#pragma once
// A simulated session for the overseer: the execution test environment (kernel, SimClock, sim
// venue, order manager on 2025-11-21 10:00 New York), a portfolio, the real risk engine, and the
// overseer acting through RiskActionPort, with every operator alert captured.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "execution/sim_env.hpp"
#include "zerodte/overseer/action_port.hpp"
#include "zerodte/overseer/explanation.hpp"
#include "zerodte/overseer/overseer.hpp"
#include "zerodte/risk/risk_engine.hpp"

namespace zerodte::overseer::testing {

using execution::testing::px;
using execution::testing::SimEnv;

struct OverseerSession {
  SimEnv env;
  portfolio::Portfolio pf{env.reg, px("100000")};
  risk::OrderManagerPort port{*env.om};
  std::shared_ptr<risk::RiskEngine> risk;
  std::unique_ptr<RiskActionPort> actions;
  ExplanationStore explanations;
  std::shared_ptr<Overseer> overseer;
  std::vector<std::string> alerts;
  std::vector<bool> paper_switches;
  core::InstrumentId call, spy;

  explicit OverseerSession(OverseerConfig cfg = {}) {
    call = env.option("SPY   251121C00660000");
    spy = env.underlying(call);
    risk::RiskEngineConfig rc;
    rc.limits.pre.max_contracts_per_ticker = 20;
    rc.limits.pre.max_positions = 5;
    rc.limits.pre.max_positions_per_underlying = 5;
    rc.limits.pre.require_greeks = false;
    rc.limits.pre.no_entry_before = {9, 30, 0};
    risk = std::make_shared<risk::RiskEngine>(env.reg, core::TradingCalendar::nyse(), pf, port, rc);
    env.kernel.add_component(risk);
    actions = std::make_unique<RiskActionPort>(
        *risk, env.clock, [this](bool paper, std::string_view) -> core::Status {
          paper_switches.push_back(paper);
          return {};
        });
    cfg.instrument_names[spy.value] = "SPY";
    cfg.instrument_names[call.value] = "SPY 660C";
    cfg.strategy_names[3] = "gamma_scalp";
    overseer = std::make_shared<Overseer>(
        cfg, actions.get(), &explanations,
        [this](Level, std::string_view text, core::Timestamp) { alerts.emplace_back(text); });
    env.kernel.add_component(overseer);
  }

  core::Timestamp at(int h, int m, int s) const { return env.at({h, m, s}); }

  static engine::Event spy_quote(core::InstrumentId id, core::Timestamp t) {
    model::Quote q;
    q.hdr.instrument = id;
    q.hdr.ts_event = t;
    q.hdr.ts_recv = t;
    q.bid = px("659.99");
    q.ask = px("660.01");
    q.bid_size = 100;
    q.ask_size = 100;
    return q;
  }
  // Quotes of SPY and the call every second in [from, to].
  std::vector<engine::Event> quotes(core::Timestamp from, core::Timestamp to) const {
    std::vector<engine::Event> out;
    for (auto t = from; t <= to; t += std::chrono::seconds(1)) {
      out.push_back(spy_quote(spy, t));
      out.push_back(SimEnv::quote(call, t, "0.95", "1.05"));
    }
    return out;
  }
  [[nodiscard]] bool alerted(std::string_view needle) const {
    for (const auto& a : alerts) {
      if (a.find(needle) != std::string::npos) return true;
    }
    return false;
  }
  [[nodiscard]] std::string all_alerts() const {
    std::string s;
    for (const auto& a : alerts)
      s += a + "\n";
    return s;
  }
};

}  // namespace zerodte::overseer::testing
