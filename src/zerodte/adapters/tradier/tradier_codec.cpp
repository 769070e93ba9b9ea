#include "zerodte/adapters/tradier/tradier_codec.hpp"

#include <fmt/format.h>

#include <numeric>

#include "zerodte/adapters/tradier/tradier_json.hpp"

namespace zerodte::adapters::tradier {

namespace json = boost::json;
using namespace detail;  // NOLINT(google-build-using-namespace): local JSON helpers
using model::OrderStatus;

#define ZDTE_TRY(var, expr)                              \
  auto var##_r = (expr);                                 \
  if (!var##_r) return std::unexpected(var##_r.error()); \
  auto var = std::move(*var##_r)

std::optional<OrderStatus> map_order_status(std::string_view raw) {
  const std::string s = lower(std::string(raw));
  // "new" is the 2013 API's name for an open order (the SDK fixtures).
  if (s == "open" || s == "new" || s == "calculated" || s == "accepted_for_bidding" ||
      s == "held") {
    return OrderStatus::kAccepted;
  }
  if (s == "pending") return OrderStatus::kPendingNew;
  if (s == "partially_filled") return OrderStatus::kPartiallyFilled;
  if (s == "filled") return OrderStatus::kFilled;
  if (s == "expired") return OrderStatus::kExpired;
  if (s == "canceled") return OrderStatus::kCancelled;
  if (s == "rejected" || s == "error") return OrderStatus::kRejected;
  return std::nullopt;
}

std::string form_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

namespace {

struct Form {
  std::string body;
  void add(std::string_view key, std::string_view value) {
    if (!body.empty()) body.push_back('&');
    body += key;
    body.push_back('=');
    body += form_escape(value);
  }
};

std::string_view duration_text(model::TimeInForce t) {
  return t == model::TimeInForce::kGtc ? "gtc" : "day";
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

core::Result<std::string_view> option_side(const model::OrderLeg& leg, std::size_t i,
                                           std::string_view cid) {
  switch (leg.intent) {
    case model::PositionIntent::kBuyToOpen:
      return "buy_to_open";
    case model::PositionIntent::kBuyToClose:
      return "buy_to_close";
    case model::PositionIntent::kSellToOpen:
      return "sell_to_open";
    case model::PositionIntent::kSellToClose:
      return "sell_to_close";
    case model::PositionIntent::kAuto:
      break;
  }
  return core::fail(core::ErrorCode::kInvalid,
                    "tradier order {}: leg {} needs an open/close intent (Tradier option sides "
                    "are buy_to_open, buy_to_close, sell_to_open, sell_to_close)",
                    cid, i);
}

struct OptionNames {
  std::string underlying;
  std::string occ;  // compact
};

core::Result<OptionNames> option_names(const model::InstrumentRegistry& reg,
                                       core::InstrumentId id) {
  const auto* inst = reg.try_get(id);
  if (inst == nullptr) {
    return core::fail(core::ErrorCode::kNotFound, "tradier: instrument id {} is not registered",
                      id.value);
  }
  if (!inst->is_option()) return OptionNames{std::string(inst->symbol_view()), {}};
  auto occ = model::OccSymbol::parse(inst->symbol_view());
  if (!occ) return std::unexpected(occ.error());
  std::string underlying(occ->root.view());
  if (const auto* u = reg.try_get(inst->underlying_id); u != nullptr) {
    underlying = std::string(u->symbol_view());
  }
  return OptionNames{underlying, occ->compact()};
}

}  // namespace

core::Result<std::string> encode_order(const model::OrderIntent& order,
                                       const model::InstrumentRegistry& reg) {
  const auto cid = order.client_order_id.view();
  if (cid.empty()) return core::fail(core::ErrorCode::kInvalid, "tradier: order without a tag");
  Form f;
  if (order.leg_count > 1) {
    ZDTE_TRY(first, option_names(reg, order.legs[0].instrument));
    f.add("class", "multileg");
    f.add("symbol", first.underlying);
    if (order.type == model::OrderType::kMarket) {
      f.add("type", "market");
    } else if (order.type == model::OrderType::kLimit) {
      if (!order.limit_price.is_defined()) {
        return core::fail(core::ErrorCode::kInvalid, "tradier order {}: needs a net price", cid);
      }
      const auto raw = order.limit_price.raw();
      f.add("type", raw > 0 ? "debit" : raw < 0 ? "credit" : "even");
      f.add("duration", duration_text(order.tif));
      f.add("price", core::Price::from_raw(raw < 0 ? -raw : raw).to_string());
    } else {
      return core::fail(core::ErrorCode::kUnsupported,
                        "tradier order {}: multileg orders are market or limit (debit/credit/even)",
                        cid);
    }
    if (order.type == model::OrderType::kMarket) f.add("duration", duration_text(order.tif));
    for (std::size_t i = 0; i < order.leg_count; ++i) {
      const auto& leg = order.legs[i];
      ZDTE_TRY(names, option_names(reg, leg.instrument));
      if (names.occ.empty()) {
        return core::fail(core::ErrorCode::kUnsupported,
                          "tradier order {}: leg {} is not an option (use class=combo)", cid, i);
      }
      ZDTE_TRY(side, option_side(leg, i, cid));
      f.add(fmt::format("option_symbol[{}]", i), names.occ);
      f.add(fmt::format("side[{}]", i), side);
      f.add(fmt::format("quantity[{}]", i), std::to_string(order.quantity.value * leg.ratio));
    }
  } else {
    const auto& leg = order.legs[0];
    ZDTE_TRY(names, option_names(reg, leg.instrument));
    if (names.occ.empty()) {
      f.add("class", "equity");
      f.add("symbol", names.underlying);
      f.add("side", leg.side == model::Side::kSell ? "sell" : "buy");
    } else {
      ZDTE_TRY(side, option_side(leg, 0, cid));
      f.add("class", "option");
      f.add("symbol", names.underlying);
      f.add("option_symbol", names.occ);
      f.add("side", side);
    }
    f.add("quantity", std::to_string(order.quantity.value));
    f.add("type", type_text(order.type));
    f.add("duration", duration_text(order.tif));
    if (order.type == model::OrderType::kLimit || order.type == model::OrderType::kStopLimit) {
      if (!order.limit_price.is_defined()) {
        return core::fail(core::ErrorCode::kInvalid, "tradier order {}: needs a limit price", cid);
      }
      f.add("price", order.limit_price.to_string());
    }
    if (order.type == model::OrderType::kStop || order.type == model::OrderType::kStopLimit) {
      if (!order.stop_price.is_defined()) {
        return core::fail(core::ErrorCode::kInvalid, "tradier order {}: needs a stop price", cid);
      }
      f.add("stop", order.stop_price.to_string());
    }
  }
  f.add("tag", cid);
  return f.body;
}

core::Result<std::string> encode_modify(const model::OrderIntent& original,
                                        const execution::ModifyRequest& r) {
  Form f;
  const core::Price limit = r.limit_price.is_defined() ? r.limit_price : original.limit_price;
  if (original.leg_count > 1) {
    if (original.type == model::OrderType::kMarket) {
      f.add("type", "market");
    } else {
      const auto raw = limit.raw();
      f.add("type", raw > 0 ? "debit" : raw < 0 ? "credit" : "even");
      f.add("price", core::Price::from_raw(raw < 0 ? -raw : raw).to_string());
    }
    f.add("duration", duration_text(original.tif));
    return f.body;
  }
  f.add("type", type_text(original.type));
  f.add("duration", duration_text(original.tif));
  if (original.type == model::OrderType::kLimit || original.type == model::OrderType::kStopLimit) {
    f.add("price", limit.to_string());
  }
  if (original.type == model::OrderType::kStop || original.type == model::OrderType::kStopLimit) {
    f.add("stop", (r.stop_price.is_defined() ? r.stop_price : original.stop_price).to_string());
  }
  return f.body;
}

namespace {

struct SideIntent {
  model::Side side;
  model::PositionIntent intent;
};

std::optional<SideIntent> parse_side(std::string_view raw) {
  const std::string s = lower(std::string(raw));
  using PI = model::PositionIntent;
  if (s == "buy_to_open") return SideIntent{model::Side::kBuy, PI::kBuyToOpen};
  if (s == "buy_to_close") return SideIntent{model::Side::kBuy, PI::kBuyToClose};
  if (s == "sell_to_open") return SideIntent{model::Side::kSell, PI::kSellToOpen};
  if (s == "sell_to_close") return SideIntent{model::Side::kSell, PI::kSellToClose};
  if (s == "buy" || s == "buy_to_cover") return SideIntent{model::Side::kBuy, PI::kAuto};
  if (s == "sell" || s == "sell_short") return SideIntent{model::Side::kSell, PI::kAuto};
  return std::nullopt;
}

core::Result<core::InstrumentId> intern(model::InstrumentRegistry& reg, std::string_view symbol,
                                        std::string_view where) {
  auto id = reg.intern_us_symbol(symbol);
  if (!id) return std::unexpected(id.error().with_context(fmt::format("{}: symbol", where)));
  return *id;
}

std::string order_id_of(const json::object& o) {
  std::string id = text(o, "id");
  if (id.empty() || id == "0") id = text(o, "order_id");
  return id;
}

core::Result<TradierOrder> order_from(const json::object& o, model::InstrumentRegistry& reg) {
  TradierOrder out;
  out.id = order_id_of(o);
  const std::string where = fmt::format("tradier order {}", out.id.empty() ? "(no id)" : out.id);
  if (out.id.empty()) return core::fail(core::ErrorCode::kParse, "{}: missing \"id\"", where);
  out.tag = text(o, "tag");
  auto& st = out.state;
  st.venue_order_id = out.id;
  st.order.client_order_id = out.tag;
  const std::string raw_status = text(o, "status");
  auto status = map_order_status(raw_status);
  if (!status)
    return core::fail(core::ErrorCode::kParse, "{}: unknown status \"{}\"", where, raw_status);
  st.status = *status;
  ZDTE_TRY(qty, quantity(o, "quantity", where));
  ZDTE_TRY(exec, quantity(o, "exec_quantity", where));
  ZDTE_TRY(remaining, quantity(o, "remaining_quantity", where));
  ZDTE_TRY(avg, price(o, "avg_fill_price", where));
  ZDTE_TRY(px, price(o, "price", where));
  ZDTE_TRY(stop, price(o, "stop_price", where));
  ZDTE_TRY(updated, timestamp(o, "transaction_date", where));
  std::string duration = lower(text(o, "duration"));
  if (duration.empty()) duration = lower(text(o, "time_in_force"));
  st.order.tif = duration == "gtc" ? model::TimeInForce::kGtc : model::TimeInForce::kDay;
  const std::string type = lower(text(o, "type"));
  st.order.stop_price = stop;
  st.ts_updated = updated;
  st.reason = text(o, "reason_description");
  const std::string cls = lower(text(o, "class"));
  if (cls == "multileg") {
    const auto legs = as_list(field(o, "leg"));
    if (legs.empty() || legs.size() > model::kMaxLegs) {
      return core::fail(core::ErrorCode::kUnsupported, "{}: {} legs (1..{} supported)", where,
                        legs.size(), model::kMaxLegs);
    }
    std::vector<std::int64_t> leg_qty;
    for (std::size_t i = 0; i < legs.size(); ++i) {
      const auto& lo = *legs[i];
      const std::string lwhere = fmt::format("{} leg {}", where, i);
      std::string sym = text(lo, "option_symbol");
      if (sym.empty()) sym = text(lo, "symbol");
      ZDTE_TRY(inst, intern(reg, sym, lwhere));
      auto si = parse_side(text(lo, "side"));
      if (!si)
        return core::fail(core::ErrorCode::kParse, "{}: unknown side \"{}\"", lwhere,
                          text(lo, "side"));
      ZDTE_TRY(lq, quantity(lo, "quantity", lwhere));
      ZDTE_TRY(lexec, quantity(lo, "exec_quantity", lwhere));
      ZDTE_TRY(lavg, price(lo, "avg_fill_price", lwhere));
      st.order.legs[i] = {inst, si->side, 1, si->intent};
      leg_qty.push_back(lq);
      out.leg_exec_qty.push_back(lexec);
      out.leg_avg_price.push_back(lavg);
    }
    std::int64_t units = 0;
    for (auto q : leg_qty)
      units = std::gcd(units, q);
    if (units <= 0) units = 1;
    for (std::size_t i = 0; i < legs.size(); ++i) {
      st.order.legs[i].ratio = static_cast<std::int32_t>(leg_qty[i] / units);
    }
    st.order.order_class = model::OrderClass::kMultiLeg;
    st.order.leg_count = static_cast<std::uint8_t>(legs.size());
    st.order.quantity = core::Quantity{units};
    // Units filled: the smallest leg completion.
    std::int64_t filled_units = units;
    for (std::size_t i = 0; i < legs.size(); ++i) {
      filled_units = std::min(filled_units, out.leg_exec_qty[i] / st.order.legs[i].ratio);
    }
    st.filled_qty = core::Quantity{filled_units};
    st.order.type = type == "market" ? model::OrderType::kMarket : model::OrderType::kLimit;
    if (px.is_defined()) {
      st.order.limit_price = type == "credit" ? core::Price::from_raw(-px.raw())
                             : type == "even" ? core::Price::zero()
                                              : px;
    }
    st.avg_fill_price = avg.is_defined() ? avg : core::Price::zero();
    st.leaves_qty = core::Quantity{model::is_terminal(st.status) ? 0 : units - filled_units};
    return out;
  }
  std::string sym = text(o, "option_symbol");
  if (sym.empty()) sym = text(o, "symbol");
  ZDTE_TRY(inst, intern(reg, sym, where));
  auto si = parse_side(text(o, "side"));
  if (!si)
    return core::fail(core::ErrorCode::kParse, "{}: unknown side \"{}\"", where, text(o, "side"));
  st.order.order_class = model::OrderClass::kSimple;
  st.order.leg_count = 1;
  st.order.legs[0] = {inst, si->side, 1, si->intent};
  st.order.quantity = core::Quantity{qty};
  if (type == "market")
    st.order.type = model::OrderType::kMarket;
  else if (type == "stop")
    st.order.type = model::OrderType::kStop;
  else if (type == "stop_limit")
    st.order.type = model::OrderType::kStopLimit;
  else
    st.order.type = model::OrderType::kLimit;
  if (st.order.type != model::OrderType::kMarket && px.is_defined() && px.raw() != 0) {
    st.order.limit_price = px;
  }
  st.filled_qty = core::Quantity{exec};
  st.leaves_qty = core::Quantity{model::is_terminal(st.status) ? 0
                                 : remaining > 0               ? remaining
                                                 : std::max<std::int64_t>(0, qty - exec)};
  st.avg_fill_price = avg.is_defined() ? avg : core::Price::zero();
  out.leg_exec_qty.push_back(exec);
  out.leg_avg_price.push_back(st.avg_fill_price);
  return out;
}

std::string errors_text(const json::object& o) {
  const auto* e = field(o, "errors");
  if (e == nullptr) return {};
  if (e->is_string()) return std::string(e->as_string());
  if (e->is_object()) {
    const auto* list = field(e->as_object(), "error");
    if (list == nullptr) return "error";
    if (list->is_string()) return std::string(list->as_string());
    if (list->is_array()) {
      std::string out;
      for (const auto& x : list->as_array()) {
        if (!x.is_string()) continue;
        if (!out.empty()) out += "; ";
        out += std::string(x.as_string());
      }
      return out;
    }
  }
  return "error";
}

}  // namespace

core::Result<std::vector<TradierOrder>> decode_orders(std::string_view body,
                                                      model::InstrumentRegistry& reg) {
  ZDTE_TRY(v, parse(body, "tradier orders"));
  if (!v.is_object())
    return core::fail(core::ErrorCode::kParse, "tradier orders: not a JSON object");
  const auto* orders = field(v.as_object(), "orders");
  std::vector<TradierOrder> out;
  if (orders == nullptr || !orders->is_object()) return out;  // "null": no orders
  for (const auto* o : as_list(field(orders->as_object(), "order"))) {
    ZDTE_TRY(d, order_from(*o, reg));
    out.push_back(std::move(d));
  }
  return out;
}

core::Result<TradierOrder> decode_order(std::string_view body, model::InstrumentRegistry& reg) {
  ZDTE_TRY(v, parse(body, "tradier order"));
  if (!v.is_object())
    return core::fail(core::ErrorCode::kParse, "tradier order: not a JSON object");
  const auto* o = field(v.as_object(), "order");
  if (o == nullptr || !o->is_object()) {
    return core::fail(core::ErrorCode::kParse, "tradier order: no \"order\" object");
  }
  return order_from(o->as_object(), reg);
}

core::Result<std::string> decode_placed(std::string_view body) {
  ZDTE_TRY(v, parse(body, "tradier order response"));
  if (!v.is_object())
    return core::fail(core::ErrorCode::kParse, "tradier order response: not an object");
  if (auto e = errors_text(v.as_object()); !e.empty()) {
    return core::fail(core::ErrorCode::kRejected, "tradier: {}", e);
  }
  const auto* o = field(v.as_object(), "order");
  if (o == nullptr || !o->is_object()) {
    return core::fail(core::ErrorCode::kParse, "tradier order response: no \"order\" object");
  }
  const auto& ord = o->as_object();
  if (auto e = errors_text(ord); !e.empty())
    return core::fail(core::ErrorCode::kRejected, "tradier: {}", e);
  if (const auto st = lower(text(ord, "status")); !st.empty() && st != "ok") {
    return core::fail(core::ErrorCode::kRejected, "tradier: order status \"{}\"",
                      text(ord, "status"));
  }
  std::string id = order_id_of(ord);
  if (id.empty()) return core::fail(core::ErrorCode::kParse, "tradier order response: no id");
  return id;
}

core::Result<std::vector<execution::PositionSnapshot>> decode_positions(
    std::string_view body, model::InstrumentRegistry& reg) {
  ZDTE_TRY(v, parse(body, "tradier positions"));
  if (!v.is_object())
    return core::fail(core::ErrorCode::kParse, "tradier positions: not a JSON object");
  std::vector<execution::PositionSnapshot> out;
  const auto* positions = field(v.as_object(), "positions");
  if (positions == nullptr || !positions->is_object()) return out;
  for (const auto* p : as_list(field(positions->as_object(), "position"))) {
    const std::string where = fmt::format("tradier position {}", text(*p, "symbol"));
    ZDTE_TRY(inst, intern(reg, text(*p, "symbol"), where));
    ZDTE_TRY(qty, quantity(*p, "quantity", where));
    ZDTE_TRY(cost, price(*p, "cost_basis", where));
    execution::PositionSnapshot s;
    s.instrument = inst;
    s.quantity = core::Quantity{qty};
    const std::int64_t mult = reg.get(inst).multiplier;
    if (qty != 0 && cost.is_defined()) {
      s.avg_price = core::Price::from_raw(
          static_cast<std::int64_t>(static_cast<__int128>(cost.raw()) / (qty * mult)));
    }
    out.push_back(s);
  }
  return out;
}

core::Result<execution::AccountSnapshot> decode_balances(std::string_view body) {
  ZDTE_TRY(v, parse(body, "tradier balances"));
  const auto* b = v.is_object() ? field(v.as_object(), "balances") : nullptr;
  if (b == nullptr || !b->is_object()) {
    return core::fail(core::ErrorCode::kParse, "tradier balances: no \"balances\" object");
  }
  const auto& o = b->as_object();
  execution::AccountSnapshot a;
  ZDTE_TRY(equity, price(o, "total_equity", "tradier balances"));
  if (!equity.is_defined()) {
    ZDTE_TRY(eq2, price(o, "equity", "tradier balances"));
    equity = eq2;
  }
  ZDTE_TRY(cash, price(o, "total_cash", "tradier balances"));
  if (!cash.is_defined()) {
    // 2013 payloads: "cash": [<amount>, {cash_available, ...}]
    if (const auto* c = field(o, "cash"); c != nullptr && c->is_array() && !c->as_array().empty()) {
      json::object tmp{{"v", c->as_array()[0]}};
      ZDTE_TRY(c0, price(tmp, "v", "tradier balances cash"));
      cash = c0;
    }
  }
  if (!equity.is_defined() || !cash.is_defined()) {
    return core::fail(core::ErrorCode::kParse,
                      "tradier balances: total_equity or total_cash missing");
  }
  core::Price bp = core::Price::undefined();
  for (const char* section : {"margin", "pdt", "cash"}) {
    const auto* s = field(o, section);
    if (s == nullptr || !s->is_object()) continue;
    const char* key =
        std::string_view(section) == "cash" ? "cash_available" : "option_buying_power";
    ZDTE_TRY(p, price(s->as_object(), key, fmt::format("tradier balances {}", section)));
    if (p.is_defined()) {
      bp = p;
      break;
    }
  }
  a.equity = equity;
  a.cash = cash;
  a.buying_power = bp.is_defined() ? bp : core::Price::zero();
  return a;
}

core::Result<StreamSession> decode_stream_session(std::string_view body) {
  ZDTE_TRY(v, parse(body, "tradier stream session"));
  const auto* s = v.is_object() ? field(v.as_object(), "stream") : nullptr;
  if (s == nullptr || !s->is_object()) {
    return core::fail(core::ErrorCode::kParse, "tradier stream session: no \"stream\" object");
  }
  StreamSession out{text(s->as_object(), "url"), text(s->as_object(), "sessionid")};
  if (out.session_id.empty()) {
    return core::fail(core::ErrorCode::kParse, "tradier stream session: no sessionid");
  }
  return out;
}

std::string encode_subscription(std::string_view session_id) {
  return json::serialize(json::object{{"events", json::array{"order"}},
                                      {"sessionid", session_id},
                                      {"excludeAccounts", json::array{}}});
}

core::Result<OrderEvent> decode_event(std::string_view body) {
  ZDTE_TRY(v, parse(body, "tradier account event"));
  OrderEvent e;
  if (!v.is_object()) return e;
  const auto& o = v.as_object();
  const std::string kind = lower(text(o, "event"));
  if (kind == "heartbeat") {
    e.is_heartbeat = true;
    return e;
  }
  if (kind != "order") return e;
  e.is_order = true;
  e.id = text(o, "id");
  const std::string where = fmt::format("tradier order event {}", e.id);
  if (e.id.empty()) return core::fail(core::ErrorCode::kParse, "{}: missing id", where);
  e.raw_status = text(o, "status");
  auto st = map_order_status(e.raw_status);
  if (!st)
    return core::fail(core::ErrorCode::kParse, "{}: unknown status \"{}\"", where, e.raw_status);
  e.status = *st;
  ZDTE_TRY(exec, quantity(o, "executed_quantity", where));
  ZDTE_TRY(rem, quantity(o, "remaining_quantity", where));
  ZDTE_TRY(avg, price(o, "avg_fill_price", where));
  ZDTE_TRY(lpx, price(o, "last_fill_price", where));
  ZDTE_TRY(lq, quantity(o, "last_fill_quantity", where));
  ZDTE_TRY(ts, timestamp(o, "transaction_date", where));
  e.executed_qty = exec;
  e.remaining_qty = rem;
  e.avg_fill_price = avg;
  e.last_fill_price = lpx;
  e.last_fill_qty = lq;
  e.ts = ts;
  return e;
}

}  // namespace zerodte::adapters::tradier
