#pragma once
// The kernel's inbound event: everything that enters the kernel from outside (adapters, venues,
// the API, slow model backends) is one of these. Market events travel by value; free-text and
// open-ended events by shared_ptr to const.
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "zerodte/model/market_events.hpp"
#include "zerodte/model/news.hpp"
#include "zerodte/model/orders.hpp"

namespace zerodte::engine {

class MessageBus;

// A person's or a script's control action (from the API, the CLI or a signal file).
struct ControlCommand {
  std::string user;    // who pulled it ("cli", "api:alice", "signal-file")
  std::string action;  // "kill_switch", "pause", "resume", "halt", "strategy.enable", ...
  std::string args;    // JSON object text with the action's arguments
  core::Timestamp ts_recv;
};

// Open-ended inbound events defined by later parts (e.g. an LLM sentiment answer, a broker account
// snapshot). The kernel calls dispatch(), which publishes the concrete type on the bus.
class CustomEvent {
 public:
  virtual ~CustomEvent() = default;
  [[nodiscard]] virtual std::string_view type_name() const = 0;
  virtual void dispatch(MessageBus& bus) const = 0;
  core::Timestamp ts_event;
  core::Timestamp ts_recv;
};

using Event =
    std::variant<model::Trade, model::Quote, model::Bar, model::OptionQuote, model::BookDepth,
                 model::Imbalance, model::InstrumentStatus, model::FeedStatus,
                 std::shared_ptr<const model::NewsItem>, model::OrderUpdate, model::Fill,
                 std::shared_ptr<const ControlCommand>, std::shared_ptr<const CustomEvent>>;

// The time at which the event becomes visible to the kernel (ts_recv, or ts_event when the source
// has no receive time). The simulation clock advances to this time.
[[nodiscard]] core::Timestamp visible_time(const Event& e);
[[nodiscard]] core::Timestamp event_time(const Event& e);  // ts_event
[[nodiscard]] std::string_view event_type_name(const Event& e);

}  // namespace zerodte::engine
