#include "zerodte/execution/order_path_benchmark.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <numeric>
#include <string>
#include <vector>

#include "zerodte/core/clock.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/execution/intent_journal.hpp"
#include "zerodte/execution/order_manager.hpp"
#include "zerodte/execution/venue_request.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::execution {
namespace {

// An ExecutionClient whose submit ends at the serialized request (what an adapter hands to its
// I/O thread).
class SerializingClient final : public ExecutionClient {
 public:
  explicit SerializingClient(SymbolLookup symbols) : symbols_(std::move(symbols)) {}
  std::string_view venue_name() const override { return "bench"; }
  const BrokerCapabilities& capabilities() const override { return caps_; }
  core::Result<SubmitAck> submit(const model::OrderIntent& order) override {
    auto n = write_order_json(order, symbols_, buffer_);
    if (!n) return std::unexpected(n.error());
    last_size_ = *n;
    return SubmitAck{core::VenueOrderId{}, model::OrderStatus::kPendingNew};
  }
  core::Result<SubmitAck> modify(const ModifyRequest&) override {
    return core::fail(core::ErrorCode::kUnsupported, "bench client");
  }
  core::Status cancel(const core::ClientOrderId&, const core::VenueOrderId&) override {
    return core::ok();
  }
  core::Result<std::vector<VenueOrderState>> open_orders() override { return {}; }
  core::Result<VenueOrderState> query_order(const core::ClientOrderId& id) override {
    return core::fail(core::ErrorCode::kNotFound, "bench client: {}", id.view());
  }
  core::Result<std::vector<model::Fill>> fills_since(core::Timestamp) override { return {}; }
  core::Result<std::vector<PositionSnapshot>> positions() override { return {}; }
  core::Result<AccountSnapshot> account() override { return AccountSnapshot{}; }
  [[nodiscard]] std::size_t last_size() const { return last_size_; }

 private:
  BrokerCapabilities caps_ = BrokerCapabilities::alpaca();
  SymbolLookup symbols_;
  std::array<char, 2048> buffer_{};
  std::size_t last_size_ = 0;
};

// Stand-in for the risk engine's pre-trade check.
struct PreTradeLimits {
  std::int64_t max_quantity = 100;
  core::Price max_premium = core::Price::from_units(50'000);
  bool approve(const model::OrderIntent& in) const {
    if (in.quantity.value > max_quantity) return false;
    if (in.limit_price.is_defined()) {
      const __int128 premium =
          static_cast<__int128>(in.limit_price.raw()) * in.quantity.value * 100;
      const __int128 cap = max_premium.raw();
      if (premium > cap || -premium > cap) return false;
    }
    return true;
  }
};

double percentile_us(std::vector<std::int64_t>& ns, double q) {
  const auto k = static_cast<std::size_t>(q * static_cast<double>(ns.size() - 1));
  std::nth_element(ns.begin(), ns.begin() + static_cast<std::ptrdiff_t>(k), ns.end());
  return static_cast<double>(ns[k]) / 1000.0;
}

}  // namespace

OrderPathBenchResult bench_order_path(std::size_t orders, std::size_t legs) {
  model::InstrumentRegistry reg;
  const std::array<std::string_view, 4> occ = {"SPY251121P00650000", "SPY251121P00645000",
                                               "SPY251121C00670000", "SPY251121C00675000"};
  std::array<core::InstrumentId, 4> ids{};
  std::array<std::string, 4> symbols;
  for (std::size_t i = 0; i < 4; ++i) {
    ids[i] = *reg.intern_option(occ[i]);
    symbols[i] = std::string(occ[i]);
  }
  SymbolLookup lookup = [&](core::InstrumentId id) -> std::string_view {
    for (std::size_t i = 0; i < 4; ++i) {
      if (ids[i] == id) return symbols[i];
    }
    return {};
  };
  SerializingClient client(lookup);
  InMemoryIntentJournal journal;
  core::SimClock clock(core::Timestamp::from_seconds(1'763'737'200));  // 2025-11-21 15:00 UTC
  engine::Kernel kernel(clock, engine::KernelConfig{1u << 10});
  OrderManagerConfig cfg;
  cfg.log = [](std::string_view) {};
  auto om = std::make_shared<OrderManager>(
      client, journal, [&reg](core::InstrumentId id) { return &reg.get(id).tick_rule; }, cfg);
  kernel.add_component(om);
  kernel.start();
  const PreTradeLimits limits;

  model::OrderIntent base;
  base.strategy = core::StrategyId{1};
  base.type = model::OrderType::kLimit;
  base.stop_price = core::Price::undefined();
  base.quantity = core::Quantity{1};
  if (legs == 4) {
    base.order_class = model::OrderClass::kMultiLeg;
    base.legs[0] = {ids[0], model::Side::kSell, 1};
    base.legs[1] = {ids[1], model::Side::kBuy, 1};
    base.legs[2] = {ids[2], model::Side::kSell, 1};
    base.legs[3] = {ids[3], model::Side::kBuy, 1};
    base.leg_count = 4;
    base.limit_price = *core::Price::parse("-1.25");
  } else {
    base.legs[0] = {ids[2], model::Side::kBuy, 1};
    base.leg_count = 1;
    base.limit_price = *core::Price::parse("1.37");
  }

  const std::size_t warmup = std::min<std::size_t>(orders / 10, 2000);
  std::vector<std::int64_t> ns;
  ns.reserve(orders);
  std::size_t accepted = 0;
  for (std::size_t i = 0; i < warmup + orders; ++i) {
    model::OrderIntent in = base;
    in.signal_id = i + 1;
    const auto t0 = std::chrono::steady_clock::now();
    if (limits.approve(in) && om->submit(in)) ++accepted;
    const auto t1 = std::chrono::steady_clock::now();
    if (i >= warmup)
      ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
  }
  OrderPathBenchResult r;
  r.shape = legs == 4 ? "4-leg iron condor" : "single-leg limit";
  r.orders = ns.size();
  r.mean_us = static_cast<double>(std::accumulate(ns.begin(), ns.end(), std::int64_t{0})) /
              static_cast<double>(ns.size()) / 1000.0;
  r.max_us = static_cast<double>(*std::max_element(ns.begin(), ns.end())) / 1000.0;
  r.p50_us = percentile_us(ns, 0.50);
  r.p99_us = percentile_us(ns, 0.99);
  r.p999_us = percentile_us(ns, 0.999);
  r.request_bytes = accepted == warmup + orders ? client.last_size() : 0;
  return r;
}

}  // namespace zerodte::execution
