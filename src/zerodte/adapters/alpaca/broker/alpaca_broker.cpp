#include "zerodte/adapters/alpaca/broker/alpaca_broker.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cctype>

namespace zerodte::adapters::alpaca {

using model::OrderStatus;

namespace {
std::string url_encode(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

bool body_says_duplicate(std::string_view message) {
  return message.find("client_order_id must be unique") != std::string_view::npos;
}
}  // namespace

AlpacaBroker::AlpacaBroker(AlpacaBrokerConfig cfg, model::InstrumentRegistry& registry,
                           const core::Clock& clock, engine::Inbox& inbox)
    : cfg_(std::move(cfg)), reg_(registry), clock_(clock), inbox_(inbox), rest_(cfg_, clock) {}

AlpacaBroker::~AlpacaBroker() {
  stop();
}

void AlpacaBroker::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run_stream(); });
}

void AlpacaBroker::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  stream_ready_ = false;
}

StreamStats AlpacaBroker::stream_stats() const {
  std::lock_guard lock(stats_mu_);
  StreamStats s = stats_;
  s.stale_updates = router_.stale_total();
  return s;
}

// --- REST -----------------------------------------------------------------------------------

core::Result<execution::SubmitAck> AlpacaBroker::submit(const model::OrderIntent& order) {
  const auto cid = order.client_order_id.view();
  if (!stream_ready_) {
    return core::fail(core::ErrorCode::kTransport,
                      "alpaca submit {}: trade_updates stream is not listening; not sent", cid);
  }
  auto body = encode_order(order, reg_);
  if (!body) return std::unexpected(body.error());
  auto r = rest_.call("POST", "/v2/orders", std::move(*body), fmt::format("submit {}", cid));
  if (!r) {
    if (r.error().code == core::ErrorCode::kRejected && body_says_duplicate(r.error().message)) {
      return core::fail(core::ErrorCode::kRejected, "alpaca submit {}: duplicate client_order_id",
                        cid);
    }
    return std::unexpected(r.error());
  }
  auto o = decode_order(r->body, reg_);
  if (!o) return std::unexpected(o.error().with_context(fmt::format("alpaca submit {}", cid)));
  router_.remember(*o);
  execution::SubmitAck ack;
  ack.venue_order_id = o->state.venue_order_id;
  ack.status = o->state.status == OrderStatus::kPendingNew ? OrderStatus::kPendingNew
                                                           : OrderStatus::kAccepted;
  return ack;
}

core::Result<std::string> AlpacaBroker::resolve_venue_id(const core::ClientOrderId& cid,
                                                         const core::VenueOrderId& given) {
  if (!given.empty()) return std::string(given.view());
  if (auto v = router_.venue_id_of(cid)) return *v;
  auto q = query_order(cid);
  if (!q) return std::unexpected(q.error());
  return std::string(q->venue_order_id.view());
}

core::Result<execution::SubmitAck> AlpacaBroker::modify(const execution::ModifyRequest& request) {
  const auto cid = request.client_order_id.view();
  if (!stream_ready_) {
    return core::fail(core::ErrorCode::kTransport,
                      "alpaca replace {}: trade_updates stream is not listening; not sent", cid);
  }
  auto venue = resolve_venue_id(request.client_order_id, request.venue_order_id);
  if (!venue) return std::unexpected(venue.error());
  auto body = encode_replace(request);
  if (!body) return std::unexpected(body.error());
  auto r = rest_.call("PATCH", "/v2/orders/" + url_encode(*venue), std::move(*body),
                      fmt::format("replace {}", cid));
  if (!r) return std::unexpected(r.error());
  auto o = decode_order(r->body, reg_);
  if (!o) return std::unexpected(o.error().with_context(fmt::format("alpaca replace {}", cid)));
  router_.remember(*o);
  execution::SubmitAck ack;
  ack.venue_order_id = o->state.venue_order_id;
  ack.status = o->state.status == OrderStatus::kPendingNew ? OrderStatus::kPendingNew
                                                           : OrderStatus::kAccepted;
  return ack;
}

