#pragma once
// The Tradier adapter wired as in a live session, against FakeTradier: a kernel on a simulated
// clock, the order manager, ReconcileOnReconnect on the adapter's feed, the stream thread.
// pump_until() runs the kernel (inbox + due timers) until a condition holds (wall-clock bound).
#include <chrono>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "adapters_tradier/fake_tradier.hpp"
#include "zerodte/adapters/tradier/tradier_broker.hpp"
#include "zerodte/core/calendar.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/execution/intent_journal.hpp"
#include "zerodte/execution/order_manager.hpp"
#include "zerodte/execution/reconcile_on_reconnect.hpp"

namespace zerodte::adapters::tradier::testing {

struct TradierEnv {
  FakeTradier fake;
  model::InstrumentRegistry reg;
  core::SimClock clock;
  engine::Kernel kernel{clock, engine::KernelConfig{1u << 10}};
  execution::InMemoryIntentJournal journal;
  std::unique_ptr<TradierBroker> broker;
  std::shared_ptr<execution::OrderManager> om;
  std::shared_ptr<execution::ReconcileOnReconnect> reconcile;
  std::vector<model::FeedStatus> statuses;
  std::vector<execution::ExecutionAlert> alerts;
  std::uint64_t signal = 0;

  explicit TradierEnv(std::function<void(TradierBrokerConfig&)> tweak = {}) {
    clock.set(core::TradingCalendar::nyse().to_utc(core::Date{2025, 11, 21}, {10, 0, 0}));
    TradierBrokerConfig cfg;
    cfg.rest_url = fake.rest_url();
    cfg.account_id = kAccount;
    cfg.token = kToken;
    cfg.request_timeout = std::chrono::seconds(2);
    cfg.connect_timeout = std::chrono::seconds(2);
    cfg.reconnect_base = std::chrono::milliseconds(20);
    cfg.reconnect_cap = std::chrono::milliseconds(100);
    if (tweak) tweak(cfg);
    broker = std::make_unique<TradierBroker>(cfg, reg, clock, kernel.inbox());
    execution::OrderManagerConfig oc;
    oc.fill_timeout = core::Duration{0};
    oc.log = [](std::string_view) {};
    om = std::make_shared<execution::OrderManager>(
        *broker, journal,
        [this](core::InstrumentId id) -> const model::TickRule* {
          const auto* i = reg.try_get(id);
          return i ? &i->tick_rule : nullptr;
        },
        oc);
    reconcile = std::make_shared<execution::ReconcileOnReconnect>(*om, cfg.feed_name);
    kernel.add_component(om);
    kernel.add_component(reconcile);
    kernel.bus().subscribe_all<model::FeedStatus>(
        [this](const model::FeedStatus& s) { statuses.push_back(s); });
    kernel.bus().subscribe_all<execution::ExecutionAlert>(
        [this](const execution::ExecutionAlert& a) { alerts.push_back(a); });
    kernel.start();
    broker->start();
  }
  ~TradierEnv() {
    broker->stop();
    kernel.stop();
  }

  bool pump_until(const std::function<bool()>& done,
                  std::chrono::milliseconds limit = std::chrono::milliseconds(3000)) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      kernel.poll_once();
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    kernel.poll_once();
    return done();
  }
  bool wait_ready() {
    return pump_until([this] { return broker->stream_ready() && fake.stream_listening(); });
  }
  void advance(core::Duration d) {
    clock.set(clock.now() + d);
    kernel.poll_once();
  }

  core::InstrumentId option(std::string_view occ) { return *reg.intern_option(occ); }

  model::OrderIntent intent(core::InstrumentId inst, model::Side side, std::int64_t qty,
                            std::string_view limit) {
    model::OrderIntent o;
    o.strategy = core::StrategyId{1};
    o.signal_id = ++signal;
    o.legs[0].instrument = inst;
    o.legs[0].side = side;
    o.legs[0].intent = side == model::Side::kBuy ? model::PositionIntent::kBuyToOpen
                                                 : model::PositionIntent::kSellToOpen;
    o.quantity = core::Quantity{qty};
    o.type = model::OrderType::kLimit;
    o.limit_price = *core::Price::parse(limit);
    o.ts_created = clock.now();
    return o;
  }

  model::OrderStatus status(const core::ClientOrderId& id) const {
    const auto* r = om->find(id);
    return r ? r->status : model::OrderStatus::kPendingNew;
  }
  std::int64_t position(core::InstrumentId id) const {
    auto it = om->executed_positions().find(id);
    return it == om->executed_positions().end() ? 0 : it->second;
  }
  std::size_t alerts_of(execution::AlertKind k) const {
    std::size_t n = 0;
    for (const auto& a : om->alerts())
      n += a.kind == k ? 1 : 0;
    return n;
  }
};

}  // namespace zerodte::adapters::tradier::testing
