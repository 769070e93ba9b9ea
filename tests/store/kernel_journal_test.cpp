// The journal wired into the kernel: every dispatched event is journaled before dispatch, and
// replaying the journal into a fresh kernel reproduces the same dispatch sequence.
#include <gtest/gtest.h>

#include "temp_dir.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/store/decision_records.hpp"
#include "zerodte/store/journal_intent_journal.hpp"
#include "zerodte/store/journal_observer.hpp"
#include "zerodte/store/journal_reader.hpp"

namespace zerodte::store {
namespace {

using testing::TempDir;

struct Recorder final : engine::Component {
  std::vector<std::string> log;
  std::string_view name() const override { return "recorder"; }
  void start(engine::Kernel& k) override {
    k.bus().subscribe_all<model::Trade>([this](const model::Trade& t) {
      log.push_back(fmt::format("trade {} {}", t.hdr.instrument.value, t.price.to_string()));
    });
    k.bus().subscribe_all<model::Fill>(
        [this](const model::Fill& f) { log.push_back(fmt::format("fill {}", f.exec_id.view())); });
    k.bus().subscribe_all<engine::ControlCommand>([this](const engine::ControlCommand& c) {
      log.push_back(fmt::format("control {} {}", c.user, c.action));
    });
  }
};

std::vector<engine::Event> session_events() {
  std::vector<engine::Event> ev;
  for (int i = 0; i < 50; ++i) {
    model::Trade t{};
    t.hdr.instrument = core::InstrumentId{static_cast<std::uint32_t>(1 + i % 3)};
    t.hdr.ts_event = t.hdr.ts_recv = core::Timestamp{1'000'000'000LL * (i + 1)};
    t.price = core::Price::from_cents(10000 + i);
    ev.emplace_back(t);
    if (i % 10 == 5) {
      model::Fill f{};
      f.exec_id = fmt::format("X{}", i);
      f.ts_event = f.ts_recv = t.hdr.ts_recv;
      ev.emplace_back(f);
    }
  }
  ev.emplace_back(std::make_shared<const engine::ControlCommand>(
      engine::ControlCommand{"api:alice", "halt", "{}", core::Timestamp{60'000'000'000}}));
  return ev;
}

TEST(KernelJournal, EveryInboundEventIsJournaledBeforeDispatchAndReplaysIdentically) {
  TempDir tmp("kernel");
  JournalConfig cfg;
  cfg.dir = tmp / "journal";
  std::vector<std::string> live_log;
  {
    auto j = Journal::open(cfg);
    ASSERT_TRUE(j);
    JournalObserver obs(**j);
    core::SimClock clock;
    engine::Kernel k(clock);
    auto rec = std::make_shared<Recorder>();
    // A subscriber that checks the event is already in the journal when it is dispatched.
    std::uint64_t seen_before_dispatch = 0;
    k.add_observer(&obs);
    k.add_component(rec);
    k.start();
    k.bus().subscribe_all<model::Trade>([&](const model::Trade&) {
      if ((*j)->last_seq() == obs.last_seq() && obs.last_seq() > 0) ++seen_before_dispatch;
    });
    for (const auto& e : session_events())
      k.dispatch(e);
    EXPECT_EQ(seen_before_dispatch, 50u);
    EXPECT_TRUE(obs.status());
    live_log = rec->log;
    k.stop();
  }
  // Replay into a fresh kernel.
  core::SimClock clock;
  engine::Kernel k(clock);
  auto rec = std::make_shared<Recorder>();
  k.add_component(rec);
  k.start();
  auto report = read_journal(cfg.dir, {}, [&](const RecordView& r) -> core::Status {
    auto e = decode_event(r);
    if (!e) return std::unexpected(e.error());
    k.dispatch(*e);
    return core::ok();
  });
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(report->records, session_events().size());
  EXPECT_EQ(rec->log, live_log);
  k.stop();
}

TEST(KernelJournal, IntentJournalIsDurableOnReturn) {
  TempDir tmp("kernel");
  JournalConfig cfg;
  cfg.dir = tmp / "journal";
  cfg.policy = WritePolicy::kGroupCommit;
  cfg.group_commit_interval = std::chrono::milliseconds(1000);
  auto j = Journal::open(cfg);
  ASSERT_TRUE(j);
  JournalIntentJournal ij(**j);
  model::OrderIntent oi{};
  EXPECT_FALSE(ij.append_durable(oi));  // no client order id
  oi.client_order_id = "zd-7";
  ASSERT_TRUE(ij.append_durable(oi));
  EXPECT_EQ((*j)->durable_seq(), ij.last_seq());
  std::string coid;
  ASSERT_TRUE(read_journal(cfg.dir, {}, [&](const RecordView& r) -> core::Status {
    auto v = decode_record<OrderIntentRecord>(r);
    if (!v) return std::unexpected(v.error());
    coid = v->intent.client_order_id.str();
    return core::ok();
  }));
  EXPECT_EQ(coid, "zd-7");
}

}  // namespace
}  // namespace zerodte::store
