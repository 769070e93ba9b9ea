#include "zerodte/data/event_format.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace zerodte::data {
namespace {

std::string px(core::Price p) {
  return p.is_defined() ? p.to_string() : "-";
}

std::string name(core::InstrumentId id, const model::InstrumentRegistry* reg) {
  if (reg != nullptr) {
    if (const auto* inst = reg->try_get(id)) return std::string(inst->symbol_view());
  }
  return fmt::format("#{}", id.value);
}

char side(model::Side s) {
  return s == model::Side::kBuy ? 'B' : s == model::Side::kSell ? 'S' : '-';
}

}  // namespace

std::string format_event(const engine::Event& e, const model::InstrumentRegistry* reg) {
  const std::string t = core::to_iso8601(engine::event_time(e));
  const std::string_view type = engine::event_type_name(e);
  return std::visit(
      [&](const auto& v) -> std::string {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, model::Trade>) {
          return fmt::format("{} {} {} px={} sz={} side={}", t, type, name(v.hdr.instrument, reg),
                             px(v.price), v.size, side(v.aggressor));
        } else if constexpr (std::is_same_v<V, model::Quote>) {
          return fmt::format("{} {} {} bid={}x{} ask={}x{}", t, type, name(v.hdr.instrument, reg),
                             px(v.bid), v.bid_size, px(v.ask), v.ask_size);
        } else if constexpr (std::is_same_v<V, model::OptionQuote>) {
          std::string s =
              fmt::format("{} {} {} bid={}x{} ask={}x{}", t, type, name(v.hdr.instrument, reg),
                          px(v.bid), v.bid_size, px(v.ask), v.ask_size);
          if (v.last.is_defined()) s += fmt::format(" last={}", px(v.last));
          if (v.volume != 0) s += fmt::format(" vol={}", v.volume);
          if (v.open_interest != 0) s += fmt::format(" oi={}", v.open_interest);
          if (v.underlying_price.is_defined()) s += fmt::format(" und={}", px(v.underlying_price));
          if (v.has_greeks) {
            s += fmt::format(" iv={:.4f} delta={:.4f} gamma={:.5f}", v.greeks.iv, v.greeks.delta,
                             v.greeks.gamma);
          }
          return s;
        } else if constexpr (std::is_same_v<V, model::Bar>) {
          return fmt::format("{} {} {} {}s o={} h={} l={} c={} v={}", t, type,
                             name(v.hdr.instrument, reg), v.interval_s, px(v.open), px(v.high),
                             px(v.low), px(v.close), v.volume);
        } else if constexpr (std::is_same_v<V, model::BookDepth>) {
          return fmt::format("{} {} {} bid={}x{} ask={}x{} levels={}", t, type,
                             name(v.hdr.instrument, reg), px(v.levels[0].bid_px),
                             v.levels[0].bid_size, px(v.levels[0].ask_px), v.levels[0].ask_size,
                             v.depth);
        } else if constexpr (std::is_same_v<V, model::Imbalance>) {
          return fmt::format("{} {} {} ref={} total={} side={} auction={}", t, type,
                             name(v.hdr.instrument, reg), px(v.ref_price), v.total_imbalance_qty,
                             side(v.side), v.auction_type);
        } else if constexpr (std::is_same_v<V, model::InstrumentStatus>) {
          return fmt::format("{} {} {} status={} reason={}", t, type, name(v.hdr.instrument, reg),
                             static_cast<int>(v.status), v.reason.view());
        } else if constexpr (std::is_same_v<V, std::shared_ptr<const model::NewsItem>>) {
          return fmt::format("{} {} {} [{}] {}", t, type, v ? v->source : "",
                             v ? fmt::format("{}", fmt::join(v->symbols, ",")) : "",
                             v ? (v->headline.empty() ? v->text : v->headline) : "");
        } else {
          return fmt::format("{} {}", t, type);
        }
      },
      e);
}

}  // namespace zerodte::data
