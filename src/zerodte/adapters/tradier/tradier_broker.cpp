#include "zerodte/adapters/tradier/tradier_broker.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "zerodte/adapters/net/backoff.hpp"

namespace zerodte::adapters::tradier {

using model::OrderStatus;

TradierBroker::TradierBroker(TradierBrokerConfig cfg, model::InstrumentRegistry& registry,
                             const core::Clock& clock, engine::Inbox& inbox)
    : cfg_(std::move(cfg)), reg_(registry), clock_(clock), inbox_(inbox), rest_(cfg_, clock) {
  // OTOCO/OCO classes are not encoded by this adapter: the order manager emulates brackets.
  caps_.bracket = false;
  caps_.oco = false;
}

TradierBroker::~TradierBroker() {
  stop();
}

void TradierBroker::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run_stream(); });
}

void TradierBroker::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  stream_ready_ = false;
}

StreamStats TradierBroker::stream_stats() const {
  std::lock_guard lock(stats_mu_);
  StreamStats s = stats_;
  s.stale_updates = book_.stale_total();
  return s;
}

std::string TradierBroker::account_path(std::string_view rest) const {
  return fmt::format("/accounts/{}{}", form_escape(cfg_.account_id), rest);
}

// --- REST -----------------------------------------------------------------------------------

core::Result<execution::SubmitAck> TradierBroker::submit(const model::OrderIntent& order) {
  const auto cid = order.client_order_id.view();
  if (cfg_.require_stream && !stream_ready_) {
    return core::fail(core::ErrorCode::kTransport,
                      "tradier submit {}: account stream is down; not sent", cid);
  }
  if (book_.has_client_id(order.client_order_id)) {
    return core::fail(core::ErrorCode::kRejected,
                      "tradier submit {}: duplicate client_order_id (tag already placed)", cid);
  }
  auto body = encode_order(order, reg_);
  if (!body) return std::unexpected(body.error());
  auto r =
      rest_.call("POST", account_path("/orders"), std::move(*body), fmt::format("submit {}", cid));
  if (!r) return std::unexpected(r.error());
  auto id = decode_placed(r->body);
  if (!id) return std::unexpected(id.error().with_context(fmt::format("tradier submit {}", cid)));
  book_.on_submitted(order, *id);
  execution::SubmitAck ack;
  ack.venue_order_id = *id;
  ack.status = OrderStatus::kPendingNew;  // "ok": taken; the stream reports it open
  return ack;
}

core::Result<std::string> TradierBroker::resolve_venue_id(const core::ClientOrderId& cid,
                                                          const core::VenueOrderId& given) {
  if (auto v = book_.venue_id_of(cid)) return *v;
  if (!given.empty()) return std::string(given.view());
  auto q = query_order(cid);
  if (!q) return std::unexpected(q.error());
  return std::string(q->venue_order_id.view());
}

core::Result<execution::SubmitAck> TradierBroker::modify(const execution::ModifyRequest& request) {
  const auto cid = request.client_order_id.view();
  if (cfg_.require_stream && !stream_ready_) {
    return core::fail(core::ErrorCode::kTransport,
                      "tradier modify {}: account stream is down; not sent", cid);
  }
  auto venue = resolve_venue_id(request.client_order_id, request.venue_order_id);
  if (!venue) return std::unexpected(venue.error());
  auto original = book_.intent_of(request.client_order_id);
  if (!original) {
    return core::fail(core::ErrorCode::kNotFound, "tradier modify {}: order legs unknown", cid);
  }
  const std::int64_t remaining = original->quantity.value - book_.filled_of(*venue);
  if (request.quantity.value != remaining) {
    return core::fail(core::ErrorCode::kUnsupported,
                      "tradier modify {}: quantity {} differs from the {} remaining (Tradier "
                      "modifies price, stop, type and duration only; cancel and resubmit)",
                      cid, request.quantity.value, remaining);
  }
  auto body = encode_modify(*original, request);
  if (!body) return std::unexpected(body.error());
  auto r = rest_.call("PUT", account_path("/orders/" + form_escape(*venue)), std::move(*body),
                      fmt::format("modify {}", cid));
  if (!r) return std::unexpected(r.error());
  if (auto id = decode_placed(r->body); !id) {
    return std::unexpected(id.error().with_context(fmt::format("tradier modify {}", cid)));
  }
  model::OrderIntent repl = *original;
  repl.client_order_id = request.new_client_order_id;
  repl.quantity = request.quantity;
  if (request.limit_price.is_defined()) repl.limit_price = request.limit_price;
  if (request.stop_price.is_defined()) repl.stop_price = request.stop_price;
  book_.on_modified(*venue, repl);
  model::OrderUpdate done;
  done.client_order_id = request.client_order_id;
  done.venue_order_id = *venue;
  done.status = OrderStatus::kReplaced;
  done.ts_event = clock_.now();
  done.ts_recv = done.ts_event;
  done.reason = "modified in place";
  inbox_.push(engine::Event{done}, engine::OverflowPolicy::kBlock);
  execution::SubmitAck ack;
  ack.venue_order_id = *venue;
  ack.status = OrderStatus::kAccepted;
  return ack;
}

