#include "zerodte/adapters/alpaca/data/alpaca_codec.hpp"
#include "zerodte/adapters/net/event_dedupe.hpp"

#include <gtest/gtest.h>
#include <msgpack.hpp>

#include <fstream>
#include <sstream>

namespace alpaca = zerodte::adapters::alpaca;
namespace core = zerodte::core;
namespace model = zerodte::model;
namespace engine = zerodte::engine;

namespace {
core::Timestamp ts(const char* iso) {
  return core::parse_iso8601(iso).value();
}
std::string slurp(const std::string& rel) {
  std::ifstream in(std::string(ZERODTE_SHARED_DATA) + "/options/vendor-payloads/alpaca/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

// Message examples from Alpaca's "Real-time Stock Data" documentation.
TEST(AlpacaJson, StockStreamMessages) {
  model::InstrumentRegistry reg;
  alpaca::AlpacaJsonDecoder dec(reg, "alpaca.stocks");
  const auto recv = ts("2021-02-22T15:51:45Z");
  std::vector<engine::Event> out;
  ASSERT_TRUE(dec.decode(
      R"([{"T":"t","S":"AAPL","i":96921,"x":"D","p":126.55,"s":1,"t":"2021-02-22T15:51:44.208Z","c":["@","I"],"z":"C"},)"
      R"({"T":"q","S":"AMD","bx":"U","bp":87.66,"bs":1,"ax":"Q","ap":87.68,"as":4,"t":"2021-02-22T15:51:45.335689322Z","c":["R"],"z":"C"},)"
      R"({"T":"b","S":"SPY","o":388.985,"h":389.13,"l":388.975,"c":389.12,"v":49378,"t":"2021-02-22T19:15:00Z","n":461,"vw":389.062639},)"
      R"({"T":"d","S":"SPY","o":388.985,"h":389.13,"l":388.975,"c":389.12,"v":49378,"t":"2021-02-22T05:00:00Z","n":461},)"
      R"({"T":"s","S":"AAPL","sc":"H","sm":"Trading Halt","rc":"T12","rm":"Trading Halted; For information requested by NASDAQ","t":"2021-02-22T19:15:00Z","z":"C"},)"
      R"({"T":"subscription","trades":["AAPL"]}])",
      recv, out));
  ASSERT_EQ(out.size(), 5u);
  const auto& t = std::get<model::Trade>(out[0]);
  EXPECT_EQ(reg.get(t.hdr.instrument).symbol.view(), "AAPL");
  EXPECT_EQ(t.price, core::Price::parse("126.55").value());
  EXPECT_EQ(t.size, 1);
  EXPECT_EQ(t.sequence, 96921u);
  EXPECT_EQ(t.hdr.ts_event, ts("2021-02-22T15:51:44.208Z"));
  EXPECT_EQ(t.hdr.ts_recv, recv);
  const auto& q = std::get<model::Quote>(out[1]);
  EXPECT_EQ(q.bid, core::Price::parse("87.66").value());
  EXPECT_EQ(q.ask, core::Price::parse("87.68").value());
  EXPECT_EQ(q.bid_size, 1);
  EXPECT_EQ(q.ask_size, 4);
  EXPECT_EQ(q.hdr.ts_event.ns % 1'000'000'000, 335689322);
  const auto& b = std::get<model::Bar>(out[2]);
  EXPECT_EQ(b.open, core::Price::parse("388.985").value());
  EXPECT_EQ(b.low, core::Price::parse("388.975").value());
  EXPECT_EQ(b.volume, 49378);
  EXPECT_EQ(b.trade_count, 461);
  EXPECT_EQ(b.interval_s, 60);
  EXPECT_EQ(std::get<model::Bar>(out[3]).interval_s, 86400);
  const auto& s = std::get<model::InstrumentStatus>(out[4]);
  EXPECT_EQ(s.status, model::TradingStatus::kHalted);
  EXPECT_EQ(s.reason.view(), "Trading Halt");
}

TEST(AlpacaJson, MalformedFramesAreErrorsNamingTheElement) {
  model::InstrumentRegistry reg;
  alpaca::AlpacaJsonDecoder dec(reg, "alpaca.stocks");
  std::vector<engine::Event> out;
  auto e = dec.decode(R"([{"T":"t","S":"AAPL","p":"x","s":1,"t":"2021-02-22T15:51:44Z"}])",
                      core::Timestamp{}, out);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, core::ErrorCode::kParse);
  EXPECT_NE(e.error().message.find("[0].p"), std::string::npos) << e.error().message;
  e = dec.decode(R"([{"T":"q","S":"AAPL","bp":1,"ap":2,"bs":1,"as":1,"t":"yesterday"}])",
                 core::Timestamp{}, out);
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("[0].t"), std::string::npos) << e.error().message;
  EXPECT_FALSE(dec.decode("[{\"T\":", core::Timestamp{}, out));
  EXPECT_FALSE(dec.decode(R"({"T":"t"})", core::Timestamp{}, out));
  // A frame with one bad element is skipped whole (no partial frames).
  EXPECT_FALSE(dec.decode(
      R"([{"T":"b","S":"SPY","o":1,"h":2,"l":0.5,"c":1.5,"v":10,"t":"2021-02-22T19:15:00Z"},{"T":"b","S":"SPY"}])",
      core::Timestamp{}, out));
  EXPECT_TRUE(out.empty());
}

TEST(AlpacaJson, ControlMessages) {
  model::InstrumentRegistry reg;
  alpaca::AlpacaJsonDecoder dec(reg, "alpaca.stocks");
  auto c = dec.controls(R"([{"T":"error","code":402,"msg":"auth failed"}])");
  ASSERT_TRUE(c);
  ASSERT_EQ(c->size(), 1u);
  EXPECT_EQ((*c)[0].type, "error");
  EXPECT_EQ((*c)[0].code, 402);
  EXPECT_EQ((*c)[0].msg, "auth failed");
}

TEST(AlpacaJson, RestFixturesFromTheSdk) {
  model::InstrumentRegistry reg;
  alpaca::AlpacaJsonDecoder dec(reg, "alpaca.rest");
  std::vector<engine::Event> out;
  auto next =
      dec.decode_bars_page(slurp("test_historical_stock_data__test_multisymbol_get_bars.json"),
                           core::Timestamp{}, 86400, out);
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_EQ(*next, "");
  ASSERT_EQ(out.size(), 2u);
  const auto& tsla = std::get<model::Bar>(out[1]);
  EXPECT_EQ(reg.get(tsla.hdr.instrument).symbol.view(), "TSLA");
  EXPECT_EQ(tsla.open, core::Price::from_units(839));
  EXPECT_EQ(tsla.close, core::Price::parse("858.97").value());
  EXPECT_EQ(tsla.volume, 19227323);
  EXPECT_EQ(tsla.hdr.ts_event, ts("2022-03-09T05:00:00Z"));
  out.clear();
  ASSERT_TRUE(dec.decode_latest_quotes(
      slurp("test_historical_stock_data__test_get_latest_quote.json"), core::Timestamp{}, out));
  ASSERT_EQ(out.size(), 1u);
  const auto& q = std::get<model::Quote>(out[0]);
  EXPECT_EQ(q.bid, core::Price::parse("161.1").value());
  EXPECT_EQ(q.ask, core::Price::parse("161.11").value());
  EXPECT_EQ(q.ask_size, 13);
  out.clear();
  auto tok = dec.decode_news_page(slurp("test_historical_news_data__test_get_news.json"),
                                  core::Timestamp{}, out);
  ASSERT_TRUE(tok) << tok.error().message;
  EXPECT_EQ(*tok, "MTczMDk3MTEwMTAwMDAwMDAwMHw0MTc5OTExNQ==");
  ASSERT_EQ(out.size(), 1u);
  const auto& n = *std::get<std::shared_ptr<const model::NewsItem>>(out[0]);
  EXPECT_EQ(n.id, "40432158");
  EXPECT_EQ(n.symbols, (std::vector<std::string>{"AAPL", "QCOM"}));
  EXPECT_EQ(n.ts_event, ts("2024-08-18T20:15:44Z"));
}

namespace {
// One option quote as Alpaca's options stream sends it (timestamp as a 96-bit msgpack ext).
std::string option_quote_frame(bool ext_time) {
  msgpack::sbuffer buf;
  msgpack::packer<msgpack::sbuffer> pk(buf);
  pk.pack_array(1);
  pk.pack_map(10);
  pk.pack(std::string("T"));
  pk.pack(std::string("q"));
  pk.pack(std::string("S"));
  pk.pack(std::string("SPY240315C00500000"));
  pk.pack(std::string("t"));
  if (ext_time) {
    // 2024-03-15T14:30:00.123456789Z = 1710513000 s + 123456789 ns.
    char d[12];
    const std::uint32_t ns = 123456789;
    const std::uint64_t s = 1710513000;
    for (int i = 0; i < 4; ++i)
      d[i] = static_cast<char>((ns >> (24 - 8 * i)) & 0xff);
    for (int i = 0; i < 8; ++i)
      d[4 + i] = static_cast<char>((s >> (56 - 8 * i)) & 0xff);
    pk.pack_ext(12, -1);
    pk.pack_ext_body(d, 12);
  } else {
    pk.pack(std::string("2024-03-15T14:30:00.123456789Z"));
  }
  pk.pack(std::string("bx"));
  pk.pack(std::string("C"));
  pk.pack(std::string("bp"));
  pk.pack(1.25);
  pk.pack(std::string("bs"));
  pk.pack(10);
  pk.pack(std::string("ax"));
  pk.pack(std::string("X"));
  pk.pack(std::string("ap"));
  pk.pack(1.3f);
  pk.pack(std::string("as"));
  pk.pack(7);
  pk.pack(std::string("c"));
  pk.pack(std::string("A"));
  return std::string(buf.data(), buf.size());
}
}  // namespace

TEST(AlpacaMsgpack, OptionQuoteWithBothTimestampForms) {
  model::InstrumentRegistry reg;
  alpaca::AlpacaMsgpackDecoder dec(reg, "alpaca.options");
  for (bool ext : {true, false}) {
    std::vector<engine::Event> out;
    auto st = dec.decode(option_quote_frame(ext), core::Timestamp{}, out);
    ASSERT_TRUE(st) << st.error().message;
    ASSERT_EQ(out.size(), 1u);
    const auto& q = std::get<model::OptionQuote>(out[0]);
    const auto& inst = reg.get(q.hdr.instrument);
    EXPECT_EQ(inst.symbol.view(), "SPY   240315C00500000");
    EXPECT_EQ(q.hdr.ts_event, ts("2024-03-15T14:30:00.123456789Z"));
    EXPECT_EQ(q.bid, core::Price::parse("1.25").value());
    EXPECT_EQ(q.ask, core::Price::parse("1.3").value());  // float32 1.3 rounds to the nano
    EXPECT_EQ(q.bid_size, 10);
    EXPECT_EQ(q.ask_size, 7);
  }
  std::vector<engine::Event> out;
  EXPECT_FALSE(dec.decode("\xc1garbage", core::Timestamp{}, out));
  auto bad = option_quote_frame(false);
  bad.resize(bad.size() - 5);  // truncated
  EXPECT_FALSE(dec.decode(bad, core::Timestamp{}, out));
  EXPECT_TRUE(out.empty());
}

TEST(AlpacaMsgpack, ClientMessagesRoundTrip) {
  const auto auth = alpaca::msgpack_auth("id", "sec");
  auto oh = msgpack::unpack(auth.data(), auth.size());
  std::map<std::string, std::string> m;
  oh.get().convert(m);
  EXPECT_EQ(m["action"], "auth");
  EXPECT_EQ(m["key"], "id");
  EXPECT_EQ(m["secret"], "sec");
  EXPECT_EQ(alpaca::json_subscribe("subscribe", {{"trades", {"AAPL", "SPY"}}, {"quotes", {}}}),
            R"({"action":"subscribe","trades":["AAPL","SPY"]})");
  EXPECT_EQ(alpaca::json_auth("k\"", "s"), R"({"action":"auth","key":"k\"","secret":"s"})");
}

// Frames of only trades/quotes/bars take the On-Demand fast path; any other message sends the
// frame through the DOM path. Both must give the same events.
TEST(AlpacaJson, FastAndDomPathsAgree) {
  const std::string msgs =
      R"({"T":"t","S":"AAPL","i":96921,"x":"D","p":126.55,"s":1,"t":"2021-02-22T15:51:44.208Z","c":["@","I"],"z":"C"},)"
      R"({"T":"q","S":"AMD","bx":"U","bp":87.66,"bs":1,"ax":"Q","ap":87.68,"as":4,"t":"2021-02-22T15:51:45.335689322Z","c":["R"],"z":"C"},)"
      R"({"T":"u","S":"SPY","o":388.985,"h":389.13,"l":388.975,"c":389.12,"v":49378,"t":"2021-02-22T19:15:00Z","n":461,"vw":389.062639})";
  model::InstrumentRegistry reg;
  alpaca::AlpacaJsonDecoder dec(reg, "alpaca.stocks");
  std::vector<engine::Event> fast, dom;
  ASSERT_TRUE(dec.decode("[" + msgs + "]", core::Timestamp{5}, fast));
  ASSERT_TRUE(dec.decode("[" + msgs + R"(,{"T":"subscription","trades":["AAPL"]}])",
                         core::Timestamp{5}, dom));
  ASSERT_EQ(fast.size(), 3u);
  ASSERT_EQ(dom.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(fast[i].index(), dom[i].index());
    EXPECT_EQ(zerodte::adapters::net::EventDedupe::key(fast[i]),
              zerodte::adapters::net::EventDedupe::key(dom[i]));
    EXPECT_EQ(engine::visible_time(fast[i]), engine::visible_time(dom[i]));
  }
  // A malformed value in an otherwise fast frame still gets the DOM path's named error.
  std::vector<engine::Event> out;
  auto e = dec.decode(
      R"([{"T":"q","S":"AMD","bp":"x","bs":1,"ap":1,"as":1,"t":"2021-02-22T15:51:45Z"}])",
      core::Timestamp{}, out);
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("[0].bp"), std::string::npos) << e.error().message;
}