core::Status AlpacaBroker::cancel(const core::ClientOrderId& client_order_id,
                                  const core::VenueOrderId& venue_order_id) {
  auto venue = resolve_venue_id(client_order_id, venue_order_id);
  if (!venue) return std::unexpected(venue.error());
  auto r = rest_.call("DELETE", "/v2/orders/" + url_encode(*venue), {},
                      fmt::format("cancel {}", client_order_id.view()));
  if (!r) return std::unexpected(r.error());
  return {};
}

core::Result<std::vector<execution::VenueOrderState>> AlpacaBroker::open_orders() {
  auto r = rest_.call("GET", "/v2/orders?status=open&nested=true&limit=500", {}, "open orders");
  if (!r) return std::unexpected(r.error());
  auto orders = decode_orders(r->body, reg_);
  if (!orders) return std::unexpected(orders.error());
  std::vector<execution::VenueOrderState> out;
  out.reserve(orders->size());
  for (const auto& o : *orders) {
    router_.remember(o);
    out.push_back(o.state);
  }
  return out;
}

core::Result<execution::VenueOrderState> AlpacaBroker::query_order(
    const core::ClientOrderId& client_order_id) {
  const std::string alpaca_id = router_.alpaca_client_id(client_order_id);
  auto r = rest_.call(
      "GET", "/v2/orders:by_client_order_id?nested=true&client_order_id=" + url_encode(alpaca_id),
      {}, fmt::format("query {}", client_order_id.view()));
  if (!r) return std::unexpected(r.error());
  auto o = decode_order(r->body, reg_);
  if (!o) return std::unexpected(o.error());
  router_.remember(*o);
  return o->state;
}

core::Result<std::vector<model::Fill>> AlpacaBroker::fills_since(core::Timestamp since) {
  std::vector<model::Fill> out;
  // `after` is exclusive at Alpaca; ask from 1 us earlier and filter on ts_event >= since.
  const std::string after = url_encode(core::to_iso8601(since - std::chrono::microseconds(1)));
  std::string page_token;
  for (int page = 0; page < 20; ++page) {
    std::string path = "/v2/account/activities/FILL?direction=asc&page_size=100&after=" + after;
    if (!page_token.empty()) path += "&page_token=" + url_encode(page_token);
    auto r = rest_.call("GET", path, {}, "fill activities");
    if (!r) return std::unexpected(r.error());
    auto acts = decode_fill_activities(r->body, reg_);
    if (!acts) return std::unexpected(acts.error());
    for (auto& a : *acts) {
      if (a.fill.ts_event < since) continue;
      auto owner = router_.owner_of(a.order_id);
      if (!owner) {
        // An order we have not seen (placed elsewhere, or before a restart): learn its id.
        auto q = rest_.call("GET", "/v2/orders/" + url_encode(a.order_id) + "?nested=true", {},
                            fmt::format("order {}", a.order_id));
        if (q) {
          if (auto o = decode_order(q->body, reg_)) router_.remember(*o);
        }
        owner = router_.owner_of(a.order_id);
      }
      if (owner) {
        a.fill.client_order_id = owner->client_order_id;
        a.fill.leg_index = owner->leg_index;
      }
      a.fill.ts_recv = clock_.now();
      out.push_back(a.fill);
    }
    if (acts->size() < 100) break;
    page_token = acts->back().activity_id;
  }
  return out;
}

core::Result<std::vector<execution::PositionSnapshot>> AlpacaBroker::positions() {
  auto r = rest_.call("GET", "/v2/positions", {}, "positions");
  if (!r) return std::unexpected(r.error());
  return decode_positions(r->body, reg_);
}

core::Result<execution::AccountSnapshot> AlpacaBroker::account() {
  auto r = rest_.call("GET", "/v2/account", {}, "account");
  if (!r) return std::unexpected(r.error());
  return decode_account(r->body);
}

// --- trade_updates stream -------------------------------------------------------------------

void AlpacaBroker::post_status(model::FeedState state, std::string_view detail) {
  model::FeedStatus s;
  s.ts_event = clock_.now();
  s.ts_recv = s.ts_event;
  s.feed = cfg_.feed_name;
  s.state = state;
  s.detail = detail;
  inbox_.push(engine::Event{s}, engine::OverflowPolicy::kBlock);
}

