#include "zerodte/overseer/action_port.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "zerodte/risk/risk_engine.hpp"

namespace zerodte::overseer {
namespace {
std::string hold_source(const AutoAction& a) {
  return fmt::format("overseer:{}:{}", to_string(a.kind), a.id);
}
}  // namespace

RiskActionPort::RiskActionPort(risk::RiskEngine& risk, const core::Clock& clock, PaperSwitch paper)
    : risk_(risk), clock_(clock), paper_(std::move(paper)) {}

void RiskActionPort::apply_taper() {
  auto limits = risk_.checker().limits();
  if (!base_contracts_) {
    base_contracts_ = {limits.max_contracts_per_order, limits.max_contracts_per_ticker};
  }
  double f = 1;
  for (const auto& [id, factor] : tapers_)
    f = std::min(f, factor);
  auto scale = [f](std::int64_t base) {
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(base * f)));
  };
  limits.max_contracts_per_order = scale(base_contracts_->first);
  limits.max_contracts_per_ticker = scale(base_contracts_->second);
  risk_.checker().set_limits(std::move(limits));
}

core::Status RiskActionPort::apply(const AutoAction& a) {
  switch (a.kind) {
    case ActionKind::kHaltTrading:
      risk_.set_hold(hold_source(a), risk::TradingState::kHalted, "overseer", a.reason);
      return {};
    case ActionKind::kTaperSizes:
      if (!(a.factor > 0 && a.factor <= 1)) {
        return core::fail(core::ErrorCode::kInvalid, "taper action {}: factor {} not in (0, 1]",
                          a.id, a.factor);
      }
      tapers_[a.id] = a.factor;
      apply_taper();
      return {};
    case ActionKind::kFlipToPaper:
      if (paper_) return paper_(true, a.reason);
      risk_.set_hold(
          hold_source(a), risk::TradingState::kReducing, "overseer",
          fmt::format("flip to paper (no paper switch wired: reducing only): {}", a.reason));
      return {};
    case ActionKind::kDisableStrategy:
      if (!a.strategy.valid()) {
        return core::fail(core::ErrorCode::kInvalid, "disable action {}: no strategy id", a.id);
      }
      // An empty entry window: every opening order of the strategy is rejected (TRADING_WINDOW);
      // its exits still pass.
      risk_.checker().set_strategy_window(a.strategy, core::TimeOfDay{0, 0, 0},
                                          core::TimeOfDay{0, 0, 0});
      return {};
  }
  return core::fail(core::ErrorCode::kInvalid, "unknown action kind");
}

core::Status RiskActionPort::reverse(const AutoAction& a, std::string_view who) {
  switch (a.kind) {
    case ActionKind::kHaltTrading:
    case ActionKind::kFlipToPaper:
      if (a.kind == ActionKind::kFlipToPaper && paper_) return paper_(false, who);
      // A hold that ends now no longer counts (the risk engine drops it at its next expiry).
      risk_.set_hold(hold_source(a), risk::TradingState::kActive, who,
                     fmt::format("overseer action {} reversed by {}", a.id, who), clock_.now());
      return {};
    case ActionKind::kTaperSizes:
      tapers_.erase(a.id);
      if (base_contracts_) apply_taper();
      return {};
    case ActionKind::kDisableStrategy: {
      const auto& lim = risk_.checker().limits();
      auto w = std::pair{lim.no_entry_before, lim.no_entry_after};
      if (auto it = windows_.find(a.strategy.value); it != windows_.end()) w = it->second;
      risk_.checker().set_strategy_window(a.strategy, w.first, w.second);
      return {};
    }
  }
  return core::fail(core::ErrorCode::kInvalid, "unknown action kind");
}

}  // namespace zerodte::overseer
