#include "zerodte/adapters/alphavantage/av_client.hpp"

#include <gtest/gtest.h>

#include "zerodte/adapters/net/testing/fake_http_server.hpp"
#include "zerodte/core/time_zone.hpp"

namespace av = zerodte::adapters::alphavantage;
namespace net = zerodte::adapters::net;
namespace fake = zerodte::adapters::net::testing;
namespace core = zerodte::core;
namespace model = zerodte::model;
using namespace std::chrono_literals;

namespace {
// Shapes from AlphaVantage's documentation (values as strings).
const char* kIntraday = R"J({
 "Meta Data": {"1. Information": "Intraday (1min) open, high, low, close prices and volume",
   "2. Symbol": "SPY", "3. Last Refreshed": "2024-01-02 16:00:00", "4. Interval": "1min",
   "5. Output Size": "Compact", "6. Time Zone": "US/Eastern"},
 "Time Series (1min)": {
   "2024-01-02 16:00:00": {"1. open": "472.6500", "2. high": "472.7000", "3. low": "472.5000",
                           "4. close": "472.6500", "5. volume": "1523456"},
   "2024-01-02 15:59:00": {"1. open": "472.4000", "2. high": "472.7000", "3. low": "472.3500",
                           "4. close": "472.6400", "5. volume": "812345"}}})J";
const char* kRsi =
    R"J({"Meta Data": {"1: Symbol": "SPY", "2: Indicator": "Relative Strength Index (RSI)",
  "3: Last Refreshed": "2024-01-02 16:00", "4: Interval": "1min", "5: Time Period": 14,
  "6: Series Type": "close", "7: Time Zone": "US/Eastern Time"},
  "Technical Analysis: RSI": {"2024-01-02 16:00": {"RSI": "61.2345"},
                              "2024-01-02 15:59": {"RSI": "58.0100"}}})J";
const char* kCpi =
    R"J({"name": "Consumer Price Index for all Urban Consumers", "interval": "monthly",
  "unit": "index 1982-1984=100", "data": [{"date": "2023-12-01", "value": "306.746"},
  {"date": "2023-11-01", "value": "307.051"}]})J";
const char* kOptions = R"J({"endpoint":"Realtime Options","message":"success","data":[
    {"contractID":"SPY240102C00472000","symbol":"SPY","expiration":"2024-01-02","strike":"472.00",
     "type":"call","last":"0.60","mark":"0.61","bid":"0.60","bid_size":"120","ask":"0.62",
     "ask_size":"80","volume":"50231","open_interest":"10234","date":"2024-01-02",
     "implied_volatility":"0.1023","delta":"0.5123","gamma":"0.2511","theta":"-0.9012",
     "vega":"0.0212","rho":"0.0011"}]})J";
}  // namespace

TEST(AvParsers, IntradayBarsInEasternTime) {
  model::InstrumentRegistry reg;
  auto bars = av::parse_intraday(kIntraday, reg, core::Timestamp{}, "av intraday");
  ASSERT_TRUE(bars) << bars.error().message;
  ASSERT_EQ(bars->size(), 2u);
  // 15:59 EST = 20:59 UTC = 1704229140.
  EXPECT_EQ((*bars)[0].hdr.ts_event, core::Timestamp::from_seconds(1704229140));
  EXPECT_EQ((*bars)[1].close, core::Price::parse("472.65").value());
  EXPECT_EQ((*bars)[0].volume, 812345);
  EXPECT_EQ(reg.get((*bars)[0].hdr.instrument).symbol.view(), "SPY");
  std::string bad = kIntraday;
  bad.replace(bad.find("472.3500"), 8, "47x.3500");
  auto e = av::parse_intraday(bad, reg, core::Timestamp{}, "av intraday");
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("3. low"), std::string::npos) << e.error().message;
}

