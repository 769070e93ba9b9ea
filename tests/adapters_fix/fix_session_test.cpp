// The FIX adapter against a QuickFIX acceptor playing the broker, on 127.0.0.1, with the order
// manager on a kernel: acceptance, rejects, partial fills, multi-leg, cancel/replace, a
// disconnect between submit and acknowledgement, a sequence gap, a restart with the file store,
// out-of-order reports, reconciliation adopting an outside order, auth failure.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "adapters_fix/fake_fix_broker.hpp"
#include "zerodte/adapters/fix/fix_execution_client.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/execution/intent_journal.hpp"
#include "zerodte/execution/order_manager.hpp"
#include "zerodte/execution/reconciler.hpp"

namespace zerodte::adapters::fix {
namespace {

using model::OrderStatus;
using testing::eventually;
using testing::FakeFixBroker;

core::Price px(std::string_view s) {
  return *core::Price::parse(s);
}

std::filesystem::path fresh_dir() {
  static std::atomic<int> n{0};
  auto d = std::filesystem::temp_directory_path() /
           ("zerodte-fix-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

struct FixWorld : ::testing::Test {
  std::filesystem::path dir = fresh_dir();
  model::InstrumentRegistry reg;
  core::InstrumentId call = *reg.intern_option("SPXW  251121C06600000");
  core::InstrumentId put = *reg.intern_option("SPXW  251121P06500000");
  core::SimClock clock{core::Timestamp{1763737200000000000}};
  engine::Kernel kernel{clock, engine::KernelConfig{1u << 10}};
  execution::InMemoryIntentJournal journal;
  std::unique_ptr<FakeFixBroker> broker;
  std::unique_ptr<FixExecutionClient> client;
  std::shared_ptr<execution::OrderManager> om;
  std::vector<std::string> om_log;

  void SetUp() override { broker = std::make_unique<FakeFixBroker>(dir); }
  void TearDown() override {
    // QuickFIX's socket threads notice a stop within their 1 s poll: stop both ends at once.
    std::thread stop_client([&] {
      if (client) client->stop();
      client.reset();
    });
    broker.reset();
    stop_client.join();
    std::filesystem::remove_all(dir);
  }

  FixConfig config() const {
    FixConfig c;
    c.venue_name = "fixtest";
    c.sender_comp_id = "ZERODTE";
    c.target_comp_id = "BROKER";
    c.port = broker->port();
    c.store_path = (dir / "initiator").string();
    c.heartbeat_s = 1;
    c.reconnect_s = 1;
    c.account = "ACC1";
    c.request_timeout = std::chrono::milliseconds(1500);
    c.graceful_logout = false;
    return c;
  }
  void connect(FixConfig c) {
    client = std::make_unique<FixExecutionClient>(std::move(c), reg, kernel.inbox(), clock);
    ASSERT_TRUE(client->start());
    ASSERT_TRUE(client->wait_logged_on(std::chrono::seconds(3)));
    execution::OrderManagerConfig oc;
    oc.log = [this](std::string_view m) { om_log.emplace_back(m); };
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
  void connect() { connect(config()); }

  // Runs the kernel until `pred` holds (reports arrive on QuickFIX's thread).
  template <typename Pred>
  bool pump(Pred pred, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
    return eventually(
        [&] {
          kernel.poll_once();
          return pred();
        },
        timeout);
  }
  OrderStatus status(const core::ClientOrderId& id) const { return om->find(id)->status; }

  model::OrderIntent intent(core::InstrumentId id, model::Side side, std::int64_t qty,
                            std::string_view limit, std::uint64_t signal) const {
    model::OrderIntent in;
    in.strategy = core::StrategyId{3};
    in.signal_id = signal;
    in.legs[0] = model::OrderLeg{id, side, 1, model::PositionIntent::kAuto};
    in.quantity = core::Quantity{qty};
    in.type = model::OrderType::kLimit;
    in.limit_price = px(limit);
    in.stop_price = core::Price::undefined();
    return in;
  }
};

TEST_F(FixWorld, AcceptedThenPartiallyThenFullyFilled) {
  connect();
  auto id = om->submit(intent(call, model::Side::kBuy, 5, "2.35", 1));
  ASSERT_TRUE(id) << id.error().message;
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kAccepted; }));
  EXPECT_FALSE(om->find(*id)->venue_order_id.empty());
  broker->fill(std::string(id->view()), 2, "2.30");
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kPartiallyFilled; }));
  EXPECT_EQ(om->find(*id)->filled().value, 2);
  broker->fill(std::string(id->view()), 3, "2.35");
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kFilled; }));
  EXPECT_EQ(om->executed_positions().at(call), 5);
  EXPECT_EQ(broker->order_count(), 1u);
  auto fills = client->fills_since(core::Timestamp{});
  ASSERT_TRUE(fills);
  ASSERT_EQ(fills->size(), 2u);
  EXPECT_EQ((*fills)[0].price, px("2.30"));
  EXPECT_EQ((*fills)[1].quantity.value, 3);
}

