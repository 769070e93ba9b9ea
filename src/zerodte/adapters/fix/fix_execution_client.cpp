// FixExecutionClient: the ExecutionClient calls (kernel thread).
#include "zerodte/adapters/fix/fix_execution_client.hpp"

#include <cstdlib>

#include <spdlog/spdlog.h>

#include "zerodte/adapters/fix/fix_client_impl.hpp"

namespace zerodte::adapters::fix {

using core::ErrorCode;
using model::OrderStatus;

execution::BrokerCapabilities fix_capabilities() {
  using execution::bit;
  using model::OrderType;
  using model::TimeInForce;
  execution::BrokerCapabilities c;
  c.name = "fix";
  c.max_legs = 4;
  c.order_types = bit(OrderType::kMarket) | bit(OrderType::kLimit) | bit(OrderType::kStop) |
                  bit(OrderType::kStopLimit);
  c.tifs = bit(TimeInForce::kDay) | bit(TimeInForce::kIoc) | bit(TimeInForce::kGtc) |
           bit(TimeInForce::kFok);
  c.multi_leg_order_types = bit(OrderType::kMarket) | bit(OrderType::kLimit);
  c.multi_leg_tifs = bit(TimeInForce::kDay) | bit(TimeInForce::kIoc) | bit(TimeInForce::kGtc);
  c.modify_in_place = false;
  c.max_leg_ratio = 10;
  c.max_client_order_id_chars = 32;
  return c;
}

FixExecutionClient::FixExecutionClient(FixConfig cfg, const model::InstrumentRegistry& instruments,
                                       engine::Inbox& inbox, const core::Clock& clock,
                                       execution::BrokerCapabilities caps)
    : impl_(std::make_unique<Impl>(std::move(cfg), instruments, inbox, clock, caps)) {}

FixExecutionClient::~FixExecutionClient() {
  stop();
}

core::Status FixExecutionClient::start() {
  if (impl_->engine) return core::ok();
  auto settings = initiator_settings(impl_->cfg);
  if (!settings) return std::unexpected(settings.error());
  FixLogonCredentials cred;
  if (const char* u = std::getenv(impl_->cfg.username_env.c_str())) cred.username = u;
  if (const char* p = std::getenv(impl_->cfg.password_env.c_str())) cred.password = p;
  Impl* self = impl_.get();
  FixHandlers h;
  h.on_logon = [self] { self->on_logon(); };
  h.on_logout = [self](const std::string& why) { self->on_logout(why); };
  h.on_app = [self](const FixMessage& m) { self->on_app(m); };
  h.on_admin = [self](const FixMessage& m) {
    if (m.msg_type != "5" || self->up.load()) return;  // a Logout before logon: refused
    std::lock_guard l(self->mu);
    self->logon_refused = m.get_or(tag::kText, "logon refused");
  };
  std::string error;
  auto engine = FixEngine::create(FixEngine::Role::kInitiator, *settings, std::move(h),
                                  std::move(cred), &error);
  if (!engine) return core::fail(ErrorCode::kConfig, "fix {}: {}", impl_->cfg.venue_name, error);
  impl_->inbox.push(engine::Event{impl_->feed_status(model::FeedState::kConnecting, "connecting")},
                    engine::OverflowPolicy::kBlock);
  if (!engine->start(&error)) {
    return core::fail(ErrorCode::kTransport, "fix {}: {}", impl_->cfg.venue_name, error);
  }
  impl_->engine = std::move(engine);
  return core::ok();
}

void FixExecutionClient::stop() {
  if (impl_ && impl_->engine) {
    impl_->engine->stop(!impl_->cfg.graceful_logout);
    impl_->engine.reset();
  }
}

bool FixExecutionClient::logged_on() const {
  return impl_->up.load();
}

bool FixExecutionClient::wait_logged_on(std::chrono::milliseconds timeout) const {
  std::unique_lock l(impl_->mu);
  return impl_->cv.wait_for(l, timeout, [&] { return impl_->up.load(); });
}

FixClientStats FixExecutionClient::stats() const {
  std::lock_guard l(impl_->mu);
  return impl_->stats;
}

std::string_view FixExecutionClient::venue_name() const {
  return impl_->cfg.venue_name;
}
const execution::BrokerCapabilities& FixExecutionClient::capabilities() const {
  return impl_->caps;
}

core::Status FixExecutionClient::Impl::require_session(std::string_view what) const {
  if (!engine || !up.load()) {
    std::lock_guard l(mu);
    if (!logon_refused.empty()) {
      return core::fail(ErrorCode::kAuth, "fix {}: {}: venue refused our logon: {}", cfg.venue_name,
                        what, logon_refused);
    }
    return core::fail(ErrorCode::kTransport, "fix {}: {}: session not logged on", cfg.venue_name,
                      what);
  }
  return core::ok();
}

core::Result<std::vector<FixMessage>> FixExecutionClient::Impl::request(FixMessage m,
                                                                        const std::string& id,
                                                                        std::string_view what) {
  if (auto s = require_session(what); !s) return std::unexpected(s.error());
  {
    std::lock_guard l(mu);
    pending[id] = FixPending{};
  }
  std::string error;
  if (!engine->send(m, &error)) {
    std::lock_guard l(mu);
    pending.erase(id);
    return core::fail(ErrorCode::kTransport, "fix {}: {}: {}", cfg.venue_name, what, error);
  }
  std::unique_lock l(mu);
  const bool answered = cv.wait_for(l, cfg.request_timeout, [&] { return pending[id].done; });
  FixPending p = std::move(pending[id]);
  pending.erase(id);
  if (!answered) {
    return core::fail(
        ErrorCode::kTimeout, "fix {}: {}: no answer within {} ms", cfg.venue_name, what,
        std::chrono::duration_cast<std::chrono::milliseconds>(cfg.request_timeout).count());
  }
  if (p.failed) return std::unexpected(p.error);
  return std::move(p.messages);
}

core::Result<execution::SubmitAck> FixExecutionClient::submit(const model::OrderIntent& order) {
  Impl& s = *impl_;
  if (auto st = s.require_session("submit"); !st) return std::unexpected(st.error());
  auto msg = encode_new_order(order, s.context());
  if (!msg) return std::unexpected(msg.error());
  const std::string id(order.client_order_id.view());
  {
    std::lock_guard l(s.mu);
    if (s.orders.contains(id)) {
      return core::fail(ErrorCode::kRejected, "fix {}: duplicate ClOrdID {}: already sent",
                        s.cfg.venue_name, id);
    }
    FixOrderEntry& e = s.orders[id];
    e.intent = order;
    e.state.order = order;
    e.state.status = OrderStatus::kPendingNew;
    e.state.leaves_qty = order.quantity;
    ++s.stats.orders_sent;
  }
  std::string error;
  if (!s.engine->send(*msg, &error)) {
    std::lock_guard l(s.mu);
    s.orders.erase(id);
    --s.stats.orders_sent;
    return core::fail(ErrorCode::kTransport, "fix {}: submit {}: {}", s.cfg.venue_name, id, error);
  }
  return execution::SubmitAck{core::VenueOrderId{}, OrderStatus::kPendingNew};
}

core::Result<execution::SubmitAck> FixExecutionClient::modify(const execution::ModifyRequest& req) {
  Impl& s = *impl_;
  if (auto st = s.require_session("modify"); !st) return std::unexpected(st.error());
  const std::string orig(req.client_order_id.view());
  const std::string repl(req.new_client_order_id.view());
  core::Result<FixMessage> msg = core::fail(ErrorCode::kInternal, "unset");
  {
    std::lock_guard l(s.mu);
    auto it = s.orders.find(orig);
    if (it == s.orders.end()) {
      return core::fail(ErrorCode::kNotFound, "fix {}: modify: order {} unknown to this session",
                        s.cfg.venue_name, orig);
    }
    if (model::is_terminal(it->second.state.status)) {
      return core::fail(ErrorCode::kRejected, "fix {}: modify {}: order is {}", s.cfg.venue_name,
                        orig, model::to_string(it->second.state.status));
    }
    if (s.orders.contains(repl)) {
      return core::fail(ErrorCode::kRejected, "fix {}: duplicate ClOrdID {}", s.cfg.venue_name,
                        repl);
    }
    const std::int64_t done = it->second.state.filled_qty.value;
    const core::VenueOrderId venue =
        req.venue_order_id.empty() ? it->second.state.venue_order_id : req.venue_order_id;
    msg = encode_replace(it->second.intent, req.new_client_order_id, venue,
                         req.quantity.value + done, req.limit_price, req.stop_price, s.context());
    if (!msg) return std::unexpected(msg.error());
    FixOrderEntry e;
    e.intent = it->second.intent;
    e.intent.client_order_id = req.new_client_order_id;
    e.intent.quantity = req.quantity;
    if (req.limit_price.is_defined()) e.intent.limit_price = req.limit_price;
    if (req.stop_price.is_defined()) e.intent.stop_price = req.stop_price;
    e.state.order = e.intent;
    e.state.status = OrderStatus::kPendingNew;
    e.state.leaves_qty = req.quantity;
    e.cum_offset = it->second.cum_offset + done;
    e.replaces = orig;
    s.orders[repl] = e;
    ++s.stats.replaces_sent;
  }
  std::string error;
  if (!s.engine->send(*msg, &error)) {
    std::lock_guard l(s.mu);
    s.orders.erase(repl);
    return core::fail(ErrorCode::kTransport, "fix {}: modify {}: {}", s.cfg.venue_name, orig,
                      error);
  }
  return execution::SubmitAck{core::VenueOrderId{}, OrderStatus::kPendingNew};
}

core::Status FixExecutionClient::cancel(const core::ClientOrderId& id,
                                        const core::VenueOrderId& venue_order_id) {
  Impl& s = *impl_;
  if (auto st = s.require_session("cancel"); !st) return st;
  const std::string orig(id.view());
  core::Result<FixMessage> msg = core::fail(ErrorCode::kInternal, "unset");
  {
    std::lock_guard l(s.mu);
    auto it = s.orders.find(orig);
    if (it == s.orders.end()) {
      return core::fail(ErrorCode::kNotFound, "fix {}: cancel: order {} unknown to this session",
                        s.cfg.venue_name, orig);
    }
    if (model::is_terminal(it->second.state.status)) {
      return core::fail(ErrorCode::kRejected, "fix {}: cancel {}: too late, order is {}",
                        s.cfg.venue_name, orig, model::to_string(it->second.state.status));
    }
    const std::string cancel_id = fmt::format("{}-c{}", orig, s.next_cancel++);
    const core::VenueOrderId venue =
        venue_order_id.empty() ? it->second.state.venue_order_id : venue_order_id;
    msg = encode_cancel(it->second.intent, core::ClientOrderId{cancel_id}, venue, s.context());
    if (!msg) return std::unexpected(msg.error());
    s.cancel_to_orig[cancel_id] = orig;
    ++s.stats.cancels_sent;
  }
  std::string error;
  if (!s.engine->send(*msg, &error)) {
    return core::fail(ErrorCode::kTransport, "fix {}: cancel {}: {}", s.cfg.venue_name, orig,
                      error);
  }
  return core::ok();
}

}  // namespace zerodte::adapters::fix
