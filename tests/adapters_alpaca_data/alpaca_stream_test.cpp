// Fault-injection tests of the Alpaca streams against a loopback fake of Alpaca's protocol.
#include <gtest/gtest.h>

#include <condition_variable>
#include <msgpack.hpp>
#include <mutex>
#include <thread>

#include "zerodte/adapters/alpaca/data/alpaca_data.hpp"
#include "zerodte/adapters/net/testing/fake_http_server.hpp"
#include "zerodte/adapters/net/testing/fake_ws_server.hpp"
#include "zerodte/data/byte_stream.hpp"
#include "zerodte/data/recorder.hpp"

namespace alpaca = zerodte::adapters::alpaca;
namespace net = zerodte::adapters::net;
namespace fake = zerodte::adapters::net::testing;
namespace core = zerodte::core;
namespace model = zerodte::model;
namespace engine = zerodte::engine;
using namespace std::chrono_literals;

namespace {

std::string bar_json(int minute, double close) {
  return fmt::format(
      R"({{"T":"b","S":"SPY","o":{0},"h":{1},"l":{2},"c":{0},"v":{3},"t":"2024-01-02T14:{4:02}:00Z","n":12}})",
      close, close + 0.5, close - 0.5, 1000 + minute, minute);
}
std::string frame(std::initializer_list<std::string> msgs) {
  std::string s = "[";
  for (const auto& m : msgs) {
    if (s.size() > 1) s += ',';
    s += m;
  }
  return s + "]";
}

// The server side of Alpaca's login. False when the login was refused (or the client left).
bool login(fake::FakeWsSession& s, bool accept = true) {
  s.send_text(R"([{"T":"success","msg":"connected"}])");
  auto auth = s.read(2s);
  if (!auth) return false;
  EXPECT_NE(auth->data.find(R"("action":"auth")"), std::string::npos);
  EXPECT_NE(auth->data.find("test-key"), std::string::npos);
  if (!accept) {
    s.send_text(R"([{"T":"error","code":402,"msg":"auth failed"}])");
    s.close(1008, "auth failed");
    return false;
  }
  s.send_text(R"([{"T":"success","msg":"authenticated"}])");
  auto sub = s.read(2s);
  if (!sub) return false;
  s.send_text(R"([{"T":"subscription","trades":[],"quotes":[],"bars":["SPY"]}])");
  return true;
}

// Collects the sink's events; waits for a condition with a deadline.
struct Collector {
  std::mutex m;
  std::condition_variable cv;
  std::vector<engine::Event> events;
  net::EventSink sink() {
    return [this](engine::Event e) {
      std::lock_guard lock(m);
      events.push_back(std::move(e));
      cv.notify_all();
    };
  }
  template <class P>
  bool wait(P pred, std::chrono::milliseconds d = 3000ms) {
    std::unique_lock lock(m);
    return cv.wait_for(lock, d, [&] { return pred(events); });
  }
  std::vector<model::Bar> bars() {
    std::lock_guard lock(m);
    std::vector<model::Bar> out;
    for (const auto& e : events)
      if (const auto* b = std::get_if<model::Bar>(&e)) out.push_back(*b);
    return out;
  }
  std::vector<std::string> statuses() {
    std::lock_guard lock(m);
    std::vector<std::string> out;
    for (const auto& e : events)
      if (const auto* s = std::get_if<model::FeedStatus>(&e))
        out.push_back(fmt::format("{}:{}", static_cast<int>(s->state), s->detail.view()));
    return out;
  }
};
std::size_t count_bars(const std::vector<engine::Event>& ev) {
  return static_cast<std::size_t>(std::count_if(
      ev.begin(), ev.end(), [](const auto& e) { return std::holds_alternative<model::Bar>(e); }));
}

struct Harness {
  model::InstrumentRegistry reg;
  core::LiveClock clock;
  alpaca::AlpacaDataConfig cfg;
  alpaca::AlpacaCredentials creds{"test-key", "test-secret"};
  std::vector<core::Duration> rest_waits;
  std::unique_ptr<alpaca::AlpacaRestClient> rest;
  std::unique_ptr<alpaca::AlpacaStreamProtocol> proto;
  Collector col;
  std::unique_ptr<net::StreamFeed> feed;
  std::atomic<bool> stop{false};
  std::thread th;
  core::Status result = core::ok();

