#pragma once
// The StrategyHost's DecisionSink on the journal: signals and suppressions become
// store::SignalRecord (explanation = strategy::explanation_json), state snapshots
// store::StrategyStateRecord. Appended on the kernel thread before the intent reaches risk.
#include "zerodte/store/journal.hpp"
#include "zerodte/strategy/decision_sink.hpp"

namespace zerodte::session {

class JournalDecisionSink final : public strategy::DecisionSink {
 public:
  explicit JournalDecisionSink(store::Journal& journal) : journal_(journal) {}
  void on_signal(const strategy::Signal& s) override;
  void on_suppressed(const strategy::Suppression& s) override;
  void on_state(const strategy::StateSnapshot& s) override;
  // The first append error (the journal is the truth: the session reports it after the run).
  [[nodiscard]] const core::Status& status() const { return status_; }

 private:
  void check(const core::Result<std::uint64_t>& r);
  store::Journal& journal_;
  core::Status status_;
};

}  // namespace zerodte::session
