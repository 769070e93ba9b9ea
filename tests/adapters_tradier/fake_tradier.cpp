#include "adapters_tradier/fake_tradier.hpp"

#include <fmt/format.h>

#include <chrono>
#include <numeric>

namespace zerodte::adapters::tradier::testing {

using namespace std::chrono_literals;

namespace {
int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
std::string decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
      out += static_cast<char>(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}
nt::FakeHttpReply reply(int status, const json::value& v) {
  return nt::FakeHttpReply{status, json::serialize(v)};
}
nt::FakeHttpReply errors(int status, std::string_view msg) {
  return reply(status, json::object{{"errors", json::object{{"error", json::array{msg}}}}});
}
std::string s(const json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  if (v == nullptr || !v->is_string()) return {};
  return std::string(v->as_string());
}
double d(const json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  if (v == nullptr) return 0;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  return 0;
}
bool terminal(const std::string& st) {
  return st == "filled" || st == "canceled" || st == "expired" || st == "rejected";
}
}  // namespace

std::map<std::string, std::string> parse_form(std::string_view body) {
  std::map<std::string, std::string> out;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const auto pair = body.substr(0, amp);
    const auto eq = pair.find('=');
    out[decode(pair.substr(0, eq))] =
        eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return out;
}

FakeTradier::FakeTradier()
    : rest_([this](const nt::FakeHttpRequest& r) { return handle(r); }),
      ws_([this](nt::FakeWsSession& ss) { session(ss); }) {}

FakeTradier::~FakeTradier() {
  ws_.stop();
  rest_.stop();
}

int FakeTradier::orders_created() const {
  std::lock_guard l(mu_);
  return orders_created_;
}
int FakeTradier::order_posts() const {
  std::lock_guard l(mu_);
  return order_posts_;
}
bool FakeTradier::stream_listening() const {
  std::lock_guard l(mu_);
  return listening_;
}
void FakeTradier::drop_next_order_response() {
  std::lock_guard l(mu_);
  drop_next_ = true;
}
void FakeTradier::rate_limit_next(int n, std::string ra) {
  std::lock_guard l(mu_);
  rate_limit_next_ = n;
  retry_after_ = std::move(ra);
}
void FakeTradier::exhaust_quota_until_ms(std::int64_t ms) {
  std::lock_guard l(mu_);
  quota_expiry_ms_ = ms;
}
void FakeTradier::drop_stream() {
  std::lock_guard l(mu_);
  ++drop_generation_;
  cv_.notify_all();
}
void FakeTradier::set_token(std::string t) {
  std::lock_guard l(mu_);
  token_ = std::move(t);
}
void FakeTradier::set_max_quantity(int n) {
  std::lock_guard l(mu_);
  max_qty_ = n;
}
void FakeTradier::set_streaming_available(bool on) {
  std::lock_guard l(mu_);
  streaming_ = on;
}
void FakeTradier::set_events(bool on) {
  std::lock_guard l(mu_);
  events_on_ = on;
}
json::object FakeTradier::order(int id) const {
  std::lock_guard l(mu_);
  auto it = orders_.find(id);
  return it == orders_.end() ? json::object{} : it->second;
}
int FakeTradier::id_of_tag(const std::string& tag) const {
  std::lock_guard l(mu_);
  for (const auto& [id, o] : orders_) {
    if (s(o, "tag") == tag) return id;
  }
  return 0;
}
void FakeTradier::set_position(std::string sym, std::int64_t qty, double cost) {
  std::lock_guard l(mu_);
  positions_[std::move(sym)] = {qty, cost};
}

std::map<std::string, std::string> FakeTradier::last_form(std::string_view method) const {
  const auto log = rest_.log();
  for (auto it = log.rbegin(); it != log.rend(); ++it) {
    if (it->method == method && !it->body.empty()) return parse_form(it->body);
  }
  return {};
}

std::string FakeTradier::now_locked() {
  ++seconds_;
  return fmt::format("2025-11-21T15:{:02d}:{:02d}.000Z", (seconds_ / 60) % 60, seconds_ % 60);
}

void FakeTradier::push_event_locked(const json::object& o) {
  if (!listening_ || !events_on_) return;
  json::object e{{"id", o.at("id")},
                 {"event", "order"},
                 {"status", o.at("status")},
                 {"type", o.at("type")},
                 {"price", o.at("price")},
                 {"stop_price", 0},
                 {"avg_fill_price", o.at("avg_fill_price")},
                 {"executed_quantity", o.at("exec_quantity")},
                 {"last_fill_quantity", o.at("last_fill_quantity")},
                 {"last_fill_price", o.at("last_fill_price")},
                 {"remaining_quantity", o.at("remaining_quantity")},
                 {"transaction_date", o.at("transaction_date")},
                 {"create_date", o.at("create_date")},
                 {"account", kAccount}};
  outbox_.push_back(json::serialize(e));
  cv_.notify_all();
}

void FakeTradier::send_event(const json::object& o) {
  std::lock_guard l(mu_);
  push_event_locked(o);
}

nt::FakeHttpReply FakeTradier::handle(const nt::FakeHttpRequest& r) {
  std::unique_lock l(mu_);
  if (r.header("Authorization") != "Bearer " + token_) {
    return nt::FakeHttpReply{401, "Invalid Access Token", {}, {}, false, "text/plain"};
  }
  if (r.header("Accept") != "application/json") return errors(406, "Accept: application/json");
  if (rate_limit_next_ > 0) {
    --rate_limit_next_;
    auto rep = nt::FakeHttpReply{429, "Rate limit exceeded", {}, {}, false, "text/plain"};
    rep.headers.emplace_back("Retry-After", retry_after_);
    return rep;
  }
  std::vector<std::pair<std::string, std::string>> quota;
  if (quota_expiry_ms_ > 0) {
    quota = {{"X-Ratelimit-Allowed", "120"},
             {"X-Ratelimit-Used", "120"},
             {"X-Ratelimit-Available", "0"},
             {"X-Ratelimit-Expiry", std::to_string(quota_expiry_ms_)}};
    quota_expiry_ms_ = 0;
  }
  auto with_quota = [&](nt::FakeHttpReply rep) {
    for (auto& h : quota)
      rep.headers.push_back(h);
    return rep;
  };
  const std::string path = r.path();
  const std::string acct = std::string("/v1/accounts/") + kAccount;
  if (r.method == "POST" && path == "/v1/accounts/events/session" && !streaming_) {
    return errors(400, "Streaming is not available in the sandbox environment");
  }
  if (r.method == "POST" && path == "/v1/accounts/events/session") {
    const std::string sid = fmt::format("c8638963-a6d4-4fb9-9bc6-e25fbd8c60c{}", sessions_.size());
    sessions_.push_back(sid);
    return with_quota(
        reply(200, json::object{{"stream", json::object{{"url", ws_.url("/v1/accounts/events")},
                                                        {"sessionid", sid}}}}));
  }
  if (r.method == "POST" && path == acct + "/orders") {
    l.unlock();
    return with_quota(create_order(r));
  }
  if (r.method == "GET" && path == acct + "/orders") {
    json::array list;
    for (const auto& [id, o] : orders_)
      list.push_back(o);
    json::value orders = list.empty()       ? json::value("null")
                         : list.size() == 1 ? json::value(json::object{{"order", list[0]}})
                                            : json::value(json::object{{"order", list}});
    return with_quota(reply(200, json::object{{"orders", orders}}));
  }
  if (path.starts_with(acct + "/orders/")) {
    const int id = std::stoi(path.substr(acct.size() + 8));
    auto it = orders_.find(id);
    if (it == orders_.end()) return errors(400, "Order not found");
    json::object& o = it->second;
    if (r.method == "GET") return with_quota(reply(200, json::object{{"order", o}}));
    if (r.method == "DELETE") {
      if (terminal(s(o, "status"))) return errors(400, "Order is not cancelable");
      o["status"] = "canceled";
      o["remaining_quantity"] = 0.0;
      o["transaction_date"] = now_locked();
      push_event_locked(o);
      return with_quota(
          reply(200, json::object{{"order", json::object{{"id", id}, {"status", "ok"}}}}));
    }
    if (r.method == "PUT") {
      if (terminal(s(o, "status"))) return errors(400, "Order is not modifiable");
      const auto form = parse_form(r.body);
      if (form.contains("price")) o["price"] = std::stod(form.at("price"));
      if (form.contains("stop")) o["stop_price"] = std::stod(form.at("stop"));
      if (form.contains("type")) o["type"] = form.at("type");
      o["transaction_date"] = now_locked();
      return with_quota(
          reply(200, json::object{{"order", json::object{{"id", id}, {"status", "ok"}}}}));
    }
  }
  if (r.method == "GET" && path == acct + "/positions") {
    json::array list;
    for (const auto& [sym, p] : positions_) {
      list.push_back(json::object{{"cost_basis", p.second},
                                  {"date_acquired", "2025-11-21T15:00:00.000Z"},
                                  {"id", 500 + static_cast<int>(list.size())},
                                  {"quantity", static_cast<double>(p.first)},
                                  {"symbol", sym}});
    }
    json::value positions = list.empty()       ? json::value("null")
                            : list.size() == 1 ? json::value(json::object{{"position", list[0]}})
                                               : json::value(json::object{{"position", list}});
    return with_quota(reply(200, json::object{{"positions", positions}}));
  }
  if (r.method == "GET" && path == acct + "/balances") {
    return with_quota(reply(
        200,
        json::object{{"balances",
                      json::object{{"account_number", kAccount},
                                   {"account_type", "margin"},
                                   {"total_equity", 25300.75},
                                   {"total_cash", 12000.5},
                                   {"margin", json::object{{"option_buying_power", 11000.25},
                                                           {"stock_buying_power", 22000.5}}}}}}));
  }
  return errors(404, fmt::format("no route {} {}", r.method, path));
}

nt::FakeHttpReply FakeTradier::create_order(const nt::FakeHttpRequest& r) {
  std::lock_guard l(mu_);
  ++order_posts_;
  if (r.header("Content-Type") != "application/x-www-form-urlencoded") {
    return errors(400, "form body expected");
  }
  const auto f = parse_form(r.body);
  auto get = [&](const std::string& k) { return f.contains(k) ? f.at(k) : std::string{}; };
  const std::string cls = get("class");
  const int id = next_id_++;
  const std::string t = now_locked();
  json::object o{{"id", id},
                 {"type", get("type")},
                 {"symbol", get("symbol")},
                 {"side", get("side")},
                 {"quantity", 0.0},
                 {"status", "open"},
                 {"duration", get("duration")},
                 {"price", f.contains("price") ? std::stod(get("price")) : 0.0},
                 {"avg_fill_price", 0.0},
                 {"exec_quantity", 0.0},
                 {"last_fill_price", 0.0},
                 {"last_fill_quantity", 0.0},
                 {"remaining_quantity", 0.0},
                 {"create_date", t},
                 {"transaction_date", t},
                 {"class", cls},
                 {"tag", get("tag")}};
  std::int64_t qty = 0;
  if (cls == "multileg") {
    json::array legs;
    std::int64_t units = 0;
    for (int i = 0; f.contains(fmt::format("option_symbol[{}]", i)); ++i) {
      const std::int64_t lq = std::stoll(get(fmt::format("quantity[{}]", i)));
      units = std::gcd(units, lq);
      qty = std::max(qty, lq);
      legs.push_back(json::object{{"id", id * 10 + i},
                                  {"type", get("type")},
                                  {"symbol", get("symbol")},
                                  {"side", get(fmt::format("side[{}]", i))},
                                  {"quantity", static_cast<double>(lq)},
                                  {"status", "open"},
                                  {"duration", get("duration")},
                                  {"avg_fill_price", 0.0},
                                  {"exec_quantity", 0.0},
                                  {"remaining_quantity", static_cast<double>(lq)},
                                  {"option_symbol", get(fmt::format("option_symbol[{}]", i))}});
    }
    if (legs.empty()) return errors(400, "multileg order without legs");
    o["leg"] = legs;
    o["num_legs"] = static_cast<int>(legs.size());
    o["quantity"] = static_cast<double>(units);
    o["remaining_quantity"] = static_cast<double>(units);
  } else {
    qty = std::stoll(get("quantity"));
    o["quantity"] = static_cast<double>(qty);
    o["remaining_quantity"] = static_cast<double>(qty);
    if (cls == "option") o["option_symbol"] = get("option_symbol");
  }
  if (qty > max_qty_) return errors(400, "You do not have enough buying power for this trade.");
  orders_[id] = o;
  ++orders_created_;
  if (drop_next_) {
    drop_next_ = false;
    ++drop_generation_;
    listening_ = false;
    cv_.notify_all();
    nt::FakeHttpReply rep;
    rep.drop = true;
    return rep;
  }
  push_event_locked(o);
  return reply(
      200, json::object{
               {"order", json::object{{"id", id},
                                      {"status", "ok"},
                                      {"partner_id", "3a8bbee1-5184-4ffe-8a0c-294fbad1aee9"}}}});
}

void FakeTradier::fill(int id, std::int64_t qty, double price, std::vector<double> leg_prices) {
  std::lock_guard l(mu_);
  json::object& o = orders_.at(id);
  const double q0 = d(o, "exec_quantity");
  const double a0 = d(o, "avg_fill_price");
  const double q1 = q0 + static_cast<double>(qty);
  o["exec_quantity"] = q1;
  o["avg_fill_price"] = (q0 * a0 + static_cast<double>(qty) * price) / q1;
  o["last_fill_quantity"] = static_cast<double>(qty);
  o["last_fill_price"] = price;
  o["remaining_quantity"] = d(o, "quantity") - q1;
  o["status"] = q1 >= d(o, "quantity") ? "filled" : "partially_filled";
  o["transaction_date"] = now_locked();
  if (auto* legs = o.if_contains("leg"); legs != nullptr) {
    auto& arr = legs->as_array();
    const double units = d(o, "quantity");
    for (std::size_t i = 0; i < arr.size(); ++i) {
      auto& lo = arr[i].as_object();
      const double ratio = d(lo, "quantity") / units;
      const double lq0 = d(lo, "exec_quantity");
      const double la0 = d(lo, "avg_fill_price");
      const double add = static_cast<double>(qty) * ratio;
      lo["exec_quantity"] = lq0 + add;
      lo["avg_fill_price"] = (lq0 * la0 + add * leg_prices.at(i)) / (lq0 + add);
      lo["remaining_quantity"] = d(lo, "quantity") - (lq0 + add);
      lo["status"] = o["status"];
    }
  }
  push_event_locked(o);
}

void FakeTradier::reject(int id) {
  std::lock_guard l(mu_);
  json::object& o = orders_.at(id);
  o["status"] = "rejected";
  o["remaining_quantity"] = 0.0;
  o["reason_description"] = "Exchange rejected";
  o["transaction_date"] = now_locked();
  push_event_locked(o);
}

int FakeTradier::add_external_order(std::string option_symbol, std::string side, std::int64_t qty,
                                    double price) {
  std::lock_guard l(mu_);
  const int id = next_id_++;
  const std::string t = now_locked();
  orders_[id] = json::object{{"id", id},
                             {"type", "limit"},
                             {"symbol", option_symbol.substr(0, 3)},
                             {"side", side},
                             {"quantity", static_cast<double>(qty)},
                             {"status", "open"},
                             {"duration", "day"},
                             {"price", price},
                             {"avg_fill_price", 0.0},
                             {"exec_quantity", 0.0},
                             {"last_fill_price", 0.0},
                             {"last_fill_quantity", 0.0},
                             {"remaining_quantity", static_cast<double>(qty)},
                             {"create_date", t},
                             {"transaction_date", t},
                             {"class", "option"},
                             {"option_symbol", option_symbol}};
  return id;
}

void FakeTradier::session(nt::FakeWsSession& ss) {
  auto sub = ss.read(2000ms);
  if (!sub) return;
  boost::system::error_code ec;
  auto v = json::parse(sub->data, ec);
  {
    std::lock_guard l(mu_);
    const bool ok = !ec && v.is_object() &&
                    std::find(sessions_.begin(), sessions_.end(), s(v.as_object(), "sessionid")) !=
                        sessions_.end();
    if (!ok) {
      ss.send_text(R"({"error":"invalid session"})");
      ss.close(1008, "invalid session");
      return;
    }
  }
  int generation = 0;
  {
    std::lock_guard l(mu_);
    generation = drop_generation_;
    outbox_.clear();
    listening_ = true;
  }
  while (!ss.stopping()) {
    std::string msg;
    {
      std::unique_lock l(mu_);
      cv_.wait_for(l, 20ms, [&] { return !outbox_.empty() || drop_generation_ != generation; });
      if (drop_generation_ != generation) {
        listening_ = false;
        l.unlock();
        ss.drop();
        return;
      }
      if (outbox_.empty()) {
        if (ss.closed()) {
          listening_ = false;
          return;
        }
        continue;
      }
      msg = std::move(outbox_.front());
      outbox_.pop_front();
    }
    ss.send_text(msg);
  }
  std::lock_guard l(mu_);
  listening_ = false;
}

}  // namespace zerodte::adapters::tradier::testing
