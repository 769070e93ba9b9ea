#pragma once
// Where the StrategyHost records decisions: signals, suppressed signals and strategy state
// snapshots. The session wiring implements it on the journal (store::SignalRecord with
// explanation_json(), store::StrategyStateRecord); MemoryDecisionSink keeps them for tests and
// tools. Calls happen on the kernel thread, before the intent reaches risk.
#include <string>
#include <vector>

#include "zerodte/strategy/signal.hpp"

namespace zerodte::strategy {

struct StateSnapshot {
  core::StrategyId strategy;
  std::string strategy_name;
  std::string state;
  core::Timestamp ts;
};

class DecisionSink {
 public:
  virtual ~DecisionSink() = default;
  virtual void on_signal(const Signal& s) = 0;
  virtual void on_suppressed(const Suppression& s) = 0;
  virtual void on_state(const StateSnapshot& s) = 0;
};

class MemoryDecisionSink final : public DecisionSink {
 public:
  void on_signal(const Signal& s) override { signals.push_back(s); }
  void on_suppressed(const Suppression& s) override { suppressions.push_back(s); }
  void on_state(const StateSnapshot& s) override { states.push_back(s); }
  std::vector<Signal> signals;
  std::vector<Suppression> suppressions;
  std::vector<StateSnapshot> states;
};

}  // namespace zerodte::strategy
