#pragma once
// Where the overseer's automatic actions land. RiskActionPort applies them through the risk
// engine's own controls: a HALTED hold per halt action (source "overseer:<id>"), a taper that
// scales the contract limits of the pre-trade checks, a disabled strategy as an empty entry
// window, and a flip to paper through a callback the session wires (without one: a REDUCING hold,
// so no new live exposure). Every action is reversible; reversal restores what was there.
#include <functional>
#include <map>
#include <optional>
#include <utility>

#include "zerodte/core/clock.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/overseer/overseer_types.hpp"

namespace zerodte::risk {
class RiskEngine;
}

namespace zerodte::overseer {

class ActionPort {
 public:
  virtual ~ActionPort() = default;
  virtual core::Status apply(const AutoAction& a) = 0;
  virtual core::Status reverse(const AutoAction& a, std::string_view who) = 0;
};

class RiskActionPort final : public ActionPort {
 public:
  using PaperSwitch = std::function<core::Status(bool paper, std::string_view reason)>;
  RiskActionPort(risk::RiskEngine& risk, const core::Clock& clock, PaperSwitch paper = {});
  // The entry window a re-enabled strategy gets back (default: the limits' entry window).
  void set_strategy_window(core::StrategyId s, core::TimeOfDay from, core::TimeOfDay to) {
    windows_[s.value] = {from, to};
  }
  core::Status apply(const AutoAction& a) override;
  core::Status reverse(const AutoAction& a, std::string_view who) override;

 private:
  void apply_taper();
  risk::RiskEngine& risk_;
  const core::Clock& clock_;
  PaperSwitch paper_;
  std::map<std::uint16_t, std::pair<core::TimeOfDay, core::TimeOfDay>> windows_;
  std::map<std::uint64_t, double> tapers_;  // active taper actions -> factor
  std::optional<std::pair<std::int64_t, std::int64_t>> base_contracts_;  // per order, per ticker
};

}  // namespace zerodte::overseer
