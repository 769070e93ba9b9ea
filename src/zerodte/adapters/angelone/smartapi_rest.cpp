#include "zerodte/adapters/angelone/smartapi_rest.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include <fmt/format.h>

#include "zerodte/adapters/net/rate_limit.hpp"
#include "zerodte/core/log/redactor.hpp"
#include "zerodte/sentiment/http_client.hpp"

namespace zerodte::adapters::angelone {

namespace json = boost::json;
using core::ErrorCode;

core::Result<AngelOneCredentials> AngelOneCredentials::from_env() {
  AngelOneCredentials c;
  const std::pair<const char*, std::string*> vars[] = {{"ANGELONE_API_KEY", &c.api_key},
                                                       {"ANGELONE_CLIENT_CODE", &c.client_code},
                                                       {"ANGELONE_PIN", &c.pin},
                                                       {"ANGELONE_TOTP_SECRET", &c.totp_secret}};
  for (const auto& [name, out] : vars) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') {
      return core::fail(ErrorCode::kConfig, "angelone: environment variable {} is not set", name);
    }
    *out = v;
    core::log::register_secret(*out);
  }
  return c;
}

namespace {

struct Endpoint {
  const char* name;
  const char* path;
  const char* method;
  int per_second;
  int per_minute;  // 0 = none
};

constexpr Endpoint kLogin{"loginByPassword", "/rest/auth/angelbroking/user/v1/loginByPassword",
                          "POST", 1, 0};
constexpr Endpoint kTokens{"generateTokens", "/rest/auth/angelbroking/jwt/v1/generateTokens",
                           "POST", 1, 0};
constexpr Endpoint kPlace{"placeOrder", "/rest/secure/angelbroking/order/v1/placeOrder", "POST", 20,
                          500};
constexpr Endpoint kModify{"modifyOrder", "/rest/secure/angelbroking/order/v1/modifyOrder", "POST",
                           20, 500};
constexpr Endpoint kCancel{"cancelOrder", "/rest/secure/angelbroking/order/v1/cancelOrder", "POST",
                           20, 500};
constexpr Endpoint kOrderBook{"getOrderBook", "/rest/secure/angelbroking/order/v1/getOrderBook",
                              "GET", 1, 0};
constexpr Endpoint kTradeBook{"getTradeBook", "/rest/secure/angelbroking/order/v1/getTradeBook",
                              "GET", 1, 0};
constexpr Endpoint kPosition{"getPosition", "/rest/secure/angelbroking/order/v1/getPosition", "GET",
                             1, 0};
constexpr Endpoint kRms{"getRMS", "/rest/secure/angelbroking/user/v1/getRMS", "GET", 2, 0};
constexpr Endpoint kLtp{"getLtpData", "/rest/secure/angelbroking/order/v1/getLtpData", "POST", 10,
                        500};

std::string str(const json::object& o, const char* k) {
  const json::value* v = o.if_contains(k);
  if (v == nullptr || v->is_null()) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  if (v->is_double()) return fmt::format("{}", v->as_double());
  return {};
}

core::Result<core::Price> price(const json::object& o, const char* k) {
  const std::string s = str(o, k);
  if (s.empty()) return core::Price::zero();
  auto p = core::Price::parse(s);
  if (!p) return std::unexpected(p.error().with_context(fmt::format("angelone field {}", k)));
  return *p;
}

core::Result<std::int64_t> integer(const json::object& o, const char* k) {
  const std::string s = str(o, k);
  if (s.empty()) return 0;
  auto p = core::Price::parse(s);  // quantities arrive as "75" or 75 or "75.0"
  if (!p || !p->is_multiple_of(core::Price::from_units(1))) {
    return core::fail(ErrorCode::kParse, "angelone field {}: '{}' is not a whole number", k, s);
  }
  return p->raw() / core::Price::kScale;
}

bool is_token_error(std::string_view code) {
  return code == "AG8001" || code == "AG8002" || code == "AG8003" || code == "AB8050" ||
         code == "AB8051" || code == "AB1010" || code == "AB1011";
}
bool is_login_error(std::string_view code) {
  return code == "AB1007" || code == "AB1050" || code == "AB1051" || code == "AB1004";
}

}  // namespace

struct SmartApiRest::Impl {
  Impl(SmartApiConfig c, AngelOneCredentials cr, const core::Clock& cl)
      : cfg(std::move(c)), creds(std::move(cr)), clock(cl) {}
  SmartApiConfig cfg;
  AngelOneCredentials creds;
  const core::Clock& clock;
  mutable std::mutex mu;
  std::map<std::string, std::pair<net::SlidingWindow, net::SlidingWindow>> pacers;
  SmartApiStats stats;

