// The AngelOne adapter against a loopback SmartAPI, with the order manager on a kernel: login
// with TOTP, accepted / partially filled / filled, NSE rule refusals (nothing sent), exchange
// rejects, in-place modify and cancel, a lost placeOrder answer (no duplicate), out-of-order
// books, an outside order adopted by reconciliation, auth failure, token refresh and the pause
// when it fails, pacing, and the SmartStream feed.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "adapters_angelone/fake_smartapi.hpp"
#include "zerodte/adapters/angelone/angelone_execution_client.hpp"
#include "zerodte/adapters/angelone/smart_stream_feed.hpp"
#include "zerodte/adapters/net/testing/fake_ws_server.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/execution/intent_journal.hpp"
#include "zerodte/execution/order_manager.hpp"
#include "zerodte/execution/reconciler.hpp"

namespace zerodte::adapters::angelone {
namespace {

using model::OrderStatus;
using testing::FakeOrder;
using testing::FakeSmartApi;
namespace bj = boost::json;

core::Price px(std::string_view s) {
  return *core::Price::parse(s);
}

struct AngelWorld : ::testing::Test {
  core::SimClock clock{core::Timestamp{1795578000LL * 1'000'000'000}};  // 2026-11-25 09:10 IST
  model::InstrumentRegistry reg;
  core::InstrumentId call = *reg.intern_nse_index_option(
      "NIFTY", core::Date{2026, 11, 26}, model::OptionRight::kCall, px("23500"), 75);
  core::InstrumentId put = *reg.intern_nse_index_option("NIFTY", core::Date{2026, 11, 26},
                                                        model::OptionRight::kPut, px("23400"), 75);
  std::string call_sym{reg.get(call).symbol_view()};
  std::string put_sym{reg.get(put).symbol_view()};
  ScripMaster scrips;
  FakeSmartApi api{clock};
  engine::Kernel kernel{clock, engine::KernelConfig{1u << 10}};
  execution::InMemoryIntentJournal journal;
  std::unique_ptr<AngelOneExecutionClient> client;
  std::shared_ptr<execution::OrderManager> om;

  void SetUp() override {
    scrips.add(Scrip{"43612", call_sym, "NIFTY", "NFO", "OPTIDX", 75, px("0.05"), px("23500")});
    scrips.add(Scrip{"43613", put_sym, "NIFTY", "NFO", "OPTIDX", 75, px("0.05"), px("23400")});
  }
  AngelOneCredentials creds(std::string pin = FakeSmartApi::kPin) const {
    return AngelOneCredentials{FakeSmartApi::kApiKey, "A123456", std::move(pin),
                               FakeSmartApi::kSecret};
  }
  AngelOneConfig config(bool pacing = false) const {
    AngelOneConfig c;
    c.rest.base_url = api.url();
    c.rest.pacing = pacing;
    c.rest.timeout = std::chrono::milliseconds(1000);
    return c;
  }
  void connect(AngelOneConfig c, AngelOneCredentials cr) {
    client = std::make_unique<AngelOneExecutionClient>(std::move(c), std::move(cr), reg, scrips,
                                                       kernel.inbox(), clock);
    execution::OrderManagerConfig oc;
    oc.log = [](std::string_view) {};
    oc.fill_timeout = core::Duration{0};
    om = std::make_shared<execution::OrderManager>(
        *client, journal,
        [this](core::InstrumentId id) -> const model::TickRule* {
          const auto* i = reg.try_get(id);
          return i ? &i->tick_rule : nullptr;
        },
        oc);
    kernel.add_component(om);
    kernel.start();
  }
  void connect() { connect(config(), creds()); }
  void drain() {
    while (kernel.poll_once() > 0) {
    }
  }
  void poll() {
    ASSERT_TRUE(client->poll_once());
    drain();
  }
  OrderStatus status(const core::ClientOrderId& id) const { return om->find(id)->status; }
  FakeOrder& row(std::size_t i) { return api.book.at(i); }

  model::OrderIntent intent(core::InstrumentId id, model::Side side, std::int64_t qty,
                            std::string_view limit, std::uint64_t signal) const {
    model::OrderIntent in;
    in.strategy = core::StrategyId{4};
    in.signal_id = signal;
    in.legs[0] = model::OrderLeg{id, side, 1, model::PositionIntent::kAuto};
    in.quantity = core::Quantity{qty};
    in.type = model::OrderType::kLimit;
    in.limit_price = px(limit);
    in.stop_price = core::Price::undefined();
    return in;
  }
  void trade(std::size_t i, std::int64_t qty, const std::string& price, const std::string& fill) {
    std::lock_guard l(api.mu);
    row(i).filled += qty;
    if (row(i).filled >= row(i).quantity) row(i).status = "complete";
    api.trades.push_back({row(i).orderid, fill, row(i).tradingsymbol, row(i).transactiontype,
                          "09:20:01", price, qty});
  }
};

TEST_F(AngelWorld, LoginPlaceAcceptPartialFill) {
  connect();
  auto id = om->submit(intent(call, model::Side::kBuy, 150, "101.05", 1));
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(client->tokens().logins(), 1);
  ASSERT_EQ(api.placed.size(), 1u);
  EXPECT_EQ(bj::value_to<std::string>(api.placed[0]["ordertag"]), id->view());
  EXPECT_EQ(bj::value_to<std::string>(api.placed[0]["symboltoken"]), "43612");
  EXPECT_EQ(bj::value_to<std::string>(api.placed[0]["price"]), "101.05");
  EXPECT_EQ(bj::value_to<std::string>(api.placed[0]["quantity"]), "150");
  EXPECT_EQ(bj::value_to<std::string>(api.placed[0]["producttype"]), "CARRYFORWARD");
  poll();
  EXPECT_EQ(status(*id), OrderStatus::kAccepted);
  trade(0, 75, "101.00", "F1");
  poll();
  EXPECT_EQ(status(*id), OrderStatus::kPartiallyFilled);
  trade(0, 75, "101.05", "F2");
  poll();
  EXPECT_EQ(status(*id), OrderStatus::kFilled);
  EXPECT_EQ(om->executed_positions().at(call), 150);
  poll();  // nothing new: no duplicate fills
  EXPECT_EQ(om->executed_positions().at(call), 150);
  auto acct = client->account();
  ASSERT_TRUE(acct);
  EXPECT_EQ(acct->cash, px("200000"));
  EXPECT_EQ(acct->currency.view(), "INR");
}

TEST_F(AngelWorld, BackgroundPollingPostsUpdatesWithoutExplicitPolls) {
  connect();
  auto id = om->submit(intent(call, model::Side::kBuy, 75, "101.05", 40));
  ASSERT_TRUE(id);
  client->start_polling(std::chrono::milliseconds(20));
  trade(0, 75, "101.00", "F1");
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < end && status(*id) != OrderStatus::kFilled) {
    drain();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  client->stop_polling();
  EXPECT_EQ(status(*id), OrderStatus::kFilled);
  EXPECT_EQ(om->executed_positions().at(call), 75);
}

TEST_F(AngelWorld, NseRulesRefuseBeforeSendingAndVenueRejects) {
  connect();
  EXPECT_FALSE(om->submit(intent(call, model::Side::kBuy, 100, "101.05", 2)));  // lot 75
  EXPECT_FALSE(om->submit(intent(call, model::Side::kBuy, 75, "130.00", 3)));   // band (LTP 100)
  EXPECT_EQ(api.count("placeOrder"), 0);
  auto id = om->submit(intent(call, model::Side::kBuy, 75, "101.05", 4));
  ASSERT_TRUE(id);
  {
    std::lock_guard l(api.mu);
    row(0).status = "rejected";
    row(0).text = "RMS:Margin Exceeds";
  }
  poll();
  EXPECT_EQ(status(*id), OrderStatus::kRejected);
  EXPECT_EQ(om->find(*id)->reason.view(), "RMS:Margin Exceeds");
  api.reject_place = true;
  auto r = client->submit([&] {
    auto o = intent(call, model::Side::kBuy, 75, "101.05", 5);
    o.client_order_id = "zs4-rms";
    return o;
  }());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kRejected);
  EXPECT_NE(r.error().message.find("AB4008"), std::string::npos);
}

TEST_F(AngelWorld, ModifyInPlaceThenCancel) {
  connect();
  auto id = om->submit(intent(call, model::Side::kBuy, 150, "101.05", 6));
  ASSERT_TRUE(id);
  poll();
  trade(0, 75, "101.05", "F1");
  poll();
  auto repl = om->modify(*id, core::Quantity{75}, px("101.50"));
  ASSERT_TRUE(repl) << repl.error().message;
  drain();
  EXPECT_EQ(status(*id), OrderStatus::kReplaced);
  EXPECT_EQ(status(*repl), OrderStatus::kAccepted);
  EXPECT_EQ(api.book.size(), 1u);  // the same AngelOne order, modified in place
  EXPECT_EQ(row(0).quantity, 150);
  EXPECT_EQ(row(0).price, "101.50");
  ASSERT_TRUE(om->cancel(*repl));
  poll();
  EXPECT_EQ(status(*repl), OrderStatus::kCancelled);
  EXPECT_EQ(om->executed_positions().at(call), 75);
  auto late = client->cancel(*repl, {});
  ASSERT_FALSE(late);  // too late: already cancelled
  EXPECT_EQ(late.error().code, core::ErrorCode::kRejected);
}

TEST_F(AngelWorld, LostPlaceOrderAnswerIsFoundByTagNotResent) {
  connect();
  api.drop_next_place = true;
  auto o = intent(call, model::Side::kBuy, 75, "101.05", 7);
  o.client_order_id = "zs4-lost";
  auto r = client->submit(o);
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().code == core::ErrorCode::kTransport ||
              r.error().code == core::ErrorCode::kTimeout);
  // What the order manager does next: ask by client_order_id before any resend.
  auto q = client->query_order("zs4-lost");
  ASSERT_TRUE(q) << q.error().message;
  EXPECT_EQ(q->status, OrderStatus::kAccepted);
  EXPECT_EQ(api.count("placeOrder"), 1);
  EXPECT_EQ(client->query_order("zs4-never").error().code, core::ErrorCode::kNotFound);
}

TEST_F(AngelWorld, OutOfOrderBooksConverge) {
  connect();
  auto id = om->submit(intent(call, model::Side::kSell, 75, "101.05", 8));
  ASSERT_TRUE(id);
  {
    std::lock_guard l(api.mu);  // the order book says complete before the trade book has it
    row(0).filled = 75;
    row(0).status = "complete";
  }
  poll();
  EXPECT_EQ(status(*id), OrderStatus::kFilled);
  {
    std::lock_guard l(api.mu);
    api.trades.push_back({row(0).orderid, "F9", call_sym, "SELL", "09:20:05", "101.05", 75});
  }
  poll();
  EXPECT_EQ(om->executed_positions().at(call), -75);
  EXPECT_EQ(status(*id), OrderStatus::kFilled);
}

TEST_F(AngelWorld, ReconciliationAdoptsAnOrderPlacedElsewhere) {
  connect();
  {
    std::lock_guard l(api.mu);
    testing::FakeOrder o;
    o.orderid = "241125000009999";
    o.tradingsymbol = put_sym;
    o.symboltoken = "43613";
    o.transactiontype = "BUY";
    o.ordertype = "LIMIT";
    o.price = "55.00";
    o.quantity = 75;
    api.book.push_back(o);
  }
  execution::Reconciler rec(*om, kernel);
  auto report = rec.run();
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->adopted.size(), 1u);
  EXPECT_EQ(report->adopted[0].view(), "ao-241125000009999");
  EXPECT_TRUE(report->positions_match());
  EXPECT_EQ(om->find("ao-241125000009999")->intent.legs[0].instrument, put);
}

TEST_F(AngelWorld, WrongPinIsAnAuthFailureAndNothingIsPlaced) {
  connect(config(), creds("0000"));
  auto r = client->submit(intent(call, model::Side::kBuy, 75, "101.05", 9));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kAuth);
  EXPECT_NE(r.error().message.find("AB1007"), std::string::npos);
  EXPECT_EQ(r.error().message.find("0000"), std::string::npos);
  EXPECT_EQ(api.count("placeOrder"), 0);
}

