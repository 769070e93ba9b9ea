#pragma once
// The bridge from trading to distribution: a kernel component that watches the order path and
// publishes every approved opening intent of a strategy as a SignalAlert (underlying, call/put,
// strike, limit = entry, bracket stop/target) through the Distributor, so subscribers get what
// the system actually sent, tiered and delayed on the kernel clock. It joins model::OrderIntent
// (on the bus) with risk::RiskVerdict (approved) by (strategy, signal, intent_seq); exits,
// reduce-only and internal orders (kill switch, exits) are not signals.
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "zerodte/engine/component.hpp"
#include "zerodte/engine/message_bus.hpp"
#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/model/orders.hpp"
#include "zerodte/publish/distributor.hpp"
#include "zerodte/risk/risk_types.hpp"

namespace zerodte::publish {

// The alert for an intent (nullopt: not publishable: reduce-only, no signal, no limit price).
std::optional<SignalAlert> alert_from_intent(const model::OrderIntent& in,
                                             const model::InstrumentRegistry& registry,
                                             std::string strategy_name);

class SignalPublisher final : public engine::Component {
 public:
  SignalPublisher(Distributor& distributor, const model::InstrumentRegistry& registry,
                  std::map<std::uint16_t, std::string> strategy_names = {});
  [[nodiscard]] std::string_view name() const override { return "signal_publisher"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;
  [[nodiscard]] std::size_t published() const { return published_; }
  [[nodiscard]] const std::vector<std::string>& errors() const { return errors_; }

 private:
  using Key = std::tuple<std::uint16_t, std::uint64_t, std::uint32_t>;
  void try_publish(const Key& k);
  Distributor& dist_;
  const model::InstrumentRegistry& registry_;
  std::map<std::uint16_t, std::string> names_;
  engine::Kernel* kernel_ = nullptr;
  std::vector<engine::SubscriptionId> subs_;
  std::map<Key, model::OrderIntent> intents_;
  std::map<Key, bool> approved_;
  std::size_t published_ = 0;
  std::vector<std::string> errors_;
};

}  // namespace zerodte::publish
