// Property: with random intents against random portfolio states, every order the venue side
// receives is within every limit (checked here independently of the checker's code), and while
// the state is REDUCING every order received reduces exposure (counting the reducing orders
// already sent as filled), never flips a position, and nothing is received while HALTED.
#include <random>

#include "risk_fixture.hpp"
#include "zerodte/risk/risk_engine.hpp"

namespace zerodte::risk::testing {
namespace {

class RecordingPort final : public ExecutionPort {
 public:
  core::Result<core::ClientOrderId> submit(const model::OrderIntent& in) override {
    sent.push_back(in);
    return core::ClientOrderId(fmt::format("P{}", sent.size()));
  }
  core::Status cancel(const core::ClientOrderId&) override { return {}; }
  std::vector<core::ClientOrderId> working_orders() const override { return {}; }
  std::vector<model::OrderIntent> sent;
};

TEST(RiskProperty, VenueOnlySeesOrdersWithinEveryLimit) {
  std::mt19937_64 rng(20251121);
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  int received = 0, reducing_received = 0, halted_trials = 0;
  for (int trial = 0; trial < 150; ++trial) {
    CheckerEnv e;
    std::vector<core::InstrumentId> ids = {e.spy_call, e.spy_put, e.opt("QQQ   251121C00600000"),
                                           e.opt("IWM   251121P00240000")};
    RecordingPort port;
    RiskEngineConfig cfg;
    e.lim.max_positions_per_underlying = 2;
    cfg.limits.pre = e.lim;
    cfg.exits_enabled = false;
    RiskEngine eng(e.reg, e.cal, e.pf, port, cfg);
    eng.on_quote(e.spy, px("659.99"), px("660.01"), e.now);  // engine clock = 11:00
    std::vector<double> mids;
    for (auto id : ids) {
      const double mid = std::round(uni(0.3, 4.0) * 100) / 100;
      const auto bid =
          core::Price::from_cents(static_cast<std::int64_t>(std::round(mid * 100)) - 2);
      const auto ask =
          core::Price::from_cents(static_cast<std::int64_t>(std::round(mid * 100)) + 2);
      eng.on_quote(id, bid, ask, e.now);
      eng.market().set_greeks(id, {uni(-0.6, 0.6), uni(0, 0.08), -uni(0, 1.5), 0.1});
      mids.push_back(mid);
      if (pick(2) == 0) e.hold(id, pick(2) ? 1 + pick(5) : -(1 + pick(5)), "1.00");
    }
    eng.set_vix(uni(12, 35), e.now);
    const int mode = pick(3);  // 0 active, 1 reducing, 2 halted
    if (mode == 1) eng.set_hold("test", TradingState::kReducing, "test", "property");
    if (mode == 2) eng.set_hold("test", TradingState::kHalted, "test", "property");
    halted_trials += mode == 2;
    std::map<std::uint32_t, std::int64_t> eff;  // position + reducing orders sent
    for (auto id : ids)
      eff[id.value] = e.pf.net_quantity(id);
    for (int k = 0; k < 20; ++k) {
      const int li = pick(static_cast<int>(ids.size()));
      const auto side = pick(2) ? model::Side::kBuy : model::Side::kSell;
      const std::int64_t qty = 1 + pick(8);
      const double lim = std::max(0.01, mids[li] * uni(0.6, 1.4));
      const std::string limit = fmt::format("{:.2f}", lim);
      auto in = e.buy(ids[li], qty, limit, side);
      const std::size_t before = port.sent.size();
      const auto v = eng.submit(in);
      EXPECT_EQ(v.approved(), port.sent.size() == before + 1) << v.details.view();
      if (port.sent.size() == before) continue;
      ++received;
      const auto& o = port.sent.back();
      const double m = mids[li];
      const double p = o.limit_price.to_double();
      const auto& L = e.lim;
      EXPECT_NE(mode, 2) << "order received while HALTED";
      EXPECT_LE(o.quantity.value, L.max_contracts_per_order);
      EXPECT_LE(std::abs(p - m), L.price_band_pct / 100 * m + 1e-9) << p << " vs " << m;
      EXPECT_LE(p * static_cast<double>(o.quantity.value) * 100, L.max_notional + 1e-6);
      EXPECT_TRUE(o.limit_price.is_multiple_of(core::Price::from_cents(1)));
      const double far = side == model::Side::kBuy ? m + 0.02 : m - 0.02;
      EXPECT_LE((side == model::Side::kBuy ? 1 : -1) * (p - far),
                L.fat_finger_pct / 100 * m + 1e-9);
      const std::int64_t q = (side == model::Side::kBuy ? 1 : -1) * o.quantity.value;
      auto& pos = eff[ids[li].value];
      if (!v.reducing) {
        EXPECT_LT(*eng.market().vix(), L.vix_max);
      }
      if (mode == 1) {
        ++reducing_received;
        EXPECT_TRUE(v.reducing);
        EXPECT_NE(pos, 0);
        EXPECT_LE(std::abs(pos + q), std::abs(pos)) << "exposure increased";
        EXPECT_TRUE(pos + q == 0 || (pos + q > 0) == (pos > 0)) << "position flipped";
      }
      if (v.reducing) pos += q;
    }
  }
  EXPECT_GT(received, 100);
  EXPECT_GT(reducing_received, 5);
  EXPECT_GT(halted_trials, 10);
}

}  // namespace
}  // namespace zerodte::risk::testing
