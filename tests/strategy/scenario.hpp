#pragma once
// A scripted kernel for strategy scenario tests: SimClock + Kernel + InstrumentRegistry +
// StrategyHost with a RecordingGateway (approves and records every intent) and a memory sink.
// Events are dispatched at exchange-local times of one trading day.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "zerodte/engine/kernel.hpp"
#include "zerodte/strategy/registry.hpp"
#include "zerodte/strategy/strategy_host.hpp"

namespace zerodte::strategy::testing {

struct Scenario {
  explicit Scenario(core::Date day, core::Market market = core::Market::kNyse,
                    StrategyHostConfig extra = {})
      : cal(core::TradingCalendar::for_market(market)),
        day(day),
        clock(cal.to_utc(day, {9, 0, 0})),
        kernel(clock, engine::KernelConfig{.inbox_capacity = 1024}) {
    extra.sink = &sink;
    host = std::make_shared<StrategyHost>(reg, gw, extra);
  }
  // A portfolio the strategies can read (before start()).
  portfolio::Portfolio& use_portfolio() {
    pf = std::make_unique<portfolio::Portfolio>(reg, core::Price::from_units(100'000));
    host = std::make_shared<StrategyHost>(reg, gw,
                                          StrategyHostConfig{.sink = &sink, .portfolio = pf.get()});
    return *pf;
  }
  void start_kernel() {
    kernel.add_component(host);
    kernel.start();
  }
  ~Scenario() { kernel.stop(); }

  // Creates `type` from the global registry with `overrides` and starts the kernel.
  Strategy* start(std::string_view type, const core::config::ConfigTable& overrides = {}) {
    auto s = global_registry().create(type, overrides);
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
    if (!s) return nullptr;
    Strategy* raw = s->get();
    EXPECT_TRUE(host->add(std::string(type), core::StrategyId{1}, std::move(*s)).has_value());
    start_kernel();
    return raw;
  }

  core::Timestamp at(core::TimeOfDay t) const { return cal.to_utc(day, t); }
  core::Timestamp at(core::Date d, core::TimeOfDay t) const { return cal.to_utc(d, t); }
  void set_time(core::Timestamp t) { clock.set(t); }
  void dispatch_at(core::Timestamp t, engine::Event e) {
    clock.set(t);
    kernel.dispatch(e);
  }
  // Fires timers up to `t` (exchange-local) on this day.
  void run_until(core::TimeOfDay t) {
    struct Empty final : engine::EventSource {
      std::optional<engine::Event> next() override { return std::nullopt; }
    } empty;
    kernel.run_simulation(empty, clock, at(t));
  }

  model::Bar bar(core::InstrumentId id, core::Timestamp open, int interval_s, double o, double h,
                 double l, double c, std::int64_t volume = 1000) const {
    model::Bar b;
    b.hdr.instrument = id;
    b.hdr.ts_event = open;
    b.hdr.ts_recv = open + core::Duration{std::int64_t{interval_s} * core::kNanosPerSecond};
    b.interval_s = interval_s;
    b.open = *core::Price::from_double(o);
    b.high = *core::Price::from_double(h);
    b.low = *core::Price::from_double(l);
    b.close = *core::Price::from_double(c);
    b.volume = volume;
    return b;
  }
  // A one-minute bar dispatched at its close.
  void minute(core::InstrumentId id, core::TimeOfDay open, double close, std::int64_t volume = 1000,
              std::optional<double> high = {}, std::optional<double> low = {}) {
    const auto t = at(open);
    const auto b = bar(id, t, 60, close, high.value_or(close), low.value_or(close), close, volume);
    dispatch_at(b.close_time(), engine::Event{b});
  }
  void option_quote(core::InstrumentId id, double bid, double ask, double theta = -0.20,
                    std::int64_t oi = 5000, std::int64_t volume = 500, double delta = 0.5) {
    model::OptionQuote q;
    q.hdr.instrument = id;
    q.hdr.ts_event = clock.now();
    q.hdr.ts_recv = clock.now();
    q.bid = *core::Price::from_double(bid);
    q.ask = *core::Price::from_double(ask);
    q.last = q.bid;
    q.bid_size = 10;
    q.ask_size = 10;
    q.volume = volume;
    q.open_interest = oi;
    q.has_greeks = true;
    q.greeks.delta = delta;
    q.greeks.theta = theta;
    kernel.dispatch(engine::Event{q});
  }
  void fill(const model::OrderIntent& in, const core::ClientOrderId& id, double price,
            std::int64_t qty = -1) {
    model::Fill f;
    f.client_order_id = id;
    f.exec_id = core::FixedString<48>(fmt::format("x{}", ++exec_seq));
    f.instrument = in.legs[0].instrument;
    f.side = in.legs[0].side;
    f.quantity = core::Quantity{qty < 0 ? in.quantity.value : qty};
    f.price = *core::Price::from_double(price);
    f.ts_event = clock.now();
    f.ts_recv = clock.now();
    kernel.dispatch(engine::Event{f});
    model::OrderUpdate u;
    u.client_order_id = id;
    u.status = model::OrderStatus::kFilled;
    u.ts_event = clock.now();
    kernel.dispatch(engine::Event{u});
  }
  // The client order id the RecordingGateway gave intent number n (1-based).
  static core::ClientOrderId cid(std::size_t n) {
    return core::ClientOrderId(fmt::format("t1-{}", n));
  }

  const core::TradingCalendar& cal;
  core::Date day;
  core::SimClock clock;
  engine::Kernel kernel;
  model::InstrumentRegistry reg;
  RecordingGateway gw;
  MemoryDecisionSink sink;
  std::unique_ptr<portfolio::Portfolio> pf;
  std::shared_ptr<StrategyHost> host;
  int exec_seq = 0;
};

inline core::Price px(double v) {
  return *core::Price::from_double(v);
}

}  // namespace zerodte::strategy::testing
