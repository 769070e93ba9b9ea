#pragma once
// Test helpers for end-to-end runs over real bars: a gateway that approves every intent and fills
// it leg by leg at the touch (buy at the ask, sell at the bid; equities at the last bar close)
// one millisecond later through the kernel, and a reader for ../shared/data/bars files.
#include <map>
#include <string>
#include <vector>

#include "harness.hpp"
#include "zerodte/analytics/bar_csv.hpp"

namespace zerodte::strategy::ms_test {

// Approves every intent and fills it leg by leg at the touch, one millisecond later.
class FillingGateway final : public OrderGateway, public engine::EventObserver {
 public:
  engine::Kernel* kernel = nullptr;
  const core::Clock* clock = nullptr;
  std::vector<model::OrderIntent> intents;
  std::vector<core::Timestamp> times;
  std::map<std::uint32_t, std::pair<core::Price, core::Price>> touch;  // bid, ask

  void on_inbound(const engine::Event& e) override {
    if (const auto* q = std::get_if<model::OptionQuote>(&e))
      touch[q->hdr.instrument.value] = {q->bid, q->ask};
  }
  risk::RiskVerdict submit(const model::OrderIntent& in) override {
    intents.push_back(in);
    times.push_back(clock->now());
    risk::RiskVerdict v;
    v.status = risk::VerdictStatus::kApproved;
    v.strategy = in.strategy;
    v.signal_id = in.signal_id;
    v.client_order_id =
        core::ClientOrderId(fmt::format("t{}-{}", in.strategy.value, intents.size()));
    const auto at = clock->now() + std::chrono::milliseconds(1);
    for (std::size_t k = 0; k < in.leg_count; ++k) {
      const auto& leg = in.legs[k];
      const auto& [bid, ask] = touch[leg.instrument.value];
      model::Fill f;
      f.client_order_id = v.client_order_id;
      f.exec_id = core::FixedString<48>(fmt::format("f{}-{}", intents.size(), k));
      f.instrument = leg.instrument;
      f.leg_index = static_cast<std::uint8_t>(k);
      f.side = leg.side;
      f.quantity = core::Quantity{in.quantity.value * leg.ratio};
      f.price = leg.side == model::Side::kBuy ? ask : bid;
      f.ts_event = f.ts_recv = at;
      kernel->post_at(at, engine::Event{f});
    }
    model::OrderUpdate u;
    u.client_order_id = v.client_order_id;
    u.status = model::OrderStatus::kFilled;
    u.filled_qty = in.quantity;
    u.ts_event = u.ts_recv = at;
    kernel->post_at(at, engine::Event{u});
    return v;
  }
  core::Status cancel(core::StrategyId, const core::ClientOrderId&) override { return core::ok(); }
};

inline std::vector<model::Bar> read(const std::string& file, core::InstrumentId id) {
  analytics::BarCsvOptions o;
  o.instrument = id;
  auto s =
      analytics::read_bar_csv(std::string(ZERODTE_SHARED_DATA) + "/bars/intraday-1m/" + file, o);
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
  return s ? s->bars : std::vector<model::Bar>{};
}

}  // namespace zerodte::strategy::ms_test