TEST(AvParsers, IndicatorAndMacroSeries) {
  auto rsi = av::parse_indicator(kRsi, "av rsi");
  ASSERT_TRUE(rsi) << rsi.error().message;
  EXPECT_EQ(rsi->symbol, "SPY");
  ASSERT_EQ(rsi->points.size(), 2u);
  EXPECT_DOUBLE_EQ(rsi->points[1].values.at("RSI"), 61.2345);
  EXPECT_EQ(rsi->points[1].ts, core::Timestamp::from_seconds(1704229200));
  auto cpi = av::parse_macro(kCpi, "av cpi");
  ASSERT_TRUE(cpi) << cpi.error().message;
  ASSERT_EQ(cpi->points.size(), 2u);
  EXPECT_EQ(cpi->points[0].date, (core::Date{2023, 11, 1}));
  EXPECT_DOUBLE_EQ(cpi->points[1].value, 306.746);
}

TEST(AvParsers, ThrottleAndErrorAnswersInsideA200) {
  auto r = av::check_av_payload(
      R"({"Information": "Thank you for using Alpha Vantage! Please contact premium@alphavantage.co if you are targeting a higher API call volume."})",
      "av");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kRateLimited);
  r = av::check_av_payload(R"({"Error Message": "Invalid API call."})", "av");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kRejected);
}

TEST(AvClient, FetchesThroughTheSchedulerAndHandlesFaults) {
  std::atomic<int> n{0};
  fake::FakeHttpServer http([&n](const fake::FakeHttpRequest& r) {
    EXPECT_EQ(r.path(), "/query");
    EXPECT_EQ(r.query("apikey"), "av-secret");
    const auto f = r.query("function");
    const int k = n++;
    if (f == "REALTIME_OPTIONS") {
      if (k == 0) return fake::FakeHttpReply{429, "{}", {{"Retry-After", "1"}}};
      fake::FakeHttpReply rep{200, kOptions};
      if (k == 1) rep.delay = 300ms;  // slow: times out once, then retried
      return rep;
    }
    if (f == "TIME_SERIES_INTRADAY")
      return fake::FakeHttpReply{200, R"({"Note": "rate limit reached"})"};
    return fake::FakeHttpReply{200, kRsi};
  });
  model::InstrumentRegistry reg;
  core::SimClock clock(
      core::local_to_utc("America/New_York", core::Date{2024, 1, 2}, core::TimeOfDay{10, 0, 0})
          .value());
  av::AvConfig cfg;
  cfg.base_url = http.url("");
  std::vector<core::Duration> waits;
  net::RestOptions ro;
  ro.timeout = 150ms;
  ro.sleep = [&](core::Duration d) { waits.push_back(d); };
  av::AvClient client(cfg, "av-secret", reg, clock, ro);
  std::vector<av::AvStream> streams(2);
  streams[0] = {"chains",
                0,
                5s,
                1s,
                false,
                true,
                {{"chains", "REALTIME_OPTIONS", "SPY", {{"require_greeks", "true"}}, {}}}};
  streams[1] = {
      "intraday", 1, 15s, 1s, false, true, {{"intraday", "TIME_SERIES_INTRADAY", "SPY", {}, {}}}};
  av::AvScheduler sched(av::AvBudget{}, streams);
  auto results = client.poll(sched);
  ASSERT_EQ(results.size(), 1u);  // the chain; intraday waits for the next 100 ms pacing slot
  ASSERT_EQ(results[0].events.size(), 1u);
  const auto& q = std::get<model::OptionQuote>(results[0].events[0]);
  EXPECT_EQ(q.bid, core::Price::parse("0.6").value());
  EXPECT_TRUE(q.has_greeks);
  EXPECT_DOUBLE_EQ(q.greeks.delta, 0.5123);
  EXPECT_EQ(client.rate_limited(), 0u);
  clock.set(clock.now() + 100ms);
  EXPECT_TRUE(client.poll(sched).empty());  // intraday answered {"Note": "rate limit ..."}
  EXPECT_EQ(client.rate_limited(), 1u);
  EXPECT_EQ(client.rest_stats().rate_limited, 1u);
  EXPECT_EQ(client.rest_stats().timeouts, 1u);
  ASSERT_FALSE(waits.empty());
  EXPECT_EQ(waits[0], 1s);
  // The scheduler is paused for a minute after the vendor's rate-limit answer.
  clock.set(clock.now() + 5s);
  EXPECT_TRUE(client.poll(sched).empty());
  clock.set(clock.now() + 60s);
  EXPECT_FALSE(client.poll(sched).empty());
}
