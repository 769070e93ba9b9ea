#pragma once
// One-line text rendering of events for `zerodte replay --print` and logs:
//   2025-02-20T14:30:00.000000000Z quote AAPL  250221C00250000 bid=1.23x10 ask=1.30x12
#include <string>

#include "zerodte/engine/event.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::data {

std::string format_event(const engine::Event& e, const model::InstrumentRegistry* registry);

}  // namespace zerodte::data
