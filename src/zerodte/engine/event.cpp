#include "zerodte/engine/event.hpp"

namespace zerodte::engine {
namespace {

struct Times {
  core::Timestamp ev;
  core::Timestamp recv;
};

template <typename T>
Times times_of(const T& e) {
  if constexpr (requires { e.hdr; }) {
    return {e.hdr.ts_event, e.hdr.ts_recv};
  } else if constexpr (requires { e.ts_event; }) {
    return {e.ts_event, e.ts_recv};
  } else {
    return {};
  }
}

Times times(const Event& e) {
  return std::visit(
      [](const auto& v) -> Times {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::shared_ptr<const model::NewsItem>> ||
                      std::is_same_v<V, std::shared_ptr<const CustomEvent>>) {
          return v ? Times{v->ts_event, v->ts_recv} : Times{};
        } else if constexpr (std::is_same_v<V, std::shared_ptr<const ControlCommand>>) {
          return v ? Times{v->ts_recv, v->ts_recv} : Times{};
        } else {
          return times_of(v);
        }
      },
      e);
}

}  // namespace

core::Timestamp visible_time(const Event& e) {
  const Times t = times(e);
  return t.recv.is_set() ? t.recv : t.ev;
}

core::Timestamp event_time(const Event& e) {
  const Times t = times(e);
  return t.ev.is_set() ? t.ev : t.recv;
}

std::string_view event_type_name(const Event& e) {
  static constexpr std::string_view kNames[] = {
      "trade",  "quote",       "bar",  "option_quote", "book_depth", "imbalance",
      "status", "feed_status", "news", "order_update", "fill",       "control"};
  if (const auto* c = std::get_if<std::shared_ptr<const CustomEvent>>(&e)) {
    return *c ? (*c)->type_name() : std::string_view("custom");
  }
  return kNames[e.index()];
}

}  // namespace zerodte::engine
