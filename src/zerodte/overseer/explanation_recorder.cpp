#include "zerodte/overseer/explanation_recorder.hpp"

#include <fmt/format.h>

#include "zerodte/engine/kernel.hpp"
#include "zerodte/overseer/narrator.hpp"

namespace zerodte::overseer {

ExplanationRecord explain_signal(const strategy::Signal& s) {
  ExplanationRecord r;
  r.id = fmt::format("SIG-{:06}", s.id);
  r.kind = ExplanationKind::kTrade;
  r.ts = s.ts;
  r.strategy_id = s.strategy.value;
  r.strategy = s.strategy_name;
  r.signal_id = s.id;
  r.symbol = s.symbol;
  r.confidence = s.conviction;
  r.risk_factors = s.risk_factors;
  std::string details = s.action;
  for (const auto& e : s.triggered_by) {
    r.triggered_by.push_back(e.source);
    r.analytics.emplace_back(e.source, e.value);
    details += fmt::format("{}{}: {}", details.empty() ? "" : "; ", e.source, e.detail);
  }
  r.details = std::move(details);
  r.narrative = template_rationale(r);
  return r;
}

ExplanationRecord explain_suppression(const strategy::Suppression& s, std::uint64_t seq) {
  ExplanationRecord r;
  r.id = fmt::format("SUP-{}-{}-{}", s.strategy.value, s.ts.ns, seq);
  r.kind = ExplanationKind::kSuppression;
  r.ts = s.ts;
  r.strategy_id = s.strategy.value;
  r.strategy = s.strategy_name;
  r.symbol = s.symbol;
  r.rejected_because = s.reason;
  r.details = s.detail;
  for (const auto& e : s.triggered_by) {
    r.triggered_by.push_back(e.source);
    r.analytics.emplace_back(e.source, e.value);
  }
  r.narrative = template_rationale(r);
  return r;
}

void ExplanationRecorder::start(engine::Kernel& kernel) {
  stop();
  kernel_ = &kernel;
  subs_.push_back(kernel.bus().subscribe_all<strategy::Signal>([this](const strategy::Signal& s) {
    if (!store_.add(explain_signal(s))) ++errors_;
  }));
  subs_.push_back(
      kernel.bus().subscribe_all<strategy::Suppression>([this](const strategy::Suppression& s) {
        if (!store_.add(explain_suppression(s, ++suppressions_))) ++errors_;
      }));
}

void ExplanationRecorder::stop() {
  if (kernel_ == nullptr) return;
  for (auto s : subs_)
    kernel_->bus().unsubscribe(s);
  subs_.clear();
  kernel_ = nullptr;
}

}  // namespace zerodte::overseer
