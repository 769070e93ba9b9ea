// Parity: the same strategy through the backtest driver and through the wiring `zerodte run` uses
// (journal on, persistent trading state, replay paced against a clock) gives the same orders and
// the same fills.
#include <gtest/gtest.h>
#include <unistd.h>

#include "backtest/backtest_fixture.hpp"
#include "zerodte/store/journal.hpp"

namespace zerodte::testing {
namespace {

namespace fs = std::filesystem;

// A wall clock for pacing that moves only when the feed sleeps (so the test takes no time).
class FakeWall final : public core::Clock {
 public:
  [[nodiscard]] core::Timestamp now() const override { return t_; }
  [[nodiscard]] bool is_simulated() const override { return true; }
  void sleep(core::Duration d) {
    t_ = t_ + d;
    slept_ += d;
  }
  core::Duration slept_{0};

 private:
  core::Timestamp t_{1'700'000'000'000'000'000};
};

struct OrderKey {
  std::string id;
  std::string status;
  std::int64_t filled;
  bool operator==(const OrderKey&) const = default;
};

struct FillKey {
  std::uint32_t instrument;
  model::Side side;
  std::int64_t qty;
  std::int64_t price;
  std::int64_t ts;
  std::string order;
  bool operator==(const FillKey&) const = default;
};

std::vector<FillKey> fills_of(const execution::sim::SimVenue& v) {
  std::vector<FillKey> out;
  for (const auto& f : v.fill_log())
    out.push_back({f.instrument.value, f.side, f.quantity.value, f.price.raw(), f.ts_event.ns,
                   f.client_order_id.str()});
  return out;
}

std::vector<OrderKey> orders_of(const execution::OrderManager& om) {
  std::vector<OrderKey> out;
  for (const auto* r : om.orders())
    out.push_back({r->id().str(), std::string(model::to_string(r->status)), r->filled().value});
  return out;
}

TEST(Parity, BacktestDriverAndRunWiringGiveTheSameOrdersAndFills) {
  const core::Date day{2024, 8, 27};
  ProbeConfig pc;
  pc.every_n_bars = 12;
  pc.hold_bars = 5;

  auto make_spec = [&] {
    auto spec = bar_spec(day, day);
    spec.risk_exits = true;  // risk's own exits are part of what must match
    return spec;
  };
  // 1. The backtest driver.
  auto bt = run_probe(make_spec(), pc);

  // 2. The `zerodte run` wiring: journal, trading state in a file, paced replay.
  const fs::path dir = temp_dir("parity");
  auto spec = make_spec();
  spec.journal_dir = dir / "journal";
  spec.journal_group_commit = true;
  spec.trading_state_file = dir / "trading_state.tsv";
  spec.data.speed = 1000;
  FakeWall wall;
  session::SessionHooks hooks;
  hooks.pacing_clock = &wall;
  hooks.sleeper = [&wall](core::Duration d) { wall.sleep(d); };
  auto live = session::TradingSession::create(std::move(spec), std::move(hooks));
  ASSERT_TRUE(live.has_value()) << live.error().to_string();
  auto& s = **live;
  auto probe = std::make_shared<ProbeStrategy>(s.registry(), s.calendar(), pc);
  s.add_component(probe);
  ASSERT_TRUE(s.run().has_value());
  EXPECT_GT(wall.slept_.count(), 0) << "the run wiring was not paced";
  ASSERT_NE(s.journal(), nullptr);
  EXPECT_EQ(s.journal()->last_seq(), s.events() + s.orders().orders().size() +
                                         s.risk().verdicts().size() + s.risk().events().size())
      << "every inbound event, every intent and every risk verdict and event is journaled";

  const auto bt_orders = orders_of(bt.result.session->orders());
  const auto live_orders = orders_of(s.orders());
  ASSERT_GE(bt_orders.size(), 6u);
  EXPECT_EQ(bt_orders, live_orders);
  const auto bt_fills = fills_of(bt.result.session->venue());
  ASSERT_GE(bt_fills.size(), 6u);
  EXPECT_EQ(bt_fills, fills_of(s.venue()));
  EXPECT_EQ(bt.result.session->portfolio().snapshot().equity, s.portfolio().snapshot().equity);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace zerodte::testing
