#include "zerodte/store/journal_intent_journal.hpp"

#include "zerodte/store/decision_records.hpp"

namespace zerodte::store {

core::Status JournalIntentJournal::append_durable(const model::OrderIntent& intent) {
  if (intent.client_order_id.empty())
    return core::fail(core::ErrorCode::kInvalid,
                      "intent journal: intent without client_order_id (strategy {}, signal {})",
                      intent.strategy.value, intent.signal_id);
  auto seq =
      append_record(journal_, OrderIntentRecord{intent}, intent.ts_created, /*durable=*/true);
  if (!seq)
    return std::unexpected(
        seq.error().with_context(fmt::format("intent {}", intent.client_order_id.view())));
  last_seq_ = *seq;
  return core::ok();
}

}  // namespace zerodte::store