  core::Status pace(const Endpoint& e) {
    if (!cfg.pacing) return core::ok();
    std::lock_guard l(mu);
    auto it = pacers.find(e.name);
    if (it == pacers.end()) {
      it = pacers
               .emplace(e.name,
                        std::make_pair(net::SlidingWindow(e.per_second, std::chrono::seconds(1)),
                                       net::SlidingWindow(e.per_minute > 0 ? e.per_minute : 1 << 30,
                                                          std::chrono::minutes(1))))
               .first;
    }
    const core::Timestamp now = clock.now();
    auto& [sec, min] = it->second;
    if (!sec.allows(now) || !min.allows(now)) {
      ++stats.paced;
      const core::Timestamp next = std::max(sec.next_allowed(now), min.next_allowed(now));
      return core::fail(ErrorCode::kRateLimited,
                        "angelone {}: pacing limit ({}/s{}) reached; next slot in {} ms", e.name,
                        e.per_second, e.per_minute > 0 ? fmt::format(", {}/min", e.per_minute) : "",
                        (next - now).count() / 1'000'000);
    }
    sec.record(now);
    min.record(now);
    ++stats.calls[e.name];
    return core::ok();
  }

  // Sends the request and returns the "data" member of a successful answer.
  core::Result<json::value> call(const Endpoint& e, const std::string& jwt,
                                 const json::object& body) {
    if (auto s = pace(e); !s) return std::unexpected(s.error());
    sentiment::HttpRequest req;
    req.method = e.method;
    req.url = cfg.base_url + e.path;
    req.headers = {{"Content-Type", "application/json"},
                   {"Accept", "application/json"},
                   {"X-UserType", "USER"},
                   {"X-SourceID", "WEB"},
                   {"X-ClientLocalIP", cfg.local_ip},
                   {"X-ClientPublicIP", cfg.public_ip},
                   {"X-MACAddress", cfg.mac_address},
                   {"X-PrivateKey", creds.api_key}};
    if (!jwt.empty()) req.headers.emplace_back("Authorization", "Bearer " + jwt);
    if (std::string_view(e.method) == "POST") req.body = json::serialize(body);
    sentiment::HttpOptions opt;
    opt.timeout = cfg.timeout;
    opt.verify_tls = cfg.verify_tls;
    auto resp = sentiment::http_request(req, opt);
    if (!resp) {
      return std::unexpected(resp.error().with_context(fmt::format("angelone {}", e.name)));
    }
    boost::system::error_code ec;
    const json::value v = json::parse(resp->body, ec);
    const json::object* o = !ec && v.is_object() ? &v.as_object() : nullptr;
    const std::string message = o != nullptr ? str(*o, "message") : std::string();
    const std::string code = o != nullptr ? str(*o, "errorcode") : std::string();
    const bool rate = resp->status == 429 ||
                      message.find("exceeding access rate") != std::string::npos ||
                      message.find("Access denied because of exceeding") != std::string::npos;
    if (rate) {
      std::lock_guard l(mu);
      ++stats.rate_limited;
      const std::string after = resp->header("Retry-After");
      return core::fail(ErrorCode::kRateLimited, "angelone {}: rate limited by the venue{}", e.name,
                        after.empty() ? "" : fmt::format(" (Retry-After {})", after));
    }
    if (resp->status >= 500) {
      return core::fail(ErrorCode::kTransport, "angelone {}: HTTP {}", e.name, resp->status);
    }
    if (is_token_error(code)) {
      return core::fail(ErrorCode::kAuth, "angelone {}: token rejected ({} {})", e.name, code,
                        message);
    }
    if (is_login_error(code) || resp->status == 401 || resp->status == 403) {
      return core::fail(ErrorCode::kAuth, "angelone {}: {} {} (HTTP {})", e.name, code, message,
                        resp->status);
    }
    if (o == nullptr) {
      return core::fail(ErrorCode::kTransport, "angelone {}: HTTP {} answer is not JSON", e.name,
                        resp->status);
    }
    const json::value* status = o->if_contains("status");
    const bool ok = status != nullptr && ((status->is_bool() && status->as_bool()) ||
                                          (status->is_string() && status->as_string() == "true"));
    if (resp->status >= 400 || !ok) {
      return core::fail(ErrorCode::kRejected, "angelone {}: {}{}{}", e.name,
                        message.empty() ? "refused" : message, code.empty() ? "" : " ", code);
    }
    const json::value* data = o->if_contains("data");
    return data != nullptr ? *data : json::value();
  }
};

