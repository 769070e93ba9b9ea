#include "zerodte/adapters/alpaca/broker/alpaca_codec.hpp"

#include <fmt/format.h>

#include <cctype>

#include "zerodte/adapters/alpaca/broker/alpaca_json.hpp"

namespace zerodte::adapters::alpaca {

namespace json = boost::json;
using namespace detail;  // NOLINT(google-build-using-namespace): local JSON helpers
using model::OrderStatus;

std::optional<OrderStatus> map_order_status(std::string_view s) {
  if (s == "new" || s == "accepted" || s == "accepted_for_bidding" || s == "done_for_day" ||
      s == "stopped" || s == "suspended" || s == "held" || s == "calculated") {
    return OrderStatus::kAccepted;
  }
  if (s == "pending_new") return OrderStatus::kPendingNew;
  if (s == "partially_filled") return OrderStatus::kPartiallyFilled;
  if (s == "filled") return OrderStatus::kFilled;
  if (s == "canceled") return OrderStatus::kCancelled;
  if (s == "expired") return OrderStatus::kExpired;
  if (s == "replaced") return OrderStatus::kReplaced;
  if (s == "rejected") return OrderStatus::kRejected;
  if (s == "pending_cancel") return OrderStatus::kPendingCancel;
  if (s == "pending_replace") return OrderStatus::kPendingReplace;
  return std::nullopt;
}

core::Result<std::string> alpaca_symbol(const model::InstrumentRegistry& reg,
                                        core::InstrumentId id) {
  const auto* inst = reg.try_get(id);
  if (inst == nullptr) {
    return core::fail(core::ErrorCode::kNotFound, "alpaca: instrument id {} is not registered",
                      id.value);
  }
  if (!inst->is_option()) return std::string(inst->symbol_view());
  auto occ = model::OccSymbol::parse(inst->symbol_view());
  if (!occ) return std::unexpected(occ.error());
  return occ->compact();
}

core::ClientOrderId local_client_order_id(std::string_view id) {
  if (core::ClientOrderId::fits(id)) return core::ClientOrderId{id};
  std::string alias = "x";
  for (char c : id) {
    if (alias.size() == core::ClientOrderId::capacity()) break;
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) alias.push_back(c);
  }
  return core::ClientOrderId{alias};
}

