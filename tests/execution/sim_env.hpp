#pragma once
// A kernel with a simulated venue and an order manager, on 2025-11-21 (a regular Friday, the
// November monthly expiry) unless told otherwise. Times are given in New York local time.
#include <memory>
#include <vector>

#include "zerodte/core/calendar.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/execution/intent_journal.hpp"
#include "zerodte/execution/order_manager.hpp"
#include "zerodte/execution/sim/sim_venue.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::execution::testing {

inline core::Price px(std::string_view s) {
  return *core::Price::parse(s);
}

struct SimEnv {
  static constexpr core::Date kDay{2025, 11, 21};

  model::InstrumentRegistry reg;
  core::SimClock clock;
  engine::Kernel kernel{clock, engine::KernelConfig{1u << 10}};  // a small inbox: fast set-up
  InMemoryIntentJournal journal;
  std::shared_ptr<sim::SimVenue> venue;
  std::shared_ptr<OrderManager> om;
  std::vector<std::string> log;

  explicit SimEnv(sim::SimVenueConfig cfg = {}, core::Date day = kDay,
                  core::TimeOfDay start = {10, 0, 0}, OrderManagerConfig om_cfg = {}) {
    clock.set(et(day, start));
    venue = std::make_shared<sim::SimVenue>(reg, core::TradingCalendar::nyse(), std::move(cfg));
    om_cfg.log = [this](std::string_view m) { log.emplace_back(m); };
    om = make_om(om_cfg);
    kernel.add_component(venue);
    kernel.add_component(om);
    kernel.start();
  }

  std::shared_ptr<OrderManager> make_om(OrderManagerConfig c) {
    if (!c.log) c.log = [this](std::string_view m) { log.emplace_back(m); };
    return std::make_shared<OrderManager>(
        *venue, journal,
        [this](core::InstrumentId id) -> const model::TickRule* {
          const auto* i = reg.try_get(id);
          return i ? &i->tick_rule : nullptr;
        },
        std::move(c));
  }

  static core::Timestamp et(core::Date d, core::TimeOfDay t) {
    return core::TradingCalendar::nyse().to_utc(d, t);
  }
  core::Timestamp at(core::TimeOfDay t) const {
    return et(core::TradingCalendar::nyse().local_date(clock.now()), t);
  }

  core::InstrumentId option(std::string_view occ) { return *reg.intern_option(occ); }
  core::InstrumentId underlying(core::InstrumentId opt) { return reg.get(opt).underlying_id; }

  static engine::Event quote(core::InstrumentId id, core::Timestamp t, std::string_view bid,
                             std::string_view ask, std::int64_t bid_size = 10,
                             std::int64_t ask_size = 10) {
    model::OptionQuote q;
    q.hdr.instrument = id;
    q.hdr.ts_event = t;
    q.hdr.ts_recv = t;
    q.bid = bid.empty() ? core::Price::undefined() : px(bid);
    q.ask = ask.empty() ? core::Price::undefined() : px(ask);
    q.bid_size = bid_size;
    q.ask_size = ask_size;
    return q;
  }

  // Runs the kernel over `events` (time ordered) and then up to `end`.
  void run(std::vector<engine::Event> events, core::Timestamp end) {
    engine::VectorEventSource src(std::move(events));
    kernel.run_simulation(src, clock, end);
  }
  void run_until(core::Timestamp end) { run({}, end); }

  static model::OrderIntent single(core::InstrumentId id, model::Side side, std::int64_t qty,
                                   model::OrderType type, core::Price limit, std::uint64_t signal,
                                   std::uint32_t seq = 0) {
    model::OrderIntent in;
    in.strategy = core::StrategyId{3};
    in.signal_id = signal;
    in.intent_seq = seq;
    in.legs[0] = model::OrderLeg{id, side, 1, model::PositionIntent::kAuto};
    in.leg_count = 1;
    in.quantity = core::Quantity{qty};
    in.type = type;
    in.limit_price = type == model::OrderType::kMarket ? core::Price::undefined() : limit;
    in.stop_price = core::Price::undefined();
    return in;
  }
};

}  // namespace zerodte::execution::testing
