// The adapter's connection against the fake TWS: handshake and resync, version refusal, the
// heartbeat circuit breaker, pacing, market data and depth, positions and account.
#include <gtest/gtest.h>

#include "ibkr_env.hpp"
#include "zerodte/adapters/ibkr/tws_protocol.hpp"

namespace zerodte::adapters::ibkr::testing {
namespace {

using model::FeedState;

TEST(IbkrConnection, HandshakeStartApiAndResync) {
  Env env;
  ASSERT_TRUE(env.client->start());
  const auto h = env.client->health();
  EXPECT_TRUE(h.ready);
  EXPECT_EQ(h.server_version, kServerVersion);
  EXPECT_EQ(h.next_order_id, 100);
  ASSERT_EQ(h.accounts.size(), 1u);
  EXPECT_EQ(h.accounts[0], "DU1234567");
  const auto c = env.fake.counts();
  EXPECT_EQ(c.connections, 1);
  EXPECT_EQ(c.last_client_id, 17);
  EXPECT_EQ(c.open_order_requests, 1);  // the resync asked for every open order
  ASSERT_TRUE(env.pump_until([&] { return env.has_feed(FeedState::kConnected); }));
  EXPECT_EQ(env.feeds.back().feed.view(), "ibkr");
}

TEST(IbkrConnection, RefusesATwsThatIsTooOld) {
  Env env([](IbkrConfig& c) { c.connect_timeout = std::chrono::milliseconds(300); });
  env.fake.server_version = 140;
  auto s = env.client->start();
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("server version 140"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("151"), std::string::npos);
  EXPECT_FALSE(env.client->health().ready);
}

TEST(IbkrConnection, TwoMissedHeartbeatsTripTheBreakerUntilReconnected) {
  Env env([](IbkrConfig& c) { c.heartbeat_interval = std::chrono::milliseconds(30); });
  ASSERT_TRUE(env.client->start());
  const auto id = env.option("SPY   251121C00660000");
  env.fake.answer_heartbeats = false;
  env.fake.refuse_connections = true;  // keep it down while we look
  ASSERT_TRUE(env.pump_until([&] { return env.client->health().breaker_trips == 1; }));
  auto h = env.client->health();
  EXPECT_TRUE(h.breaker_open);
  EXPECT_NE(h.last_error.find("2 heartbeats missed"), std::string::npos) << h.last_error;
  EXPECT_GE(env.fake.counts().heartbeats, 2);
  ASSERT_TRUE(env.pump_until([&] { return env.has_feed(FeedState::kDisconnected); }));
  // The order manager halts new orders while the venue is down (ReconcileOnReconnect does this
  // in the app); the adapter itself refuses them too.
  auto intent = env.single(id, model::Side::kBuy, 1, "1.00", 1);
  intent.client_order_id = "z3-while-down";
  auto refused = env.client->submit(intent);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kTransport);
  EXPECT_NE(refused.error().message.find("circuit breaker"), std::string::npos);
  EXPECT_EQ(env.fake.counts().place_messages, 0);
  env.fake.answer_heartbeats = true;
  env.fake.refuse_connections = false;
  ASSERT_TRUE(env.client->wait_ready(std::chrono::seconds(2)));
  EXPECT_FALSE(env.client->health().breaker_open);
  ASSERT_TRUE(env.pump_until([&] { return env.has_feed(FeedState::kRecovered); }));
  EXPECT_EQ(env.fake.counts().connections, 2);
}

TEST(IbkrConnection, TwsLosingIbIsStaleUntilRestored) {
  Env env;
  ASSERT_TRUE(env.client->start());
  env.fake.send_error(-1, code::kConnectivityLost,
                      "Connectivity between IB and TWS has been lost.");
  ASSERT_TRUE(env.pump_until([&] { return env.has_feed(FeedState::kStale); }));
  env.fake.send_error(-1, code::kRestoredDataKept,
                      "Connectivity between IB and TWS has been restored - data maintained.");
  ASSERT_TRUE(env.pump_until([&] { return env.has_feed(FeedState::kRecovered); }));
  env.fake.send_error(-1, 2104, "Market data farm connection is OK:usfarm");  // information
  env.pump_for(20);
  EXPECT_EQ(env.client->health().last_error.find("2104"), std::string::npos);
}

TEST(IbkrConnection, PacingViolationHalvesTheRate) {
  // An unpaced burst: the fake (10 messages per 100 ms) answers error 100.
  Env env;
  env.fake.pacing_window_ms = 100;
  ASSERT_TRUE(env.client->start());
  env.fake.pacing_limit = 10;
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(
        env.client->subscribe_quotes(env.option(fmt::format("SPY   251121C00{}000", 600 + i))));
  }
  ASSERT_TRUE(env.pump_until([&] { return env.client->health().pacing_violations >= 1; }));
  EXPECT_DOUBLE_EQ(env.client->health().pacing_rate, 1000.0);  // 2000/s halved
  EXPECT_TRUE(env.client->health().ready);                     // a warning, not a disconnect
  ASSERT_TRUE(env.pump_until([&] { return env.fake.market_data_tickers().size() == 30; }));
}

