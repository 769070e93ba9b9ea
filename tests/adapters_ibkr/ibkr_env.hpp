#pragma once
// A kernel + order manager + IbkrClient connected to a FakeTws on loopback. The test thread is
// the kernel thread: pump() drains the inbox while the client's I/O thread talks to the fake.
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "fake_tws.hpp"
#include "zerodte/adapters/ibkr/ibkr_client.hpp"
#include "zerodte/core/calendar.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/execution/intent_journal.hpp"
#include "zerodte/execution/order_manager.hpp"

namespace zerodte::adapters::ibkr::testing {

inline core::Price px(std::string_view s) {
  return *core::Price::parse(s);
}

inline IbkrConfig test_config(int port) {
  IbkrConfig c;
  c.port = port;
  c.client_id = 17;
  c.connect_timeout = std::chrono::seconds(3);
  c.request_timeout = std::chrono::seconds(2);
  c.heartbeat_interval = std::chrono::seconds(30);
  c.reconnect_base = std::chrono::milliseconds(5);
  c.reconnect_cap = std::chrono::milliseconds(40);
  c.commission_wait = std::chrono::milliseconds(200);
  c.pacing_per_second = 2000;  // tests send bursts; pacing has its own tests
  c.pacing_burst = 200;
  return c;
}

struct Env {
  model::InstrumentRegistry reg;
  core::SimClock clock{core::TradingCalendar::nyse().to_utc({2025, 11, 21}, {10, 0, 0})};
  engine::Kernel kernel{clock, engine::KernelConfig{1u << 12}};
  FakeTws fake;
  std::unique_ptr<IbkrClient> client;
  execution::InMemoryIntentJournal journal;
  std::shared_ptr<execution::OrderManager> om;
  std::vector<model::FeedStatus> feeds;
  std::vector<model::Fill> fills;
  std::vector<model::OrderUpdate> updates;
  std::vector<std::string> log;

  explicit Env(std::function<void(IbkrConfig&)> tweak = {}) {
    IbkrConfig cfg = test_config(fake.port());
    if (tweak) tweak(cfg);
    client = std::make_unique<IbkrClient>(cfg, reg, kernel.inbox());
    execution::OrderManagerConfig oc;
    oc.retry.max_attempts = 1;
    oc.log = [this](std::string_view m) { log.emplace_back(m); };
    om = std::make_shared<execution::OrderManager>(
        *client, journal,
        [this](core::InstrumentId id) -> const model::TickRule* {
          const auto* i = reg.try_get(id);
          return i ? &i->tick_rule : nullptr;
        },
        oc);
    kernel.bus().subscribe_all<model::FeedStatus>(
        [this](const model::FeedStatus& f) { feeds.push_back(f); });
    kernel.bus().subscribe_all<model::Fill>([this](const model::Fill& f) { fills.push_back(f); });
    kernel.bus().subscribe_all<model::OrderUpdate>(
        [this](const model::OrderUpdate& u) { updates.push_back(u); });
    kernel.add_component(om);
    kernel.start();
  }
  ~Env() {
    client->stop();
    kernel.stop();
  }

  bool pump_until(const std::function<bool()>& pred, int timeout_ms = 2000) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < end) {
      kernel.poll_once();
      if (pred()) return true;
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    kernel.poll_once();
    return pred();
  }
  void pump_for(int ms) {
    pump_until([] { return false; }, ms);
  }

  core::InstrumentId option(std::string_view occ) { return *reg.intern_option(occ); }

  model::OrderIntent single(core::InstrumentId id, model::Side side, std::int64_t qty,
                            std::string_view limit, std::uint64_t signal) {
    model::OrderIntent in;
    in.strategy = core::StrategyId{3};
    in.signal_id = signal;
    in.legs[0] = model::OrderLeg{id, side, 1, model::PositionIntent::kAuto};
    in.leg_count = 1;
    in.quantity = core::Quantity{qty};
    in.type = model::OrderType::kLimit;
    in.limit_price = px(limit);
    in.stop_price = core::Price::undefined();
    return in;
  }

  model::OrderStatus status(const core::ClientOrderId& id) const {
    const auto* r = om->find(id);
    return r ? r->status : model::OrderStatus::kPendingNew;
  }
  bool has_feed(model::FeedState s) const {
    for (const auto& f : feeds) {
      if (f.state == s) return true;
    }
    return false;
  }
};

}  // namespace zerodte::adapters::ibkr::testing