SmartApiRest::SmartApiRest(SmartApiConfig cfg, AngelOneCredentials creds, const core::Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(cfg), std::move(creds), clock)) {}
SmartApiRest::~SmartApiRest() = default;

bool SmartApiRest::token_rejected(const core::Error& e) {
  return e.code == ErrorCode::kAuth && e.message.find("token rejected") != std::string::npos;
}

SmartApiStats SmartApiRest::stats() const {
  std::lock_guard l(impl_->mu);
  return impl_->stats;
}

namespace {
core::Result<TokenPair> tokens_from(const json::value& data, std::string_view what) {
  if (!data.is_object()) {
    return core::fail(ErrorCode::kParse, "angelone {}: answer has no data object", what);
  }
  TokenPair t;
  t.jwt = str(data.as_object(), "jwtToken");
  t.refresh = str(data.as_object(), "refreshToken");
  t.feed = str(data.as_object(), "feedToken");
  if (t.jwt.rfind("Bearer ", 0) == 0) t.jwt = t.jwt.substr(7);
  if (t.jwt.empty()) return core::fail(ErrorCode::kParse, "angelone {}: no jwtToken", what);
  return t;
}
}  // namespace

core::Result<TokenPair> SmartApiRest::login(const std::string& totp_code) {
  json::object body{{"clientcode", impl_->creds.client_code},
                    {"password", impl_->creds.pin},
                    {"totp", totp_code}};
  auto data = impl_->call(kLogin, "", body);
  if (!data) return std::unexpected(data.error());
  return tokens_from(*data, "loginByPassword");
}

core::Result<TokenPair> SmartApiRest::refresh(const TokenPair& current) {
  json::object body{{"refreshToken", current.refresh}};
  auto data = impl_->call(kTokens, current.jwt, body);
  if (!data) return std::unexpected(data.error());
  return tokens_from(*data, "generateTokens");
}

namespace {
json::object order_body(const AngelOrderRequest& r) {
  json::object b{{"variety", r.variety},
                 {"tradingsymbol", r.tradingsymbol},
                 {"symboltoken", r.symboltoken},
                 {"transactiontype", r.transactiontype},
                 {"exchange", r.exchange},
                 {"ordertype", r.ordertype},
                 {"producttype", r.producttype},
                 {"duration", r.duration},
                 {"price", r.price.to_string(2)},
                 {"triggerprice", r.triggerprice.to_string(2)},
                 {"squareoff", "0"},
                 {"stoploss", "0"},
                 {"quantity", std::to_string(r.quantity)}};
  if (!r.orderid.empty()) b["orderid"] = r.orderid;
  if (!r.ordertag.empty()) b["ordertag"] = r.ordertag;
  return b;
}
}  // namespace

core::Result<std::string> SmartApiRest::place_order(const std::string& jwt,
                                                    const AngelOrderRequest& r) {
  auto data = impl_->call(kPlace, jwt, order_body(r));
  if (!data) return std::unexpected(data.error());
  const std::string id = data->is_object() ? str(data->as_object(), "orderid") : "";
  if (id.empty()) return core::fail(ErrorCode::kParse, "angelone placeOrder: no orderid");
  return id;
}

core::Result<std::string> SmartApiRest::modify_order(const std::string& jwt,
                                                     const AngelOrderRequest& r) {
  auto data = impl_->call(kModify, jwt, order_body(r));
  if (!data) return std::unexpected(data.error());
  const std::string id = data->is_object() ? str(data->as_object(), "orderid") : "";
  return id.empty() ? r.orderid : id;
}

core::Status SmartApiRest::cancel_order(const std::string& jwt, const std::string& variety,
                                        const std::string& orderid) {
  auto data = impl_->call(kCancel, jwt, json::object{{"variety", variety}, {"orderid", orderid}});
  if (!data) return std::unexpected(data.error());
  return core::ok();
}

template <typename T, typename F>
static core::Result<std::vector<T>> rows(const core::Result<json::value>& data, F&& each) {
  if (!data) return std::unexpected(data.error());
  std::vector<T> out;
  if (data->is_null()) return out;  // SmartAPI answers "data": null for an empty book
  if (!data->is_array()) return core::fail(ErrorCode::kParse, "angelone: data is not a list");
  for (const auto& v : data->as_array()) {
    if (!v.is_object()) return core::fail(ErrorCode::kParse, "angelone: row is not an object");
    auto r = each(v.as_object());
    if (!r) return std::unexpected(r.error());
    out.push_back(std::move(*r));
  }
  return out;
}

