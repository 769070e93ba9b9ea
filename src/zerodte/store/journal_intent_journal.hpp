#pragma once
// The execution area's IntentJournal over the store's journal: an order intent is appended as an
// order_intent record and fsynced before append_durable() returns, so the execution engine sends
// an order only after its intent would survive a crash.
#include "zerodte/execution/intent_journal.hpp"
#include "zerodte/store/journal.hpp"

namespace zerodte::store {

class JournalIntentJournal final : public execution::IntentJournal {
 public:
  explicit JournalIntentJournal(Journal& journal) : journal_(journal) {}
  core::Status append_durable(const model::OrderIntent& intent) override;
  [[nodiscard]] std::uint64_t last_seq() const { return last_seq_; }

 private:
  Journal& journal_;
  std::uint64_t last_seq_ = 0;
};

}  // namespace zerodte::store
