#pragma once
// Journals the risk engine's decisions. Every risk::RiskVerdict published on the bus (approved,
// rejected or queued, with the rule and its reason) becomes a RiskVerdictRecord, and every
// risk::RiskEvent (breaker trips, holds, exits, kill-switch steps) a TradingStateRecord with the
// state after it, who acted and why. So "why was this order refused / closed" survives a
// restart and reaches the projections' risk_events table and the dashboard.
// Verdicts of approved intents are written with the intent's client order id.
#include <cstdint>
#include <vector>

#include "zerodte/engine/component.hpp"
#include "zerodte/engine/message_bus.hpp"
#include "zerodte/store/journal.hpp"

namespace zerodte::risk {
struct RiskVerdict;
struct RiskEvent;
}  // namespace zerodte::risk

namespace zerodte::store {

struct RiskVerdictRecord;
struct TradingStateRecord;

// The record written for a verdict / an event (exposed for tests and the replay tools).
RiskVerdictRecord to_record(const risk::RiskVerdict& v);
TradingStateRecord to_record(const risk::RiskEvent& e);

class RiskJournal final : public engine::Component {
 public:
  explicit RiskJournal(Journal& journal) : journal_(journal) {}
  [[nodiscard]] std::string_view name() const override { return "risk_journal"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;
  [[nodiscard]] engine::Health health() const override;

  [[nodiscard]] std::uint64_t verdicts_written() const { return verdicts_; }
  [[nodiscard]] std::uint64_t events_written() const { return events_; }

 private:
  void write_failed(const core::Error& e);

  Journal& journal_;
  engine::Kernel* kernel_ = nullptr;
  std::vector<engine::SubscriptionId> subs_;
  std::uint64_t verdicts_ = 0;
  std::uint64_t events_ = 0;
  std::uint64_t failures_ = 0;
  std::string last_error_;
};

}  // namespace zerodte::store
