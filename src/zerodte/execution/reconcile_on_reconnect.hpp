#pragma once
// Runs reconciliation whenever the venue's connection comes back: a model::FeedStatus for the
// venue's feed name moving to connected/recovered after being disconnected or stale (adapters
// post FeedStatus from their watchdogs). New orders are halted from the disconnect until the
// reconciliation after it is clean. Start-up reconciliation is the app's explicit call
// (Reconciler::run after the journal replay), not this component's.
#include <functional>
#include <optional>
#include <string>

#include "zerodte/engine/component.hpp"
#include "zerodte/execution/reconciler.hpp"

namespace zerodte::execution {

class ReconcileOnReconnect final : public engine::Component {
 public:
  ReconcileOnReconnect(OrderManager& om, std::string feed_name)
      : om_(om), feed_(std::move(feed_name)) {}

  [[nodiscard]] std::string_view name() const override { return "reconcile_on_reconnect"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;

  [[nodiscard]] std::size_t runs() const { return runs_; }
  [[nodiscard]] const std::optional<core::Result<ReconciliationReport>>& last() const {
    return last_;
  }

 private:
  void on_status(const model::FeedStatus& s);

  OrderManager& om_;
  std::string feed_;
  engine::Kernel* kernel_ = nullptr;
  engine::SubscriptionId sub_{};
  bool down_ = false;
  std::size_t runs_ = 0;
  std::optional<core::Result<ReconciliationReport>> last_;
};

}  // namespace zerodte::execution
