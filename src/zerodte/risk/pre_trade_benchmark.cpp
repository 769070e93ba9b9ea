#include "zerodte/risk/pre_trade_benchmark.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "zerodte/risk/pre_trade_checks.hpp"

namespace zerodte::risk {

PreTradeBenchResult bench_pre_trade(std::uint64_t n, int legs) {
  static const core::TradingCalendar cal = core::TradingCalendar::nyse();
  model::InstrumentRegistry reg;
  portfolio::Portfolio pf(reg, core::Price::from_units(1'000'000));
  MarketCache mkt;
  const core::Date day{2025, 11, 21};
  const core::Timestamp now = cal.to_utc(day, {11, 0, 0});
  pf.start_day(day);
  auto opt = [&](const char* occ) { return *reg.intern_option(occ); };
  auto quote = [&](core::InstrumentId id, std::int64_t bid_c, std::int64_t ask_c, double delta) {
    mkt.on_quote(id, core::Price::from_cents(bid_c), core::Price::from_cents(ask_c), now);
    pf.on_quote(id, core::Price::from_cents(bid_c), core::Price::from_cents(ask_c));
    const portfolio::UnitGreeks g{delta, 0.02, -0.3, 0.1};
    mkt.set_greeks(id, g);
    pf.set_unit_greeks(id, g);
  };
  const auto c660 = opt("SPY   251121C00660000");
  const auto p650 = opt("SPY   251121P00650000");
  const auto p655 = opt("SPY   251121P00655000");
  const auto c665 = opt("SPY   251121C00665000");
  const auto c670 = opt("SPY   251121C00670000");
  quote(c660, 95, 105, 0.5);
  quote(p650, 40, 50, -0.2);
  quote(p655, 90, 100, -0.35);
  quote(c665, 90, 100, 0.35);
  quote(c670, 40, 50, 0.2);
  mkt.on_quote(reg.get(c660).underlying_id, core::Price::from_cents(65999),
               core::Price::from_cents(66001), now);
  mkt.set_vix(18, now);
  // Open positions on other underlyings.
  std::uint64_t exec = 0;
  for (const char* occ : {"QQQ   251121C00600000", "IWM   251121P00240000"}) {
    const auto id = opt(occ);
    quote(id, 95, 105, 0.4);
    model::Fill f;
    f.instrument = id;
    f.side = model::Side::kBuy;
    f.quantity = core::Quantity{2};
    f.price = core::Price::from_units(1);
    f.exec_id = core::FixedString<48>(std::to_string(++exec));
    pf.apply_fill(f, core::StrategyId{2});
  }
  PreTradeLimits lim;
  lim.max_positions = 5;
  lim.max_same_direction_correlated = 5;
  lim.call_put_allowed_strategies = {1};
  PreTradeChecker chk(reg, pf, mkt, cal, lim);
  model::OrderIntent in;
  in.strategy = core::StrategyId{1};
  in.signal_id = 1;
  in.type = model::OrderType::kLimit;
  in.stop_price = core::Price::undefined();
  if (legs == 4) {
    in.order_class = model::OrderClass::kMultiLeg;
    in.leg_count = 4;
    in.legs[0] = {p655, model::Side::kSell, 1};
    in.legs[1] = {p650, model::Side::kBuy, 1};
    in.legs[2] = {c665, model::Side::kSell, 1};
    in.legs[3] = {c670, model::Side::kBuy, 1};
    in.limit_price = core::Price::from_cents(-90);
  } else {
    in.leg_count = 1;
    in.legs[0] = {c660, model::Side::kBuy, 1};
    in.limit_price = core::Price::from_cents(100);
  }
  in.quantity = core::Quantity{1};
  for (int i = 0; i < 3; ++i) {
    auto o = in;
    o.signal_id = 100 + static_cast<std::uint64_t>(i);
    chk.record_submit(o, now);
  }
  std::vector<double> ns;
  ns.reserve(n);
  PreTradeBenchResult r;
  r.shape = legs == 4 ? "iron condor (4 legs)" : "single leg";
  r.checks = n;
  for (std::uint64_t i = 0; i < n + n / 10; ++i) {  // first 10% warm up
    const auto t0 = std::chrono::steady_clock::now();
    const RiskVerdict v = chk.check(in, now, TradingState::kActive);
    const auto t1 = std::chrono::steady_clock::now();
    if (i >= n / 10) {
      ns.push_back(static_cast<double>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()));
      r.approved += v.approved() ? 1 : 0;
    }
  }
  std::sort(ns.begin(), ns.end());
  auto q = [&](double p) {
    return ns[std::min(ns.size() - 1, static_cast<std::size_t>(p * ns.size()))];
  };
  r.p50_ns = q(0.50);
  r.p99_ns = q(0.99);
  r.p999_ns = q(0.999);
  r.max_ns = ns.back();
  double sum = 0;
  for (double x : ns)
    sum += x;
  r.mean_ns = sum / static_cast<double>(ns.size());
  return r;
}

}  // namespace zerodte::risk
