// IbkrClient: the ExecutionClient calls (kernel thread). Each call either sends a request on the
// I/O thread and waits (request timeout) for its End message, or answers from the order cache the
// I/O thread keeps current.
#include "zerodte/adapters/ibkr/ibkr_client.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>

#include "zerodte/adapters/ibkr/ibkr_client_impl.hpp"
#include "zerodte/adapters/ibkr/tws_contract.hpp"

namespace zerodte::adapters::ibkr {

using core::ErrorCode;
using model::OrderStatus;

IbkrClient::IbkrClient(IbkrConfig cfg, model::InstrumentRegistry& registry, engine::Inbox& inbox)
    : impl_(std::make_unique<Impl>(std::move(cfg), registry, inbox)) {}

IbkrClient::~IbkrClient() {
  stop();
}

core::Status IbkrClient::start() {
  Impl& im = *impl_;
  if (im.thread.joinable()) return core::ok();
  im.stopping = false;
  im.work.emplace(im.ioc.get_executor());
  boost::asio::post(im.ioc, [&im] { im.connect(); });
  im.thread = std::thread([&im] { im.ioc.run(); });
  if (wait_ready(im.cfg.connect_timeout)) return core::ok();
  std::lock_guard lk(im.mu);
  return core::fail(ErrorCode::kTransport, "ibkr: not ready after {} ms ({}); still retrying",
                    im.cfg.connect_timeout.count() / 1'000'000,
                    im.h.last_error.empty() ? "no answer" : im.h.last_error);
}

void IbkrClient::stop() {
  Impl& im = *impl_;
  if (!im.thread.joinable()) return;
  boost::asio::post(im.ioc, [&im] {
    im.stopping = true;
    im.reconnect_timer.cancel();
    im.cooldown_timer.cancel();
    im.drop("stopped", false);
    im.ioc.stop();  // pending timers (commission waits, cool-down) are abandoned
  });
  im.work.reset();
  im.thread.join();
  im.ioc.restart();
}

bool IbkrClient::wait_ready(core::Duration timeout) {
  std::unique_lock lk(impl_->mu);
  return impl_->cv.wait_for(lk, timeout, [this] { return impl_->phase == Phase::kReady; });
}

const execution::BrokerCapabilities& IbkrClient::capabilities() const {
  return impl_->caps;
}

IbkrHealth IbkrClient::health() const {
  std::lock_guard lk(impl_->mu);
  IbkrHealth h = impl_->h;
  h.pacing_rate = impl_->h.pacing_rate;
  return h;
}

core::Result<Waiter> IbkrClient::Impl::request(std::int64_t key, std::string payload,
                                               bool need_ready) {
  {
    std::lock_guard lk(mu);
    if (need_ready && phase != Phase::kReady) {
      return core::fail(ErrorCode::kTransport, "ibkr: not connected ({})",
                        h.breaker_open ? "circuit breaker open" : h.last_error);
    }
    waiters[key] = Waiter{};
    if (key == kKeyOpenOrders) ++open_round;
  }
  boost::asio::post(ioc, [this, p = std::move(payload)]() mutable { send(std::move(p)); });
  std::unique_lock lk(mu);
  const bool done = cv.wait_for(lk, cfg.request_timeout, [&] {
    auto it = waiters.find(key);
    return it == waiters.end() || it->second.done;
  });
  auto it = waiters.find(key);
  if (it == waiters.end()) return core::fail(ErrorCode::kTransport, "ibkr: request {} lost", key);
  Waiter w = std::move(it->second);
  waiters.erase(it);
  if (!done) {
    return core::fail(ErrorCode::kTimeout, "ibkr: no answer to request {} within {} ms", key,
                      cfg.request_timeout.count() / 1'000'000);
  }
  if (w.error) return std::unexpected(*w.error);
  return w;
}

core::Result<std::int64_t> IbkrClient::Impl::con_id_for(core::InstrumentId id) {
  {
    std::lock_guard lk(mu);
    if (auto it = con_ids.find(id); it != con_ids.end()) return it->second;
  }
  const auto* inst = reg.try_get(id);
  if (inst == nullptr)
    return core::fail(ErrorCode::kNotFound, "ibkr: unknown instrument {}", id.value);
  auto c = ibkr::contract_for(*inst);
  if (!c) return std::unexpected(c.error());
  std::int64_t req = 0;
  {
    std::lock_guard lk(mu);
    req = next_req_id++;
  }
  auto w = request(req, encode_req_contract_details(req, *c));
  if (!w)
    return std::unexpected(w.error().with_context(fmt::format("conId of {}", inst->symbol_view())));
  if (w->contracts.size() != 1) {
    return core::fail(ErrorCode::kRejected, "ibkr: contract details for {} matched {} contracts",
                      inst->symbol_view(), w->contracts.size());
  }
  const std::int64_t con = w->contracts.front().contract.con_id;
  std::lock_guard lk(mu);
  con_ids[id] = con;
  by_con_id[con] = id;
  return con;
}

core::Result<Contract> IbkrClient::Impl::contract_for_intent(const model::OrderIntent& o) {
  if (o.leg_count == 1) {
    const auto* inst = reg.try_get(o.legs[0].instrument);
    if (inst == nullptr) {
      return core::fail(ErrorCode::kInvalid, "ibkr submit {}: unknown instrument {}",
                        o.client_order_id.view(), o.legs[0].instrument.value);
    }
    return ibkr::contract_for(*inst);
  }
  Contract bag;
  bag.sec_type = "BAG";
  const auto* first = reg.try_get(o.legs[0].instrument);
  if (first == nullptr) return core::fail(ErrorCode::kInvalid, "ibkr submit: unknown leg 0");
  bag.symbol = first->is_option() ? first->option->underlying.str() : first->symbol.str();
  for (std::uint8_t i = 0; i < o.leg_count; ++i) {
    auto con = con_id_for(o.legs[i].instrument);
    if (!con) return std::unexpected(con.error().with_context(fmt::format("leg {}", i)));
    ComboLeg leg;
    leg.con_id = *con;
    leg.ratio = o.legs[i].ratio;
    leg.action = o.legs[i].side == model::Side::kSell ? "SELL" : "BUY";
    bag.combo_legs.push_back(leg);
  }
  return bag;
}

namespace {

std::string_view tws_type(model::OrderType t) {
  switch (t) {
    case model::OrderType::kMarket:
      return "MKT";
    case model::OrderType::kLimit:
      return "LMT";
    case model::OrderType::kStop:
      return "STP";
    case model::OrderType::kStopLimit:
      return "STP LMT";
  }
  return "LMT";
}

std::string_view tws_tif(model::TimeInForce t) {
  switch (t) {
    case model::TimeInForce::kDay:
      return "DAY";
    case model::TimeInForce::kGtc:
      return "GTC";
    case model::TimeInForce::kIoc:
      return "IOC";
    case model::TimeInForce::kFok:
      return "FOK";
  }
  return "DAY";
}

}  // namespace

core::Result<execution::SubmitAck> IbkrClient::submit(const model::OrderIntent& o) {
  Impl& im = *impl_;
  if (o.client_order_id.empty()) {
    return core::fail(ErrorCode::kInvalid, "ibkr submit: order without client_order_id");
  }
  {
    std::lock_guard lk(im.mu);
    if (im.phase != Phase::kReady) {
      return core::fail(ErrorCode::kTransport, "ibkr submit {}: not connected ({})",
                        o.client_order_id.view(),
                        im.h.breaker_open ? "circuit breaker open: new orders halted until "
                                            "reconnection"
                                          : im.h.last_error);
    }
    if (im.by_cid.contains(o.client_order_id) || im.retired.contains(o.client_order_id)) {
      return core::fail(ErrorCode::kRejected, "ibkr submit {}: duplicate client_order_id",
                        o.client_order_id.view());
    }
  }
  auto contract = im.contract_for_intent(o);
  if (!contract) return std::unexpected(contract.error());
  Order ord;
  ord.action = o.is_multi_leg() || o.legs[0].side == model::Side::kBuy ? "BUY" : "SELL";
  ord.total_quantity = o.quantity.value;
  ord.order_type = std::string(tws_type(o.type));
  ord.lmt_price = o.type == model::OrderType::kLimit || o.type == model::OrderType::kStopLimit
                      ? o.limit_price
                      : core::Price::undefined();
  ord.aux_price = o.type == model::OrderType::kStop || o.type == model::OrderType::kStopLimit
                      ? o.stop_price
                      : core::Price::undefined();
  ord.tif = std::string(tws_tif(o.tif));
  ord.order_ref = o.client_order_id.str();
  std::string payload;
  core::VenueOrderId venue_id;
  {
    std::lock_guard lk(im.mu);
    if (im.phase != Phase::kReady) {
      return core::fail(ErrorCode::kTransport, "ibkr submit {}: connection lost",
                        o.client_order_id.view());
    }
    if (im.by_cid.contains(o.client_order_id)) {
      return core::fail(ErrorCode::kRejected, "ibkr submit {}: duplicate client_order_id",
                        o.client_order_id.view());
    }
    ord.order_id = im.h.next_order_id++;
    ord.account = im.cfg.account;
    OrderEntry e;
    e.key = e.order_id = ord.order_id;
    e.cid = o.client_order_id;
    e.contract = *contract;
    e.order = ord;
    e.intent = o;
    e.state.order = o;
    venue_id = core::VenueOrderId(std::to_string(ord.order_id));
    e.state.venue_order_id = venue_id;
    e.state.status = OrderStatus::kPendingNew;
    e.state.leaves_qty = o.quantity;
    im.by_cid[e.cid] = e.key;
    im.orders[e.key] = std::move(e);
    payload = encode_place_order(ord, *contract);
  }
  boost::asio::post(im.ioc, [&im, p = std::move(payload)]() mutable { im.send(std::move(p)); });
  return execution::SubmitAck{venue_id, OrderStatus::kPendingNew};
}

core::Result<execution::SubmitAck> IbkrClient::modify(const execution::ModifyRequest& req) {
  Impl& im = *impl_;
  std::string payload;
  core::VenueOrderId venue_id;
  {
    std::lock_guard lk(im.mu);
    if (im.phase != Phase::kReady) {
      return core::fail(ErrorCode::kTransport, "ibkr modify {}: not connected",
                        req.client_order_id.view());
    }
    OrderEntry* e = im.find_cid(req.client_order_id);
    if (e == nullptr) {
      return core::fail(ErrorCode::kNotFound, "ibkr modify: no order {}",
                        req.client_order_id.view());
    }
    if (model::is_terminal(e->state.status) || e->order_id <= 0) {
      return core::fail(ErrorCode::kRejected, "ibkr modify {}: order is {}",
                        req.client_order_id.view(), model::to_string(e->state.status));
    }
    if (!e->pending_cid.empty()) {
      return core::fail(ErrorCode::kRejected, "ibkr modify {}: a modify is already pending",
                        req.client_order_id.view());
    }
    // Fills TWS already reported (an execution may be known before its orderStatus).
    const std::int64_t done = std::max(e->tws_filled, e->fill_offset + e->state.filled_qty.value);
    Order ord = e->order;
    ord.total_quantity = done + req.quantity.value;  // TWS quantities include earlier fills
    if (req.limit_price.is_defined()) ord.lmt_price = req.limit_price;
    if (req.stop_price.is_defined()) ord.aux_price = req.stop_price;
    ord.order_ref = req.new_client_order_id.str();
    ord.account = im.cfg.account;
    e->pending_cid = req.new_client_order_id;
    e->pending_offset = done;
    venue_id = e->state.venue_order_id;
    payload = encode_place_order(ord, e->contract);
  }
  boost::asio::post(im.ioc, [&im, p = std::move(payload)]() mutable { im.send(std::move(p)); });
  return execution::SubmitAck{venue_id, OrderStatus::kPendingNew};
}

core::Status IbkrClient::cancel(const core::ClientOrderId& id, const core::VenueOrderId&) {
  Impl& im = *impl_;
  std::string payload;
  {
    std::lock_guard lk(im.mu);
    if (im.phase != Phase::kReady) {
      return core::fail(ErrorCode::kTransport, "ibkr cancel {}: not connected", id.view());
    }
    const OrderEntry* e = im.find_cid(id);
    if (e == nullptr) {
      if (im.retired.contains(id)) {
        return core::fail(ErrorCode::kRejected, "ibkr cancel {}: order was replaced", id.view());
      }
      return core::fail(ErrorCode::kNotFound, "ibkr cancel: no order {}", id.view());
    }
    if (model::is_terminal(e->state.status)) {
      return core::fail(ErrorCode::kRejected, "ibkr cancel {}: too late, order is {}", id.view(),
                        model::to_string(e->state.status));
    }
    if (e->order_id <= 0) {
      return core::fail(ErrorCode::kRejected,
                        "ibkr cancel {}: placed in TWS without an API order id (bind it with "
                        "client id 0) - cancel it in TWS",
                        id.view());
    }
    payload = encode_cancel_order(e->order_id);
  }
  boost::asio::post(im.ioc, [&im, p = std::move(payload)]() mutable { im.send(std::move(p)); });
  return core::ok();
}

}  // namespace zerodte::adapters::ibkr