TEST(IbkrConnection, PacedClientStaysUnderTheLimit) {
  // 80/s with a burst of 2 never puts more than 10 messages into any 100 ms window.
  Env env([](IbkrConfig& c) {
    c.pacing_per_second = 80;
    c.pacing_burst = 2;
  });
  env.fake.pacing_window_ms = 100;
  ASSERT_TRUE(env.client->start());
  env.fake.pacing_limit = 10;
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(
        env.client->subscribe_quotes(env.option(fmt::format("SPY   251121P00{}000", 600 + i))));
  }
  ASSERT_TRUE(env.pump_until([&] { return env.fake.market_data_tickers().size() == 30; }));
  EXPECT_EQ(env.fake.counts().pacing_errors, 0);
  EXPECT_EQ(env.client->health().pacing_violations, 0u);
}

TEST(IbkrMarketData, QuotesGreeksAndTopTenDepth) {
  Env env;
  std::vector<model::OptionQuote> quotes;
  std::vector<model::BookDepth> books;
  env.kernel.bus().subscribe_all<model::OptionQuote>(
      [&](const model::OptionQuote& q) { quotes.push_back(q); });
  env.kernel.bus().subscribe_all<model::BookDepth>(
      [&](const model::BookDepth& b) { books.push_back(b); });
  ASSERT_TRUE(env.client->start());
  const auto id = env.option("SPY   251121C00660000");
  ASSERT_TRUE(env.client->subscribe_quotes(id));
  ASSERT_TRUE(env.client->subscribe_depth(id));
  ASSERT_TRUE(FakeTws::wait_for([&] {
    return env.fake.market_data_tickers().size() == 1 && env.fake.depth_tickers().size() == 1;
  }));
  const auto mdt = env.fake.market_data_tickers().begin()->first;
  const Contract sent = env.fake.market_data_tickers().begin()->second;
  EXPECT_EQ(sent.sec_type, "OPT");
  EXPECT_EQ(sent.last_trade_date, "20251121");
  env.fake.tick_price(mdt, tick::kBid, "1.05", 12);
  env.fake.tick_price(mdt, tick::kAsk, "1.08", 7);
  TickOptionMsg g;
  g.ticker_id = mdt;
  g.tick_type = tick::kModelOptionComputation;
  g.implied_vol = 0.1812;
  g.delta = 0.52;
  g.opt_price = 1.065;
  g.pv_dividend = 0;
  g.gamma = 0.091;
  g.vega = 0.21;
  g.theta = -0.95;
  g.und_price = 660.12;
  env.fake.tick_option(g);
  ASSERT_TRUE(env.pump_until([&] { return !quotes.empty() && quotes.back().has_greeks; }));
  const auto& q = quotes.back();
  EXPECT_EQ(q.hdr.instrument, id);
  EXPECT_EQ(q.bid, px("1.05"));
  EXPECT_EQ(q.ask, px("1.08"));
  EXPECT_EQ(q.bid_size, 12);
  EXPECT_DOUBLE_EQ(q.greeks.delta, 0.52);
  EXPECT_DOUBLE_EQ(q.greeks.theta, -0.95);
  EXPECT_EQ(q.underlying_price, px("660.12"));

  const auto dt = env.fake.depth_tickers().begin()->first;
  for (int i = 0; i < 10; ++i) {
    env.fake.depth({dt, i, 0, 1, px("1.05") - core::Price::from_cents(i), 10 + i});
    env.fake.depth({dt, i, 0, 0, px("1.08") + core::Price::from_cents(i), 20 + i});
  }
  env.fake.depth({dt, 0, 1, 1, px("1.05"), 99});  // update best bid size
  ASSERT_TRUE(env.pump_until([&] { return books.size() == 21; }));
  const auto& b = books.back();
  EXPECT_EQ(b.hdr.instrument, id);
  ASSERT_EQ(b.depth, 10);
  EXPECT_EQ(b.levels[0].bid_size, 99);
  EXPECT_EQ(b.levels[9].bid_px, px("0.96"));
  EXPECT_EQ(b.levels[9].ask_px, px("1.17"));
}

TEST(IbkrAccount, PositionsAndAccountSummary) {
  Env env;
  PositionMsg p;
  p.account = "DU1234567";
  p.contract.symbol = "SPY";
  p.contract.sec_type = "OPT";
  p.contract.last_trade_date = "20251121";
  p.contract.strike = core::Price::from_units(655);
  p.contract.right = "P";
  p.contract.multiplier = "100";
  p.contract.trading_class = "SPY";
  p.position = -3;
  p.avg_cost = px("125.5");  // TWS: per contract, x100
  env.fake.add_position(p);
  ASSERT_TRUE(env.client->start());
  auto pos = env.client->positions();
  ASSERT_TRUE(pos) << pos.error().message;
  ASSERT_EQ(pos->size(), 1u);
  EXPECT_EQ(env.reg.get((*pos)[0].instrument).symbol_view(), "SPY   251121P00655000");
  EXPECT_EQ((*pos)[0].quantity.value, -3);
  EXPECT_EQ((*pos)[0].avg_price, px("1.255"));
  auto a = env.client->account();
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->equity, px("100250.50"));
  EXPECT_EQ(a->cash, px("50000.25"));
  EXPECT_EQ(a->buying_power, px("200000"));
  EXPECT_EQ(a->currency.view(), "USD");
}

}  // namespace
}  // namespace zerodte::adapters::ibkr::testing
