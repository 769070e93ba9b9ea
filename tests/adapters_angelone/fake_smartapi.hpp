#pragma once
// A loopback SmartAPI for tests: login with TOTP (checked against the secret at the test clock),
// generateTokens, placeOrder (counted; ordertag recorded), modifyOrder, cancelOrder,
// getOrderBook, getTradeBook, getPosition, getRMS and getLtpData, with the SmartAPI JSON shapes
// and error codes (AB1007, AB1050, AG8001, AG8002). The test edits the book and trades.
#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "zerodte/adapters/angelone/totp.hpp"
#include "zerodte/adapters/net/testing/fake_http_server.hpp"
#include "zerodte/core/clock.hpp"

namespace zerodte::testing {

namespace ao = zerodte::adapters::angelone;
namespace nt = zerodte::adapters::net::testing;
namespace bj = boost::json;

inline std::string b64url(std::string_view in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (unsigned char c : in) {
    buf = (buf << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(k[(buf >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(k[(buf << (6 - bits)) & 63]);
  return out;
}

// A JWT whose payload is {"exp":exp_s,"n":serial}.
inline std::string make_jwt(std::int64_t exp_s, int serial) {
  return b64url(R"({"alg":"HS512"})") + "." +
         b64url(fmt::format(R"({{"exp":{},"n":{}}})", exp_s, serial)) + ".c2ln";
}

struct FakeOrder {
  std::string orderid, ordertag, tradingsymbol, symboltoken, transactiontype, ordertype,
      variety = "NORMAL", status = "open", text, duration = "DAY";
  std::string price = "0";
  std::int64_t quantity = 0, filled = 0;
};
struct FakeTrade {
  std::string orderid, fillid, tradingsymbol, transactiontype, filltime;
  std::string price;
  std::int64_t size = 0;
};

class FakeSmartApi {
 public:
  static constexpr const char* kSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  static constexpr const char* kApiKey = "test-api-key-123";
  static constexpr const char* kPin = "4321";

  explicit FakeSmartApi(const core::Clock& clock)
      : clock_(clock), server_([this](const nt::FakeHttpRequest& r) { return handle(r); }) {}

  std::string url() const { return server_.url(""); }
  std::mutex mu;  // guards everything below
  std::vector<FakeOrder> book;
  std::vector<FakeTrade> trades;
  std::vector<std::pair<std::string, std::int64_t>> positions;  // symbol, netqty
  std::map<std::string, int> calls;                             // by endpoint
  std::vector<bj::object> placed;                               // placeOrder bodies
  std::string ltp = "100.00";
  std::int64_t jwt_lifetime_s = 8 * 3600;
  bool refresh_fails = false;
  bool drop_next_place = false;  // record the order, then drop the connection (lost answer)
  bool reject_place = false;     // placeOrder answers status false
  int serial = 0;
  std::string current_jwt;

  int count(const std::string& endpoint) {
    std::lock_guard l(mu);
    return calls[endpoint];
  }

 private:
  static nt::FakeHttpReply ok(bj::value data) {
    bj::object o{{"status", true}, {"message", "SUCCESS"}, {"errorcode", ""}, {"data", data}};
    return nt::FakeHttpReply{200, bj::serialize(o)};
  }
  static nt::FakeHttpReply err(const char* code, const char* msg, int http = 200) {
    bj::object o{{"status", false}, {"message", msg}, {"errorcode", code}, {"data", nullptr}};
    return nt::FakeHttpReply{http, bj::serialize(o)};
  }
  bj::object new_tokens() {
    current_jwt = make_jwt(clock_.now().ns / 1'000'000'000 + jwt_lifetime_s, ++serial);
    return bj::object{{"jwtToken", current_jwt},
                      {"refreshToken", fmt::format("refresh-{}", serial)},
                      {"feedToken", fmt::format("feed-{}", serial)}};
  }

  nt::FakeHttpReply handle(const nt::FakeHttpRequest& r) {
    std::lock_guard l(mu);
    const std::string path = r.path();
    const std::string name = path.substr(path.rfind('/') + 1);
    ++calls[name];
    if (r.header("X-PrivateKey") != kApiKey) return err("AG8004", "Invalid API Key", 403);
    bj::object body;
    if (!r.body.empty()) body = bj::parse(r.body).as_object();
    if (name == "loginByPassword") {
      const auto code = ao::totp(kSecret, clock_.now());
      if (bj::value_to<std::string>(body["password"]) != kPin) {
        return err("AB1007", "Invalid clientcode or password");
      }
      if (bj::value_to<std::string>(body["totp"]) != *code) return err("AB1050", "Invalid totp");
      return ok(new_tokens());
    }
    const std::string auth = r.header("Authorization");
    if (auth != "Bearer " + current_jwt) return err("AG8001", "Invalid Token", 403);
    if (name == "generateTokens") {
      if (refresh_fails) return err("AB8051", "Refresh Token Expired");
      return ok(new_tokens());
    }
    if (name == "placeOrder") {
      if (reject_place) return err("AB4008", "Order rejected by RMS: insufficient margin");
      placed.push_back(body);
      FakeOrder o;
      o.orderid = fmt::format("2411250000{:05}", placed.size());
      o.ordertag = bj::value_to<std::string>(body["ordertag"]);
      o.tradingsymbol = bj::value_to<std::string>(body["tradingsymbol"]);
      o.symboltoken = bj::value_to<std::string>(body["symboltoken"]);
      o.transactiontype = bj::value_to<std::string>(body["transactiontype"]);
      o.ordertype = bj::value_to<std::string>(body["ordertype"]);
      o.variety = bj::value_to<std::string>(body["variety"]);
      o.duration = bj::value_to<std::string>(body["duration"]);
      o.price = bj::value_to<std::string>(body["price"]);
      o.quantity = std::stoll(bj::value_to<std::string>(body["quantity"]));
      book.push_back(o);
      if (drop_next_place) {
        drop_next_place = false;
        nt::FakeHttpReply d;
        d.drop = true;
        return d;
      }
      return ok(bj::object{{"script", o.tradingsymbol},
                           {"orderid", o.orderid},
                           {"uniqueorderid", "u-" + o.orderid}});
    }
    if (name == "modifyOrder" || name == "cancelOrder") {
      const std::string id = bj::value_to<std::string>(body["orderid"]);
      for (auto& o : book) {
        if (o.orderid != id) continue;
        if (o.status != "open") return err("AB4011", "Order already completed or cancelled");
        if (name == "cancelOrder") {
          o.status = "cancelled";
        } else {
          o.price = bj::value_to<std::string>(body["price"]);
          o.quantity = std::stoll(bj::value_to<std::string>(body["quantity"]));
        }
        return ok(bj::object{{"orderid", id}});
      }
      return err("AB4012", "Order not found");
    }
    if (name == "getOrderBook") {
      bj::array rows;
      for (const auto& o : book) {
        rows.push_back(bj::object{
            {"orderid", o.orderid},
            {"ordertag", o.ordertag},
            {"tradingsymbol", o.tradingsymbol},
            {"symboltoken", o.symboltoken},
            {"exchange", "NFO"},
            {"transactiontype", o.transactiontype},
            {"ordertype", o.ordertype},
            {"producttype", "CARRYFORWARD"},
            {"duration", o.duration},
            {"variety", o.variety},
            {"price", o.price},
            {"triggerprice", "0"},
            {"averageprice", o.filled > 0 ? o.price : "0"},
            {"quantity", std::to_string(o.quantity)},
            {"filledshares", std::to_string(o.filled)},
            {"unfilledshares", std::to_string(o.status == "open" ? o.quantity - o.filled : 0)},
            {"status", o.status},
            {"orderstatus", o.status},
            {"text", o.text},
            {"updatetime", "25-Nov-2026 10:00:00"}});
      }
      return ok(rows.empty() ? bj::value(nullptr) : bj::value(rows));
    }
    if (name == "getTradeBook") {
      bj::array rows;
      for (const auto& t : trades) {
        rows.push_back(bj::object{{"orderid", t.orderid},
                                  {"fillid", t.fillid},
                                  {"tradingsymbol", t.tradingsymbol},
                                  {"exchange", "NFO"},
                                  {"transactiontype", t.transactiontype},
                                  {"fillprice", t.price},
                                  {"fillsize", std::to_string(t.size)},
                                  {"filltime", t.filltime}});
      }
      return ok(rows.empty() ? bj::value(nullptr) : bj::value(rows));
    }
    if (name == "getPosition") {
      bj::array rows;
      for (const auto& [sym, q] : positions) {
        rows.push_back(bj::object{{"tradingsymbol", sym},
                                  {"exchange", "NFO"},
                                  {"netqty", std::to_string(q)},
                                  {"avgnetprice", "100.00"},
                                  {"producttype", "CARRYFORWARD"}});
      }
      return ok(rows.empty() ? bj::value(nullptr) : bj::value(rows));
    }
    if (name == "getRMS") {
      return ok(bj::object{
          {"net", "250000.50"}, {"availablecash", "200000.00"}, {"utiliseddebits", "50000.50"}});
    }
    if (name == "getLtpData") return ok(bj::object{{"ltp", ltp}});
    return err("AB2000", "unknown endpoint", 404);
  }

  const core::Clock& clock_;
  nt::FakeHttpServer server_;
};

}  // namespace zerodte::testing
