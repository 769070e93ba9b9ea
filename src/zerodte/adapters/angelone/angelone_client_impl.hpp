#pragma once
// Internal state of AngelOneExecutionClient (angelone_execution_client.cpp: polling;
// angelone_calls.cpp: the ExecutionClient calls). Not a public header.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "zerodte/adapters/angelone/angelone_execution_client.hpp"

namespace zerodte::adapters::angelone {

using core::ErrorCode;
using model::OrderStatus;

struct AngelEntry {
  model::OrderIntent intent;
  std::string orderid;
  std::string variety = "NORMAL";
  OrderStatus status = OrderStatus::kPendingNew;
  std::int64_t filled = 0;
  std::int64_t cum_offset = 0;  // executed before an in-place modify (belongs to the original)
};

struct AngelOneExecutionClient::Impl {
  Impl(AngelOneConfig c, AngelOneCredentials creds, const model::InstrumentRegistry& i,
       const ScripMaster& s, engine::Inbox& in, const core::Clock& cl)
      : cfg(std::move(c)),
        rest(cfg.rest, creds, cl),
        tm(rest, cl, with_secret(cfg.tokens, creds.totp_secret)),
        instruments(i),
        scrips(s),
        inbox(in),
        clock(cl) {}
  static TokenManagerConfig with_secret(TokenManagerConfig t, const std::string& secret) {
    t.totp_secret = secret;
    return t;
  }

  AngelOneConfig cfg;
  SmartApiRest rest;
  TokenManager tm;
  const model::InstrumentRegistry& instruments;
  const ScripMaster& scrips;
  engine::Inbox& inbox;
  const core::Clock& clock;
  execution::BrokerCapabilities caps = execution::BrokerCapabilities::angelone();

  std::mutex mu;
  std::map<std::string, AngelEntry> orders;       // by client order id
  std::map<std::string, std::string> by_orderid;  // AngelOne orderid -> current client id
  std::set<std::string> seen_fills;
  std::map<std::uint32_t, std::pair<core::Price, core::Timestamp>> ltps;

  std::thread poller;
  std::mutex poll_mu;
  std::condition_variable poll_cv;
  bool poll_stop = false;

  // One API batch: valid tokens first; a token the venue refuses is refreshed once.
  template <typename F>
  auto with_token(F&& f) -> decltype(f(std::string())) {
    auto t = tm.ensure_valid();
    if (!t) return std::unexpected(t.error());
    auto r = f(t->jwt);
    if (!r && SmartApiRest::token_rejected(r.error())) {
      tm.invalidate();
      auto again = tm.ensure_valid();
      if (!again) return std::unexpected(again.error());
      r = f(again->jwt);
    }
    return r;
  }

  std::string cid_of(const std::string& orderid, const std::string& tag) const {
    auto it = by_orderid.find(orderid);
    if (it != by_orderid.end()) return it->second;
    return tag.empty() ? "ao-" + orderid : tag;
  }

  std::optional<core::InstrumentId> instrument(const std::string& symbol) const {
    return instruments.find(symbol, core::Market::kNse);
  }

  execution::VenueOrderState state_of(const AngelOrder& a, const std::string& cid, OrderStatus st,
                                      std::int64_t offset) const {
    execution::VenueOrderState v;
    auto it = orders.find(cid);
    if (it != orders.end() && !it->second.orderid.empty()) {
      v.order = it->second.intent;
    } else {
      v.order.client_order_id = cid;
      if (auto id = instrument(a.tradingsymbol)) v.order.legs[0].instrument = *id;
      v.order.legs[0].side = a.transactiontype == "SELL" ? model::Side::kSell : model::Side::kBuy;
      v.order.quantity = core::Quantity{a.quantity};
      v.order.type = a.ordertype == "MARKET"            ? model::OrderType::kMarket
                     : a.ordertype == "STOPLOSS_MARKET" ? model::OrderType::kStop
                     : a.ordertype == "STOPLOSS_LIMIT"  ? model::OrderType::kStopLimit
                                                        : model::OrderType::kLimit;
      v.order.limit_price = a.price;
      v.order.stop_price = a.triggerprice;
      v.order.tif = a.duration == "IOC" ? model::TimeInForce::kIoc : model::TimeInForce::kDay;
    }
    v.venue_order_id = a.orderid;
    v.status = st;
    v.filled_qty = core::Quantity{std::max<std::int64_t>(0, a.filledshares - offset)};
    v.leaves_qty = core::Quantity{a.unfilledshares};
    v.avg_fill_price = a.averageprice;
    v.ts_updated = clock.now();
    v.reason = a.text;
    return v;
  }

  model::OrderUpdate update_of(const execution::VenueOrderState& v) const {
    model::OrderUpdate u;
    u.client_order_id = v.order.client_order_id;
    u.venue_order_id = v.venue_order_id;
    u.status = v.status;
    u.filled_qty = v.filled_qty;
    u.leaves_qty = v.leaves_qty;
    u.avg_fill_price = v.avg_fill_price;
    u.ts_event = v.ts_updated;
    u.ts_recv = clock.now();
    u.reason = v.reason;
    return u;
  }

  core::Result<model::Fill> fill_of(const AngelTrade& t) const {
    model::Fill f;
    f.client_order_id = cid_of(t.orderid, "");
    f.venue_order_id = t.orderid;
    f.exec_id = t.orderid + "/" + t.fillid;
    auto id = instrument(t.tradingsymbol);
    if (!id) {
      return core::fail(ErrorCode::kNotFound, "angelone trade {}: unknown symbol {}",
                        f.exec_id.view(), t.tradingsymbol);
    }
    f.instrument = *id;
    f.side = t.transactiontype == "SELL" ? model::Side::kSell : model::Side::kBuy;
    f.quantity = core::Quantity{t.fillsize};
    f.price = t.fillprice;
    f.fee = core::Price::zero();  // AngelOne reports charges in the contract note, not per fill
    auto ts = ist_time_today(t.filltime, clock.now());
    f.ts_event = ts ? *ts : clock.now();
    f.ts_recv = clock.now();
    return f;
  }

  void post_status(bool paused, const std::string& reason) {
    model::FeedStatus s;
    s.ts_event = s.ts_recv = clock.now();
    s.feed = cfg.venue_name;
    s.state = paused ? model::FeedState::kDisconnected : model::FeedState::kRecovered;
    s.detail = paused ? "trading paused: " + reason : std::string("token refreshed");
    inbox.push(engine::Event{s}, engine::OverflowPolicy::kBlock);
  }
};

}  // namespace zerodte::adapters::angelone