  Harness(const fake::FakeWsServer& ws, const fake::FakeHttpServer* http,
          alpaca::AlpacaStream kind = alpaca::AlpacaStream::kStocks,
          std::chrono::milliseconds rest_timeout = 1000ms) {
    cfg.stream_base = ws.url("");
    cfg.rest_base = http ? http->url("") : "http://127.0.0.1:1";
    cfg.bars = {"SPY"};
    cfg.option_quotes = {"SPY240315C00500000"};
    net::RestOptions ro;
    ro.timeout = rest_timeout;
    ro.sleep = [this](core::Duration d) { rest_waits.push_back(d); };
    rest = std::make_unique<alpaca::AlpacaRestClient>(cfg, creds, reg, clock, ro);
    proto = std::make_unique<alpaca::AlpacaStreamProtocol>(kind, cfg, creds, reg, rest.get());
    net::StreamFeedConfig fc;
    fc.connect_timeout = 1s;
    fc.handshake_timeout = 1s;
    fc.silent_after = 200ms;
    fc.read_slice = 20ms;
    fc.backoff = {.base = 5ms, .cap = 20ms, .seed = 9};
    fc.max_auth_failures = 2;
    feed = std::make_unique<net::StreamFeed>(*proto, fc, clock, col.sink());
  }
  void start() {
    th = std::thread([this] { result = feed->run(stop); });
  }
  ~Harness() { finish(); }
  void finish() {
    stop = true;
    if (th.joinable()) th.join();
  }
};

}  // namespace

TEST(AlpacaStream, DisconnectMidStreamIsBackfilledOverRestWithoutDuplicates) {
  fake::FakeWsServer ws([](fake::FakeWsSession& s) {
    if (!login(s)) return;
    if (s.index() == 0) {
      s.send_text(frame({bar_json(30, 470.0), bar_json(31, 470.5)}));
      s.drop();  // mid-stream: 14:32 and 14:33 are missed
      return;
    }
    // After the reconnect the stream resends 14:31 (a duplicate) and goes on with 14:34.
    s.send_text(frame({bar_json(31, 470.5), bar_json(34, 472.0)}));
    s.silent(3s);
  });
  fake::FakeHttpServer http([](const fake::FakeHttpRequest& r) {
    EXPECT_EQ(r.path(), "/v2/stocks/bars");
    EXPECT_EQ(r.query("symbols"), "SPY");
    EXPECT_EQ(r.query("timeframe"), "1Min");
    EXPECT_EQ(r.header("APCA-API-KEY-ID"), "test-key");
    // Alpaca's start is inclusive: 14:31 comes back too and must not be delivered twice.
    std::string bars = "[";
    for (int m : {31, 32, 33}) {
      if (bars.size() > 1) bars += ',';
      auto b = bar_json(m, 470.5 + (m - 31) * 0.5);
      b.replace(b.find(R"("T":"b","S":"SPY",)"), 18, "");
      bars += b;
    }
    return fake::FakeHttpReply{200, R"({"bars":{"SPY":)" + bars + R"(]},"next_page_token":null})"};
  });
  Harness h(ws, &http);
  h.start();
  ASSERT_TRUE(h.col.wait([](const auto& ev) { return count_bars(ev) >= 5; }));
  h.finish();
  std::vector<int> minutes;
  for (const auto& b : h.col.bars())
    minutes.push_back(static_cast<int>((b.hdr.ts_event.ns / core::kNanosPerMinute) % 60));
  EXPECT_EQ(minutes, (std::vector<int>{30, 31, 32, 33, 34}));
  // REST's copy of 14:31 is outside (gap start, now] and dropped by the client; the stream's
  // second copy is caught by the dedupe.
  EXPECT_EQ(h.feed->stats().duplicates.load(), 1u);
  EXPECT_EQ(h.feed->stats().backfilled_events.load(), 2u);
  EXPECT_EQ(h.feed->stats().unfilled_gaps.load(), 0u);
  EXPECT_EQ(http.requests(), 1);
  const auto st = h.col.statuses();
  EXPECT_TRUE(std::any_of(st.begin(), st.end(), [](const auto& s) {
    return s.find("gap backfilled: 2 events") != std::string::npos;
  }));
}