TEST_F(FixWorld, RejectedOrderAndBusinessReject) {
  connect();
  broker->set_auto_ack(false);
  auto id = om->submit(intent(call, model::Side::kBuy, 1, "2.35", 2));
  ASSERT_TRUE(id);
  ASSERT_TRUE(eventually([&] { return broker->order(std::string(id->view())).has_value(); }));
  broker->reject(std::string(id->view()), "price outside band");
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kRejected; }));
  EXPECT_EQ(om->find(*id)->reason.view(), "price outside band");

  broker->set_business_reject_symbol("SPXW  251121P06500000");
  auto id2 = om->submit(intent(put, model::Side::kBuy, 1, "1.00", 3));
  ASSERT_TRUE(id2);
  ASSERT_TRUE(pump([&] { return status(*id2) == OrderStatus::kRejected; }));
  EXPECT_NE(std::string(om->find(*id2)->reason.view()).find("unknown security"), std::string::npos);
  EXPECT_EQ(client->stats().business_rejects, 1u);

  // A venue refusing a copy of a working order ("duplicate", OrdRejReason 6) leaves it working.
  broker->set_business_reject_symbol("");
  broker->set_auto_ack(true);
  auto id3 = om->submit(intent(put, model::Side::kBuy, 1, "1.05", 31));
  ASSERT_TRUE(id3);
  ASSERT_TRUE(pump([&] { return status(*id3) == OrderStatus::kAccepted; }));
  broker->duplicate_reject(std::string(id3->view()));
  broker->expire(std::string(id3->view()));
  ASSERT_TRUE(pump([&] { return status(*id3) == OrderStatus::kExpired; }));
}

TEST_F(FixWorld, MultilegOrderFillsEachLeg) {
  connect();
  model::OrderIntent in = intent(call, model::Side::kSell, 2, "-1.10", 4);
  in.leg_count = 2;
  in.legs[1] = model::OrderLeg{put, model::Side::kSell, 1, model::PositionIntent::kAuto};
  auto id = om->submit(in);
  ASSERT_TRUE(id) << id.error().message;
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kAccepted; }));
  auto sent = broker->received();
  ASSERT_EQ(sent.back().msg_type, "AB");
  ASSERT_NE(sent.back().group(tag::kNoLegs), nullptr);
  EXPECT_EQ(sent.back().group(tag::kNoLegs)->entries.size(), 2u);
  broker->fill(std::string(id->view()), 2, "1.10", {"0.60", "0.50"});
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kFilled; }));
  EXPECT_EQ(om->executed_positions().at(call), -2);
  EXPECT_EQ(om->executed_positions().at(put), -2);
}

TEST_F(FixWorld, CancelReplaceAndCancel) {
  connect();
  auto id = om->submit(intent(call, model::Side::kBuy, 5, "2.35", 5));
  ASSERT_TRUE(id);
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kAccepted; }));
  broker->fill(std::string(id->view()), 1, "2.35");
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kPartiallyFilled; }));
  auto repl = om->modify(*id, core::Quantity{4}, px("2.40"));
  ASSERT_TRUE(repl) << repl.error().message;
  ASSERT_TRUE(pump([&] {
    return status(*id) == OrderStatus::kReplaced && status(*repl) == OrderStatus::kAccepted;
  }));
  // FIX counts the chain as one order: OrderQty = 4 new + 1 executed.
  EXPECT_EQ(broker->order(std::string(repl->view()))->qty, 5);
  EXPECT_EQ(broker->order(std::string(repl->view()))->price, "2.4");
  ASSERT_TRUE(om->cancel(*repl));
  ASSERT_TRUE(pump([&] { return status(*repl) == OrderStatus::kCancelled; }));
  EXPECT_EQ(om->executed_positions().at(call), 1);
  EXPECT_EQ(broker->order_count(), 1u);  // the replacement is not a new order at the broker
}

