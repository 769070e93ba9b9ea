#include "zerodte/publish/signal_publisher.hpp"

#include <fmt/format.h>

#include "zerodte/engine/kernel.hpp"

namespace zerodte::publish {
namespace {
constexpr std::uint64_t kInternalSignal = 0xFFFF'0000'0000'0000ULL;  // risk's own orders
}

std::optional<SignalAlert> alert_from_intent(const model::OrderIntent& in,
                                             const model::InstrumentRegistry& registry,
                                             std::string strategy_name) {
  if (in.reduce_only || in.signal_id == 0 || (in.signal_id & kInternalSignal) == kInternalSignal ||
      in.leg_count == 0 || !in.limit_price.is_defined()) {
    return std::nullopt;
  }
  const auto* inst = registry.try_get(in.legs[0].instrument);
  if (inst == nullptr) return std::nullopt;
  SignalAlert a;
  a.signal_id = in.signal_id;
  a.strategy = std::move(strategy_name);
  a.side = in.legs[0].side;
  a.entry = in.limit_price;
  a.stop = in.stop_loss_price;
  a.target = in.take_profit_price;
  a.trailing_stop = !in.stop_loss_price.is_defined();  // the risk engine's trailing ladder
  a.ts = in.ts_created;
  if (inst->is_option()) {
    a.kind =
        inst->option->right == model::OptionRight::kCall ? OptionKind::kCall : OptionKind::kPut;
    a.strike = inst->option->strike;
    const auto* u = inst->underlying_id.valid() ? registry.try_get(inst->underlying_id) : nullptr;
    a.underlying = u != nullptr ? std::string(u->symbol_view()) : std::string(inst->symbol_view());
    const auto occ = a.underlying.find(' ');
    if (occ != std::string::npos) a.underlying.resize(occ);
  } else {
    a.kind = OptionKind::kShares;
    a.underlying = std::string(inst->symbol_view());
  }
  return a;
}

SignalPublisher::SignalPublisher(Distributor& distributor,
                                 const model::InstrumentRegistry& registry,
                                 std::map<std::uint16_t, std::string> strategy_names)
    : dist_(distributor), registry_(registry), names_(std::move(strategy_names)) {}

void SignalPublisher::start(engine::Kernel& kernel) {
  stop();
  kernel_ = &kernel;
  subs_.push_back(
      kernel.bus().subscribe_all<model::OrderIntent>([this](const model::OrderIntent& in) {
        const Key k{in.strategy.value, in.signal_id, in.intent_seq};
        if (intents_.size() >= 10'000) intents_.erase(intents_.begin());  // never approved
        intents_[k] = in;
        try_publish(k);
      }));
  subs_.push_back(kernel.bus().subscribe_all<risk::RiskVerdict>([this](const risk::RiskVerdict& v) {
    if (!v.approved()) return;
    const Key k{v.strategy.value, v.signal_id, v.intent_seq};
    if (approved_.size() >= 10'000) approved_.erase(approved_.begin());
    approved_[k] = true;
    try_publish(k);
  }));
}

void SignalPublisher::stop() {
  if (kernel_ == nullptr) return;
  for (auto s : subs_)
    kernel_->bus().unsubscribe(s);
  subs_.clear();
  kernel_ = nullptr;
}

void SignalPublisher::try_publish(const Key& k) {
  auto in = intents_.find(k);
  auto ok = approved_.find(k);
  if (in == intents_.end() || ok == approved_.end()) return;
  const auto name_it = names_.find(std::get<0>(k));
  auto alert = alert_from_intent(
      in->second, registry_,
      name_it != names_.end() ? name_it->second : fmt::format("strategy {}", std::get<0>(k)));
  intents_.erase(in);
  approved_.erase(ok);
  if (!alert) return;
  if (!alert->ts.is_set() && kernel_ != nullptr) alert->ts = kernel_->now();
  if (auto s = dist_.publish(*alert); !s) {
    errors_.push_back(s.error().message);
    return;
  }
  ++published_;
}

}  // namespace zerodte::publish