TEST(AlpacaStream, AuthFailureGivesUpWithKAuthAndNoSecretInErrors) {
  fake::FakeWsServer ws([](fake::FakeWsSession& s) { login(s, false); });
  Harness h(ws, nullptr);
  h.start();
  h.th.join();
  ASSERT_FALSE(h.result);
  EXPECT_EQ(h.result.error().code, core::ErrorCode::kAuth);
  EXPECT_NE(h.result.error().message.find("402"), std::string::npos) << h.result.error().message;
  EXPECT_EQ(h.result.error().message.find("test-secret"), std::string::npos);
  EXPECT_EQ(ws.connections(), 2);  // max_auth_failures
  EXPECT_EQ(h.feed->stats().auth_failures.load(), 2u);
}

TEST(AlpacaStream, SilentSocketTripsTheWatchdogAndReconnects) {
  fake::FakeWsServer ws([](fake::FakeWsSession& s) {
    if (!login(s)) return;
    if (s.index() == 0) {
      s.send_text(frame({bar_json(30, 470.0)}));
      s.silent(5s);  // open but silent: only the watchdog notices
      return;
    }
    s.send_text(frame({bar_json(31, 470.5)}));
    s.silent(3s);
  });
  fake::FakeHttpServer http([](const fake::FakeHttpRequest&) {
    return fake::FakeHttpReply{200, R"({"bars":{},"next_page_token":null})"};
  });
  Harness h(ws, &http);
  net::StalenessClock board(h.clock);
  h.feed->set_staleness(&board);
  h.start();
  ASSERT_TRUE(h.col.wait([](const auto& ev) { return count_bars(ev) >= 2; }));
  EXPECT_TRUE(board.find("alpaca.stocks")->connected());
  EXPECT_TRUE(board.find("alpaca.stocks")->last().is_set());
  h.finish();
  EXPECT_FALSE(board.find("alpaca.stocks")->connected());
  EXPECT_EQ(h.feed->stats().silent_reconnects.load(), 1u);
  EXPECT_EQ(ws.connections(), 2);
  const auto st = h.col.statuses();
  EXPECT_TRUE(std::any_of(st.begin(), st.end(), [](const auto& s) {
    return s.rfind(std::to_string(static_cast<int>(model::FeedState::kStale)) + ":silent for", 0) ==
           0;
  }));
}

TEST(AlpacaStream, MalformedMessageIsCountedAndTheStreamContinues) {
  fake::FakeWsServer ws([](fake::FakeWsSession& s) {
    if (!login(s)) return;
    s.send_text(frame({bar_json(30, 470.0)}));
    s.send_text(R"([{"T":"b","S":"SPY","o":"oops"}])");
    s.send_text("not json at all");
    s.send_text(frame({bar_json(31, 470.5)}));
    s.silent(3s);
  });
  Harness h(ws, nullptr);
  h.start();
  ASSERT_TRUE(h.col.wait([](const auto& ev) { return count_bars(ev) >= 2; }));
  h.finish();
  EXPECT_EQ(h.feed->stats().malformed.load(), 2u);
  EXPECT_EQ(ws.connections(), 1);
  EXPECT_NE(h.feed->last_error().find("malformed JSON"), std::string::npos) << h.feed->last_error();
}