TEST_F(FixWorld, CancelTooLateIsRejectedAndTheFillWins) {
  connect();
  auto id = om->submit(intent(call, model::Side::kBuy, 1, "2.35", 6));
  ASSERT_TRUE(id);
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kAccepted; }));
  broker->set_auto_ack(false);
  // The broker fills before it sees our cancel: OrderCancelReject with OrdStatus 2.
  broker->fill(std::string(id->view()), 1, "2.35");
  ASSERT_TRUE(om->cancel(*id));
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kFilled; }));
  ASSERT_TRUE(pump([&] { return client->stats().cancel_rejects == 1; }));
  EXPECT_EQ(status(*id), OrderStatus::kFilled);
}

TEST_F(FixWorld, OutOfOrderAndRepeatedReportsAreHarmless) {
  connect();
  broker->set_auto_ack(false);
  auto id = om->submit(intent(call, model::Side::kBuy, 2, "2.35", 7));
  ASSERT_TRUE(id);
  const std::string cid(id->view());
  ASSERT_TRUE(eventually([&] { return broker->order(cid).has_value(); }));
  // The fill arrives before the New ack, and the same execution is reported twice.
  broker->fill(cid, 2, "2.35", {}, "EXEC-1");
  broker->fill(cid, 0, "2.35", {}, "EXEC-1");
  broker->ack(cid);
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kFilled; }));
  ASSERT_TRUE(pump([&] { return client->stats().execution_reports == 3; }));
  EXPECT_EQ(client->stats().duplicate_reports, 1u);
  EXPECT_EQ(om->executed_positions().at(call), 2);
  EXPECT_EQ(status(*id), OrderStatus::kFilled);  // the late ack did not reopen it
}

TEST_F(FixWorld, ExecTypesWalkTheOrderStateMachine) {
  connect();
  broker->set_auto_ack(false);
  auto id = om->submit(intent(call, model::Side::kBuy, 2, "2.35", 12));
  ASSERT_TRUE(id);
  const std::string cid(id->view());
  ASSERT_TRUE(eventually([&] { return broker->order(cid).has_value(); }));
  broker->report(cid, 'A', 0, "");  // PendingNew
  broker->report(cid, '0', 0, "");  // New
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kAccepted; }));
  broker->report(cid, '7', 0, "");  // Stopped (OrdStatus New): still working
  broker->report(cid, 'D', 0, "");  // Restated
  broker->report(cid, '6', 0, "");  // PendingCancel
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kPendingCancel; }));
  broker->report(cid, '4', 0, "");  // Canceled
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kCancelled; }));
  ASSERT_TRUE(pump([&] { return client->stats().execution_reports == 6; }));
  EXPECT_EQ(client->stats().bad_messages, 0u);
}

TEST_F(FixWorld, DisconnectBetweenSubmitAndAckSendsNoDuplicate) {
  connect();
  broker->drop_after_next_order();
  auto id = om->submit(intent(call, model::Side::kBuy, 1, "2.35", 8));
  ASSERT_TRUE(id);
  ASSERT_TRUE(pump([&] { return !client->logged_on(); }));
  // While the session is down nothing can be sent: a second order is refused, not queued.
  auto other = client->submit(intent(put, model::Side::kBuy, 1, "1.00", 99));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, core::ErrorCode::kTransport);
  broker->ack(std::string(id->view()));  // stored by the broker, resent after the next logon
  ASSERT_TRUE(pump([&] { return client->logged_on(); }, std::chrono::milliseconds(4000)));
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kAccepted; }));
  auto q = client->query_order(*id);
  ASSERT_TRUE(q) << q.error().message;
  EXPECT_EQ(q->status, OrderStatus::kAccepted);
  EXPECT_EQ(broker->order_count(), 1u);
  EXPECT_EQ(broker->messages_of_type("D"), 1u);
}