TEST_F(AngelWorld, TokenRefreshedBeforeExpiryAndTradingPausedWhenRefreshFails) {
  api.jwt_lifetime_s = 40 * 60;  // 40 minutes
  connect();
  ASSERT_TRUE(client->submit([&] {
    auto o = intent(call, model::Side::kBuy, 75, "101.05", 10);
    o.client_order_id = "zs4-t1";
    return o;
  }()));
  EXPECT_EQ(client->tokens().refreshes(), 0);
  clock.advance_to(clock.now() + std::chrono::minutes(15));  // 25 min left: < 30 -> refresh
  ASSERT_TRUE(client->poll_once());
  EXPECT_EQ(client->tokens().refreshes(), 1);
  EXPECT_EQ(api.count("generateTokens"), 1);
  EXPECT_TRUE(client->tokens().valid_until(clock.now() + std::chrono::minutes(39)));
  // The next refresh fails: trading pauses, new orders are refused, cancels still go out.
  {
    std::lock_guard l(api.mu);
    api.refresh_fails = true;
  }
  clock.advance_to(clock.now() + std::chrono::minutes(15));
  auto r = client->submit([&] {
    auto o = intent(call, model::Side::kBuy, 75, "101.05", 11);
    o.client_order_id = "zs4-t2";
    return o;
  }());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kAuth);
  EXPECT_NE(r.error().message.find("paused"), std::string::npos);
  EXPECT_TRUE(client->tokens().paused());
  bool saw_pause = false;
  while (auto ev = kernel.inbox().try_pop()) {
    if (auto* s = std::get_if<model::FeedStatus>(&*ev)) {
      saw_pause |= s->state == model::FeedState::kDisconnected &&
                   std::string(s->detail.view()).find("paused") != std::string::npos;
    }
  }
  EXPECT_TRUE(saw_pause);
  EXPECT_TRUE(client->cancel("zs4-t1", {}));
  EXPECT_EQ(row(0).status, "cancelled");
  // After the back-off a fresh TOTP login resumes trading.
  clock.advance_to(clock.now() + std::chrono::minutes(2));
  ASSERT_TRUE(client->poll_once());
  EXPECT_FALSE(client->tokens().paused());
  EXPECT_EQ(client->tokens().logins(), 2);
}