void AlpacaBroker::deliver(const RoutedEvents& ev) {
  for (const auto& u : ev.updates)
    inbox_.push(engine::Event{u}, engine::OverflowPolicy::kBlock);
  for (const auto& f : ev.fills)
    inbox_.push(engine::Event{f}, engine::OverflowPolicy::kBlock);
}

void AlpacaBroker::sleep_interruptible(core::Duration d) {
  const auto end = std::chrono::steady_clock::now() + d;
  while (!stopping_ && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void AlpacaBroker::run_stream() {
  net::Backoff backoff({.base = cfg_.reconnect_base, .cap = cfg_.reconnect_cap, .seed = 0xa1ac});
  while (!stopping_) {
    net::WsOptions opt;
    opt.verify_tls = cfg_.verify_tls;
    net::WebSocketClient ws(opt);
    auto ended = stream_session(ws);
    const bool was_ready = stream_ready_.exchange(false);
    ws.abort();
    if (stopping_) break;
    const std::string why = ended ? std::string("closed") : ended.error().message;
    spdlog::warn("alpaca trade_updates: down ({}); order submission blocked until it is back", why);
    post_status(model::FeedState::kDisconnected, why);
    if (was_ready) backoff.reset();
    sleep_interruptible(backoff.next());
  }
}

core::Status AlpacaBroker::stream_session(net::WebSocketClient& ws) {
  {
    std::lock_guard lock(stats_mu_);
    ++stats_.connects;
  }
  if (auto s = ws.connect(cfg_.stream_url, {}, cfg_.connect_timeout); !s) return s;
  if (auto s = ws.send_text(encode_auth(cfg_.key_id, cfg_.secret)); !s) return s;
  const auto login_deadline = std::chrono::steady_clock::now() + cfg_.connect_timeout;
  bool listening = false;
  bool listen_sent = false;
  while (!listening) {
    if (stopping_) return {};
    if (std::chrono::steady_clock::now() > login_deadline) {
      return core::fail(core::ErrorCode::kTimeout, "alpaca trade_updates: no login answer");
    }
    auto f = ws.read(std::chrono::milliseconds(100));
    if (!f) {
      if (f.error().code == core::ErrorCode::kTimeout) continue;
      return std::unexpected(f.error());
    }
    auto m = decode_stream_message(f->data, reg_);
    if (!m) return std::unexpected(m.error());
    if (m->kind == StreamKind::kAuthorization) {
      if (!m->authorized) {
        std::lock_guard lock(stats_mu_);
        ++stats_.auth_failures;
        return core::fail(core::ErrorCode::kAuth, "alpaca trade_updates: authorization {}",
                          m->text.empty() ? "refused" : m->text);
      }
      if (auto s = ws.send_text(encode_listen()); !s) return s;
      listen_sent = true;
    } else if (m->kind == StreamKind::kListening && listen_sent) {
      if (!m->listening_trades) {
        return core::fail(core::ErrorCode::kUnsupported,
                          "alpaca: trade_updates missing from the listening acknowledgement");
      }
      listening = true;
    } else if (m->kind == StreamKind::kError) {
      return core::fail(core::ErrorCode::kTransport, "alpaca trade_updates: {}", m->text);
    }
  }
  stream_ready_ = true;
  post_status(ever_connected_ ? model::FeedState::kRecovered : model::FeedState::kConnected,
              "trade_updates listening");
  ever_connected_ = true;
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
          return core::fail(core::ErrorCode::kTimeout, "alpaca trade_updates: no pong");
        }
      }
      continue;
    }
    last_activity = now;
    {
      std::lock_guard lock(stats_mu_);
      ++stats_.messages;
    }
    auto m = decode_stream_message(f->data, reg_);
    if (!m) {
      spdlog::error("alpaca trade_updates: message not understood, skipped: {}", m.error().message);
      std::lock_guard lock(stats_mu_);
      ++stats_.decode_errors;
      continue;
    }
    deliver(router_.route(*m, clock_.now()));
  }
  return {};
}

}  // namespace zerodte::adapters::alpaca
