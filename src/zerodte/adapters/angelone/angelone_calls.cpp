// AngelOneExecutionClient: the ExecutionClient calls (kernel thread).
#include "zerodte/adapters/angelone/angelone_client_impl.hpp"

namespace zerodte::adapters::angelone {

namespace {

const char* exchange_of(const model::Instrument& inst) {
  return inst.is_option() || inst.asset_class == model::AssetClass::kFuture ? "NFO" : "NSE";
}

}  // namespace

core::Result<execution::SubmitAck> AngelOneExecutionClient::submit(const model::OrderIntent& o) {
  Impl& s = *impl_;
  const std::string cid(o.client_order_id.view());
  const model::Instrument* inst = s.instruments.try_get(o.legs[0].instrument);
  if (inst == nullptr || inst->market != core::Market::kNse) {
    return core::fail(ErrorCode::kRejected, "angelone {}: instrument {} is not an NSE instrument",
                      cid, o.legs[0].instrument.value);
  }
  const Scrip* scrip = s.scrips.find(exchange_of(*inst), inst->symbol_view());
  if (scrip == nullptr) {
    return core::fail(ErrorCode::kNotFound, "angelone {}: {} is not in the scrip master", cid,
                      inst->symbol_view());
  }
  {
    std::lock_guard l(s.mu);
    if (s.orders.contains(cid)) {
      return core::fail(ErrorCode::kRejected, "angelone {}: duplicate ordertag: already sent", cid);
    }
  }
  // The band check needs a fresh LTP: the stream's, else one getLtpData call.
  std::optional<core::Price> ltp;
  if (o.type != model::OrderType::kMarket) {
    {
      std::lock_guard l(s.mu);
      auto it = s.ltps.find(inst->id.value);
      if (it != s.ltps.end() && s.clock.now() - it->second.second <= s.cfg.ltp_max_age) {
        ltp = it->second.first;
      }
    }
    if (!ltp) {
      auto p = s.with_token([&](const std::string& jwt) {
        return s.rest.ltp(jwt, scrip->exchange, scrip->symbol, scrip->token);
      });
      if (!p) return std::unexpected(p.error().with_context(fmt::format("angelone {} LTP", cid)));
      ltp = *p;
    }
  }
  if (auto ok = check_nse_order(o, *inst, scrip, ltp, s.cfg.rules); !ok) {
    return std::unexpected(ok.error());
  }
  auto req = to_angel_request(o, *inst, *scrip, s.cfg.product_type);
  if (!req) return std::unexpected(req.error());
  auto id = s.with_token([&](const std::string& jwt) { return s.rest.place_order(jwt, *req); });
  if (!id) return std::unexpected(id.error());
  {
    std::lock_guard l(s.mu);
    AngelEntry& e = s.orders[cid];
    e.intent = o;
    e.orderid = *id;
    e.variety = req->variety;
    s.by_orderid[*id] = cid;
  }
  return execution::SubmitAck{core::VenueOrderId{*id}, OrderStatus::kPendingNew};
}

core::Result<execution::SubmitAck> AngelOneExecutionClient::modify(
    const execution::ModifyRequest& req) {
  Impl& s = *impl_;
  const std::string orig(req.client_order_id.view());
  const std::string repl(req.new_client_order_id.view());
  AngelEntry e;
  {
    std::lock_guard l(s.mu);
    auto it = s.orders.find(orig);
    if (it == s.orders.end() || it->second.orderid.empty()) {
      return core::fail(ErrorCode::kNotFound, "angelone modify: order {} unknown", orig);
    }
    if (model::is_terminal(it->second.status)) {
      return core::fail(ErrorCode::kRejected, "angelone modify {}: order is {}", orig,
                        model::to_string(it->second.status));
    }
    e = it->second;
  }
  model::OrderIntent n = e.intent;
  n.client_order_id = req.new_client_order_id;
  n.quantity = req.quantity;
  if (req.limit_price.is_defined()) n.limit_price = req.limit_price;
  if (req.stop_price.is_defined()) n.stop_price = req.stop_price;
  const model::Instrument* inst = s.instruments.try_get(n.legs[0].instrument);
  const Scrip* scrip =
      inst != nullptr ? s.scrips.find(exchange_of(*inst), inst->symbol_view()) : nullptr;
  if (inst == nullptr || scrip == nullptr) {
    return core::fail(ErrorCode::kNotFound, "angelone modify {}: instrument unknown", orig);
  }
  std::optional<core::Price> ltp;
  {
    std::lock_guard l(s.mu);
    auto it = s.ltps.find(inst->id.value);
    if (it != s.ltps.end()) ltp = it->second.first;
  }
  if (auto ok = check_nse_order(n, *inst, scrip, ltp, s.cfg.rules); !ok) {
    return std::unexpected(ok.error());
  }
  auto body = to_angel_request(n, *inst, *scrip, s.cfg.product_type);
  if (!body) return std::unexpected(body.error());
  body->orderid = e.orderid;
  body->variety = e.variety;
  body->quantity = req.quantity.value + e.filled;  // AngelOne's quantity is the order's total
  body->ordertag.clear();
  auto id = s.with_token([&](const std::string& jwt) { return s.rest.modify_order(jwt, *body); });
  if (!id) return std::unexpected(id.error());
  model::OrderUpdate done;
  {
    std::lock_guard l(s.mu);
    AngelEntry& o = s.orders[orig];
    o.status = OrderStatus::kReplaced;
    AngelEntry& r = s.orders[repl];
    r.intent = n;
    r.orderid = e.orderid;
    r.variety = e.variety;
    r.status = OrderStatus::kAccepted;
    r.cum_offset = e.cum_offset + e.filled;
    s.by_orderid[e.orderid] = repl;
    done.client_order_id = req.client_order_id;
    done.venue_order_id = e.orderid;
    done.status = OrderStatus::kReplaced;
    done.filled_qty = core::Quantity{e.filled};
    done.ts_event = done.ts_recv = s.clock.now();
    done.reason = "modified in place";
  }
  s.inbox.push(engine::Event{done}, engine::OverflowPolicy::kBlock);
  return execution::SubmitAck{core::VenueOrderId{e.orderid}, OrderStatus::kAccepted};
}

core::Status AngelOneExecutionClient::cancel(const core::ClientOrderId& id,
                                             const core::VenueOrderId& venue_id) {
  Impl& s = *impl_;
  std::string orderid(venue_id.view());
  std::string variety = "NORMAL";
  {
    std::lock_guard l(s.mu);
    auto it = s.orders.find(std::string(id.view()));
    if (it != s.orders.end()) {
      if (orderid.empty()) orderid = it->second.orderid;
      variety = it->second.variety;
    }
  }
  if (orderid.empty()) {
    auto q = query_order(id);
    if (!q) return std::unexpected(q.error());
    orderid = std::string(q->venue_order_id.view());
  }
  // Cancels reduce risk: while trading is paused they still go out on a JWT that is valid.
  auto t = s.tm.ensure_valid();
  if (!t) {
    auto cur = s.tm.current();
    if (!cur || cur->expires_at <= s.clock.now()) return std::unexpected(t.error());
    return s.rest.cancel_order(cur->jwt, variety, orderid);
  }
  return s.with_token(
      [&](const std::string& jwt) { return s.rest.cancel_order(jwt, variety, orderid); });
}

core::Result<std::vector<execution::VenueOrderState>> AngelOneExecutionClient::open_orders() {
  Impl& s = *impl_;
  auto book = s.with_token([&](const std::string& jwt) { return s.rest.order_book(jwt); });
  if (!book) return std::unexpected(book.error());
  std::vector<execution::VenueOrderState> out;
  std::lock_guard l(s.mu);
  for (const auto& a : *book) {
    const std::string cid = s.cid_of(a.orderid, a.ordertag);
    const std::int64_t offset = s.orders.contains(cid) ? s.orders[cid].cum_offset : 0;
    auto st = status_from_angel(a.status, a.filledshares - offset);
    if (!st) return std::unexpected(st.error());
    if (!model::is_terminal(*st)) out.push_back(s.state_of(a, cid, *st, offset));
  }
  return out;
}

core::Result<execution::VenueOrderState> AngelOneExecutionClient::query_order(
    const core::ClientOrderId& id) {
  Impl& s = *impl_;
  auto book = s.with_token([&](const std::string& jwt) { return s.rest.order_book(jwt); });
  if (!book) return std::unexpected(book.error());
  std::lock_guard l(s.mu);
  const std::string want(id.view());
  for (const auto& a : *book) {
    if (s.cid_of(a.orderid, a.ordertag) != want && a.ordertag != want) continue;
    AngelEntry& e = s.orders[want];
    auto st = status_from_angel(a.status, a.filledshares - e.cum_offset);
    if (!st) return std::unexpected(st.error());
    if (e.orderid.empty()) {  // found by tag after a lost answer or a restart: adopt it
      e.intent = s.state_of(a, want, *st, 0).order;
      e.orderid = a.orderid;
      s.by_orderid[a.orderid] = want;
    }
    return s.state_of(a, want, *st, e.cum_offset);
  }
  auto it = s.orders.find(want);
  if (it != s.orders.end() && it->second.status == OrderStatus::kReplaced) {
    execution::VenueOrderState v;
    v.order = it->second.intent;
    v.venue_order_id = it->second.orderid;
    v.status = OrderStatus::kReplaced;
    v.filled_qty = core::Quantity{it->second.filled};
    return v;
  }
  return core::fail(ErrorCode::kNotFound, "angelone: no order tagged {} in today's order book",
                    want);
}

core::Result<std::vector<model::Fill>> AngelOneExecutionClient::fills_since(core::Timestamp since) {
  Impl& s = *impl_;
  auto trades = s.with_token([&](const std::string& jwt) { return s.rest.trade_book(jwt); });
  if (!trades) return std::unexpected(trades.error());
  std::vector<model::Fill> out;
  std::lock_guard l(s.mu);
  for (const auto& t : *trades) {
    auto f = s.fill_of(t);
    if (!f) return std::unexpected(f.error());
    if (f->ts_event >= since) out.push_back(*f);
  }
  std::stable_sort(out.begin(), out.end(), [](const model::Fill& a, const model::Fill& b) {
    return a.ts_event < b.ts_event;
  });
  return out;
}

core::Result<std::vector<execution::PositionSnapshot>> AngelOneExecutionClient::positions() {
  Impl& s = *impl_;
  auto rows = s.with_token([&](const std::string& jwt) { return s.rest.positions(jwt); });
  if (!rows) return std::unexpected(rows.error());
  std::vector<execution::PositionSnapshot> out;
  for (const auto& p : *rows) {
    auto id = s.instrument(p.tradingsymbol);
    if (!id) {
      spdlog::warn("angelone: position in {} ({}) is not a registered instrument; not compared",
                   p.tradingsymbol, p.netqty);
      continue;
    }
    out.push_back(execution::PositionSnapshot{*id, core::Quantity{p.netqty}, p.avgnetprice});
  }
  return out;
}

core::Result<execution::AccountSnapshot> AngelOneExecutionClient::account() {
  Impl& s = *impl_;
  auto f = s.with_token([&](const std::string& jwt) { return s.rest.funds(jwt); });
  if (!f) return std::unexpected(f.error());
  execution::AccountSnapshot a;
  a.cash = f->availablecash;
  a.buying_power = f->net;
  a.equity = f->net;
  a.currency = "INR";
  return a;
}

}  // namespace zerodte::adapters::angelone
