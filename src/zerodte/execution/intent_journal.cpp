#include "zerodte/execution/intent_journal.hpp"

namespace zerodte::execution {

core::Status InMemoryIntentJournal::append_durable(const model::OrderIntent& intent) {
  if (fail_next_ > 0) {
    --fail_next_;
    return core::fail(core::ErrorCode::kIo, "intent journal: append of {} failed (injected)",
                      intent.client_order_id.view());
  }
  if (intent.client_order_id.empty()) {
    return core::fail(core::ErrorCode::kInvalid,
                      "intent journal: intent without client_order_id (strategy {}, signal {})",
                      intent.strategy.value, intent.signal_id);
  }
  entries_.push_back(intent);
  return core::ok();
}

}  // namespace zerodte::execution