namespace {

std::string_view side_text(model::Side s) {
  return s == model::Side::kSell ? "sell" : "buy";
}

std::string_view type_text(model::OrderType t) {
  switch (t) {
    case model::OrderType::kMarket:
      return "market";
    case model::OrderType::kLimit:
      return "limit";
    case model::OrderType::kStop:
      return "stop";
    case model::OrderType::kStopLimit:
      return "stop_limit";
  }
  return "limit";
}

std::string_view tif_text(model::TimeInForce t) {
  switch (t) {
    case model::TimeInForce::kDay:
      return "day";
    case model::TimeInForce::kIoc:
      return "ioc";
    case model::TimeInForce::kGtc:
      return "gtc";
    case model::TimeInForce::kFok:
      return "fok";
  }
  return "day";
}

std::string_view intent_text(model::PositionIntent i) {
  switch (i) {
    case model::PositionIntent::kBuyToOpen:
      return "buy_to_open";
    case model::PositionIntent::kBuyToClose:
      return "buy_to_close";
    case model::PositionIntent::kSellToOpen:
      return "sell_to_open";
    case model::PositionIntent::kSellToClose:
      return "sell_to_close";
    case model::PositionIntent::kAuto:
      return "";
  }
  return "";
}

model::PositionIntent parse_intent(std::string_view s) {
  if (s == "buy_to_open") return model::PositionIntent::kBuyToOpen;
  if (s == "buy_to_close") return model::PositionIntent::kBuyToClose;
  if (s == "sell_to_open") return model::PositionIntent::kSellToOpen;
  if (s == "sell_to_close") return model::PositionIntent::kSellToClose;
  return model::PositionIntent::kAuto;
}

std::optional<model::OrderType> parse_type(std::string_view s) {
  if (s == "market") return model::OrderType::kMarket;
  if (s == "limit") return model::OrderType::kLimit;
  if (s == "stop") return model::OrderType::kStop;
  if (s == "stop_limit") return model::OrderType::kStopLimit;
  return std::nullopt;
}

model::TimeInForce parse_tif(std::string_view s) {
  if (s == "gtc") return model::TimeInForce::kGtc;
  if (s == "ioc") return model::TimeInForce::kIoc;
  if (s == "fok") return model::TimeInForce::kFok;
  return model::TimeInForce::kDay;
}

std::string decimal(core::Price p) {
  return p.to_string();
}

#define ZDTE_TRY(var, expr)                              \
  auto var##_r = (expr);                                 \
  if (!var##_r) return std::unexpected(var##_r.error()); \
  auto var = std::move(*var##_r)

core::Result<core::InstrumentId> intern(model::InstrumentRegistry& reg, std::string_view symbol,
                                        std::string_view where) {
  auto id = reg.intern_us_symbol(symbol);
  if (!id) return std::unexpected(id.error().with_context(fmt::format("{}: symbol", where)));
  return *id;
}

core::Result<model::Side> parse_side(const json::object& o, std::string_view where) {
  const auto s = text(o, "side");
  if (s == "buy") return model::Side::kBuy;
  if (s == "sell") return model::Side::kSell;
  return core::fail(core::ErrorCode::kParse, "{}: side \"{}\" is neither buy nor sell", where, s);
}

core::Result<AlpacaOrder> order_from(const json::object& o, model::InstrumentRegistry& reg) {
  AlpacaOrder out;
  const std::string id = text(o, "id");
  const std::string where = fmt::format("alpaca order {}", id.empty() ? "(no id)" : id);
  if (id.empty()) return core::fail(core::ErrorCode::kParse, "{}: missing \"id\"", where);
  auto& st = out.state;
  st.venue_order_id = id;
  out.alpaca_client_order_id = text(o, "client_order_id");
  st.order.client_order_id = local_client_order_id(out.alpaca_client_order_id);
  const std::string status = text(o, "status");
  auto mapped = map_order_status(status);
  if (!mapped) {
    return core::fail(core::ErrorCode::kParse, "{}: unknown status \"{}\"", where, status);
  }
  st.status = *mapped;
  ZDTE_TRY(qty, quantity(o, "qty", where));
  ZDTE_TRY(filled, quantity(o, "filled_qty", where));
  ZDTE_TRY(avg, price(o, "filled_avg_price", where));
  ZDTE_TRY(limit, price(o, "limit_price", where));
  ZDTE_TRY(stop, price(o, "stop_price", where));
  ZDTE_TRY(updated, timestamp(o, "updated_at", where));
  if (status == "calculated" && qty > 0 && filled >= qty) st.status = OrderStatus::kFilled;
  st.order.quantity = core::Quantity{qty};
  st.filled_qty = core::Quantity{filled};
  st.leaves_qty =
      core::Quantity{model::is_terminal(st.status) ? 0 : std::max<std::int64_t>(0, qty - filled)};
  st.avg_fill_price = avg.is_defined() ? avg : core::Price::zero();
  st.order.limit_price = limit;
  st.order.stop_price = stop;
  st.ts_updated = updated;
  std::string type = text(o, "type");
  if (type.empty()) type = text(o, "order_type");
  auto t = parse_type(type);
  if (!t) return core::fail(core::ErrorCode::kParse, "{}: unknown type \"{}\"", where, type);
  st.order.type = *t;
  st.order.tif = parse_tif(text(o, "time_in_force"));
  const std::string order_class = text(o, "order_class");
  const auto* legs = field(o, "legs");
  if (order_class == "mleg") {
    if (legs == nullptr || !legs->is_array() || legs->as_array().empty()) {
      return core::fail(core::ErrorCode::kParse, "{}: mleg order without legs", where);
    }
    const auto& arr = legs->as_array();
    if (arr.size() > model::kMaxLegs) {
      return core::fail(core::ErrorCode::kUnsupported, "{}: {} legs (at most {})", where,
                        arr.size(), model::kMaxLegs);
    }
    st.order.order_class = model::OrderClass::kMultiLeg;
    st.order.leg_count = static_cast<std::uint8_t>(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i) {
      if (!arr[i].is_object())
        return core::fail(core::ErrorCode::kParse, "{}: leg {} is not an object", where, i);
      const auto& lo = arr[i].as_object();
      const std::string lwhere = fmt::format("{} leg {}", where, i);
      ZDTE_TRY(inst, intern(reg, text(lo, "symbol"), lwhere));
      ZDTE_TRY(side, parse_side(lo, lwhere));
      ZDTE_TRY(ratio, quantity(lo, "ratio_qty", lwhere));
      ZDTE_TRY(lfilled, quantity(lo, "filled_qty", lwhere));
      ZDTE_TRY(lavg, price(lo, "filled_avg_price", lwhere));
      auto& leg = st.order.legs[i];
      leg.instrument = inst;
      leg.side = side;
      leg.ratio = static_cast<std::int32_t>(ratio > 0 ? ratio : 1);
      leg.intent = parse_intent(text(lo, "position_intent"));
      out.leg_order_ids.push_back(text(lo, "id"));
      out.leg_filled.push_back(core::Quantity{lfilled});
      out.leg_avg_price.push_back(lavg);
    }
  } else {
    ZDTE_TRY(inst, intern(reg, text(o, "symbol"), where));
    ZDTE_TRY(side, parse_side(o, where));
    st.order.order_class = model::OrderClass::kSimple;
    st.order.leg_count = 1;
    st.order.legs[0].instrument = inst;
    st.order.legs[0].side = side;
    st.order.legs[0].intent = parse_intent(text(o, "position_intent"));
  }
  return out;
}

}  // namespace

core::Result<std::string> encode_order(const model::OrderIntent& order,
                                       const model::InstrumentRegistry& reg) {
  if (order.client_order_id.empty()) {
    return core::fail(core::ErrorCode::kInvalid, "alpaca: order without client_order_id");
  }
  json::object o;
  o["client_order_id"] = order.client_order_id.view();
  o["qty"] = std::to_string(order.quantity.value);
  o["type"] = type_text(order.type);
  o["time_in_force"] = tif_text(order.tif);
  if (order.type == model::OrderType::kLimit || order.type == model::OrderType::kStopLimit) {
    if (!order.limit_price.is_defined()) {
      return core::fail(core::ErrorCode::kInvalid, "alpaca: order {} needs a limit price",
                        order.client_order_id.view());
    }
    o["limit_price"] = decimal(order.limit_price);
  }
  if (order.type == model::OrderType::kStop || order.type == model::OrderType::kStopLimit) {
    if (!order.stop_price.is_defined()) {
      return core::fail(core::ErrorCode::kInvalid, "alpaca: order {} needs a stop price",
                        order.client_order_id.view());
    }
    o["stop_price"] = decimal(order.stop_price);
  }
  if (order.leg_count > 1) {
    o["order_class"] = "mleg";
    json::array legs;
    for (std::size_t i = 0; i < order.leg_count; ++i) {
      const auto& leg = order.legs[i];
      auto sym = alpaca_symbol(reg, leg.instrument);
      if (!sym) return std::unexpected(sym.error());
      json::object l;
      l["symbol"] = *sym;
      l["ratio_qty"] = std::to_string(leg.ratio);
      l["side"] = side_text(leg.side);
      if (leg.intent != model::PositionIntent::kAuto)
        l["position_intent"] = intent_text(leg.intent);
      legs.push_back(std::move(l));
    }
    o["legs"] = std::move(legs);
  } else {
    const auto& leg = order.legs[0];
    auto sym = alpaca_symbol(reg, leg.instrument);
    if (!sym) return std::unexpected(sym.error());
    o["symbol"] = *sym;
    o["side"] = side_text(leg.side);
    if (leg.intent != model::PositionIntent::kAuto) o["position_intent"] = intent_text(leg.intent);
  }
  return json::serialize(o);
}

core::Result<std::string> encode_replace(const execution::ModifyRequest& r) {
  if (r.quantity.value <= 0) {
    return core::fail(core::ErrorCode::kInvalid, "alpaca: replace of {} needs a positive qty",
                      r.client_order_id.view());
  }
  json::object o;
  o["qty"] = std::to_string(r.quantity.value);
  if (r.limit_price.is_defined()) o["limit_price"] = decimal(r.limit_price);
  if (r.stop_price.is_defined()) o["stop_price"] = decimal(r.stop_price);
  if (!r.new_client_order_id.empty()) o["client_order_id"] = r.new_client_order_id.view();
  return json::serialize(o);
}

core::Result<AlpacaOrder> decode_order(std::string_view body, model::InstrumentRegistry& reg) {
  ZDTE_TRY(v, parse(body, "alpaca order"));
  if (!v.is_object()) return core::fail(core::ErrorCode::kParse, "alpaca order: not a JSON object");
  return order_from(v.as_object(), reg);
}

core::Result<std::vector<AlpacaOrder>> decode_orders(std::string_view body,
                                                     model::InstrumentRegistry& reg) {
  ZDTE_TRY(v, parse(body, "alpaca orders"));
  if (!v.is_array()) return core::fail(core::ErrorCode::kParse, "alpaca orders: not a JSON array");
  std::vector<AlpacaOrder> out;
  for (const auto& e : v.as_array()) {
    if (!e.is_object())
      return core::fail(core::ErrorCode::kParse, "alpaca orders: element is not an object");
    ZDTE_TRY(o, order_from(e.as_object(), reg));
    out.push_back(std::move(o));
  }
  return out;
}

core::Result<std::vector<execution::PositionSnapshot>> decode_positions(
    std::string_view body, model::InstrumentRegistry& reg) {
  ZDTE_TRY(v, parse(body, "alpaca positions"));
  if (!v.is_array())
    return core::fail(core::ErrorCode::kParse, "alpaca positions: not a JSON array");
  std::vector<execution::PositionSnapshot> out;
  for (const auto& e : v.as_array()) {
    if (!e.is_object())
      return core::fail(core::ErrorCode::kParse, "alpaca positions: element is not an object");
    const auto& o = e.as_object();
    const std::string where = fmt::format("alpaca position {}", text(o, "symbol"));
    execution::PositionSnapshot p;
    ZDTE_TRY(inst, intern(reg, text(o, "symbol"), where));
    ZDTE_TRY(qty, quantity(o, "qty", where));
    ZDTE_TRY(avg, price(o, "avg_entry_price", where));
    // qty is signed for shorts; older payloads give side "short" with a positive qty.
    if (text(o, "side") == "short" && qty > 0) qty = -qty;
    p.instrument = inst;
    p.quantity = core::Quantity{qty};
    p.avg_price = avg;
    out.push_back(p);
  }
  return out;
}

core::Result<execution::AccountSnapshot> decode_account(std::string_view body) {
  ZDTE_TRY(v, parse(body, "alpaca account"));
  if (!v.is_object())
    return core::fail(core::ErrorCode::kParse, "alpaca account: not a JSON object");
  const auto& o = v.as_object();
  execution::AccountSnapshot a;
  ZDTE_TRY(cash, price(o, "cash", "alpaca account"));
  ZDTE_TRY(bp, price(o, "options_buying_power", "alpaca account"));
  ZDTE_TRY(bp_all, price(o, "buying_power", "alpaca account"));
  ZDTE_TRY(equity, price(o, "equity", "alpaca account"));
  if (!cash.is_defined() || !equity.is_defined()) {
    return core::fail(core::ErrorCode::kParse, "alpaca account: cash or equity missing");
  }
  a.cash = cash;
  a.buying_power = bp.is_defined() ? bp : bp_all;
  a.equity = equity;
  if (auto c = text(o, "currency"); !c.empty()) a.currency = c;
  return a;
}

core::Result<std::vector<FillActivity>> decode_fill_activities(std::string_view body,
                                                               model::InstrumentRegistry& reg) {
  ZDTE_TRY(v, parse(body, "alpaca fill activities"));
  if (!v.is_array())
    return core::fail(core::ErrorCode::kParse, "alpaca fill activities: not a JSON array");
  std::vector<FillActivity> out;
  for (const auto& e : v.as_array()) {
    if (!e.is_object()) continue;
    const auto& o = e.as_object();
    FillActivity a;
    a.activity_id = text(o, "id");
    const std::string where = fmt::format("alpaca fill activity {}", a.activity_id);
    a.order_id = text(o, "order_id");
    auto sep = a.activity_id.find("::");
    a.fill.exec_id = sep == std::string::npos ? std::string_view(a.activity_id)
                                              : std::string_view(a.activity_id).substr(sep + 2);
    a.fill.venue_order_id = a.order_id;
    ZDTE_TRY(inst, intern(reg, text(o, "symbol"), where));
    ZDTE_TRY(side, parse_side(o, where));
    ZDTE_TRY(qty, quantity(o, "qty", where));
    ZDTE_TRY(px, price(o, "price", where));
    ZDTE_TRY(ts, timestamp(o, "transaction_time", where));
    a.fill.instrument = inst;
    a.fill.side = side;
    a.fill.quantity = core::Quantity{qty};
    a.fill.price = px;
    a.fill.fee = core::Price::zero();
    a.fill.ts_event = ts;
    out.push_back(std::move(a));
  }
  return out;
}

core::Result<StreamMessage> decode_stream_message(std::string_view body,
                                                  model::InstrumentRegistry& reg) {
  ZDTE_TRY(v, parse(body, "alpaca trade_updates"));
  StreamMessage m;
  if (!v.is_object()) return m;
  const auto& o = v.as_object();
  const std::string stream = text(o, "stream");
  const auto* data = field(o, "data");
  const json::object empty;
  const json::object& d = (data != nullptr && data->is_object()) ? data->as_object() : empty;
  if (stream == "authorization") {
    m.kind = StreamKind::kAuthorization;
    m.authorized = text(d, "status") == "authorized";
    m.text = text(d, "status");
    return m;
  }
  if (stream == "listening") {
    m.kind = StreamKind::kListening;
    if (const auto* s = field(d, "streams"); s != nullptr && s->is_array()) {
      for (const auto& x : s->as_array()) {
        if (x.is_string() && x.as_string() == "trade_updates") m.listening_trades = true;
      }
    }
    return m;
  }
  if (stream == "trade_updates") {
    m.kind = StreamKind::kTradeUpdate;
    m.event = text(d, "event");
    m.execution_id = text(d, "execution_id");
    const std::string where = fmt::format("alpaca trade_updates {}", m.event);
    ZDTE_TRY(px, price(d, "price", where));
    ZDTE_TRY(qty, quantity(d, "qty", where));
    ZDTE_TRY(ts, timestamp(d, "timestamp", where));
    m.price = px;
    m.qty = core::Quantity{qty};
    m.ts = ts;
    const auto* order = field(d, "order");
    if (order == nullptr || !order->is_object()) {
      return core::fail(core::ErrorCode::kParse, "{}: event without an order", where);
    }
    ZDTE_TRY(ord, order_from(order->as_object(), reg));
    m.order = std::move(ord);
    return m;
  }
  if (text(o, "T") == "error" || stream == "error") {
    m.kind = StreamKind::kError;
    m.text = text(d, "error_message");
    if (m.text.empty()) m.text = text(o, "msg");
  }
  return m;
}

std::string encode_auth(std::string_view key_id, std::string_view secret) {
  json::object o{{"action", "auth"}, {"key", key_id}, {"secret", secret}};
  return json::serialize(o);
}

std::string encode_listen() {
  return R"({"action":"listen","data":{"streams":["trade_updates"]}})";
}

}  // namespace zerodte::adapters::alpaca