TEST_F(AngelWorld, TokensSurviveARestartInTheirFile) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("zerodte-ao-restart-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto cfg = config();
  cfg.tokens.store_path = (dir / "tokens.json").string();
  connect(cfg, creds());
  ASSERT_TRUE(client->poll_once());
  EXPECT_EQ(api.count("loginByPassword"), 1);
  EXPECT_EQ(
      std::filesystem::status(cfg.tokens.store_path).permissions() & std::filesystem::perms::all,
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  // A new process: the stored session is still valid, so no new login.
  AngelOneExecutionClient again(cfg, creds(), reg, scrips, kernel.inbox(), clock);
  ASSERT_TRUE(again.poll_once());
  EXPECT_EQ(api.count("loginByPassword"), 1);
  EXPECT_EQ(again.tokens().logins(), 0);
  std::filesystem::remove_all(dir);
}

TEST_F(AngelWorld, PacingRefusesTheTwentyFirstOrderInOneSecond) {
  connect(config(/*pacing=*/true), creds());
  client->set_ltp(call, px("100"), clock.now());
  int sent = 0, paced = 0;
  for (int i = 0; i < 21; ++i) {
    auto o = intent(call, model::Side::kBuy, 75, "101.05", 100 + i);
    o.client_order_id = fmt::format("zs4-p{}", i);
    auto r = client->submit(o);
    if (r) ++sent;
    if (!r && r.error().code == core::ErrorCode::kRateLimited) ++paced;
  }
  EXPECT_EQ(sent, 20);
  EXPECT_EQ(paced, 1);
  EXPECT_EQ(api.count("placeOrder"), 20);
  ASSERT_TRUE(client->poll_once());
  auto again = client->poll_once();  // the order book allows one call a second
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kRateLimited);
  clock.advance_to(clock.now() + std::chrono::seconds(1));
  EXPECT_TRUE(client->poll_once());
  auto o = intent(call, model::Side::kBuy, 75, "101.05", 200);
  o.client_order_id = "zs4-after";
  EXPECT_TRUE(client->submit(o));
}

