#include "zerodte/store/record.hpp"

#include <fmt/format.h>

#include <map>
#include <mutex>

namespace zerodte::store {
namespace {

struct NameRegistry {
  std::mutex mu;
  std::map<std::uint16_t, std::string> names;
};

NameRegistry& registry() {
  static NameRegistry r;
  return r;
}

std::string_view builtin_name(RecordType t) {
  switch (t) {
    case RecordType::kInvalid:
      return "invalid";
    case RecordType::kTrade:
      return "trade";
    case RecordType::kQuote:
      return "quote";
    case RecordType::kBar:
      return "bar";
    case RecordType::kOptionQuote:
      return "option_quote";
    case RecordType::kBookDepth:
      return "book_depth";
    case RecordType::kImbalance:
      return "imbalance";
    case RecordType::kInstrumentStatus:
      return "instrument_status";
    case RecordType::kFeedStatus:
      return "feed_status";
    case RecordType::kNewsItem:
      return "news_item";
    case RecordType::kOrderUpdate:
      return "order_update";
    case RecordType::kFill:
      return "fill";
    case RecordType::kControlCommand:
      return "control_command";
    case RecordType::kCustomEvent:
      return "custom_event";
    case RecordType::kSignal:
      return "signal";
    case RecordType::kRiskVerdict:
      return "risk_verdict";
    case RecordType::kOrderIntent:
      return "order_intent";
    case RecordType::kOrderSubmitted:
      return "order_submitted";
    case RecordType::kCancelIntent:
      return "cancel_intent";
    case RecordType::kControlAction:
      return "control_action";
    case RecordType::kTradingState:
      return "trading_state";
    case RecordType::kRiskCounters:
      return "risk_counters";
    case RecordType::kStrategyState:
      return "strategy_state";
    case RecordType::kSentiment:
      return "sentiment";
    case RecordType::kFirstCustom:
      break;
  }
  return {};
}

}  // namespace

std::string record_type_name(RecordType t) {
  if (auto b = builtin_name(t); !b.empty()) return std::string(b);
  auto& r = registry();
  std::scoped_lock lock(r.mu);
  if (auto it = r.names.find(static_cast<std::uint16_t>(t)); it != r.names.end()) return it->second;
  return fmt::format("type{}", static_cast<unsigned>(t));
}

bool register_record_type_name(RecordType t, std::string_view name) {
  if (static_cast<std::uint16_t>(t) < static_cast<std::uint16_t>(RecordType::kFirstCustom))
    return false;
  auto& r = registry();
  std::scoped_lock lock(r.mu);
  return r.names.emplace(static_cast<std::uint16_t>(t), std::string(name)).second;
}

}  // namespace zerodte::store
