#pragma once
// The tick-rule lookup the order manager and validate_order() need, from the instrument
// registry (the usual wiring in the app and the backtest).
#include "zerodte/execution/broker_capabilities.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::execution {

// The registry must outlive the returned function.
[[nodiscard]] inline TickRuleLookup tick_rules_from(const model::InstrumentRegistry& registry) {
  return [&registry](core::InstrumentId id) -> const model::TickRule* {
    const model::Instrument* inst = registry.try_get(id);
    return inst != nullptr ? &inst->tick_rule : nullptr;
  };
}

}  // namespace zerodte::execution
