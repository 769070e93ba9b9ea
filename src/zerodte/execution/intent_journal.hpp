#pragma once
// Where an order intent is made durable BEFORE it is sent (seed 004 §6.1): if the process dies
// after sending, the restart finds the intent (and its client_order_id) in the journal and
// reconciles by that id instead of sending again. The store area implements this over the
// append-only journal (fsync before returning); InMemoryIntentJournal serves tests and the sim.
#include <cstddef>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/model/orders.hpp"

namespace zerodte::execution {

class IntentJournal {
 public:
  virtual ~IntentJournal() = default;
  // Returns only once the intent (with client_order_id set) would survive a crash. An error means
  // the order must not be sent.
  virtual core::Status append_durable(const model::OrderIntent& intent) = 0;
};

class InMemoryIntentJournal final : public IntentJournal {
 public:
  core::Status append_durable(const model::OrderIntent& intent) override;

  [[nodiscard]] const std::vector<model::OrderIntent>& entries() const { return entries_; }
  // Test hook: the next `n` appends fail with kIo (a full disk, say).
  void fail_next(std::size_t n) { fail_next_ = n; }

 private:
  std::vector<model::OrderIntent> entries_;
  std::size_t fail_next_ = 0;
};

}  // namespace zerodte::execution
