#include "adapters_alpaca_broker/fake_alpaca.hpp"

#include <fmt/format.h>

#include <chrono>

namespace zerodte::adapters::alpaca::testing {

using namespace std::chrono_literals;

namespace {
std::string str(const json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  if (v == nullptr || v->is_null()) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  return {};
}
double num(const json::object& o, std::string_view k) {
  const auto s = str(o, k);
  return s.empty() ? 0.0 : std::stod(s);
}
bool terminal(const std::string& s) {
  return s == "filled" || s == "canceled" || s == "expired" || s == "replaced" || s == "rejected";
}
nt::FakeHttpReply reply(int status, const json::value& body) {
  return nt::FakeHttpReply{status, json::serialize(body)};
}
nt::FakeHttpReply error(int status, int code, std::string_view message) {
  return reply(status, json::object{{"code", code}, {"message", message}});
}
std::string fmt_num(double d) {
  return fmt::format("{}", d);
}
}  // namespace

FakeAlpaca::FakeAlpaca()
    : rest_([this](const nt::FakeHttpRequest& r) { return handle(r); }),
      ws_([this](nt::FakeWsSession& s) { session(s); }) {}

FakeAlpaca::~FakeAlpaca() {
  ws_.stop();
  rest_.stop();
}

int FakeAlpaca::orders_created() const {
  std::lock_guard l(mu_);
  return orders_created_;
}
int FakeAlpaca::submit_posts() const {
  std::lock_guard l(mu_);
  return submit_posts_;
}
bool FakeAlpaca::stream_listening() const {
  std::lock_guard l(mu_);
  return listening_;
}
void FakeAlpaca::drop_stream() {
  std::lock_guard l(mu_);
  ++drop_generation_;
  cv_.notify_all();
}
json::object FakeAlpaca::order(const std::string& venue_id) const {
  std::lock_guard l(mu_);
  auto it = orders_.find(venue_id);
  return it == orders_.end() ? json::object{} : it->second;
}
std::string FakeAlpaca::venue_id_of(const std::string& cid) const {
  std::lock_guard l(mu_);
  auto it = by_client_.find(cid);
  return it == by_client_.end() ? std::string{} : it->second;
}
void FakeAlpaca::set_position(std::string symbol, std::int64_t qty, std::string avg) {
  std::lock_guard l(mu_);
  positions_[std::move(symbol)] = {qty, std::move(avg)};
}

std::string FakeAlpaca::new_id_locked() {
  return fmt::format("0b11f089-722d-4ced-9beb-{:012d}", next_id_++);
}
std::string FakeAlpaca::now_text_locked() {
  ++seconds_;
  return fmt::format("2025-11-21T15:{:02d}:{:02d}.000000Z", (seconds_ / 60) % 60, seconds_ % 60);
}

void FakeAlpaca::push_event_locked(const std::string& event, const json::object& order,
                                   const std::string& execution_id, std::int64_t qty,
                                   const std::string& price) {
  if (!listening_ || !events_on_) return;  // nobody listening: the event is lost, as live
  json::object d{{"event", event}, {"timestamp", now_text_locked()}, {"order", order}};
  if (!execution_id.empty()) {
    d["execution_id"] = execution_id;
    d["qty"] = std::to_string(qty);
    d["price"] = price;
    d["position_qty"] = "0";
  }
  outbox_.push_back(json::serialize(json::object{{"stream", "trade_updates"}, {"data", d}}));
  cv_.notify_all();
}

void FakeAlpaca::send_event_snapshot(const std::string& event, const json::object& snapshot,
                                     const std::string& execution_id, std::int64_t qty,
                                     const std::string& price) {
  std::lock_guard l(mu_);
  push_event_locked(event, snapshot, execution_id, qty, price);
}

nt::FakeHttpReply FakeAlpaca::handle(const nt::FakeHttpRequest& r) {
  std::unique_lock l(mu_);
  if (r.header("APCA-API-KEY-ID") != kKeyId || r.header("APCA-API-SECRET-KEY") != rest_secret_) {
    return error(401, 40110000, "request is not authorized");
  }
  if (rate_limit_next_ > 0) {
    --rate_limit_next_;
    auto rep = error(429, 42900000, "rate limit exceeded");
    rep.headers.emplace_back("Retry-After", retry_after_);
    return rep;
  }
  const std::string path = r.path();
  if (r.method == "POST" && path == "/v2/orders") {
    l.unlock();
    return create_order(r);
  }
  if (r.method == "GET" && path == "/v2/orders") {
    json::array out;
    for (const auto& id : order_seq_) {
      const auto& o = orders_.at(id);
      if (!terminal(str(o, "status"))) out.push_back(o);
    }
    return reply(200, out);
  }
  if (r.method == "GET" && path == "/v2/orders:by_client_order_id") {
    auto it = by_client_.find(r.query("client_order_id"));
    if (it == by_client_.end()) return error(404, 40410000, "order not found");
    return reply(200, orders_.at(it->second));
  }
  if (path.starts_with("/v2/orders/")) {
    const std::string id = path.substr(std::string_view("/v2/orders/").size());
    auto it = orders_.find(id);
    if (it == orders_.end()) return error(404, 40410000, "order not found");
    json::object& o = it->second;
    if (r.method == "GET") return reply(200, o);
    if (r.method == "DELETE") {
      if (terminal(str(o, "status"))) return error(422, 42210000, "order is not cancelable");
      o["status"] = "canceled";
      o["canceled_at"] = now_text_locked();
      o["updated_at"] = o["canceled_at"];
      push_event_locked("canceled", o);
      return nt::FakeHttpReply{204, ""};
    }
    if (r.method == "PATCH") {
      if (terminal(str(o, "status"))) return error(422, 42210000, "order is not replaceable");
      boost::system::error_code ec;
      auto body = json::parse(r.body, ec);
      if (ec || !body.is_object()) return error(422, 40010000, "invalid body");
      const auto& b = body.as_object();
      std::string cid = str(b, "client_order_id");
      if (cid.empty()) cid = new_id_locked();
      if (by_client_.contains(cid)) return error(422, 40010001, "client_order_id must be unique");
      json::object n = o;
      const std::string nid = new_id_locked();
      n["id"] = nid;
      n["client_order_id"] = cid;
      if (b.contains("qty")) n["qty"] = str(b, "qty");
      if (b.contains("limit_price")) n["limit_price"] = str(b, "limit_price");
      if (b.contains("stop_price")) n["stop_price"] = str(b, "stop_price");
      n["status"] = "accepted";
      n["filled_qty"] = "0";
      n["filled_avg_price"] = nullptr;
      n["replaces"] = id;
      n["created_at"] = now_text_locked();
      n["updated_at"] = n["created_at"];
      o["status"] = "replaced";
      o["replaced_by"] = nid;
      o["replaced_at"] = n["created_at"];
      orders_[nid] = n;
      order_seq_.push_back(nid);
      by_client_[cid] = nid;
      ++orders_created_;
      push_event_locked("replaced", orders_.at(id));
      n["status"] = "new";
      orders_[nid]["status"] = "new";
      push_event_locked("new", n);
      return reply(200, orders_.at(nid));
    }
  }
  if (r.method == "GET" && path == "/v2/positions") {
    json::array out;
    for (const auto& [sym, p] : positions_) {
      out.push_back(json::object{{"symbol", sym},
                                 {"qty", std::to_string(p.first)},
                                 {"avg_entry_price", p.second},
                                 {"side", p.first < 0 ? "short" : "long"},
                                 {"asset_class", sym.size() > 10 ? "us_option" : "us_equity"}});
    }
    return reply(200, out);
  }
  if (r.method == "GET" && path == "/v2/account") {
    return reply(200, json::object{{"id", "e6fe16f3-64a4-4921-8928-cadf02f92f98"},
                                   {"currency", "USD"},
                                   {"cash", "100000.5"},
                                   {"buying_power", "200001"},
                                   {"options_buying_power", "100000.5"},
                                   {"equity", "100250.25"},
                                   {"status", "ACTIVE"}});
  }
  if (r.method == "GET" && path == "/v2/account/activities/FILL") {
    const std::string after = r.query("after");
    json::array out;
    for (const auto& a : activities_) {
      if (str(a, "transaction_time") > after) out.push_back(a);
    }
    return reply(200, out);
  }
  return error(404, 40400000, fmt::format("no route {} {}", r.method, path));
}

nt::FakeHttpReply FakeAlpaca::create_order(const nt::FakeHttpRequest& r) {
  std::lock_guard l(mu_);
  ++submit_posts_;
  boost::system::error_code ec;
  auto body = json::parse(r.body, ec);
  if (ec || !body.is_object()) return error(422, 40010000, "request body format is invalid");
  const auto& b = body.as_object();
  const std::string cid = str(b, "client_order_id");
  if (by_client_.contains(cid)) return error(422, 40010001, "client_order_id must be unique");
  const std::int64_t qty = std::stoll(str(b, "qty"));
  if (qty > max_qty_) return error(403, 40310000, "insufficient options buying power");
  const std::string id = new_id_locked();
  const std::string t = now_text_locked();
  json::object o{{"id", id},
                 {"client_order_id", cid},
                 {"created_at", t},
                 {"updated_at", t},
                 {"submitted_at", t},
                 {"filled_at", nullptr},
                 {"replaced_by", nullptr},
                 {"replaces", nullptr},
                 {"symbol", str(b, "symbol")},
                 {"asset_class", "us_option"},
                 {"qty", str(b, "qty")},
                 {"filled_qty", "0"},
                 {"filled_avg_price", nullptr},
                 {"order_class", b.contains("order_class") ? str(b, "order_class") : "simple"},
                 {"order_type", str(b, "type")},
                 {"type", str(b, "type")},
                 {"side", str(b, "side")},
                 {"time_in_force", str(b, "time_in_force")},
                 {"limit_price", b.contains("limit_price") ? json::value(str(b, "limit_price"))
                                                           : json::value(nullptr)},
                 {"stop_price", nullptr},
                 {"status", "accepted"},
                 {"position_intent", str(b, "position_intent")},
                 {"legs", nullptr}};
  if (const auto* legs = b.if_contains("legs"); legs != nullptr && legs->is_array()) {
    json::array out;
    for (const auto& lv : legs->as_array()) {
      const auto& lo = lv.as_object();
      out.push_back(json::object{{"id", new_id_locked()},
                                 {"symbol", str(lo, "symbol")},
                                 {"side", str(lo, "side")},
                                 {"ratio_qty", str(lo, "ratio_qty")},
                                 {"position_intent", str(lo, "position_intent")},
                                 {"qty", std::to_string(qty * std::stoll(str(lo, "ratio_qty")))},
                                 {"filled_qty", "0"},
                                 {"filled_avg_price", nullptr},
                                 {"status", "accepted"},
                                 {"type", str(b, "type")}});
    }
    o["legs"] = std::move(out);
    o["symbol"] = "";
    o["side"] = "buy";
  }
  orders_[id] = o;
  order_seq_.push_back(id);
  by_client_[cid] = id;
  ++orders_created_;
  if (drop_next_submit_) {
    // The network fails right after the broker took the order: no HTTP answer, the stream goes
    // down before the "new" event could be delivered.
    drop_next_submit_ = false;
    ++drop_generation_;
    listening_ = false;
    cv_.notify_all();
    nt::FakeHttpReply rep;
    rep.drop = true;
    return rep;
  }
  push_event_locked("new", [&] {
    json::object n = o;
    n["status"] = "new";
    return n;
  }());
  orders_[id]["status"] = "new";
  return reply(200, o);
}

void FakeAlpaca::fill(const std::string& venue_id, std::int64_t qty, std::string price,
                      std::vector<std::string> leg_prices) {
  std::lock_guard l(mu_);
  json::object& o = orders_.at(venue_id);
  const double prev_q = num(o, "filled_qty");
  const double prev_avg = num(o, "filled_avg_price");
  const double q = prev_q + static_cast<double>(qty);
  o["filled_qty"] = fmt_num(q);
  o["filled_avg_price"] =
      fmt_num((prev_q * prev_avg + static_cast<double>(qty) * std::stod(price)) / q);
  const bool done = q >= num(o, "qty");
  o["status"] = done ? "filled" : "partially_filled";
  o["updated_at"] = now_text_locked();
  const std::string exec = fmt::format("e{:04d}-5f59-4cef-bdf1-3806aae57dbf", next_id_++);
  if (auto* legs = o.if_contains("legs"); legs != nullptr && legs->is_array()) {
    auto& arr = legs->as_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
      auto& lo = arr[i].as_object();
      const double ratio = num(lo, "ratio_qty");
      const double lq0 = num(lo, "filled_qty");
      const double la0 = num(lo, "filled_avg_price");
      const double add = static_cast<double>(qty) * ratio;
      const double lp = std::stod(leg_prices.at(i));
      lo["filled_qty"] = fmt_num(lq0 + add);
      lo["filled_avg_price"] = fmt_num((lq0 * la0 + add * lp) / (lq0 + add));
      lo["status"] = done ? "filled" : "partially_filled";
      activities_.push_back(json::object{{"id", fmt::format("20251121150000000::{}-{}", exec, i)},
                                         {"activity_type", "FILL"},
                                         {"transaction_time", str(o, "updated_at")},
                                         {"type", done ? "fill" : "partial_fill"},
                                         {"price", leg_prices.at(i)},
                                         {"qty", fmt_num(add)},
                                         {"side", str(lo, "side")},
                                         {"symbol", str(lo, "symbol")},
                                         {"order_id", str(lo, "id")},
                                         {"order_status", done ? "filled" : "partially_filled"}});
    }
  } else {
    activities_.push_back(json::object{{"id", fmt::format("20251121150000000::{}", exec)},
                                       {"activity_type", "FILL"},
                                       {"transaction_time", str(o, "updated_at")},
                                       {"type", done ? "fill" : "partial_fill"},
                                       {"price", price},
                                       {"qty", std::to_string(qty)},
                                       {"side", str(o, "side")},
                                       {"symbol", str(o, "symbol")},
                                       {"order_id", venue_id},
                                       {"order_status", str(o, "status")}});
  }
  push_event_locked(done ? "fill" : "partial_fill", o, exec, qty, price);
}