core::Status TradierBroker::cancel(const core::ClientOrderId& client_order_id,
                                   const core::VenueOrderId& venue_order_id) {
  auto venue = resolve_venue_id(client_order_id, venue_order_id);
  if (!venue) return std::unexpected(venue.error());
  auto r = rest_.call("DELETE", account_path("/orders/" + form_escape(*venue)), {},
                      fmt::format("cancel {}", client_order_id.view()));
  if (!r) return std::unexpected(r.error());
  if (auto id = decode_placed(r->body); !id) return std::unexpected(id.error());
  return {};
}

core::Result<std::vector<TradierOrder>> TradierBroker::list_orders() {
  auto r = rest_.call("GET", account_path("/orders?includeTags=true"), {}, "orders");
  if (!r) return std::unexpected(r.error());
  return decode_orders(r->body, reg_);
}

core::Result<TradierOrder> TradierBroker::fetch_order(const std::string& venue_id) {
  auto r = rest_.call("GET", account_path("/orders/" + form_escape(venue_id) + "?includeTags=true"),
                      {}, fmt::format("order {}", venue_id));
  if (!r) return std::unexpected(r.error());
  return decode_order(r->body, reg_);
}

execution::VenueOrderState TradierBroker::state_for(const TradierOrder& o) const {
  execution::VenueOrderState s = o.state;
  if (auto owner = book_.owner_of(o.id)) s.order.client_order_id = *owner;
  if (s.order.client_order_id.empty()) s.order.client_order_id = o.id;
  return s;
}

core::Result<std::vector<execution::VenueOrderState>> TradierBroker::open_orders() {
  auto orders = list_orders();
  if (!orders) return std::unexpected(orders.error());
  std::vector<execution::VenueOrderState> out;
  for (const auto& o : *orders) {
    book_.learn(o);
    if (!model::is_terminal(o.state.status)) out.push_back(state_for(o));
  }
  return out;
}

core::Result<execution::VenueOrderState> TradierBroker::query_order(
    const core::ClientOrderId& client_order_id) {
  auto orders = list_orders();
  if (!orders) return std::unexpected(orders.error());
  const auto known = book_.venue_id_of(client_order_id);
  for (const auto& o : *orders) {
    if ((known && o.id == *known) || (!o.tag.empty() && o.tag == client_order_id.view())) {
      book_.learn(o);
      return state_for(o);
    }
  }
  return core::fail(core::ErrorCode::kNotFound, "tradier: no order tagged {}",
                    client_order_id.view());
}

core::Result<std::vector<model::Fill>> TradierBroker::fills_since(core::Timestamp since) {
  auto orders = list_orders();
  if (!orders) return std::unexpected(orders.error());
  std::vector<model::Fill> out;
  for (const auto& o : *orders) {
    auto p = book_.on_order(o, clock_.now(), false);
    for (auto& f : p.fills) {
      if (f.ts_event >= since || f.ts_event == core::Timestamp{}) out.push_back(f);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const model::Fill& a, const model::Fill& b) { return a.ts_event < b.ts_event; });
  return out;
}

core::Result<std::vector<execution::PositionSnapshot>> TradierBroker::positions() {
  auto r = rest_.call("GET", account_path("/positions"), {}, "positions");
  if (!r) return std::unexpected(r.error());
  return decode_positions(r->body, reg_);
}

core::Result<execution::AccountSnapshot> TradierBroker::account() {
  auto r = rest_.call("GET", account_path("/balances"), {}, "balances");
  if (!r) return std::unexpected(r.error());
  return decode_balances(r->body);
}

// --- account stream -------------------------------------------------------------------------

void TradierBroker::post_status(model::FeedState state, std::string_view detail) {
  model::FeedStatus s;
  s.ts_event = clock_.now();
  s.ts_recv = s.ts_event;
  s.feed = cfg_.feed_name;
  s.state = state;
  s.detail = detail;
  inbox_.push(engine::Event{s}, engine::OverflowPolicy::kBlock);
}

void TradierBroker::set_health(bool up, std::string_view detail) {
  // Down again for another reason (a drop, then a refused session) is news for the overseer.
  if (health_up_ == up && (up || detail == last_down_detail_)) return;
  if (!up) last_down_detail_ = std::string(detail);
  const bool was_known = health_up_.has_value();
  health_up_ = up;
  if (!up) {
    post_status(model::FeedState::kDisconnected, detail);
  } else {
    post_status(
        was_known || ever_connected_ ? model::FeedState::kRecovered : model::FeedState::kConnected,
        detail);
    ever_connected_ = true;
  }
}

