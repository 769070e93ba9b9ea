#pragma once
// How the risk engine reaches execution: approved intents go to submit(); the kill switch lists
// and cancels working orders. OrderManagerPort adapts execution::OrderManager (the normal path);
// tests may record instead.
#include <vector>

#include "zerodte/execution/order_manager.hpp"

namespace zerodte::risk {

class ExecutionPort {
 public:
  virtual ~ExecutionPort() = default;
  virtual core::Result<core::ClientOrderId> submit(const model::OrderIntent& intent) = 0;
  virtual core::Status cancel(const core::ClientOrderId& id) = 0;
  // Orders not yet in a terminal state (and not already being cancelled twice).
  [[nodiscard]] virtual std::vector<core::ClientOrderId> working_orders() const = 0;
};

class OrderManagerPort final : public ExecutionPort {
 public:
  explicit OrderManagerPort(execution::OrderManager& om) : om_(om) {}
  core::Result<core::ClientOrderId> submit(const model::OrderIntent& intent) override {
    return om_.submit(intent);
  }
  core::Status cancel(const core::ClientOrderId& id) override { return om_.cancel(id); }
  [[nodiscard]] std::vector<core::ClientOrderId> working_orders() const override {
    std::vector<core::ClientOrderId> out;
    for (const auto* r : om_.orders()) {
      if (!model::is_terminal(r->status)) out.push_back(r->id());
    }
    return out;
  }

 private:
  execution::OrderManager& om_;
};

}  // namespace zerodte::risk