void FakeAlpaca::reject(const std::string& venue_id, std::string reason) {
  std::lock_guard l(mu_);
  json::object& o = orders_.at(venue_id);
  o["status"] = "rejected";
  o["failed_at"] = now_text_locked();
  o["updated_at"] = o["failed_at"];
  (void)reason;
  push_event_locked("rejected", o);
}

std::string FakeAlpaca::add_external_order(std::string symbol, std::string side, std::int64_t qty,
                                           std::string limit_price) {
  std::lock_guard l(mu_);
  const std::string id = new_id_locked();
  const std::string cid = "6f1a2b3c-4d5e-4f60-8a9b-" + id.substr(id.size() - 12);
  const std::string t = now_text_locked();
  orders_[id] = json::object{{"id", id},
                             {"client_order_id", cid},
                             {"created_at", t},
                             {"updated_at", t},
                             {"symbol", symbol},
                             {"qty", std::to_string(qty)},
                             {"filled_qty", "0"},
                             {"filled_avg_price", nullptr},
                             {"order_class", "simple"},
                             {"type", "limit"},
                             {"side", side},
                             {"time_in_force", "day"},
                             {"limit_price", limit_price},
                             {"status", "new"},
                             {"legs", nullptr}};
  order_seq_.push_back(id);
  by_client_[cid] = id;
  return id;
}