void TradierBroker::deliver(const Produced& p) {
  for (const auto& u : p.updates)
    inbox_.push(engine::Event{u}, engine::OverflowPolicy::kBlock);
  for (const auto& f : p.fills)
    inbox_.push(engine::Event{f}, engine::OverflowPolicy::kBlock);
}

void TradierBroker::wait_polling(core::Duration d) {
  const auto end = std::chrono::steady_clock::now() + d;
  while (!stopping_ && std::chrono::steady_clock::now() < end) {
    if (cfg_.poll_interval.count() > 0 &&
        std::chrono::steady_clock::now() - last_poll_ >= cfg_.poll_interval) {
      poll_orders();
      last_poll_ = std::chrono::steady_clock::now();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void TradierBroker::poll_orders() {
  auto orders = list_orders();
  if (!orders) {
    spdlog::warn("tradier order poll: {}", orders.error().message);
    if (health_from_polls()) set_health(false, orders.error().message);
    return;
  }
  if (health_from_polls()) set_health(true, "order list polled");
  for (const auto& o : *orders) {
    // Orders we placed or have listed before; new foreign ones are reconciliation's to adopt.
    if (book_.knows(o.id)) deliver(book_.on_order(o, clock_.now(), true));
  }
}

void TradierBroker::run_stream() {
  net::Backoff backoff({.base = cfg_.reconnect_base, .cap = cfg_.reconnect_cap, .seed = 0x7ad1});
  while (!stopping_) {
    net::WsOptions opt;
    opt.verify_tls = cfg_.verify_tls;
    net::WebSocketClient ws(opt);
    auto ended = stream_session(ws);
    const bool was_ready = stream_ready_.exchange(false);
    ws.abort();
    if (stopping_) break;
    const std::string why = ended ? std::string("closed") : ended.error().message;
    spdlog::warn("tradier account stream: down ({}){}", why,
                 cfg_.require_stream ? "; order submission blocked until it is back" : "");
    if (!health_from_polls()) set_health(false, why);
    if (was_ready) backoff.reset();
    wait_polling(backoff.next());
  }
}

core::Status TradierBroker::stream_session(net::WebSocketClient& ws) {
  {
    std::lock_guard lock(stats_mu_);
    ++stats_.sessions;
  }
  auto r = rest_.call("POST", "/accounts/events/session", {}, "account stream session");
  if (!r) {
    std::lock_guard lock(stats_mu_);
    ++stats_.session_failures;
    return std::unexpected(r.error());
  }
  auto session = decode_stream_session(r->body);
  if (!session) return std::unexpected(session.error());
  const std::string url = cfg_.stream_url.empty() ? session->url : cfg_.stream_url;
  if (auto s = ws.connect(url, {}, cfg_.connect_timeout); !s) return s;
  if (auto s = ws.send_text(encode_subscription(session->session_id)); !s) return s;
  stream_ready_ = true;
  if (!health_from_polls()) set_health(true, "account events subscribed");
  auto last_activity = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point ping_sent{};
  while (!stopping_) {
    auto f = ws.read(std::chrono::milliseconds(100));
    const auto now = std::chrono::steady_clock::now();
    if (!f) {
      if (f.error().code != core::ErrorCode::kTimeout) return std::unexpected(f.error());
      const auto pong =
          std::chrono::steady_clock::time_point(std::chrono::nanoseconds(ws.last_pong_steady_ns()));
      if (pong > last_activity) last_activity = pong;
      if (now - last_activity > cfg_.heartbeat) {
        if (ping_sent < last_activity) {
          if (auto s = ws.ping(); !s) return s;
          ping_sent = now;
        } else if (now - ping_sent > cfg_.heartbeat) {
          return core::fail(core::ErrorCode::kTimeout, "tradier account stream: no pong");
        }
      }
      continue;
    }
    last_activity = now;
    {
      std::lock_guard lock(stats_mu_);
      ++stats_.messages;
    }
    auto e = decode_event(f->data);
    if (!e) {
      spdlog::error("tradier account stream: event not understood, skipped: {}", e.error().message);
      std::lock_guard lock(stats_mu_);
      ++stats_.decode_errors;
      continue;
    }
    if (e->is_order) handle_event(*e);
  }
  return {};
}

void TradierBroker::handle_event(const OrderEvent& e) {
  if (book_.knows_simple(e.id)) {
    deliver(book_.on_event(e, clock_.now()));
    return;
  }
  // A multileg order (legs fill separately) or one we have not seen: fetch it whole.
  {
    std::lock_guard lock(stats_mu_);
    ++stats_.order_fetches;
  }
  auto o = fetch_order(e.id);
  if (!o) {
    spdlog::error(
        "tradier account stream: order {} could not be fetched ({}); left to "
        "reconciliation",
        e.id, o.error().message);
    return;
  }
  deliver(book_.on_order(*o, clock_.now(), true));
}

}  // namespace zerodte::adapters::tradier
