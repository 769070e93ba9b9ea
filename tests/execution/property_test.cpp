// Properties over random inputs (seeded): the state machine is never bypassed, duplicate fills
// never change a position, and the simulated venue is deterministic.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "sim_env.hpp"
#include "zerodte/execution/order_state.hpp"

namespace zerodte::execution {
namespace {

using model::OrderStatus;
using model::OrderType;
using model::Side;
using std::chrono::milliseconds;
using testing::px;
using testing::SimEnv;

TEST(ExecutionProperties, RandomReportsNeverBypassTheStateMachine) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    SimEnv env;
    const auto id = env.option("SPY251121C00660000");
    std::mt19937_64 rng(seed);
    std::size_t applied = 0;
    std::size_t refused = 0;
    for (int n = 0; n < 100; ++n) {
      auto r = env.om->submit(
          SimEnv::single(id, Side::kBuy, 5, OrderType::kLimit, px("0.50"), 1000 + n));
      ASSERT_TRUE(r);
      for (int k = 0; k < 12; ++k) {
        const OrderStatus before = env.om->find(*r)->status;
        const std::size_t alerts_before = env.om->alerts().size();
        model::OrderUpdate u;
        u.client_order_id = *r;
        u.status = all_order_statuses()[rng() % kOrderStatusCount];
        env.kernel.dispatch(u);
        const OrderStatus after = env.om->find(*r)->status;
        if (after != before) {
          EXPECT_TRUE(is_legal_transition(before, after));
          ++applied;
        } else if (!is_duplicate_status(before, u.status) &&
                   !is_legal_transition(before, u.status)) {
          EXPECT_GT(env.om->alerts().size(), alerts_before) << "refused without an alert";
          ++refused;
        }
      }
    }
    EXPECT_GT(applied, 50u);
    EXPECT_GT(refused, 100u);
  }
}

TEST(ExecutionProperties, DuplicateFillsNeverChangeAPosition) {
  SimEnv env;
  const auto a = env.option("SPY251121C00660000");
  const auto b = env.option("SPY251121P00650000");
  std::mt19937_64 rng(7);
  std::map<std::string, model::Fill> unique;
  for (int n = 0; n < 2000; ++n) {
    model::Fill f;
    f.exec_id = fmt::format("e{}", rng() % 300);  // many repeats
    auto it = unique.find(f.exec_id.str());
    if (it != unique.end()) {
      f = it->second;  // a re-delivery of the same execution
    } else {
      f.instrument = rng() % 2 ? a : b;
      f.side = rng() % 2 ? Side::kBuy : Side::kSell;
      f.quantity = core::Quantity{static_cast<std::int64_t>(1 + rng() % 5)};
      f.price = px("1");
      unique.emplace(f.exec_id.str(), f);
    }
    env.kernel.dispatch(f);
  }
  std::map<core::InstrumentId, std::int64_t> expected;
  for (const auto& [k, f] : unique) {
    expected[f.instrument] += f.side == Side::kSell ? -f.quantity.value : f.quantity.value;
  }
  for (const auto& [inst, q] : expected)
    EXPECT_EQ(env.om->executed_positions().at(inst), q);
}

std::vector<std::string> run_session(std::uint64_t seed) {
  sim::SimVenueConfig cfg;
  cfg.fill_model = sim::FillModel::size_aware();
  cfg.order_entry_latency = milliseconds(3);
  cfg.report_latency = milliseconds(2);
  SimEnv env(cfg);
  const auto id = env.option("SPY251121C00660000");
  std::mt19937_64 rng(seed);
  const auto t0 = env.clock.now();
  std::int64_t mid_cents = 200;
  for (int step = 0; step < 300; ++step) {
    const auto t = t0 + milliseconds(10 * (step + 1));
    mid_cents = std::max<std::int64_t>(20, mid_cents + static_cast<std::int64_t>(rng() % 5) - 2);
    const auto bid = core::Price::from_cents(mid_cents - 1);
    const auto ask = core::Price::from_cents(mid_cents + 1);
    model::OptionQuote q;
    q.hdr.instrument = id;
    q.hdr.ts_event = q.hdr.ts_recv = t;
    q.bid = bid;
    q.ask = ask;
    q.bid_size = 1 + static_cast<std::int64_t>(rng() % 8);
    q.ask_size = 1 + static_cast<std::int64_t>(rng() % 8);
    env.run({q}, t);
    if (rng() % 4 == 0) {
      const bool buy = rng() % 2 == 0 || env.venue->position(id) < 5;
      const auto limit = core::Price::from_cents(
          mid_cents + (buy ? 1 : -1) * static_cast<std::int64_t>(rng() % 3));
      (void)env.om->submit(SimEnv::single(
          id, buy ? Side::kBuy : Side::kSell, 1 + static_cast<std::int64_t>(rng() % 4),
          OrderType::kLimit, limit, static_cast<std::uint64_t>(step)));
    }
  }
  env.run_until(t0 + milliseconds(4000));
  std::vector<std::string> out;
  for (const auto& f : env.venue->fill_log()) {
    out.push_back(fmt::format("{} {} {} {} {} {}", f.exec_id.view(), f.client_order_id.view(),
                              f.quantity.value, f.price, f.fee, f.ts_event.ns));
  }
  for (const auto* r : env.om->orders()) {
    out.push_back(
        fmt::format("{} {} {}", r->id().view(), model::to_string(r->status), r->filled().value));
  }
  return out;
}

TEST(ExecutionProperties, SimulatedSessionIsDeterministic) {
  const auto a = run_session(11);
  const auto b = run_session(11);
  EXPECT_GT(a.size(), 20u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, run_session(12));
}

}  // namespace
}  // namespace zerodte::execution
