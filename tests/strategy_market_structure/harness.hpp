#pragma once
// Scenario harness for the market-structure strategies: a SimClock kernel running the real
// StrategyHost with a RecordingGateway (approves and records every intent) and a
// MemoryDecisionSink, a registry with the underlyings and their options, and helpers to script
// bars, option quotes, depth, imbalances and fills at exchange-local times.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "zerodte/engine/kernel.hpp"
#include "zerodte/model/occ_symbol.hpp"
#include "zerodte/strategy/registry.hpp"
#include "zerodte/strategy/strategy_host.hpp"

namespace zerodte::strategy::ms_test {

inline core::Price px(double v) {
  return *core::Price::from_double(v);
}

struct Harness {
  const core::TradingCalendar& cal = core::TradingCalendar::nyse();
  core::Date day;
  core::SimClock clock;
  engine::Kernel kernel;
  model::InstrumentRegistry reg;
  RecordingGateway gw;
  MemoryDecisionSink sink;
  std::shared_ptr<StrategyHost> host;
  Strategy* strategy = nullptr;
  std::uint16_t strategy_id = 7;

  explicit Harness(core::Date d, core::TimeOfDay start = {9, 30, 0})
      : day(d), clock(core::TradingCalendar::nyse().to_utc(d, start)), kernel(clock) {
    host = std::make_shared<StrategyHost>(reg, gw, StrategyHostConfig{.sink = &sink});
  }
  ~Harness() { kernel.stop(); }

  core::Timestamp at(int h, int m, int s = 0) const { return cal.to_utc(day, {h, m, s}); }
  core::Timestamp at(core::Date d, int h, int m, int s = 0) const {
    return cal.to_utc(d, {h, m, s});
  }

  // Builds `type` from the registry with `overrides` and starts the kernel.
  // `state`: a snapshot() to restore first (restart).
  void start(std::string_view type, const core::config::ConfigTable& overrides = {},
             std::string_view state = {}) {
    auto s = global_registry().create(type, overrides);
    ASSERT_TRUE(s.has_value()) << s.error().message;
    strategy = s->get();
    ASSERT_TRUE(host->add(std::string(type), core::StrategyId{strategy_id}, std::move(*s)));
    if (!state.empty()) {
      ASSERT_TRUE(host->restore_state(type, state).has_value());
    }
    kernel.add_component(host);
    kernel.start();
  }

  // Advances the clock to `t`, firing the timers due on the way.
  void advance(core::Timestamp t) {
    struct Empty final : engine::EventSource {
      std::optional<engine::Event> next() override { return std::nullopt; }
    } empty;
    if (t <= clock.now()) return;  // never backwards
    kernel.run_simulation(empty, clock, t);
    clock.set(t);
  }

  void bar(core::InstrumentId id, core::Timestamp open, double o, double h, double l, double c,
           std::int64_t volume = 10'000, int interval_s = 60) {
    model::Bar b;
    b.hdr.instrument = id;
    b.hdr.ts_event = open;
    b.interval_s = interval_s;
    b.hdr.ts_recv = b.close_time();
    b.open = px(o);
    b.high = px(h);
    b.low = px(l);
    b.close = px(c);
    b.volume = volume;
    advance(b.close_time());
    kernel.dispatch(engine::Event{b});
  }
  void flat_bar(core::InstrumentId id, core::Timestamp open, double c) {
    bar(id, open, c, c, c, c);
  }

  core::InstrumentId option(std::string_view root, core::Date expiry, model::OptionRight right,
                            double strike) {
    model::OccSymbol occ;
    occ.root = core::FixedString<6>(root);
    occ.expiry = expiry;
    occ.right = right;
    occ.strike = px(strike);
    auto id = reg.intern_option(occ);
    EXPECT_TRUE(id.has_value());
    return *id;
  }

  struct OptQ {
    double bid = 0, ask = 0, delta = 0, gamma = 0, theta = -0.1, iv = 0.15;
    std::int64_t oi = 5000, volume = 500;
    double underlying = 0;
  };
  void option_quote(core::InstrumentId id, const OptQ& q) {
    model::OptionQuote o;
    o.hdr.instrument = id;
    o.hdr.ts_event = o.hdr.ts_recv = clock.now();
    o.bid = px(q.bid);
    o.ask = px(q.ask);
    o.last = px(q.bid);
    o.bid_size = o.ask_size = 10;
    o.volume = q.volume;
    o.open_interest = q.oi;
    if (q.underlying > 0) o.underlying_price = px(q.underlying);
    o.has_greeks = true;
    o.greeks.iv = q.iv;
    o.greeks.delta = q.delta;
    o.greeks.gamma = q.gamma;
    o.greeks.theta = q.theta;
    kernel.dispatch(engine::Event{o});
  }
  void quote(core::InstrumentId id, double bid, double ask) {
    model::Quote q;
    q.hdr.instrument = id;
    q.hdr.ts_event = q.hdr.ts_recv = clock.now();
    q.bid = px(bid);
    q.ask = px(ask);
    q.bid_size = q.ask_size = 100;
    kernel.dispatch(engine::Event{q});
  }

  // Client order id the RecordingGateway gave intent `i` (0-based).
  core::ClientOrderId order_id(std::size_t i) const {
    return core::ClientOrderId(fmt::format("t{}-{}", strategy_id, i + 1));
  }
  // Fills every leg of intent `i` at `leg_prices` (one per leg) for its full quantity.
  void fill(std::size_t i, std::initializer_list<double> leg_prices) {
    const auto& in = gw.intents.at(i);
    std::size_t k = 0;
    for (double p : leg_prices) {
      const auto& leg = in.legs.at(k);
      model::Fill f;
      f.client_order_id = order_id(i);
      f.exec_id = core::FixedString<48>(fmt::format("x{}-{}", i, k));
      f.instrument = leg.instrument;
      f.leg_index = static_cast<std::uint8_t>(k);
      f.side = leg.side;
      f.quantity = core::Quantity{in.quantity.value * leg.ratio};
      f.price = px(p);
      f.ts_event = f.ts_recv = clock.now();
      kernel.dispatch(engine::Event{f});
      ++k;
    }
    model::OrderUpdate u;
    u.client_order_id = order_id(i);
    u.status = model::OrderStatus::kFilled;
    u.filled_qty = in.quantity;
    u.ts_event = u.ts_recv = clock.now();
    kernel.dispatch(engine::Event{u});
  }

  [[nodiscard]] std::size_t suppressions(std::string_view reason) const {
    std::size_t n = 0;
    for (const auto& s : sink.suppressions)
      n += s.reason == reason;
    return n;
  }
  [[nodiscard]] std::string last_suppression() const {
    return sink.suppressions.empty()
               ? std::string("(none)")
               : sink.suppressions.back().reason + ": " + sink.suppressions.back().detail;
  }
};

}  // namespace zerodte::strategy::ms_test