// News stream message (Alpaca "Real-time News" docs shape).
TEST(AlpacaJson, NewsStreamMessage) {
  model::InstrumentRegistry reg;
  alpaca::AlpacaJsonDecoder dec(reg, "alpaca.news");
  std::vector<engine::Event> out;
  ASSERT_TRUE(dec.decode(
      R"([{"T":"n","id":24918784,"headline":"Corsair Reports Purchase Of Majority Ownership","summary":"Corsair Gaming...","author":"Benzinga Newsdesk","created_at":"2022-01-05T22:00:37Z","updated_at":"2022-01-05T22:00:38Z","url":"https://news.example.com/24918784","content":"<p>...</p>","symbols":["CRSR"],"source":"benzinga"}])",
      core::Timestamp{9}, out));
  ASSERT_EQ(out.size(), 1u);
  const auto& n = *std::get<std::shared_ptr<const model::NewsItem>>(out[0]);
  EXPECT_EQ(n.id, "24918784");
  EXPECT_EQ(n.source, "alpaca.news");
  EXPECT_EQ(n.author, "Benzinga Newsdesk");
  EXPECT_EQ(n.symbols, std::vector<std::string>{"CRSR"});
  EXPECT_EQ(n.ts_event, ts("2022-01-05T22:00:37Z"));
  EXPECT_EQ(n.ts_recv, core::Timestamp{9});
}