core::Result<std::vector<AngelOrder>> SmartApiRest::order_book(const std::string& jwt) {
  return rows<AngelOrder>(impl_->call(kOrderBook, jwt, {}),
                          [](const json::object& o) -> core::Result<AngelOrder> {
                            AngelOrder a;
                            for (auto [k, dst] : {std::pair{"orderid", &a.orderid},
                                                  {"ordertag", &a.ordertag},
                                                  {"tradingsymbol", &a.tradingsymbol},
                                                  {"symboltoken", &a.symboltoken},
                                                  {"exchange", &a.exchange},
                                                  {"transactiontype", &a.transactiontype},
                                                  {"ordertype", &a.ordertype},
                                                  {"producttype", &a.producttype},
                                                  {"duration", &a.duration},
                                                  {"status", &a.status},
                                                  {"text", &a.text},
                                                  {"updatetime", &a.updatetime},
                                                  {"variety", &a.variety}}) {
                              *dst = str(o, k);
                            }
                            auto p = price(o, "price");
                            auto t = price(o, "triggerprice");
                            auto avg = price(o, "averageprice");
                            auto q = integer(o, "quantity");
                            auto f = integer(o, "filledshares");
                            auto u = integer(o, "unfilledshares");
                            for (auto* e : {&p, &t, &avg})
                              if (!*e) return std::unexpected(e->error());
                            for (auto* e : {&q, &f, &u})
                              if (!*e) return std::unexpected(e->error());
                            a.price = *p;
                            a.triggerprice = *t;
                            a.averageprice = *avg;
                            a.quantity = *q;
                            a.filledshares = *f;
                            a.unfilledshares = *u;
                            return a;
                          });
}

core::Result<std::vector<AngelTrade>> SmartApiRest::trade_book(const std::string& jwt) {
  return rows<AngelTrade>(impl_->call(kTradeBook, jwt, {}),
                          [](const json::object& o) -> core::Result<AngelTrade> {
                            AngelTrade t;
                            t.orderid = str(o, "orderid");
                            t.fillid = str(o, "fillid");
                            t.tradingsymbol = str(o, "tradingsymbol");
                            t.exchange = str(o, "exchange");
                            t.transactiontype = str(o, "transactiontype");
                            t.filltime = str(o, "filltime");
                            auto p = price(o, "fillprice");
                            auto q = integer(o, "fillsize");
                            if (!p) return std::unexpected(p.error());
                            if (!q) return std::unexpected(q.error());
                            t.fillprice = *p;
                            t.fillsize = *q;
                            return t;
                          });
}

core::Result<std::vector<AngelPosition>> SmartApiRest::positions(const std::string& jwt) {
  return rows<AngelPosition>(impl_->call(kPosition, jwt, {}),
                             [](const json::object& o) -> core::Result<AngelPosition> {
                               AngelPosition p;
                               p.tradingsymbol = str(o, "tradingsymbol");
                               p.symboltoken = str(o, "symboltoken");
                               p.exchange = str(o, "exchange");
                               p.producttype = str(o, "producttype");
                               auto q = integer(o, "netqty");
                               auto a = price(o, "avgnetprice");
                               if (!q) return std::unexpected(q.error());
                               if (!a) return std::unexpected(a.error());
                               p.netqty = *q;
                               p.avgnetprice = *a;
                               return p;
                             });
}

core::Result<AngelFunds> SmartApiRest::funds(const std::string& jwt) {
  auto data = impl_->call(kRms, jwt, {});
  if (!data) return std::unexpected(data.error());
  if (!data->is_object()) return core::fail(ErrorCode::kParse, "angelone getRMS: no data");
  AngelFunds f;
  auto n = price(data->as_object(), "net");
  auto c = price(data->as_object(), "availablecash");
  auto u = price(data->as_object(), "utiliseddebits");
  for (auto* e : {&n, &c, &u})
    if (!*e) return std::unexpected(e->error());
  f.net = *n;
  f.availablecash = *c;
  f.utiliseddebits = *u;
  return f;
}

core::Result<core::Price> SmartApiRest::ltp(const std::string& jwt, const std::string& exchange,
                                            const std::string& tradingsymbol,
                                            const std::string& symboltoken) {
  auto data = impl_->call(
      kLtp, jwt,
      json::object{
          {"exchange", exchange}, {"tradingsymbol", tradingsymbol}, {"symboltoken", symboltoken}});
  if (!data) return std::unexpected(data.error());
  if (!data->is_object()) return core::fail(ErrorCode::kParse, "angelone getLtpData: no data");
  return price(data->as_object(), "ltp");
}

}  // namespace zerodte::adapters::angelone