TEST_F(FixWorld, SequenceGapIsFilledByResendRequest) {
  connect();
  auto id = om->submit(intent(call, model::Side::kBuy, 3, "2.35", 9));
  ASSERT_TRUE(id);
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kAccepted; }));
  const int before = broker->admin_of_type("2");
  broker->skip_sequence(2);  // the broker's next message jumps two sequence numbers
  broker->fill(std::string(id->view()), 3, "2.30");
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kFilled; }));
  EXPECT_GT(broker->admin_of_type("2"), static_cast<std::size_t>(before));  // ResendRequest
  EXPECT_EQ(om->executed_positions().at(call), 3);  // once, whichever copy QuickFIX delivers
}

TEST_F(FixWorld, FillWhileAwayIsRecoveredFromTheStoreAfterRestart) {
  connect();
  auto id = om->submit(intent(call, model::Side::kBuy, 2, "2.35", 10));
  ASSERT_TRUE(id);
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kAccepted; }));
  client->stop();
  ASSERT_TRUE(eventually([&] { return !broker->logged_on(); }));
  broker->fill(std::string(id->view()), 2, "2.25");  // stored: nobody is logged on
  // A new process: same file store, a new client instance.
  auto again = std::make_unique<FixExecutionClient>(config(), reg, kernel.inbox(), clock);
  ASSERT_TRUE(again->start());
  ASSERT_TRUE(again->wait_logged_on(std::chrono::seconds(3)));
  ASSERT_TRUE(pump([&] { return status(*id) == OrderStatus::kFilled; }));
  EXPECT_EQ(om->executed_positions().at(call), 2);
  EXPECT_GE(broker->admin_of_type("2"), 1u);
  auto fills = again->fills_since(core::Timestamp{});
  ASSERT_TRUE(fills);
  EXPECT_EQ(fills->size(), 1u);
  again->stop();
}

TEST_F(FixWorld, ReconciliationAdoptsAnOutsideOrderAndComparesPositions) {
  connect();
  broker->add_external_order("PHONE-1", "SPXW  251121P06500000", 4, "1.05");
  broker->set_positions({{"SPXW  251121C06600000", 0, 0, "2.0"}});
  execution::Reconciler rec(*om, kernel);
  auto report = rec.run();
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->adopted.size(), 1u);
  EXPECT_EQ(report->adopted[0].view(), "PHONE-1");
  EXPECT_TRUE(report->positions_match());
  ASSERT_NE(om->find("PHONE-1"), nullptr);
  EXPECT_EQ(om->find("PHONE-1")->intent.legs[0].instrument, put);

  auto missing = client->query_order("never-sent");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(client->account().error().code, core::ErrorCode::kUnsupported);
}

TEST(FixAuth, WrongPasswordIsAnAuthErrorAndNothingIsSent) {
  const auto dir = fresh_dir();
  FakeFixBroker broker(dir, "s3cret-password");
  model::InstrumentRegistry reg;
  const auto call = *reg.intern_option("SPXW  251121C06600000");
  core::SimClock clock{core::Timestamp{1763737200000000000}};
  engine::Inbox inbox(1u << 8);
  ::setenv("ZERODTE_TEST_FIX_USER", "zerodte", 1);
  ::setenv("ZERODTE_TEST_FIX_PASS", "wrong-password", 1);
  FixConfig c;
  c.port = broker.port();
  c.store_path = (dir / "initiator").string();
  c.heartbeat_s = 1;
  c.reconnect_s = 30;
  c.graceful_logout = false;
  c.graceful_logout = false;
  c.username_env = "ZERODTE_TEST_FIX_USER";
  c.password_env = "ZERODTE_TEST_FIX_PASS";
  FixExecutionClient client(c, reg, inbox, clock);
  ASSERT_TRUE(client.start());
  model::OrderIntent in;
  in.client_order_id = "zs3-auth";
  in.legs[0] = model::OrderLeg{call, model::Side::kBuy, 1, model::PositionIntent::kAuto};
  in.limit_price = px("1.00");
  core::Result<execution::SubmitAck> r = core::fail(core::ErrorCode::kInternal, "unset");
  ASSERT_TRUE(eventually([&] {
    r = client.submit(in);
    return !r && r.error().code == core::ErrorCode::kAuth;
  }));
  EXPECT_EQ(r.error().message.find("wrong-password"), std::string::npos);
  EXPECT_FALSE(client.logged_on());
  EXPECT_EQ(broker.order_count(), 0u);
  client.stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace zerodte::adapters::fix
