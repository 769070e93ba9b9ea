#pragma once
// Records the strategies' own explanations: every strategy::Signal (as "SIG-<id>", the same id
// subscribers see on published signals) and every strategy::Suppression ("SUP-...") that the
// StrategyHost publishes on the bus becomes an ExplanationRecord: triggered_by = the evidence
// sources, confidence = the conviction, risk_factors, details = the action and the evidence
// text, analytics = each evidence value (how the analytics cascaded into the decision), and a
// template narrative. Rejects and the overseer's own anomalies/actions are recorded by the
// Overseer.
#include <vector>

#include "zerodte/engine/component.hpp"
#include "zerodte/engine/message_bus.hpp"
#include "zerodte/overseer/explanation.hpp"
#include "zerodte/strategy/signal.hpp"

namespace zerodte::overseer {

[[nodiscard]] ExplanationRecord explain_signal(const strategy::Signal& s);
[[nodiscard]] ExplanationRecord explain_suppression(const strategy::Suppression& s,
                                                    std::uint64_t seq);

class ExplanationRecorder final : public engine::Component {
 public:
  explicit ExplanationRecorder(ExplanationStore& store) : store_(store) {}
  [[nodiscard]] std::string_view name() const override { return "explanation_recorder"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;
  [[nodiscard]] std::size_t errors() const { return errors_; }

 private:
  ExplanationStore& store_;
  engine::Kernel* kernel_ = nullptr;
  std::vector<engine::SubscriptionId> subs_;
  std::uint64_t suppressions_ = 0;
  std::size_t errors_ = 0;
};

}  // namespace zerodte::overseer
