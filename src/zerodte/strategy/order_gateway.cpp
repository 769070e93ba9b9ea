#include "zerodte/strategy/order_gateway.hpp"

#include <fmt/format.h>

namespace zerodte::strategy {

core::Status RiskGateway::cancel(core::StrategyId strategy, const core::ClientOrderId& id) {
  if (!risk_.allow_modify(strategy)) {
    return core::fail(core::ErrorCode::kRejected, "cancel of {}: RATE_LIMITED for strategy {}",
                      id.view(), strategy.value);
  }
  return exec_.cancel(id);
}

risk::RiskVerdict RecordingGateway::submit(const model::OrderIntent& intent) {
  intents.push_back(intent);
  if (decide) return decide(intent);
  risk::RiskVerdict v;
  v.status = risk::VerdictStatus::kApproved;
  v.strategy = intent.strategy;
  v.signal_id = intent.signal_id;
  v.intent_seq = intent.intent_seq;
  v.client_order_id =
      core::ClientOrderId(fmt::format("t{}-{}", intent.strategy.value, intents.size()));
  v.reducing = intent.reduce_only;
  v.ts = intent.ts_created;
  return v;
}

core::Status RecordingGateway::cancel(core::StrategyId /*strategy*/,
                                      const core::ClientOrderId& id) {
  cancels.push_back(id);
  return core::ok();
}

}  // namespace zerodte::strategy
