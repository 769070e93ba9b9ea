#pragma once
// How the StrategyHost reaches risk. RiskGateway wraps risk::RiskEngine (submit -> pre-trade
// checks -> execution; cancels gated by allow_modify); tests may record intents instead and
// answer with a verdict of their choice.
#include <functional>
#include <vector>

#include "zerodte/risk/risk_engine.hpp"

namespace zerodte::strategy {

class OrderGateway {
 public:
  virtual ~OrderGateway() = default;
  virtual risk::RiskVerdict submit(const model::OrderIntent& intent) = 0;
  virtual core::Status cancel(core::StrategyId strategy, const core::ClientOrderId& id) = 0;
};

class RiskGateway final : public OrderGateway {
 public:
  // `execution` is the port the risk engine was built with (used for cancels).
  RiskGateway(risk::RiskEngine& risk, risk::ExecutionPort& execution)
      : risk_(risk), exec_(execution) {}
  risk::RiskVerdict submit(const model::OrderIntent& intent) override {
    return risk_.submit(intent);
  }
  core::Status cancel(core::StrategyId strategy, const core::ClientOrderId& id) override;

 private:
  risk::RiskEngine& risk_;
  risk::ExecutionPort& exec_;
};

// Approves everything (client order id "t<strategy>-<n>") and records the intents, or answers
// with `decide` when set. For tests and dry runs.
class RecordingGateway final : public OrderGateway {
 public:
  risk::RiskVerdict submit(const model::OrderIntent& intent) override;
  core::Status cancel(core::StrategyId strategy, const core::ClientOrderId& id) override;
  std::function<risk::RiskVerdict(const model::OrderIntent&)> decide;
  std::vector<model::OrderIntent> intents;
  std::vector<core::ClientOrderId> cancels;
};

}  // namespace zerodte::strategy
