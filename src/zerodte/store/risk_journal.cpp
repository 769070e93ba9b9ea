#include "zerodte/store/risk_journal.hpp"

#include <fmt/format.h>

#include "zerodte/engine/kernel.hpp"
#include "zerodte/risk/risk_types.hpp"
#include "zerodte/store/decision_records.hpp"

namespace zerodte::store {

RiskVerdictRecord to_record(const risk::RiskVerdict& v) {
  RiskVerdictRecord r;
  r.signal_id = v.signal_id;
  r.client_order_id = std::string(v.client_order_id.view());
  r.approved = v.status != risk::VerdictStatus::kRejected;
  r.rule = v.reason == risk::RejectReason::kNone ? std::string(risk::to_string(v.status))
                                                 : std::string(risk::to_string(v.reason));
  r.reason =
      fmt::format("strategy {} intent {}: {}", v.strategy.value, v.intent_seq, v.details.view());
  r.ts = v.ts;
  return r;
}

TradingStateRecord to_record(const risk::RiskEvent& e) {
  TradingStateRecord r;
  switch (e.state) {
    case risk::TradingState::kActive:
      r.state = TradingState::kActive;
      break;
    case risk::TradingState::kReducing:
      r.state = TradingState::kReducing;
      break;
    case risk::TradingState::kHalted:
      r.state = TradingState::kHalted;
      break;
  }
  r.reason = fmt::format("{}: {}", risk::to_string(e.kind), e.text.view());
  r.by = std::string(e.who.view());
  r.ts = e.ts;
  return r;
}

void RiskJournal::start(engine::Kernel& kernel) {
  stop();
  kernel_ = &kernel;
  auto& bus = kernel.bus();
  subs_.push_back(bus.subscribe_all<risk::RiskVerdict>([this](const risk::RiskVerdict& v) {
    if (auto r = append_record(journal_, to_record(v), v.ts); r) {
      ++verdicts_;
    } else {
      write_failed(r.error());
    }
  }));
  subs_.push_back(bus.subscribe_all<risk::RiskEvent>([this](const risk::RiskEvent& e) {
    // State changes and kill-switch steps are order-affecting: durable before going on.
    if (auto r = append_record(journal_, to_record(e), e.ts, /*durable=*/true); r) {
      ++events_;
    } else {
      write_failed(r.error());
    }
  }));
}

void RiskJournal::stop() {
  if (kernel_ == nullptr) return;
  for (auto s : subs_)
    kernel_->bus().unsubscribe(s);
  subs_.clear();
  kernel_ = nullptr;
}

void RiskJournal::write_failed(const core::Error& e) {
  ++failures_;
  last_error_ = e.to_string();
}

engine::Health RiskJournal::health() const {
  engine::Health h;
  if (failures_ > 0) {
    h.state = engine::HealthState::kDegraded;
    h.detail = fmt::format("{} risk record(s) not journaled; last: {}", failures_, last_error_);
  }
  return h;
}

}  // namespace zerodte::store