void FakeAlpaca::session(nt::FakeWsSession& s) {
  auto auth = s.read(2000ms);
  if (!auth) return;
  boost::system::error_code ec;
  auto a = json::parse(auth->data, ec);
  std::string key, secret;
  if (!ec && a.is_object()) {
    key = str(a.as_object(), "key");
    secret = str(a.as_object(), "secret");
  }
  {
    std::lock_guard l(mu_);
    if (key != kKeyId || secret != stream_secret_) {
      s.send_binary(
          R"({"stream":"authorization","data":{"action":"authenticate","status":"unauthorized"}})");
      s.close(1008, "unauthorized");
      return;
    }
  }
  s.send_binary(
      R"({"stream":"authorization","data":{"action":"authenticate","status":"authorized"}})");
  auto listen = s.read(2000ms);
  if (!listen) return;
  int generation = 0;
  {
    std::lock_guard l(mu_);
    generation = drop_generation_;
    outbox_.clear();
    listening_ = true;
  }
  s.send_binary(R"({"stream":"listening","data":{"streams":["trade_updates"]}})");
  while (!s.stopping()) {
    std::string msg;
    {
      std::unique_lock l(mu_);
      cv_.wait_for(l, 20ms, [&] { return !outbox_.empty() || drop_generation_ != generation; });
      if (drop_generation_ != generation) {
        listening_ = false;
        l.unlock();
        s.drop();
        return;
      }
      if (outbox_.empty()) {
        if (s.closed()) {
          listening_ = false;
          return;
        }
        continue;
      }
      msg = std::move(outbox_.front());
      outbox_.pop_front();
    }
    s.send_binary(msg);
  }
  std::lock_guard l(mu_);
  listening_ = false;
}

}  // namespace zerodte::adapters::alpaca::testing