TEST_F(AngelWorld, SmartStreamTicksBecomeQuotesAndTheFeedReconnects) {
  connect();
  std::atomic<int> subscribed{0};
  namespace nt = adapters::net::testing;
  nt::FakeWsServer ws([&](nt::FakeWsSession& s) {
    if (s.header("x-feed-token").empty() || s.header("x-api-key") != FakeSmartApi::kApiKey) {
      s.reject(401);
      return;
    }
    auto sub = s.read();
    if (!sub || sub->data.find("43612") == std::string::npos) return;
    ++subscribed;
    std::string p(379, '\0');
    p[0] = 3;
    p[1] = kNseFo;
    std::memcpy(p.data() + 2, "43612", 5);
    const std::int64_t ts = 1795578000123, ltp = 10525;
    std::memcpy(p.data() + 35, &ts, 8);
    std::memcpy(p.data() + 43, &ltp, 8);
    s.send_binary(p);
    if (s.index() == 0) return s.drop();  // first session dies: the feed must reconnect
    s.silent(std::chrono::milliseconds(3000));
  });
  SmartStreamConfig sc;
  sc.url = ws.url("/smart-stream");
  sc.backoff_base = std::chrono::milliseconds(20);
  sc.backoff_cap = std::chrono::milliseconds(50);
  SmartStreamFeed feed(sc, client->tokens(), creds(), scrips, reg, kernel.inbox(), clock);
  ASSERT_TRUE(feed.subscribe(call));
  std::atomic<int> ltps{0};
  feed.on_ltp = [&](core::InstrumentId, core::Price p, core::Timestamp) {
    if (p == px("105.25")) ++ltps;
  };
  feed.start();
  int quotes = 0;
  bool recovered = false;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < end && !(quotes >= 2 && recovered)) {
    while (auto ev = kernel.inbox().try_pop()) {
      if (auto* q = std::get_if<model::OptionQuote>(&*ev)) {
        EXPECT_EQ(q->hdr.instrument, call);
        EXPECT_EQ(q->last, px("105.25"));
        ++quotes;
      }
      if (auto* s = std::get_if<model::FeedStatus>(&*ev)) {
        recovered |= s->state == model::FeedState::kRecovered;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  feed.stop();
  EXPECT_GE(quotes, 2);
  EXPECT_TRUE(recovered);
  EXPECT_GE(subscribed.load(), 2);
  EXPECT_GE(ltps.load(), 2);
  EXPECT_GE(feed.stats().connects, 2);
}

}  // namespace
}  // namespace zerodte::adapters::angelone
