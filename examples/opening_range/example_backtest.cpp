#include "example_backtest.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <unordered_map>

#include "opening_range.hpp"
#include "zerodte/data/sim/market_simulator.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/strategy/strategy_host.hpp"

namespace example {

namespace zs = zerodte::strategy;
namespace core = zerodte::core;
namespace model = zerodte::model;

namespace {

// Approves every intent and fills each leg at once at its latest mid (or the limit for a single
// leg), through the kernel so the fills arrive like a venue's.
class ImmediateFillGateway final : public zs::OrderGateway {
 public:
  explicit ImmediateFillGateway(zerodte::engine::Kernel& k) : kernel_(k) {
    k.bus().subscribe_all<model::OptionQuote>([this](const model::OptionQuote& q) {
      if (q.bid.is_defined() && q.ask.is_defined()) {
        mids_[q.hdr.instrument.value] = (q.bid.to_double() + q.ask.to_double()) / 2;
      }
    });
  }
  zerodte::risk::RiskVerdict submit(const model::OrderIntent& in) override {
    zerodte::risk::RiskVerdict v;
    v.strategy = in.strategy;
    v.signal_id = in.signal_id;
    v.client_order_id = core::ClientOrderId(fmt::format("x{}-{}", in.strategy.value, ++n_));
    for (std::uint8_t i = 0; i < in.leg_count; ++i) {
      model::Fill f;
      f.client_order_id = v.client_order_id;
      f.exec_id = core::FixedString<48>(fmt::format("e{}-{}", n_, i));
      f.instrument = in.legs[i].instrument;
      f.leg_index = i;
      f.side = in.legs[i].side;
      f.quantity = core::Quantity{in.quantity.value * in.legs[i].ratio};
      const double mid = mids_.count(f.instrument.value) ? mids_[f.instrument.value] : 0.0;
      f.price = in.leg_count == 1 ? in.limit_price : *core::Price::from_double(mid);
      f.ts_event = f.ts_recv = kernel_.now();
      kernel_.post_at(kernel_.now(), zerodte::engine::Event{f});
    }
    ++orders;
    return v;
  }
  core::Status cancel(core::StrategyId, const core::ClientOrderId&) override { return core::ok(); }
  std::size_t orders = 0;

 private:
  zerodte::engine::Kernel& kernel_;
  std::unordered_map<std::uint32_t, double> mids_;
  std::uint64_t n_ = 0;
};

}  // namespace

BacktestSummary run_backtest(const BacktestOptions& o) {
  model::InstrumentRegistry registry;
  zerodte::data::sim::SimConfig cfg;
  cfg.date = o.date;
  cfg.seed = o.seed;
  cfg.underlyings.resize(1);  // SPY only
  cfg.daily_expiry_count = 1;
  cfg.max_dte = 1;
  if (o.light) {
    cfg.underlyings[0].quote_rate = 1;
    cfg.underlyings[0].trade_rate = 1;
    cfg.option_quote_interval_s = 60;
  }
  cfg.start = o.start;
  cfg.end = o.end;
  auto sim = zerodte::data::sim::MarketSimulator::create(cfg, registry);
  if (!sim) throw std::runtime_error(sim.error().to_string());

  core::SimClock clock((*sim)->start_time());
  zerodte::engine::Kernel kernel(clock, zerodte::engine::KernelConfig{.inbox_capacity = 1024});
  ImmediateFillGateway gateway(kernel);
  zs::MemoryDecisionSink sink;
  auto host =
      std::make_shared<zs::StrategyHost>(registry, gateway, zs::StrategyHostConfig{.sink = &sink});
  zs::StrategyRegistry strategies;
  if (auto st = register_opening_range(strategies); !st) {
    throw std::runtime_error(st.error().to_string());
  }
  auto strategy = strategies.create("opening_range");
  if (!strategy) throw std::runtime_error(strategy.error().to_string());
  if (auto st = host->add("opening_range", core::StrategyId{1}, std::move(*strategy)); !st) {
    throw std::runtime_error(st.error().to_string());
  }
  std::uint64_t bars = 0;
  kernel.bus().subscribe_all<model::Bar>([&bars](const model::Bar&) { ++bars; });
  kernel.add_component(host);
  kernel.start();
  kernel.run_simulation(**sim, clock, (*sim)->end_time());
  kernel.stop();

  BacktestSummary out;
  out.events = kernel.stats().events_dispatched;
  out.bars = bars;
  out.orders = gateway.orders;
  out.fills = host->stats().fills;
  for (const auto& s : sink.signals)
    out.decisions.push_back(zs::explanation_json(s));
  for (const auto& s : sink.suppressions)
    out.decisions.push_back(zs::explanation_json(s));
  return out;
}

}  // namespace example