TEST(AlpacaStream, BackfillWaitsOutA429ThenSurvivesASlowReply) {
  fake::FakeWsServer ws([](fake::FakeWsSession& s) {
    if (!login(s)) return;
    if (s.index() == 0) {
      s.send_text(frame({bar_json(30, 470.0)}));
      s.close(1011, "restart");
      return;
    }
    s.silent(3s);
  });
  fake::FakeHttpServer http([n = 0](const fake::FakeHttpRequest&) mutable {
    ++n;
    if (n == 1)
      return fake::FakeHttpReply{429, R"({"message":"too many requests"})", {{"Retry-After", "2"}}};
    fake::FakeHttpReply r{
        200,
        R"({"bars":{"SPY":[{"t":"2024-01-02T14:31:00Z","o":1,"h":2,"l":0.5,"c":1.5,"v":10}]},"next_page_token":null})"};
    if (n == 2) r.delay = 300ms;  // slower than the 150 ms REST deadline
    return r;
  });
  Harness h(ws, &http, alpaca::AlpacaStream::kStocks, 150ms);
  h.start();
  ASSERT_TRUE(h.col.wait([](const auto& ev) { return count_bars(ev) >= 2; }));
  h.finish();
  ASSERT_FALSE(h.rest_waits.empty());
  EXPECT_EQ(h.rest_waits[0], 2s);  // Retry-After honoured (recorded, not slept)
  EXPECT_EQ(h.rest->stats().rate_limited, 1u);
  EXPECT_EQ(h.rest->stats().timeouts, 1u);
  EXPECT_EQ(http.requests(), 3);
}

TEST(AlpacaStream, RecordedSessionReplaysToTheSameEvents) {
  fake::FakeWsServer ws([](fake::FakeWsSession& s) {
    if (!login(s)) return;
    s.send_text(frame({bar_json(30, 470.0), bar_json(31, 470.25)}));
    s.send_text(frame(
        {R"({"T":"q","S":"SPY","bx":"U","bp":470.1,"bs":3,"ax":"Q","ap":470.2,"as":4,"t":"2024-01-02T14:31:05.5Z"})",
         R"({"T":"t","S":"SPY","i":7,"x":"D","p":470.15,"s":100,"t":"2024-01-02T14:31:06Z"})"}));
    s.silent(3s);
  });
  auto buffer = std::make_shared<std::string>();
  struct StringWriter final : zerodte::data::ByteWriter {
    std::shared_ptr<std::string> out;
    explicit StringWriter(std::shared_ptr<std::string> o) : out(std::move(o)) {}
    core::Status write(std::span<const std::byte> b) override {
      out->append(reinterpret_cast<const char*>(b.data()), b.size());
      return core::ok();
    }
    core::Status close() override { return core::ok(); }
  };
  zerodte::data::Recorder rec(std::make_unique<StringWriter>(buffer));
  Harness h(ws, nullptr);
  h.feed->set_recorder(&rec);
  h.start();
  ASSERT_TRUE(h.col.wait([](const auto& ev) {
    return std::any_of(ev.begin(), ev.end(),
                       [](const auto& e) { return std::holds_alternative<model::Trade>(e); });
  }));
  h.finish();
  ASSERT_TRUE(rec.close());
  std::vector<engine::Event> live;
  for (const auto& e : h.col.events)
    if (!std::holds_alternative<model::FeedStatus>(e)) live.push_back(e);
  ASSERT_EQ(live.size(), 4u);

  model::InstrumentRegistry reg2;
  auto reader = zerodte::data::RecordingReader::from_reader(
      std::make_unique<zerodte::data::MemoryReader>(std::as_bytes(std::span(*buffer)), "mem"));
  ASSERT_TRUE(reader) << reader.error().message;
  zerodte::data::RecordingReplaySource replay(std::move(*reader),
                                              alpaca::alpaca_wire_decoder(reg2));
  std::vector<engine::Event> replayed;
  while (auto e = replay.next())
    replayed.push_back(*e);
  ASSERT_FALSE(replay.error().has_value()) << replay.error()->message;
  // Control frames (greeting, login, subscription ack) were recorded too but give no events.
  ASSERT_EQ(replayed.size(), live.size());
  for (std::size_t i = 0; i < live.size(); ++i) {
    EXPECT_EQ(live[i].index(), replayed[i].index()) << i;
    EXPECT_EQ(engine::event_time(live[i]), engine::event_time(replayed[i])) << i;
    EXPECT_EQ(engine::visible_time(live[i]), engine::visible_time(replayed[i])) << i;
    EXPECT_EQ(net::EventDedupe::key(live[i]), net::EventDedupe::key(replayed[i])) << i;
  }
}

