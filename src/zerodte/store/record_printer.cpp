#include "zerodte/store/record_printer.hpp"

#include <fmt/format.h>

#include "zerodte/store/decision_records.hpp"
#include "zerodte/store/event_codec.hpp"

namespace zerodte::store {
namespace {

std::string px(core::Price p) {
  return p.to_string();
}

std::string event_text(const engine::Event& e) {
  return std::visit(
      [](const auto& v) -> std::string {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, model::Trade>) {
          return fmt::format("inst {} {} x {}", v.hdr.instrument.value, px(v.price), v.size);
        } else if constexpr (std::is_same_v<V, model::Quote>) {
          return fmt::format("inst {} {} x {} / {} x {}", v.hdr.instrument.value, px(v.bid),
                             v.bid_size, px(v.ask), v.ask_size);
        } else if constexpr (std::is_same_v<V, model::Bar>) {
          return fmt::format("inst {} {}s o {} h {} l {} c {} v {}", v.hdr.instrument.value,
                             v.interval_s, px(v.open), px(v.high), px(v.low), px(v.close),
                             v.volume);
        } else if constexpr (std::is_same_v<V, model::OptionQuote>) {
          return fmt::format(
              "inst {} {} / {}{}", v.hdr.instrument.value, px(v.bid), px(v.ask),
              v.has_greeks ? fmt::format(" iv {:.4f} delta {:.3f}", v.greeks.iv, v.greeks.delta)
                           : "");
        } else if constexpr (std::is_same_v<V, model::BookDepth>) {
          return fmt::format("inst {} {} levels", v.hdr.instrument.value, v.depth);
        } else if constexpr (std::is_same_v<V, model::Imbalance>) {
          return fmt::format("inst {} {} imbalance {} ref {}", v.hdr.instrument.value,
                             v.auction_type, v.total_imbalance_qty, px(v.ref_price));
        } else if constexpr (std::is_same_v<V, model::InstrumentStatus>) {
          return fmt::format("inst {} status {} {}", v.hdr.instrument.value,
                             static_cast<int>(v.status), v.reason.view());
        } else if constexpr (std::is_same_v<V, model::FeedStatus>) {
          return fmt::format("{} state {} {}", v.feed.view(), static_cast<int>(v.state),
                             v.detail.view());
        } else if constexpr (std::is_same_v<V, std::shared_ptr<const model::NewsItem>>) {
          return fmt::format("{} {} \"{}\"", v->source, v->id,
                             v->headline.empty() ? v->text.substr(0, 80) : v->headline);
        } else if constexpr (std::is_same_v<V, model::OrderUpdate>) {
          return fmt::format("{} {} filled {} leaves {} {}", v.client_order_id.view(),
                             model::to_string(v.status), v.filled_qty.value, v.leaves_qty.value,
                             v.reason.view());
        } else if constexpr (std::is_same_v<V, model::Fill>) {
          return fmt::format("{} {} {} @ {} fee {} exec {}", v.client_order_id.view(),
                             model::to_string(v.side), v.quantity.value, px(v.price),
                             v.fee.is_defined() ? px(v.fee) : "-", v.exec_id.view());
        } else if constexpr (std::is_same_v<V, std::shared_ptr<const engine::ControlCommand>>) {
          return fmt::format("{} {} {}", v->user, v->action, v->args);
        } else {
          return std::string(v->type_name());
        }
      },
      e);
}

template <typename T, typename F>
std::string decoded(const RecordView& r, F&& fn) {
  auto v = decode_record<T>(r);
  if (!v) return fmt::format("<{} bytes: {}>", r.payload.size(), v.error().message);
  return fn(*v);
}

}  // namespace

std::string describe_record(const RecordView& r) {
  std::string body;
  if (is_event_record(r.type)) {
    auto e = decode_event(r);
    body = e ? event_text(*e) : fmt::format("<{} bytes: {}>", r.payload.size(), e.error().message);
  } else {
    switch (r.type) {
      case RecordType::kSignal:
        body = decoded<SignalRecord>(r, [](const SignalRecord& s) {
          return fmt::format("#{} {} {} dir {} strength {:.2f} {}", s.signal_id, s.strategy,
                             s.symbol, s.direction, s.strength, s.explanation);
        });
        break;
      case RecordType::kRiskVerdict:
        body = decoded<RiskVerdictRecord>(r, [](const RiskVerdictRecord& v) {
          return fmt::format("signal {} {} {} {} {}", v.signal_id, v.client_order_id,
                             v.approved ? "approved" : "rejected", v.rule, v.reason);
        });
        break;
      case RecordType::kOrderIntent:
        body = decoded<OrderIntentRecord>(r, [](const OrderIntentRecord& o) {
          const auto& i = o.intent;
          return fmt::format("{} {} {} x {} {} {} legs {} {}", i.client_order_id.view(),
                             model::to_string(i.legs[0].side), i.quantity.value,
                             model::to_string(i.type),
                             i.limit_price.is_defined() ? i.limit_price.to_string() : "-",
                             model::to_string(i.tif), i.leg_count, i.tag.view());
        });
        break;
      case RecordType::kOrderSubmitted:
        body = decoded<OrderSubmittedRecord>(r, [](const OrderSubmittedRecord& s) {
          return fmt::format("{}{}", s.client_order_id,
                             s.reconciled ? " (found at the venue on recovery)" : "");
        });
        break;
      case RecordType::kCancelIntent:
        body = decoded<CancelIntentRecord>(r, [](const CancelIntentRecord& c) {
          return fmt::format("{} {}", c.client_order_id, c.reason);
        });
        break;
      case RecordType::kControlAction:
        body = decoded<ControlActionRecord>(r, [](const ControlActionRecord& c) {
          return fmt::format("{} by {} {} -> {}", c.action, c.user, c.args, c.result);
        });
        break;
      case RecordType::kTradingState:
        body = decoded<TradingStateRecord>(r, [](const TradingStateRecord& t) {
          return fmt::format("{} by {}: {}", to_string(t.state), t.by, t.reason);
        });
        break;
      case RecordType::kRiskCounters:
        body = decoded<RiskCountersRecord>(r, [](const RiskCountersRecord& c) {
          return fmt::format("{} realized {} consecutive_losses {} orders {} trades {}",
                             c.day.to_string(), c.realized_pnl.to_string(), c.consecutive_losses,
                             c.orders_today, c.trades_today);
        });
        break;
      case RecordType::kStrategyState:
        body = decoded<StrategyStateRecord>(r, [](const StrategyStateRecord& s) {
          return fmt::format("{} ({}) {}", s.strategy, s.strategy_id, s.state);
        });
        break;
      case RecordType::kSentiment:
        body = decoded<SentimentRecord>(r, [](const SentimentRecord& s) {
          return fmt::format("{} {} {} score {:.3f} conf {:.2f} {}", s.source, s.item_id, s.symbol,
                             s.score, s.confidence, s.model);
        });
        break;
      default:
        body = fmt::format("<{} bytes>", r.payload.size());
    }
  }
  return fmt::format("{} {} {} {}", r.seq, r.ts.is_set() ? core::to_iso8601(r.ts) : "-",
                     record_type_name(r.type), body);
}

}  // namespace zerodte::store