TEST(AlpacaStream, OptionsStreamSpeaksMessagePack) {
  fake::FakeWsServer ws([](fake::FakeWsSession& s) {
    auto pack = [](auto fill) {
      msgpack::sbuffer b;
      msgpack::packer<msgpack::sbuffer> pk(b);
      fill(pk);
      return std::string(b.data(), b.size());
    };
    auto control = [&](const char* type, const char* msg) {
      return pack([&](auto& pk) {
        pk.pack_array(1);
        pk.pack_map(2);
        pk.pack(std::string("T"));
        pk.pack(std::string(type));
        pk.pack(std::string("msg"));
        pk.pack(std::string(msg));
      });
    };
    s.send_binary(control("success", "connected"));
    auto auth = s.read(2s);
    if (!auth) return;
    EXPECT_TRUE(auth->binary);
    auto m = msgpack::unpack(auth->data.data(), auth->data.size());
    std::map<std::string, std::string> fields;
    m.get().convert(fields);
    EXPECT_EQ(fields["key"], "test-key");
    s.send_binary(control("success", "authenticated"));
    auto sub = s.read(2s);
    if (!sub) return;
    auto sm = msgpack::unpack(sub->data.data(), sub->data.size());
    std::map<std::string, msgpack::object> subf;
    sm.get().convert(subf);
    EXPECT_EQ(subf["quotes"].as<std::vector<std::string>>(),
              std::vector<std::string>{"SPY240315C00500000"});
    s.send_binary(pack([](auto& pk) {
      pk.pack_array(1);
      pk.pack_map(9);
      pk.pack(std::string("T"));
      pk.pack(std::string("q"));
      pk.pack(std::string("S"));
      pk.pack(std::string("SPY240315C00500000"));
      pk.pack(std::string("t"));
      pk.pack(std::string("2024-03-15T14:30:00Z"));
      pk.pack(std::string("bp"));
      pk.pack(1.25);
      pk.pack(std::string("bs"));
      pk.pack(10);
      pk.pack(std::string("ap"));
      pk.pack(1.35);
      pk.pack(std::string("as"));
      pk.pack(5);
      pk.pack(std::string("bx"));
      pk.pack(std::string("C"));
      pk.pack(std::string("ax"));
      pk.pack(std::string("X"));
    }));
    s.silent(3s);
  });
  Harness h(ws, nullptr, alpaca::AlpacaStream::kOptions);
  h.start();
  ASSERT_TRUE(h.col.wait([](const auto& ev) {
    return std::any_of(ev.begin(), ev.end(),
                       [](const auto& e) { return std::holds_alternative<model::OptionQuote>(e); });
  }));
  h.finish();
  for (const auto& e : h.col.events) {
    if (const auto* q = std::get_if<model::OptionQuote>(&e)) {
      EXPECT_EQ(q->bid, core::Price::parse("1.25").value());
      EXPECT_EQ(q->ask, core::Price::parse("1.35").value());
      EXPECT_EQ(h.reg.get(q->hdr.instrument).symbol.view(), "SPY   240315C00500000");
    }
  }
}

TEST(AlpacaStream, SecondConnectionIsRefusedWithTheConnectionLimit) {
  fake::FakeWsServer ws([](fake::FakeWsSession& s) {
    s.send_text(R"([{"T":"success","msg":"connected"}])");
    if (!s.read(2s)) return;
    s.send_text(R"([{"T":"error","code":406,"msg":"connection limit exceeded"}])");
    s.close();
  });
  model::InstrumentRegistry reg;
  alpaca::AlpacaDataConfig cfg;
  cfg.stream_base = ws.url("");
  alpaca::AlpacaStreamProtocol proto(alpaca::AlpacaStream::kStocks, cfg, {"test-key", "s"}, reg,
                                     nullptr);
  net::WebSocketClient client;
  ASSERT_TRUE(client.connect(proto.url(), proto.headers(), 1s));
  auto st = proto.handshake(client, 1s);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, core::ErrorCode::kRejected);
  EXPECT_NE(st.error().message.find("one connection per account"), std::string::npos)
      << st.error().message;
}
